// SqlStore::Export and SqlStore::Import: the reel-json dump of a whole store.
//
// {"format": "reel-json", "schema_version": N, "tables": {"titles": [{"id": 1, ...}, ...], ...},
//  "last_ids": {"titles": 7, ...}}
// Tables appear in an order where every row's references come before it; within a
// table rows are ordered by their key. Values keep their types (integer, real with
// 17 significant digits, text, null). last_ids gives, for each table with ids the
// database generates, the largest id it ever gave (0: none), which may belong to a
// row deleted since: the store a dump is imported into goes on from there, so an id
// seen on the old site never names another row on the new one.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <set>

#include "core/json_depth.h"
#include "storage/migrations.h"
#include "storage/sql/search_index.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

struct DumpTable {
  const char* name;
  const char* order;  // ORDER BY, making the dump deterministic.
  bool identity;      // Has an "id" the database generates.
};

// Parents before children. A table the schema gains must be added here: Export
// refuses a store holding a table this list does not know.
constexpr DumpTable kTables[] = {
    {"titles", "id", true},
    {"external_ids", "source, value", false},
    {"genres", "id", true},
    {"title_genres", "title_id, genre_id", false},
    {"people", "id", true},
    {"credits", "id", true},
    {"publications", "id", true},
    {"critics", "id", true},
    {"users", "id", true},
    {"tags", "id", true},
    {"critic_reviews", "id", true},
    {"ratings", "id", true},
    {"release_dates", "id", true},
    {"videos", "id", true},
    {"articles", "id", true},
    {"article_titles", "article_id, title_id", false},
    {"article_tags", "article_id, tag", false},
    {"article_people", "article_id, person_id", false},
    {"article_ratings", "id", true},
    {"author_profiles", "user_id", false},
    {"trivia", "id", true},
    {"lists", "id", true},
    {"list_entries", "id", true},
    {"comments", "id", true},
    {"title_aggregates", "title_id", false},
    {"job_runs", "job", false},
    {"sessions", "token_hash", false},
    {"person_external_ids", "source, value", false},
    {"title_external_ratings", "title_id, source", false},
    {"title_sources", "title_id", false},
    {"password_resets", "token_hash", false},
    {"outbox", "id", true},
    {"signin_failures", "key", false},
    {"verification_codes", "code_hash", false},
    {"spam_checks", "id", true},
    {"reports", "id", true},
    {"follows", "id", true},
    {"calendar_settings", "user_id", false},
    {"title_neighbours", "id", true},
    {"recommend_builds", "id", true},
};

std::string JsonString(const std::string& s) { return nlohmann::json(s).dump(); }

// The largest id `table` ever gave: SQLite keeps it in sqlite_sequence (its tables
// with ids are AUTOINCREMENT), PostgreSQL in the identity's sequence.
Result<int64_t> LastId(SqlDb& d, const std::string& table) {
  REEL_ASSIGN_OR_RETURN(auto q, d.Prepare(d.dialect() == SqlDialect::kPostgres
                         ? "SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence(?, 'id')::regclass), 0)"
                         : "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0)"));
  q.Bind(1, table);
  if (!q.Step()) return q.status().ok() ? Internal("no last id of " + table) : q.status();
  const int64_t id = q.Int(0);
  REEL_TRY(q.Run());
  return id;
}

// Moves `table`'s id generator to at least `last` (and past every id it holds).
Status SetLastId(SqlDb& d, const std::string& table, int64_t last) {
  if (d.dialect() == SqlDialect::kPostgres) {
    REEL_ASSIGN_OR_RETURN(auto q, d.Prepare(
        "SELECT setval(pg_get_serial_sequence(?, 'id'), GREATEST(COALESCE(MAX(id), 0), ?, 1), "
        "GREATEST(COALESCE(MAX(id), 0), ?) > 0) FROM " + table));
    return q.Bind(1, table).Bind(2, last).Bind(3, last).Run();
  }
  // Rows inserted with their ids moved sqlite_sequence to the largest already.
  REEL_ASSIGN_OR_RETURN(auto up, d.Prepare("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?"));
  REEL_TRY(up.Bind(1, last).Bind(2, table).Run());
  REEL_ASSIGN_OR_RETURN(auto ins, d.Prepare(
      "INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE ? > 0 AND "
      "NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)"));
  return ins.Bind(1, table).Bind(2, last).Bind(3, last).Bind(4, table).Run();
}

// The dump's last_ids and tables name only tables of this schema, in the right shapes.
Status CheckDumpTables(const nlohmann::json& last_ids, const nlohmann::json& tables) {
  if (!last_ids.is_object()) return InvalidArgument("last_ids: must be an object of table: id");
  for (const auto& [name, id] : last_ids.items()) {
    bool known = false;
    for (const auto& t : kTables) known |= t.identity && name == t.name;
    if (!known) return InvalidArgument("last_ids." + name + ": not a table with ids of this schema");
    if (!id.is_number_integer() || id.get<int64_t>() < 0) {
      return InvalidArgument("last_ids." + name + ": must be a whole number, 0 or more");
    }
  }
  for (const auto& [name, rows] : tables.items()) {
    bool known = false;
    for (const auto& t : kTables) known |= name == t.name;
    if (!known) return InvalidArgument("tables." + name + ": not a table of this schema");
    if (!rows.is_array()) return InvalidArgument("tables." + name + ": must be an array of rows");
  }
  return Status::Ok();
}

// Inserts the rows of one table of a dump, each an object of columns, with the ids
// they carry.
Status InsertDumpRows(SqlDb& d, const char* table, const nlohmann::json& rows) {
  size_t index = 0;
  for (const auto& row : rows) {
    const std::string where = std::string("tables.") + table + "[" + std::to_string(index++) + "]";
    if (!row.is_object() || row.empty()) return InvalidArgument(where + ": must be an object of columns");
    std::string cols, marks;
    for (const auto& [col, value] : row.items()) {
      for (char c : col) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) {
          return InvalidArgument(where + ": '" + col + "' is not a column name");
        }
      }
      cols += (cols.empty() ? "" : ", ") + col;
      marks += marks.empty() ? "?" : ", ?";
    }
    auto ins = d.Prepare(std::string("INSERT INTO ") + table + " (" + cols + ") VALUES (" + marks + ")");
    if (!ins.ok()) return Status(ins.status().code(), where + ": " + ins.status().message());
    int i = 1;
    for (const auto& [col, value] : row.items()) {
      if (value.is_null()) ins->BindNull(i);
      else if (value.is_number_integer()) ins->Bind(i, value.get<int64_t>());
      else if (value.is_number()) ins->Bind(i, value.get<double>());
      else if (value.is_string()) ins->Bind(i, value.get<std::string>());
      else return InvalidArgument(where + "." + col + ": must be a number, a string or null");
      ++i;
    }
    Status st = ins->Run();
    if (!st.ok()) return Status(st.code(), where + ": " + st.message());
  }
  return Status::Ok();
}

// Writes the rows of one table as a JSON array through `out`.
Status ExportTable(SqlDb& d, const DumpTable& t, const std::function<void(std::string_view)>& out) {
  REEL_ASSIGN_OR_RETURN(auto rows,
                        d.Prepare(std::string("SELECT * FROM ") + t.name + " ORDER BY " + t.order));
  bool first_row = true;
  std::string line;
  while (rows.Step()) {
    line = first_row ? "\n{" : ",\n{";
    first_row = false;
    for (int c = 0; c < rows.ColumnCount(); ++c) {
      if (c) line += ", ";
      line += JsonString(rows.ColumnName(c)) + ": ";
      switch (rows.Type(c)) {
        case SqlType::kNull: line += "null"; break;
        case SqlType::kInteger: line += std::to_string(rows.Int(c)); break;
        case SqlType::kReal: {
          char buf[40];
          std::snprintf(buf, sizeof buf, "%.17g", rows.Double(c));
          line += buf;
          // Keep it a real in JSON even when it is whole ("60" would read back as an integer).
          if (line.find_first_of(".eE", line.size() - std::char_traits<char>::length(buf)) == std::string::npos) {
            line += ".0";
          }
          break;
        }
        case SqlType::kText: line += JsonString(rows.Text(c)); break;
      }
    }
    line += "}";
    out(line);
  }
  if (!rows.status().ok()) return rows.status();
  out(first_row ? "]" : "\n]");
  return Status::Ok();
}

// Every table the store has must be known to the dump.
Status CheckTablesKnown(SqlDb& d) {
  REEL_ASSIGN_OR_RETURN(auto tables, d.Prepare(d.dialect() == SqlDialect::kPostgres
                              ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                              : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"));
  // The search index is derived: not exported, rebuilt by Import.
  std::set<std::string> known = {"schema_version", "search_docs", "search_words", "search_postings", "search_typos"};
  for (const auto& t : kTables) known.insert(t.name);
  while (tables.Step()) {
    if (!known.count(tables.Text(0))) {
      return Internal("table '" + tables.Text(0) + "' is not in the export list (storage/sql/dump.cc)");
    }
  }
  return tables.status();
}

}  // namespace

Status SqlStore::Export(const std::function<void(std::string_view)>& out) {
  // One read transaction: a consistent snapshot of every table.
  return Read([&](Store&) -> Status {
    REEL_ASSIGN_OR_RETURN(auto db, Acquire());
    SqlDb& d = *db;
    REEL_TRY(CheckTablesKnown(d));
    auto version = d.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!version.ok() || !version->Step()) return version.ok() ? version->status() : version.status();
    out("{\"format\": \"reel-json\", \"schema_version\": " + std::to_string(version->Int(0)) + ", \"tables\": {");
    REEL_TRY(version->Run());
    bool first_table = true;
    for (const auto& t : kTables) {
      out(std::string(first_table ? "\n" : ",\n") + "\"" + t.name + "\": [");
      first_table = false;
      REEL_TRY(ExportTable(d, t, out));
    }
    out("\n},\n\"last_ids\": {");
    bool first_id = true;
    for (const auto& t : kTables) {
      if (!t.identity) continue;
      REEL_ASSIGN_OR_RETURN(auto last, LastId(d, t.name));
      out(std::string(first_id ? "" : ", ") + "\"" + t.name + "\": " + std::to_string(last));
      first_id = false;
    }
    out("}}\n");
    return Status::Ok();
  });
}

Status SqlStore::Import(std::string_view text) {
  REEL_TRY(CheckJsonDepth(text, "reel-json"));
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return InvalidArgument(std::string("not valid JSON: ") + e.what());
  }
  if (!doc.is_object() || !doc.contains("format") || doc["format"] != "reel-json" || !doc.contains("tables") ||
      !doc["tables"].is_object()) {
    return InvalidArgument("not a reel-json dump (expected {\"format\": \"reel-json\", \"tables\": {...}})");
  }
  if (!doc.contains("schema_version") || !doc["schema_version"].is_number_integer()) {
    return InvalidArgument("schema_version: must be a whole number");
  }
  const int64_t version = doc["schema_version"].get<int64_t>();
  REEL_ASSIGN_OR_RETURN(auto mine, SchemaVersion());
  if (version != mine) {
    return FailedPrecondition("the dump is at schema version " + std::to_string(version) + ", this store at " +
                              std::to_string(mine) + "; migrate both to the same version");
  }
  static const nlohmann::json kNoIds = nlohmann::json::object();
  const auto& last_ids = doc.contains("last_ids") ? doc["last_ids"] : kNoIds;
  const auto& tables = doc["tables"];
  REEL_TRY(CheckDumpTables(last_ids, tables));
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  SqlDb& d = *db;
  auto fail = [&](Status st) {
    (void)d.Exec("ROLLBACK");
    return st;
  };
  for (const auto& t : kTables) {
    auto count = d.Prepare(std::string("SELECT COUNT(*) FROM ") + t.name);
    if (!count.ok() || !count->Step()) return fail(count.ok() ? count->status() : count.status());
    if (count->Int(0) != 0) {
      return fail(FailedPrecondition(std::string("this store is not empty (table ") + t.name +
                                     "); import a dump into a new store"));
    }
    (void)count->Run();
  }
  for (const auto& t : kTables) {
    if (!tables.contains(t.name)) continue;
    Status rows = InsertDumpRows(d, t.name, tables[t.name]);
    if (!rows.ok()) return fail(rows);
    if (t.identity) {
      // Ids were given, not generated: the generator goes past them, and past the
      // ids the old store gave to rows deleted since.
      Status st = SetLastId(d, t.name, last_ids.contains(t.name) ? last_ids[t.name].get<int64_t>() : 0);
      if (!st.ok()) return fail(Status(st.code(), std::string("last_ids.") + t.name + ": " + st.message()));
    }
  }
  if (auto index = RebuildSearchIndexOn(d); !index.ok()) return fail(index.status());
  if (auto index = RebuildSearchIndexOn(d); !index.ok()) return fail(index.status());
  REEL_TRY(d.AnnounceChange());
  Status st = d.Exec("COMMIT");
  if (!st.ok()) return fail(st);
  return Status::Ok();
}

Result<std::map<std::string, int64_t>> SqlStore::CountRows() {
  return WithRetry([&](Result<Lease>& db) -> Result<std::map<std::string, int64_t>> {
    static constexpr std::pair<const char*, const char*> kCounts[] = {
        {"films", "SELECT COUNT(*) FROM titles WHERE kind = 'film'"},
        {"series", "SELECT COUNT(*) FROM titles WHERE kind = 'series'"},
        {"seasons", "SELECT COUNT(*) FROM titles WHERE kind = 'season'"},
        {"episodes", "SELECT COUNT(*) FROM titles WHERE kind = 'episode'"},
        {"people", "SELECT COUNT(*) FROM people"},
        {"credits", "SELECT COUNT(*) FROM credits"},
        {"genres", "SELECT COUNT(*) FROM genres"},
        {"publications", "SELECT COUNT(*) FROM publications"},
        {"critics", "SELECT COUNT(*) FROM critics"},
        {"critic_reviews", "SELECT COUNT(*) FROM critic_reviews"},
        {"users", "SELECT COUNT(*) FROM users"},
        {"ratings", "SELECT COUNT(*) FROM ratings"},
        {"tags", "SELECT COUNT(*) FROM tags"},
        {"release_dates", "SELECT COUNT(*) FROM release_dates"},
        {"videos", "SELECT COUNT(*) FROM videos"},
        {"articles", "SELECT COUNT(*) FROM articles"},
        {"comments", "SELECT COUNT(*) FROM comments"},
    };
    std::map<std::string, int64_t> out;
    for (const auto& [name, sql] : kCounts) {
      REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(sql));
      if (!q.Step()) return q.status();
      out[name] = q.Int(0);
    }
    return out;
  });
}

}  // namespace reel
