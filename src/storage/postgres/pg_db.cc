#include "storage/postgres/pg_db.h"

#include <libpq-fe.h>

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <optional>
#include <vector>

namespace reel {

std::string NumberPlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0, highest = 0;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      // "?NNN" names its parameter; a bare "?" takes the next number.
      size_t j = i + 1;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
      const int number = j > i + 1 ? std::stoi(std::string(sql.substr(i + 1, j - i - 1))) : ++n;
      highest = std::max(highest, number);
      out += "$" + std::to_string(number);
      i = j - 1;
    } else {
      out += c;
    }
  }
  if (count) *count = highest;
  return out;
}

namespace {

class PgCursor final : public SqlCursor {
 public:
  PgCursor(PgDb* db, std::string name, int params, std::string sql)
      : db_(db), name_(std::move(name)), sql_(std::move(sql)), values_(static_cast<size_t>(params)) {}
  ~PgCursor() override { Clear(); }

  void BindInt(int i, int64_t v) override { Set(i, std::to_string(v)); }
  void BindDouble(int i, double v) override {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    Set(i, buf);
  }
  void BindText(int i, std::string_view v) override { Set(i, std::string(v)); }
  void BindNull(int i) override {
    if (i >= 1 && static_cast<size_t>(i) <= values_.size()) values_[static_cast<size_t>(i) - 1].reset();
  }

  bool Step(Status& status) override {
    if (!result_) {
      std::vector<const char*> ptrs(values_.size());
      for (size_t i = 0; i < values_.size(); ++i) ptrs[i] = values_[i] ? values_[i]->c_str() : nullptr;
      result_ = PQexecPrepared(db_->raw(), name_.c_str(), static_cast<int>(ptrs.size()), ptrs.data(),
                               nullptr, nullptr, 0);
      const auto st = PQresultStatus(result_);
      if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        status = db_->ErrorOf(result_, sql_);
        return false;
      }
      rows_ = PQntuples(result_);
      row_ = -1;
    }
    return ++row_ < rows_;
  }

  bool IsNull(int col) const override { return PQgetisnull(result_, row_, col) != 0; }
  int64_t Int(int col) const override { return std::strtoll(PQgetvalue(result_, row_, col), nullptr, 10); }
  double Double(int col) const override { return std::strtod(PQgetvalue(result_, row_, col), nullptr); }
  std::string Text(int col) const override {
    return std::string(PQgetvalue(result_, row_, col), static_cast<size_t>(PQgetlength(result_, row_, col)));
  }
  int ColumnCount() const override { return result_ ? PQnfields(result_) : 0; }
  std::string ColumnName(int col) const override { return PQfname(result_, col); }
  SqlType Type(int col) const override {
    if (PQgetisnull(result_, row_, col)) return SqlType::kNull;
    switch (PQftype(result_, col)) {
      case 20: case 21: case 23: return SqlType::kInteger;  // int8, int2, int4.
      case 700: case 701: case 1700: return SqlType::kReal;  // float4, float8, numeric.
      default: return SqlType::kText;
    }
  }
  void Reset() override {
    Clear();
    for (auto& v : values_) v.reset();
  }

  // For pipeline mode: queues a run with the values bound (true when sent), and
  // takes a result of one to read its rows through Step().
  bool Send() {
    std::vector<const char*> ptrs(values_.size());
    for (size_t i = 0; i < values_.size(); ++i) ptrs[i] = values_[i] ? values_[i]->c_str() : nullptr;
    return PQsendQueryPrepared(db_->raw(), name_.c_str(), static_cast<int>(ptrs.size()), ptrs.data(), nullptr,
                               nullptr, 0) == 1;
  }
  void Adopt(PGresult* result) {
    Clear();
    result_ = result;
    rows_ = PQntuples(result_);
    row_ = -1;
  }

 private:
  void Set(int i, std::string v) {
    if (i >= 1 && static_cast<size_t>(i) <= values_.size()) values_[static_cast<size_t>(i) - 1] = std::move(v);
  }
  void Clear() {
    if (result_) PQclear(result_);
    result_ = nullptr;
    rows_ = row_ = 0;
  }

  PgDb* db_;
  const std::string name_;
  const std::string sql_;
  std::vector<std::optional<std::string>> values_;
  PGresult* result_ = nullptr;
  int rows_ = 0;
  int row_ = 0;
};

// Runs `sql` and returns its result's status, clearing the result.
Status Simple(PgDb& db, const char* sql) {
  PGresult* r = PQexec(db.raw(), sql);
  const auto st = PQresultStatus(r);
  Status out = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? Status::Ok() : db.ErrorOf(r, sql);
  PQclear(r);
  return out;
}

}  // namespace

Result<std::unique_ptr<PgDb>> PgDb::Open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQfinish(conn);
    return Unavailable("cannot connect to PostgreSQL: " + msg);
  }
  std::unique_ptr<PgDb> db(new PgDb(conn));
  REEL_TRY(Simple(*db, "SET client_min_messages = warning; SET TIME ZONE 'UTC'"));
  return db;
}

PgDb::~PgDb() {
  cache_.clear();
  PQfinish(conn_);
}

bool PgDb::Healthy() const { return !broken_ && PQstatus(conn_) == CONNECTION_OK; }

Status PgDb::Exec(std::string_view sql) { return Simple(*this, std::string(sql).c_str()); }

Result<SqlStmt> PgDb::Prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end()) return SqlStmt(it->second.get());
  int params = 0;
  const std::string numbered = NumberPlaceholders(sql, &params);
  const std::string name = "reel_" + std::to_string(++next_statement_);
  PGresult* r = PQprepare(conn_, name.c_str(), numbered.c_str(), 0, nullptr);
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  Status err = ok ? Status::Ok() : ErrorOf(r, sql);
  PQclear(r);
  if (!ok) return err;
  auto cursor = std::make_unique<PgCursor>(this, name, params, std::string(sql));
  SqlCursor* raw = cursor.get();
  cache_.emplace(std::string(sql), std::move(cursor));
  return SqlStmt(raw);
}

Result<bool> PgDb::WaitForChange(int timeout_ms) {
  if (!listening_) {
    // Changes committed before LISTEN took effect were not heard: report one.
    REEL_TRY(Exec("LISTEN reel_changes"));
    listening_ = true;
    return true;
  }
  const int fd = PQsocket(conn_);
  if (fd < 0) return Unavailable("PostgreSQL connection lost");
  pollfd p{fd, POLLIN, 0};
  const int ready = ::poll(&p, 1, timeout_ms);
  if (ready < 0 && errno != EINTR) return Unavailable("poll failed on the PostgreSQL connection");
  if (!PQconsumeInput(conn_)) return Unavailable("PostgreSQL connection lost: " + std::string(PQerrorMessage(conn_)));
  bool changed = false;
  while (PGnotify* n = PQnotifies(conn_)) {
    changed = true;
    PQfreemem(n);
  }
  return changed;
}

Status PgDb::Lock(LockSpace space, int64_t key) {
  // The two-key advisory lock: the space, then the key folded into 32 bits.
  REEL_ASSIGN_OR_RETURN(auto q,
                        Prepare("SELECT pg_advisory_xact_lock(CAST(? AS INTEGER), CAST(? AS INTEGER))"));
  return q.Bind(1, static_cast<int>(space)).Bind(2, key % 2147483647).Run();
}

Status PgDb::LockAll(LockSpace space, std::vector<int64_t> keys) {
  if (keys.empty()) return Status::Ok();
  // The keys fold as Lock() folds them; the sorted subquery sets the order.
  std::string array = "{";
  for (size_t i = 0; i < keys.size(); ++i) array += (i ? "," : "") + std::to_string(keys[i] % 2147483647);
  array += "}";
  REEL_ASSIGN_OR_RETURN(auto q, Prepare(
      "SELECT COUNT(pg_advisory_xact_lock(CAST(? AS INTEGER), k)) FROM "
      "(SELECT DISTINCT CAST(k AS INTEGER) AS k FROM unnest(CAST(? AS BIGINT[])) AS u(k) ORDER BY 1) AS s"));
  return q.Bind(1, static_cast<int>(space)).Bind(2, array).Run();
}

Status PgDb::RunMany(std::string_view sql, size_t runs, const std::function<void(size_t, SqlStmt&)>& bind,
                     const std::function<void(size_t, const SqlStmt&)>& read) {
  if (runs == 0) return Status::Ok();
  REEL_ASSIGN_OR_RETURN(auto prepared, Prepare(sql));
  auto* cursor = static_cast<PgCursor*>(cache_.at(std::string(sql)).get());
  if (PQenterPipelineMode(conn_) != 1) return ErrorOf(nullptr, sql);
  // Runs go in chunks, each read back before the next is sent: the server's
  // results never pile up unread (which could block both sides).
  constexpr size_t kChunk = 256;
  Status st;
  for (size_t start = 0; start < runs && st.ok(); start += kChunk) {
    const size_t end = std::min(runs, start + kChunk);
    size_t sent = start;
    for (; sent < end; ++sent) {
      cursor->Reset();
      SqlStmt stmt(cursor);
      bind(sent, stmt);
      if (!cursor->Send()) break;
    }
    cursor->Reset();
    if (PQpipelineSync(conn_) != 1 || sent < end) st = ErrorOf(nullptr, sql);
    // Each run gives its result and then a null; the chunk ends with a sync result.
    bool after_null = false;
    for (size_t i = start;;) {
      PGresult* r = PQgetResult(conn_);
      if (!r) {
        // Two nulls in a row: nothing more is coming (the sync was not sent).
        if (after_null || PQstatus(conn_) != CONNECTION_OK) {
          if (st.ok()) st = ErrorOf(nullptr, sql);
          break;
        }
        after_null = true;
        continue;
      }
      after_null = false;
      const auto status = PQresultStatus(r);
      if (status == PGRES_PIPELINE_SYNC) {
        PQclear(r);
        break;
      }
      if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
        if (st.ok()) {
          cursor->Adopt(r);  // Owns r now.
          SqlStmt rows(cursor);
          while (rows.Step()) read(i, rows);
        } else {
          PQclear(r);
        }
      } else {
        if (st.ok() && status != PGRES_PIPELINE_ABORTED) st = ErrorOf(r, sql);
        PQclear(r);
      }
      ++i;
    }
  }
  if (PQexitPipelineMode(conn_) != 1 && st.ok()) st = ErrorOf(nullptr, sql);
  return st;
}

void AppendCopyText(const std::optional<std::string>& value, std::string& out) {
  if (!value) {
    out += "\\N";
    return;
  }
  for (char c : *value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

Status PgDb::CopyIn(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<CopyRow>& rows) {
  for (const CopyRow& row : rows) {
    if (row.size() != columns.size()) {
      return InvalidArgument("a row of " + std::to_string(row.size()) + " values for " +
                             std::to_string(columns.size()) + " columns of " + std::string(table));
    }
  }
  std::string sql = "COPY " + QuotedName(table) + " (";
  for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + QuotedName(columns[i]);
  sql += ") FROM STDIN";
  PGresult* start = PQexec(conn_, sql.c_str());
  if (PQresultStatus(start) != PGRES_COPY_IN) {
    Status st = ErrorOf(start, sql);
    PQclear(start);
    return st;
  }
  PQclear(start);
  // Rows go in pieces of about kPiece bytes; their boundaries mean nothing to COPY.
  constexpr size_t kPiece = 1 << 20;
  std::string buf;
  buf.reserve(kPiece + 4096);
  bool sent = true;
  for (size_t r = 0; r < rows.size() && sent; ++r) {
    for (size_t i = 0; i < rows[r].size(); ++i) {
      if (i) buf += '\t';
      AppendCopyText(rows[r][i], buf);
    }
    buf += '\n';
    if (buf.size() >= kPiece || r + 1 == rows.size()) {
      sent = PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) == 1;
      buf.clear();
    }
  }
  // A failed send ends the COPY with an error, so the server rolls it back.
  const bool ended = PQputCopyEnd(conn_, sent ? nullptr : "reel: sending COPY data failed") == 1;
  Status st;
  while (PGresult* r = PQgetResult(conn_)) {
    if (st.ok() && PQresultStatus(r) != PGRES_COMMAND_OK) st = ErrorOf(r, sql);
    PQclear(r);
  }
  if (st.ok() && (!sent || !ended)) st = ErrorOf(nullptr, sql);
  return st;
}

Status PgDb::ErrorOf(const pg_result* result, std::string_view context) const {
  if (!Healthy()) {
    return Unavailable("PostgreSQL connection lost: " + std::string(PQerrorMessage(conn_)));
  }
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  const std::string code = state ? state : "";
  // The connection class and an administrator's shutdown: this connection is done.
  if (code.rfind("08", 0) == 0 || code == "57P01" || code == "57P02" || code == "57P03") broken_ = true;
  if (code == "23505") return AlreadyExists(msg);
  if (code.rfind("23", 0) == 0 || code.rfind("22", 0) == 0) return InvalidArgument(msg);
  if (code.rfind("08", 0) == 0 || code.rfind("57P", 0) == 0 || code == "40001" || code == "40P01" ||
      code == "53300") {
    return Unavailable(msg);
  }
  return Internal(msg + " (in: " + std::string(context.substr(0, 120)) + ")");
}

}  // namespace reel
