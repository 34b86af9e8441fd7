// The PostgreSQL driver of SqlDb (storage/sql_db.h): one libpq connection with its
// cache of server-side prepared statements.
//
// Queries arrive with '?' placeholders and are rewritten to $1..$n once, when first
// prepared. Values travel as text; CopyIn streams rows with COPY FROM STDIN in the
// text format. Errors map by SQLSTATE: unique violations are AlreadyExists, other
// constraint violations InvalidArgument, a lost or refused connection Unavailable.
// A connection that failed that way (libpq reports it bad, or the server said
// SQLSTATE 08xxx or 57P01 "terminating connection due to administrator command")
// is no longer Healthy(), and the pool drops it. A PgDb belongs to one thread at a
// time.
//
// RunMany uses pipeline mode (libpq 14+), where it was measured to pay: a round trip
// here costs 30-150 us on loopback (2 busy cores), a pipelined statement about 4 us
// (19,448 prepared SELECTs: 0.6-2.9 s one by one, 75-96 ms pipelined). The store
// runs through it the aggregate updates of a bulk load, one statement per title
// rated (9,724 titles for MovieLens ml-latest-small). Elsewhere statements depend
// on the one before (read, compare, write) or COPY already sends rows in bulk.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/sql_db.h"

struct pg_conn;
struct pg_result;

namespace reel {

class PgDb final : public SqlDb {
 public:
  // Connects with a libpq connection string or URL ("postgresql://user@host:port/db").
  static Result<std::unique_ptr<PgDb>> Open(const std::string& url);
  ~PgDb() override;

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }
  Status Exec(std::string_view sql) override;
  Result<SqlStmt> Prepare(std::string_view sql) override;
  Status BeginWrite() override { return Exec("BEGIN"); }
  Status Lock(LockSpace space, int64_t key) override;
  // One statement for all the keys (taken in ascending order).
  Status LockAll(LockSpace space, std::vector<int64_t> keys) override;
  Status CopyIn(std::string_view table, const std::vector<std::string>& columns,
                const std::vector<CopyRow>& rows) override;
  // Pipeline mode, 256 runs per round trip.
  Status RunMany(std::string_view sql, size_t runs, const std::function<void(size_t, SqlStmt&)>& bind,
                 const std::function<void(size_t, const SqlStmt&)>& read) override;
  Status AnnounceChange() override { return Exec("NOTIFY reel_changes"); }
  // LISTENs on the first call, then waits on the socket for notifications.
  Result<bool> WaitForChange(int timeout_ms) override;
  bool Healthy() const override;

  // The Status for a failed result (or, with none, for the connection's error).
  Status ErrorOf(const pg_result* result, std::string_view context) const;
  pg_conn* raw() { return conn_; }

 private:
  explicit PgDb(pg_conn* conn) : conn_(conn) {}
  pg_conn* conn_;
  std::unordered_map<std::string, std::unique_ptr<SqlCursor>> cache_;
  int next_statement_ = 0;
  bool listening_ = false;
  // Set when an error said the connection is gone while libpq still thinks it is
  // up (57P01 arrives before the socket closes).
  mutable bool broken_ = false;
};

// The text format of COPY for one value: backslash, tab, newline and carriage
// return escaped; nullopt as \N. Appends to `out`.
void AppendCopyText(const std::optional<std::string>& value, std::string& out);

// "SELECT ? WHERE x = '?'" -> "SELECT $1 WHERE x = '?'"; "?3" -> "$3". Sets `count`
// to the highest parameter number.
std::string NumberPlaceholders(std::string_view sql, int* count);

}  // namespace reel
