// SqlStore's pool and lifecycle: leasing and returning connections, beginning
// write transactions (with one retry on a connection found broken), opening the
// store and applying migrations, Write(), and the watcher that moves
// ChangeGeneration() on changes committed elsewhere.
#include <chrono>

#include "core/date.h"
#include "storage/migrations.h"
#include "storage/sql/listing.h"
#include "storage/sql/rows.h"
#include "storage/sql/writer.h"
#include "storage/sql_store.h"

namespace reel {

namespace {

// The connection the innermost Read() on this thread pinned, and its store.
struct Pin {
  const SqlStore* store = nullptr;
  SqlDb* db = nullptr;
};
thread_local Pin current_pin;

// The statement that begins a read transaction: SQLite takes its snapshot at the
// first read after BEGIN (WAL); PostgreSQL at the first statement of a REPEATABLE
// READ transaction.
const char* BeginReadSql(SqlDialect dialect) {
  return dialect == SqlDialect::kPostgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY" : "BEGIN";
}

}  // namespace

SqlDb* SqlStore::Pinned() const { return current_pin.store == this ? current_pin.db : nullptr; }

Result<SqlStore::Lease> SqlStore::Acquire() {
  if (SqlDb* pinned = Pinned()) return Lease(pinned);
  leases_.fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      in_use_.fetch_add(1, std::memory_order_relaxed);
      return Lease(this, std::move(db));
    }
  }
  REEL_ASSIGN_OR_RETURN(auto db, connect_());
  in_use_.fetch_add(1, std::memory_order_relaxed);
  return Lease(this, std::move(db));
}

SqlStore::PoolUse SqlStore::PoolUsage() {
  PoolUse use;
  use.in_use = in_use_.load(std::memory_order_relaxed);
  use.leases = leases_.load(std::memory_order_relaxed);
  std::lock_guard lock(mu_);
  use.idle = static_cast<int64_t>(idle_.size());
  return use;
}

Status SqlStore::Read(const std::function<Status(Store&)>& body) {
  if (Pinned()) return body(*this);  // Nested: the outer Read() holds the snapshot.
  for (int attempt = 0;; ++attempt) {
    REEL_ASSIGN_OR_RETURN(auto db, Acquire());
    Status begun = db->Exec(BeginReadSql(db->dialect()));
    if (!begun.ok()) {
      // As in Begin(): a connection that broke before the transaction began is
      // replaced once.
      if (attempt > 0 || db->Healthy()) return begun;
      continue;
    }
    const Pin outer = current_pin;
    current_pin = {this, &*db};
    Status st = body(*this);
    current_pin = outer;
    // Nothing was written: COMMIT and ROLLBACK end it alike; a failed end leaves the
    // connection unhealthy if it is broken, and the pool drops it.
    Status ended = db->Exec(st.ok() ? "COMMIT" : "ROLLBACK");
    return st.ok() ? ended : st;
  }
}

void SqlStore::Release(std::unique_ptr<SqlDb> db) {
  std::vector<std::unique_ptr<SqlDb>> dropped;
  in_use_.fetch_sub(1, std::memory_order_relaxed);
  {
    std::lock_guard lock(mu_);
    if (db->Healthy()) {
      idle_.push_back(std::move(db));
      return;
    }
    // A broken connection is dropped, and the idle ones with it: they went to the
    // same server, so a restart broke them all. The next callers reconnect.
    dropped.swap(idle_);
  }
  // Closed outside the lock (closing may wait on the network).
}

Result<SqlStore::Lease> SqlStore::Begin() {
  if (Pinned()) return FailedPrecondition("a write inside Read(): writes begin their own transaction outside it");
  for (int attempt = 0;; ++attempt) {
    REEL_ASSIGN_OR_RETURN(auto db, Acquire());
    Status begun = db->BeginWrite();
    if (begun.ok()) return db;
    // A connection that broke before its transaction began has committed nothing
    // of it: begin once more, on a fresh connection.
    if (attempt > 0 || db->Healthy()) return begun;
  }
}

SqlStore::SqlStore(Connect connect) : connect_(std::move(connect)) {}
SqlStore::~SqlStore() {
  stopping_ = true;
  if (watcher_.joinable()) watcher_.join();
}

Result<std::unique_ptr<SqlStore>> SqlStore::Open(Connect connect) {
  std::unique_ptr<SqlStore> store(new SqlStore(std::move(connect)));
  // Migrations run on a connection of their own, closed after them: rebuilding a
  // table leaves SQLite's temporary database open on it, and a pooled connection
  // carrying that could not switch temp_store inside a transaction (a bulk load does).
  REEL_ASSIGN_OR_RETURN(auto db, store->connect_());
  REEL_TRY(store->Migrate(*db));
  return store;
}

Status SqlStore::Migrate(SqlDb& db) {
  REEL_ASSIGN_OR_RETURN(auto migrations, LoadMigrations());
  // Servers starting together take turns: the lock, then the check, then the work.
  REEL_TRY(db.BeginWrite());
  Status created = db.Lock(LockSpace::kMigrations, 0);
  if (created.ok()) {
    created = db.Exec(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  }
  if (!created.ok()) {
    (void)db.Exec("ROLLBACK");
    return created;
  }
  REEL_TRY(db.Exec("COMMIT"));
  for (const Migration& m : migrations) {
    const bool rebuilds = MigrationRebuildsTables(m.version, db.dialect());
    if (rebuilds) {
      // Outside any transaction, where SQLite honours it; checked, because a table
      // dropped with foreign keys on would take the rows that reference it along.
      REEL_TRY(db.Exec("PRAGMA foreign_keys = OFF"));
      REEL_ASSIGN_OR_RETURN(auto off, db.Prepare("PRAGMA foreign_keys"));
      const bool still_on = off.Step() && off.Int(0) != 0;
      REEL_TRY(off.Run());
      if (still_on) return Internal("migration " + m.name + ": foreign keys could not be turned off");
    }
    Status st = ApplyMigration(db, m);
    if (rebuilds) {
      Status on = db.Exec("PRAGMA foreign_keys = ON");
      if (st.ok()) st = on;
    }
    REEL_TRY(st);
  }
  return Status::Ok();
}

Status SqlStore::ApplyMigration(SqlDb& db, const Migration& m) {
  // Each migration in its own transaction; re-check inside it so two processes
  // starting together apply each migration once.
  REEL_TRY(db.BeginWrite());
  REEL_TRY(db.Lock(LockSpace::kMigrations, 0));
  auto done = [&]() -> Result<bool> {
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare("SELECT 1 FROM schema_version WHERE version = ?"));
    q.Bind(1, m.version);
    const bool found = q.Step();
    if (!q.status().ok()) return q.status();
    return found;
  }();
  Status st = done.ok() ? Status::Ok() : done.status();
  if (st.ok() && !*done) {
    st = db.Exec(MigrationSqlFor(m.sql, db.dialect()));
    if (st.ok()) st = RunMigrationStep(db, m.version);
    if (st.ok()) {
      auto ins = db.Prepare("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)");
      st = ins.ok() ? ins->Bind(1, m.version).Bind(2, m.name).Bind(3, UtcTimestamp()).Run() : ins.status();
    }
  }
  // Migration 2 creates the stored aggregates: fill them for the rows that exist.
  if (st.ok() && !*done && m.version == 2) st = RecomputeOn(db).status();
  // Migration 13 adds the listing keys: fill them for the titles that have counts.
  if (st.ok() && !*done && m.version == 13) st = SyncAllListingKeys(db);
  if (!st.ok()) {
    (void)db.Exec("ROLLBACK");
    return Status(st.code(), "migration " + m.name + ": " + st.message());
  }
  return db.Exec("COMMIT");
}

Result<int> SqlStore::SchemaVersion() {
  return WithRetry([&](Result<Lease>& db) -> Result<int> {
    REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    if (!q.Step()) return q.status().ok() ? Internal("no schema_version row") : q.status();
    return static_cast<int>(q.Int(0));
  });
}

Status SqlStore::Write(const std::function<Status(StoreWriter&)>& body) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  SqlWriter writer(*db);
  Status st = body(writer);
  if (st.ok()) st = db->AnnounceChange();
  if (st.ok()) st = db->Exec("COMMIT");
  if (!st.ok()) {
    (void)db->Exec("ROLLBACK");
    return st;
  }
  ++generation_;
  return st;
}

uint64_t SqlStore::ChangeGeneration() {
  std::call_once(watcher_started_, [this] { watcher_ = std::thread([this] { Watch(); }); });
  return generation_.load();
}

void SqlStore::Watch() {
  std::unique_ptr<SqlDb> db;
  while (!stopping_) {
    if (!db) {
      auto fresh = connect_();
      if (!fresh.ok()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        continue;
      }
      db = std::move(*fresh);  // Its first WaitForChange reports a change.
    }
    auto changed = db->WaitForChange(100);
    if (!changed.ok()) {
      db.reset();
      ++generation_;
      continue;
    }
    if (*changed) ++generation_;
  }
}

Status WriteOne(SqlDb& db, const std::function<Status()>& body) {
  Status st = body();
  if (st.ok()) st = db.Exec("COMMIT");
  if (!st.ok()) (void)db.Exec("ROLLBACK");
  return st;
}

}  // namespace reel
