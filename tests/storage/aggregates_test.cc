// Stored score aggregates on SQLite: drift found and repaired by a recompute, and
// the upgrade that creates them. The incremental property test runs on both stores
// in reviews_contract_test.cc.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "ingest/catalog_json.h"
#include "scoring/score.h"
#include "storage/store.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

class AggregatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("reel-agg-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
    store_ = std::move(Store::Open(path_).value());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::string path_;
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(AggregatesTest, RecomputeReportsAndRepairsDrift) {
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  // Change a rating behind the store's back.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE ratings SET stars = 5 WHERE stars = 0.5", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto report = store_->RecomputeAggregates();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->drifted, 1);
  ASSERT_EQ(report->examples.size(), 1u);
  EXPECT_NE(report->examples[0].find("ratings=10 positive=2, rows say fresh=12 rotten=0 ratings=10 positive=5"),
            std::string::npos) << report->examples[0];
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);  // Repaired.
}

TEST_F(AggregatesTest, UpgradeFromVersionOneBuildsAggregates) {
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  store_.reset();
  // Make the file look as it did before migration 2.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE title_aggregates; DELETE FROM schema_version WHERE version = 2",
                         nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  store_ = std::move(Store::Open(path_).value());
  const Id series = store_->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard")->id;
  const ScoreCounts c = store_->GetScoreCounts(store_->FindChild(series, 1)->id).value();
  EXPECT_EQ(c.fresh, 12);
  EXPECT_EQ(c.ratings, 10);
}

}  // namespace
}  // namespace reel
