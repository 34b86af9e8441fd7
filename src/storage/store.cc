#include "storage/store.h"

#include "storage/sqlite/sqlite_store.h"

namespace reel {

Result<std::unique_ptr<Store>> Store::Open(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  std::string_view u = url;
  if (u.starts_with("postgresql://") || u.starts_with("postgres://")) {
    return Unavailable("PostgreSQL stores are not built yet (issue: PostgreSQL store); use sqlite:PATH");
  }
  if (u.starts_with(kSqlite)) u.remove_prefix(kSqlite.size());
  if (u.empty()) return InvalidArgument("--db: empty path in '" + url + "'");
  auto store = SqliteStore::Open(std::string(u));
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace reel
