// What is particular to the SQLite store: WAL, foreign keys, migrations on reopen,
// URL errors. The operations themselves are in the store contract (*_contract_test.cc),
// on both stores.
#include "storage/sql_store.h"
#include "storage/sqlite/sqlite_db.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <regex>

#include "storage/migrations.h"
#include "storage/store.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("reel-store-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = Store::Open("sqlite:" + (dir_ / "t.db").string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, MigratesOnOpenAndReopen) {
  const int newest = LoadMigrations()->back().version;
  EXPECT_GE(newest, 2);
  EXPECT_EQ(*store_->SchemaVersion(), newest);
  store_.reset();
  auto again = Store::Open((dir_ / "t.db").string());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*(*again)->SchemaVersion(), newest);
}

TEST_F(SqliteStoreTest, UsesWalAndForeignKeys) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "t.db").string().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
  // Foreign keys are enforced on the store's own connections: an episode whose
  // parent does not exist is refused.
  Status st2 = store_->Write([](StoreWriter& w) {
    Title t;
    t.kind = TitleKind::kEpisode;
    t.parent_id = 999;
    t.number = 1;
    t.name = "Orphan";
    return w.UpsertTitle(t).status();
  });
  EXPECT_FALSE(st2.ok());
}

// SQLite gives a deleted row's id to the next row unless the table is AUTOINCREMENT:
// every table with an id of its own is, in a new store (a migration that adds a
// table with "id INTEGER PRIMARY KEY" and no AUTOINCREMENT fails here).
TEST_F(SqliteStoreTest, EveryTableWithAnIdNeverReusesIt) {
  auto db = SqliteDb::Open((dir_ / "t.db").string());
  ASSERT_TRUE(db.ok());
  auto q = (*db)->Prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'");
  ASSERT_TRUE(q.ok());
  const std::regex own_id(R"((^|[^A-Za-z_])id INTEGER PRIMARY KEY)");
  int tables = 0;
  while (q->Step()) {
    const std::string sql = q->Text(1);
    if (!std::regex_search(sql, own_id)) continue;
    ++tables;
    EXPECT_NE(sql.find("id INTEGER PRIMARY KEY AUTOINCREMENT"), std::string::npos) << q->Text(0);
  }
  EXPECT_GE(tables, 17);
}

// SQLite re-runs a finished statement stepped once more; the driver must not.
TEST_F(SqliteStoreTest, AStatementSteppedPastItsEndRunsOnce) {
  auto db = SqliteDb::Open((dir_ / "raw.db").string());
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (x INTEGER)").ok());
  auto ins = (*db)->Prepare("INSERT INTO t (x) VALUES (1)");
  ASSERT_TRUE(ins.ok());
  EXPECT_FALSE(ins->Step());  // Done at once...
  EXPECT_TRUE(ins->Run().ok());  // ...and stepping on does not insert again.
  auto count = (*db)->Prepare("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(count->Step());
  EXPECT_EQ(count->Int(0), 1);
}

TEST(StoreOpenTest, ExplainsBadUrls) {
  EXPECT_EQ(Store::Open("sqlite:").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Store::Open("sqlite:/nonexistent-dir/x/y.db").status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace reel
