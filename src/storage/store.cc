#include "storage/store.h"

#include "storage/postgres/pg_db.h"
#include "storage/sql_store.h"
#include "storage/sqlite/sqlite_db.h"

namespace reel {

Result<std::unique_ptr<Store>> Store::Open(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  std::string_view u = url;
  SqlStore::Connect connect;
  if (u.starts_with("postgresql://") || u.starts_with("postgres://")) {
    connect = [url]() -> Result<std::unique_ptr<SqlDb>> {
      REEL_ASSIGN_OR_RETURN(auto db, PgDb::Open(url));
      return std::unique_ptr<SqlDb>(std::move(db));
    };
  } else {
    if (u.starts_with(kSqlite)) u.remove_prefix(kSqlite.size());
    if (u.empty()) return InvalidArgument("--db: empty path in '" + url + "'");
    connect = [path = std::string(u)]() -> Result<std::unique_ptr<SqlDb>> {
      REEL_ASSIGN_OR_RETURN(auto db, SqliteDb::Open(path));
      return std::unique_ptr<SqlDb>(std::move(db));
    };
  }
  REEL_ASSIGN_OR_RETURN(auto store, SqlStore::Open(std::move(connect)));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace reel
