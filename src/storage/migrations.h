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
// "id INTEGER PRIMARY KEY" (with or without AUTOINCREMENT) becomes a BIGINT
// identity, other INTEGERs BIGINT and REAL DOUBLE PRECISION. SQLite gets the text
// unchanged. A new table with an id of its own writes "id INTEGER PRIMARY KEY
// AUTOINCREMENT", so that SQLite never gives a deleted row's id to another.
std::string MigrationSqlFor(std::string_view sql, SqlDialect dialect);

// Migration 9 makes ids stable. Its SQL file holds what both databases share; the
// rest is RunMigrationStep's.
inline constexpr int kStableIdsMigration = 9;
// Migration 12 adds the search index, which RunMigrationStep builds from the data.
inline constexpr int kSearchMigration = 12;
// Migration 15 widens release_dates (precision vocabulary, no unique statement):
// its step replaces the table's constraints (see 0015_release_calendar.sql).
inline constexpr int kReleaseHistoryMigration = 15;

// Whether migration `version` must run on a connection whose foreign keys are off:
// on SQLite, migration 9 rebuilds tables, and dropping a table that other rows
// reference would otherwise delete those rows (ON DELETE CASCADE) or fail. The
// caller turns them off before the migration's transaction (SQLite ignores the
// pragma inside one) and on again after it.
bool MigrationRebuildsTables(int version, SqlDialect dialect);

// The part of migration `version` that its SQL file cannot express for both
// databases, run right after the file in the same transaction; nothing for most.
// Migration 9 on SQLite rebuilds every table with an id of its own as AUTOINCREMENT
// (same columns in the same order, same rows, same indexes), and comments without
// ON DELETE CASCADE on parent_id, then refuses to finish if any row references a
// missing one (PRAGMA foreign_key_check); on PostgreSQL it only replaces the
// parent_id constraint. A table whose definition is not as expected is an error
// that leaves the database as it was.
Status RunMigrationStep(SqlDb& db, int version);

}  // namespace reel
