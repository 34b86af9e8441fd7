// SqlDb and SqlStmt: the small driver interface the SQL store is written against,
// so that one implementation of every query serves SQLite (sqlite/sqlite_db.h) and
// PostgreSQL (postgres/pg_db.h).
//
// Queries use '?' placeholders and the SQL both dialects share; a driver rewrites
// what it must (PostgreSQL: '?' -> $n). Values are bound by position (from 1) and
// read by column (from 0). A SqlDb is one connection: it belongs to one thread at a
// time (the store's pool hands it out) and caches its prepared statements.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace reel {

enum class SqlDialect { kSqlite, kPostgres };

// What a transaction-scoped lock serialises.
enum class LockSpace {
  kTitleWrites = 1,  // Writes of one title's reviews and ratings (key: title id).
  kMigrations = 2,   // Applying migrations (key: 0).
  kJobs = 3,         // A periodic job, so one server runs it (key: job number).
  kPosters = 4,      // One author's new comments (key: user id; a guest address's hash, negated).
};

// The type of a value read from a row.
enum class SqlType { kNull, kInteger, kReal, kText };

// The driver's side of one prepared statement. Owned by its connection's cache.
class SqlCursor {
 public:
  virtual ~SqlCursor() = default;
  virtual void BindInt(int i, int64_t v) = 0;
  virtual void BindDouble(int i, double v) = 0;
  virtual void BindText(int i, std::string_view v) = 0;
  virtual void BindNull(int i) = 0;
  // Executes on the first call; then moves to the next row. False when done or on
  // failure (then `status` is set), and false again on every later call until Reset:
  // a statement never runs twice by being stepped past its end.
  virtual bool Step(Status& status) = 0;
  virtual bool IsNull(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  // Columns of the current result, their names and the type of a value.
  virtual int ColumnCount() const = 0;
  virtual std::string ColumnName(int col) const = 0;
  virtual SqlType Type(int col) const = 0;
  // Clears results and bindings, ready for the next use.
  virtual void Reset() = 0;
};

// A prepared statement in use; resets its cursor when it goes out of scope.
class SqlStmt {
 public:
  explicit SqlStmt(SqlCursor* cursor) : c_(cursor) {}
  SqlStmt(SqlStmt&& o) noexcept : c_(o.c_), status_(std::move(o.status_)) { o.c_ = nullptr; }
  SqlStmt(const SqlStmt&) = delete;
  SqlStmt& operator=(const SqlStmt&) = delete;
  ~SqlStmt() {
    if (c_) c_->Reset();
  }

  SqlStmt& Bind(int i, int64_t v) { c_->BindInt(i, v); return *this; }
  SqlStmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  SqlStmt& Bind(int i, double v) { c_->BindDouble(i, v); return *this; }
  SqlStmt& Bind(int i, std::string_view v) { c_->BindText(i, v); return *this; }
  SqlStmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  SqlStmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  SqlStmt& BindNull(int i) { c_->BindNull(i); return *this; }
  // NULL for 0 (ids) or an empty string, the value otherwise.
  SqlStmt& BindIdOrNull(int i, int64_t id) { return id == 0 ? BindNull(i) : Bind(i, id); }
  SqlStmt& BindTextOrNull(int i, std::string_view v) { return v.empty() ? BindNull(i) : Bind(i, v); }
  template <typename T>
  SqlStmt& Bind(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }

  // True with a row; false when done or failed (see status()).
  bool Step() { return c_->Step(status_); }
  // Steps to the end; the status of the run.
  Status Run() {
    while (Step()) {
    }
    return status_;
  }
  const Status& status() const { return status_; }
  // Ready to bind and run again.
  void Reset() {
    c_->Reset();
    status_ = Status::Ok();
  }

  bool IsNull(int col) const { return c_->IsNull(col); }
  int64_t Int(int col) const { return c_->Int(col); }
  double Double(int col) const { return c_->Double(col); }
  std::string Text(int col) const { return c_->Text(col); }
  int ColumnCount() const { return c_->ColumnCount(); }
  std::string ColumnName(int col) const { return c_->ColumnName(col); }
  SqlType Type(int col) const { return c_->Type(col); }
  std::optional<double> OptDouble(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<double>(Double(col));
  }

 private:
  SqlCursor* c_;
  Status status_;
};

// `name` as a quoted SQL identifier ("ratings" -> "\"ratings\""), for the table and
// column names drivers put into statements they build.
inline std::string QuotedName(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';  // A quote inside doubles.
  }
  return out + '"';
}

class SqlDb {
 public:
  virtual ~SqlDb() = default;
  virtual SqlDialect dialect() const = 0;
  // Runs statements without parameters (migrations, COMMIT).
  virtual Status Exec(std::string_view sql) = 0;
  // The cached prepared statement for `sql`.
  virtual Result<SqlStmt> Prepare(std::string_view sql) = 0;
  // Starts a transaction that will write: SQLite takes its write lock at once, so
  // writers queue instead of failing later.
  virtual Status BeginWrite() = 0;
  // Holds a lock on (space, key) until the transaction ends; other transactions
  // asking for it wait. A no-op where the whole database has one writer at a time.
  virtual Status Lock(LockSpace space, int64_t key) = 0;
  // Lock() on every key of `keys`, in ascending order so that two callers locking
  // overlapping sets cannot deadlock. PostgreSQL takes them in one statement.
  virtual Status LockAll(LockSpace space, std::vector<int64_t> keys) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (int64_t key : keys) REEL_TRY(Lock(space, key));
    return Status::Ok();
  }
  // Appends `rows` to `table` (its `columns`, in this order) in one go: PostgreSQL
  // streams them with COPY FROM STDIN, SQLite runs one prepared INSERT per row. A
  // value is text as the column would read it ("4.5", "1", any string); nullopt is
  // NULL. `table` and `columns` are the caller's identifiers, never user input.
  using CopyRow = std::vector<std::optional<std::string>>;
  virtual Status CopyIn(std::string_view table, const std::vector<std::string>& columns,
                        const std::vector<CopyRow>& rows) = 0;
  // Runs the statement `sql` `runs` times: `bind(i, stmt)` binds the values of run
  // i, then `read(i, stmt)` is called for each row run i returns. PostgreSQL sends
  // the runs in pipeline mode, a few hundred per round trip; SQLite runs them one
  // by one. Stops at the first failure (later runs do nothing).
  virtual Status RunMany(std::string_view sql, size_t runs, const std::function<void(size_t, SqlStmt&)>& bind,
                         const std::function<void(size_t, const SqlStmt&)>& read) {
    if (runs == 0) return Status::Ok();
    REEL_ASSIGN_OR_RETURN(auto q, Prepare(sql));
    for (size_t i = 0; i < runs; ++i) {
      q.Reset();
      bind(i, q);
      while (q.Step()) read(i, q);
      REEL_TRY(q.status());
    }
    return Status::Ok();
  }
  // Tells other connections, in this process or others, that this transaction
  // changes data (PostgreSQL: NOTIFY, delivered at commit). SQLite needs nothing.
  virtual Status AnnounceChange() { return Status::Ok(); }
  // For a watcher connection: waits up to `timeout_ms` and says whether any other
  // connection committed changes since the last call. The first call returns at
  // once and says true (nothing before it is known to have been seen).
  virtual Result<bool> WaitForChange(int timeout_ms) = 0;
  // False when the connection is broken and must be replaced.
  virtual bool Healthy() const { return true; }
};

}  // namespace reel
