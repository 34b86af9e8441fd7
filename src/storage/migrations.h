// The schema migrations compiled into the binary, in order.
//
// Each file src/storage/migrations/NNNN_name.sql is one migration; its number is
// its version. Stores apply the ones above their `schema_version` at open, each in
// its own transaction. Pure data; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "storage/sql_db.h"

namespace reel {

struct Migration {
  int version = 0;
  std::string name;      // "0001_schema.sql".
  std::string_view sql;
};

// All migrations, by version; an error if two share a number or a name is malformed.
Result<std::vector<Migration>> LoadMigrations();

// The migration files are written once, in the SQL both databases share plus
// SQLite's types; this rewrites the types for `dialect`: for PostgreSQL an
// "id INTEGER PRIMARY KEY" becomes a BIGINT identity, other INTEGERs BIGINT and REAL
// DOUBLE PRECISION. SQLite gets the text unchanged.
std::string MigrationSqlFor(std::string_view sql, SqlDialect dialect);

}  // namespace reel
