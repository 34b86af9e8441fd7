// Store::Read, on SQLite (a temporary file) and PostgreSQL (a fresh database on the
// test binary's private server): the reads of one body share one connection and one
// snapshot, writes inside it fail at once, and an error leaves the pool healthy.
#include <gtest/gtest.h>

#include <thread>

#include "storage/sql_store.h"
#include "storage/store.h"
#include "support/two_stores.h"

namespace reel {
namespace {

class ReadSnapshotTest : public testing::TwoStoreTest {
 protected:
  ReadSnapshotTest() : TwoStoreTest("read") {}
  void SetUp() override {
    TwoStoreTest::SetUp();
    if (HasFatalFailure()) return;
    sql_ = dynamic_cast<SqlStore*>(store_.get());
    ASSERT_NE(sql_, nullptr);
    series_ = Rename(0, "Before");
  }

  // Writes the series (a new one when `id` is 0) with this name; its id.
  Id Rename(Id id, const std::string& name) {
    Id out = 0;
    Status st = store_->Write([&](StoreWriter& w) {
      Title t;
      t.kind = TitleKind::kSeries;
      t.slug = "snapshot";
      t.name = name;
      auto r = w.UpsertTitle(t);
      if (!r.ok()) return r.status();
      out = *r;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    EXPECT_TRUE(id == 0 || id == out);
    return out;
  }

  std::string NameNow() {
    auto t = store_->GetTitle(series_);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? t->name : "";
  }

  SqlStore* sql_ = nullptr;
  Id series_ = 0;
};

TEST_P(ReadSnapshotTest, TheReadsOfOneBodyTakeOneLease) {
  uint64_t before = sql_->LeasesTaken();
  ASSERT_TRUE(store_->GetTitle(series_).ok());
  ASSERT_TRUE(store_->FindTitleBySlug(TitleKind::kSeries, "snapshot").ok());
  EXPECT_EQ(sql_->LeasesTaken() - before, 2u);  // Outside Read(): one lease per call.

  before = sql_->LeasesTaken();
  Status st = store_->Read([&](Store& s) -> Status {
    EXPECT_TRUE(s.GetTitle(series_).ok());
    EXPECT_TRUE(s.FindTitleBySlug(TitleKind::kSeries, "snapshot").ok());
    EXPECT_TRUE(s.ListChildren(series_).ok());
    EXPECT_TRUE(s.GetScoreCountsFor({series_}).ok());
    EXPECT_EQ(s.FindChild(series_, 1).status().code(), StatusCode::kNotFound);
    // A nested Read() runs in the same snapshot, on the same connection.
    return s.Read([&](Store& inner) { return inner.GetTitle(series_).status(); });
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(sql_->LeasesTaken() - before, 1u);
}

TEST_P(ReadSnapshotTest, AWriteCommittedMeanwhileIsSeenOnlyAfterTheRead) {
  Status st = store_->Read([&](Store& s) -> Status {
    auto first = s.GetTitle(series_);
    if (!first.ok()) return first.status();
    EXPECT_EQ(first->name, "Before");
    // Another thread's write commits on another connection between the two reads.
    std::thread writer([&] { Rename(series_, "After"); });
    writer.join();
    auto second = s.GetTitle(series_);
    if (!second.ok()) return second.status();
    EXPECT_EQ(second->name, "Before");
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(NameNow(), "After");
}

TEST_P(ReadSnapshotTest, WritesInsideAReadFailAtOnce) {
  Status st = store_->Read([&](Store& s) -> Status {
    EXPECT_TRUE(s.GetTitle(series_).ok());
    Status write = s.Write([&](StoreWriter& w) { return w.SetConsensus(series_, "Inside"); });
    EXPECT_EQ(write.code(), StatusCode::kFailedPrecondition) << write.ToString();
    User u;
    u.username = "inside";
    auto created = s.CreateUser(u);
    EXPECT_EQ(created.status().code(), StatusCode::kFailedPrecondition) << created.status().ToString();
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  // Nothing was written, and writing works again outside.
  auto t = store_->GetTitle(series_);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->consensus, "");
  Rename(series_, "Outside");
  EXPECT_EQ(NameNow(), "Outside");
}

TEST_P(ReadSnapshotTest, AnErrorOfTheBodyIsReturnedAndThePoolStaysHealthy) {
  Status st = store_->Read([&](Store& s) -> Status {
    EXPECT_TRUE(s.GetTitle(series_).ok());
    return NotFound("what the body says");
  });
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.message(), "what the body says");
  // The connection went back without its transaction: the next reads (on it, from
  // this thread) begin theirs, and see a write made since.
  Rename(series_, "Later");
  for (int i = 0; i < 3; ++i) {
    Status again = store_->Read([&](Store& s) -> Status {
      auto t = s.GetTitle(series_);
      if (!t.ok()) return t.status();
      EXPECT_EQ(t->name, "Later");
      return Status::Ok();
    });
    ASSERT_TRUE(again.ok()) << again.ToString();
  }
  EXPECT_EQ(NameNow(), "Later");
}

INSTANTIATE_TEST_SUITE_P(Backends, ReadSnapshotTest, testing::BothStores(), testing::BackendName);

}  // namespace
}  // namespace reel
