#include "storage/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <chrono>
#include <thread>

namespace reel {

class SqliteCursor final : public SqlCursor {
 public:
  SqliteCursor(sqlite3_stmt* stmt, const SqliteDb* db) : stmt_(stmt), db_(db) {}
  ~SqliteCursor() override { sqlite3_finalize(stmt_); }

  void BindInt(int i, int64_t v) override { sqlite3_bind_int64(stmt_, i, v); }
  void BindDouble(int i, double v) override { sqlite3_bind_double(stmt_, i, v); }
  void BindText(int i, std::string_view v) override {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindNull(int i) override { sqlite3_bind_null(stmt_, i); }
  bool Step(Status& status) override {
    // SQLite runs a finished statement again when stepped once more (it resets
    // itself): a "step to the end" after the last row must not re-execute it.
    if (done_) return false;
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    done_ = true;
    if (rc != SQLITE_DONE) status = db_->LastError(sqlite3_sql(stmt_));
    return false;
  }
  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (!p) return {};
    return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  int ColumnCount() const override { return sqlite3_column_count(stmt_); }
  std::string ColumnName(int col) const override { return sqlite3_column_name(stmt_, col); }
  SqlType Type(int col) const override {
    switch (sqlite3_column_type(stmt_, col)) {
      case SQLITE_NULL: return SqlType::kNull;
      case SQLITE_INTEGER: return SqlType::kInteger;
      case SQLITE_FLOAT: return SqlType::kReal;
      default: return SqlType::kText;
    }
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    done_ = false;
  }

 private:
  sqlite3_stmt* stmt_;
  bool done_ = false;
  const SqliteDb* db_;
};

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Unavailable("cannot open SQLite database '" + path + "': " + msg);
  }
  std::unique_ptr<SqliteDb> out(new SqliteDb(db));
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 1);
  // WAL lets readers run beside one writer; NORMAL sync is durable across
  // application crashes and loses at most the last commits on power loss.
  REEL_TRY(out->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
      "PRAGMA temp_store=MEMORY;"));
  return out;
}

SqliteDb::~SqliteDb() {
  cache_.clear();  // Finalises every statement before the connection closes.
  sqlite3_close_v2(db_);
}

Status SqliteDb::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    Status st = LastError(err ? err : "exec");
    sqlite3_free(err);
    return st;
  }
  return Status::Ok();
}

Result<SqlStmt> SqliteDb::Prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end()) return SqlStmt(it->second.get());
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    return Internal("bad SQL (" + std::string(sqlite3_errmsg(db_)) + "): " + std::string(sql));
  }
  auto cursor = std::make_unique<SqliteCursor>(stmt, this);
  SqlCursor* raw = cursor.get();
  cache_.emplace(std::string(sql), std::move(cursor));
  return SqlStmt(raw);
}

Status SqliteDb::CopyIn(std::string_view table, const std::vector<std::string>& columns,
                        const std::vector<CopyRow>& rows) {
  std::string sql = "INSERT INTO " + QuotedName(table) + " (";
  for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + QuotedName(columns[i]);
  sql += ") VALUES (";
  for (size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
  sql += ")";
  REEL_ASSIGN_OR_RETURN(auto q, Prepare(sql));
  for (const CopyRow& row : rows) {
    if (row.size() != columns.size()) {
      return InvalidArgument("a row of " + std::to_string(row.size()) + " values for " +
                             std::to_string(columns.size()) + " columns of " + std::string(table));
    }
    for (size_t i = 0; i < row.size(); ++i) {
      const int at = static_cast<int>(i) + 1;
      if (row[i]) q.Bind(at, *row[i]); else q.BindNull(at);
    }
    REEL_TRY(q.Run());
    q.Reset();
  }
  return Status::Ok();
}

Result<bool> SqliteDb::WaitForChange(int timeout_ms) {
  auto version = [this]() -> Result<int64_t> {
    REEL_ASSIGN_OR_RETURN(auto q, Prepare("PRAGMA data_version"));
    if (!q.Step()) return q.status().ok() ? Internal("PRAGMA data_version returned nothing") : q.status();
    const int64_t v = q.Int(0);
    REEL_TRY(q.Run());
    return v;
  };
  // The first call only takes the baseline, and reports a change: whatever was
  // committed before it is not known to have been seen.
  const bool first = data_version_ < 0;
  if (!first) std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));
  REEL_ASSIGN_OR_RETURN(auto v, version());
  const bool changed = first || v != data_version_;
  data_version_ = v;
  return changed;
}

Status SqliteDb::LastError(std::string_view context) const {
  const int code = sqlite3_extended_errcode(db_);
  std::string msg = sqlite3_errmsg(db_);
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return AlreadyExists(msg);
      }
      return InvalidArgument(msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable("database is busy: " + msg);
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
      return Unavailable(msg);
    default:
      return Internal(msg + " (in: " + std::string(context.substr(0, 120)) + ")");
  }
}

}  // namespace reel
