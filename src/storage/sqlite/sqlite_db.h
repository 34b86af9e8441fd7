// The SQLite driver of SqlDb (storage/sql_db.h): one connection over the SQLite C
// API with its cache of prepared statements.
//
// A SqliteDb belongs to one thread at a time (the store's pool hands it out).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sql_db.h"

struct sqlite3;

namespace reel {

using SqliteStmt = SqlStmt;

class SqliteCursor;

class SqliteDb final : public SqlDb {
 public:
  // Opens (creating if needed) the database file with WAL and foreign keys on.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path);
  ~SqliteDb() override;

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }
  Status Exec(std::string_view sql) override;
  Result<SqlStmt> Prepare(std::string_view sql) override;
  Status BeginWrite() override { return Exec("BEGIN IMMEDIATE"); }
  Status Lock(LockSpace, int64_t) override { return Status::Ok(); }  // One writer at a time already.
  // One prepared INSERT per row: in a transaction SQLite appends as fast as a bulk
  // path would.
  Status CopyIn(std::string_view table, const std::vector<std::string>& columns,
                const std::vector<CopyRow>& rows) override;
  // Sleeps, then compares PRAGMA data_version with its last value.
  Result<bool> WaitForChange(int timeout_ms) override;

  // Maps the connection's last error to a Status ("UNIQUE constraint failed: ...").
  Status LastError(std::string_view context) const;

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<SqlCursor>> cache_;
  int64_t data_version_ = -1;
};

}  // namespace reel
