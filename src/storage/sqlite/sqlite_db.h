// Thin RAII wrappers over the SQLite C API: one connection with its cache of
// prepared statements, and a statement cursor that binds, steps and reads columns.
//
// A SqliteDb belongs to one thread at a time (SqliteStore's pool hands it out);
// statements are prepared once per connection and reset after each use.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace reel {

class SqliteDb;

// A prepared statement in use. Binding positions start at 1, columns at 0. Reset
// and unbound on destruction, ready for the next use.
class SqliteStmt {
 public:
  SqliteStmt(sqlite3_stmt* stmt, SqliteDb* db) : stmt_(stmt), db_(db) {}
  SqliteStmt(SqliteStmt&& o) noexcept : stmt_(o.stmt_), db_(o.db_) { o.stmt_ = nullptr; }
  SqliteStmt(const SqliteStmt&) = delete;
  SqliteStmt& operator=(const SqliteStmt&) = delete;
  ~SqliteStmt();

  SqliteStmt& Bind(int i, int64_t v);
  SqliteStmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  SqliteStmt& Bind(int i, double v);
  SqliteStmt& Bind(int i, std::string_view v);
  SqliteStmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  SqliteStmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  SqliteStmt& BindNull(int i);
  // Binds NULL for 0 (ids) or an empty string, the value otherwise.
  SqliteStmt& BindIdOrNull(int i, int64_t id);
  SqliteStmt& BindTextOrNull(int i, std::string_view v);
  template <typename T>
  SqliteStmt& Bind(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }

  // Steps once: true with a row, false when done; a failure is returned as Status
  // through `status` (and Step returns false).
  bool Step();
  // Steps to the end; the status of the run.
  Status Run();
  // Makes the statement ready to bind and run again.
  void Reset();
  const Status& status() const { return status_; }

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::optional<double> OptDouble(int col) const;

 private:
  sqlite3_stmt* stmt_;
  SqliteDb* db_;
  Status status_;
};

class SqliteDb {
 public:
  // Opens (creating if needed) the database file with WAL and foreign keys on.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path);
  ~SqliteDb();

  // Runs one or more statements with no parameters (migrations, BEGIN, COMMIT).
  Status Exec(std::string_view sql);
  // The cached prepared statement for `sql`, or an Internal status for bad SQL.
  Result<SqliteStmt> Prepare(std::string_view sql);
  int64_t LastInsertRowId() const;
  int Changes() const;
  // Maps the connection's last error to a Status ("UNIQUE constraint failed: ...").
  Status LastError(std::string_view context) const;
  sqlite3* raw() { return db_; }

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace reel
