// The store contract, writes through Store::Write (storage/store_writer.h;
// sql/writer.cc): a bad write or a failing body rolls the whole write back, a unique
// clash is a Status, writers and readers run side by side, and a deleted row's id is
// never given again.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "store_contract.h"

namespace reel {
namespace {

TEST_P(StoreContractTest, BadWritesAreRefusedAndRolledBack) {
  AddSeries("kept", "Kept");
  // A failure half way through a transaction leaves nothing behind.
  Status st = store_->Write([](StoreWriter& w) {
    Title t;
    t.kind = TitleKind::kFilm;
    t.slug = "half-written";
    t.name = "Half written";
    auto r = w.UpsertTitle(t);
    if (!r.ok()) return r.status();
    t.slug = "Bad Slug";
    return w.UpsertTitle(t).status();
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->FindTitleBySlug(TitleKind::kFilm, "half-written").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->CountRows()->at("films"), 0);
  EXPECT_EQ(store_->CountRows()->at("series"), 1);

  // A body that returns an error rolls back too.
  st = store_->Write([](StoreWriter& w) {
    Title t;
    t.kind = TitleKind::kFilm;
    t.slug = "rolled-back";
    t.name = "Rolled back";
    (void)w.UpsertTitle(t);
    return InvalidArgument("changed my mind");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(store_->CountRows()->at("films"), 0);

  // Stars out of range and a rating for a missing user are refused with a Status.
  st = store_->Write([](StoreWriter& w) {
    Rating r;
    r.user_id = 1;
    r.title_id = 1;
    r.stars = 3.25;
    return w.UpsertRating(r).status();
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, UniqueClashIsAStatus) {
  Status st = store_->Write([](StoreWriter& w) {
    User a;
    a.username = "ann";
    a.email = "same@example.org";
    if (auto r = w.UpsertUser(a); !r.ok()) return r.status();
    User b;
    b.username = "bob";
    b.email = "same@example.org";
    return w.UpsertUser(b).status();
  });
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->CountRows()->at("users"), 0);
}

TEST_P(StoreContractTest, ConcurrentReadersAndWriters) {
  const Id series = AddSeries("s", "S");
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        Status st = store_->Write([&](StoreWriter& w) {
          User u;
          u.username = "t" + std::to_string(t) + "-" + std::to_string(i);
          auto uid = w.UpsertUser(u);
          if (!uid.ok()) return uid.status();
          Rating r{0, *uid, series, 4.0, "", false, RatingStatus::kCounted, ""};
          return w.UpsertRating(r).status();
        });
        if (!st.ok()) ++failures;
        if (!store_->GetScoreCounts(series).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(store_->GetScoreCounts(series)->ratings, 200);
}

// An id once shown (in "#comment-N", a report form, the API, an export) never names
// anything else: deleting the newest comment, rating or critic review does not free
// its id for the next one.
TEST_P(StoreContractTest, DeletedIdsAreNeverGivenAgain) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id ann = AddUser("ann");
  const Id bob = AddUser("bob");

  auto comment = [&](Id user) {
    Comment c;
    c.thread = {0, season};
    c.user_id = user;
    c.body = "Words of user " + std::to_string(user);
    c.status = ModerationStatus::kApproved;
    return store_->AddComment(c, {}).value();
  };
  comment(ann);
  const Id newest_comment = comment(ann);
  ASSERT_TRUE(store_->DeleteComment(newest_comment).ok());
  EXPECT_GT(comment(bob), newest_comment);

  auto rate = [&](Id user) {
    Id id = 0;
    EXPECT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
      Rating r;
      r.user_id = user;
      r.title_id = season;
      r.stars = 4;
      r.review = "Review of user " + std::to_string(user);
      auto got = w.UpsertRating(r);
      if (!got.ok()) return got.status();
      id = *got;
      return Status::Ok();
    }).ok());
    return id;
  };
  const Id newest_rating = rate(ann);
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.DeleteRating(ann, season); }).ok());
  EXPECT_GT(rate(bob), newest_rating);

  auto review = [&](const std::string& key) {
    Id id = 0;
    EXPECT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
      CriticReview r;
      r.title_id = season;
      r.quote = "Quote " + key;
      r.sentiment = Sentiment::kFresh;
      r.sentiment_source = SentimentSource::kCritic;
      auto got = w.UpsertCriticReview(r, key);
      if (!got.ok()) return got.status();
      id = *got;
      return Status::Ok();
    }).ok());
    return id;
  };
  const Id newest_review = review("first");
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.DeleteCriticReview(season, "first"); }).ok());
  EXPECT_GT(review("second"), newest_review);
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
}

}  // namespace
}  // namespace reel
