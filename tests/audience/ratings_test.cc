// A reader's rating through the real write path on a real store: pre-release
// ratings are kept but not counted, and a review-bombing burst is held.
#include "audience/ratings.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "storage/store.h"

namespace reel::audience {
namespace {

namespace fs = std::filesystem;

class RatingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("reel-ratings-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = std::move(Store::Open((dir_ / "t.db").string()).value());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  Title AddFilm(const std::string& slug, const std::string& release) {
    Title t;
    t.kind = TitleKind::kFilm;
    t.slug = slug;
    t.name = slug;
    t.release = FuzzyDate::Make(release, "day").value();
    EXPECT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
      auto id = w.UpsertTitle(t);
      if (!id.ok()) return id.status();
      t.id = *id;
      return Status::Ok();
    }).ok());
    return t;
  }
  Id AddUser(const std::string& name) {
    User u;
    u.username = name;
    return store_->CreateUser(u).value();
  }
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(RatingsTest, BeforeReleaseARatingIsWantToSee) {
  const Title film = AddFilm("coming", "2099-01-01");
  ASSERT_TRUE(RateTitle(*store_, AddUser("eager"), film, 5, "", Date::Today()).ok());
  const ScoreCounts c = store_->GetScoreCounts(film.id).value();
  EXPECT_EQ(c.ratings, 0);
  EXPECT_EQ(c.pre_release, 1);
  EXPECT_EQ(RateTitle(*store_, AddUser("typo"), film, 5.5, "", Date::Today()).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(RateTitle(*store_, AddUser("essay"), film, 3, std::string(kMaxReviewLength + 1, 'x'), Date::Today()).code(),
            StatusCode::kInvalidArgument);
}

// 60 ratings over the last 30 days (mostly 3.5-5 stars), then a burst.
void History(Store& store, const Title& film, std::vector<Id>& users) {
  const int64_t now = ParseUtcTimestamp(UtcTimestamp()).value();
  ASSERT_TRUE(store.Write([&](StoreWriter& w) -> Status {
    for (int i = 0; i < 60; ++i) {
      User u;
      u.username = "regular-" + std::to_string(i);
      auto uid = w.UpsertUser(u);
      if (!uid.ok()) return uid.status();
      users.push_back(*uid);
      Rating r{0, *uid, film.id, 3.5 + 0.5 * (i % 4), "", false, RatingStatus::kCounted,
               UtcTimestampOf(now - (60 - i) * 12 * 3600)};
      if (auto x = w.UpsertRating(r); !x.ok()) return x.status();
    }
    return Status::Ok();
  }).ok());
}

TEST_F(RatingsTest, AOneStarBurstIsHeldNotCounted) {
  const Title film = AddFilm("bombed", "2020-01-01");
  std::vector<Id> regulars;
  History(*store_, film, regulars);
  for (int i = 0; i < 60; ++i) {
    ASSERT_TRUE(RateTitle(*store_, AddUser("bomber-" + std::to_string(i)), film, 0.5, "Worst ever", Date::Today()).ok());
  }
  const ScoreCounts c = store_->GetScoreCounts(film.id).value();
  // The rule lets the first 20 of the hour through (the rate test needs more than
  // 20), then holds the rest: counted = 60 regulars + 20 of the burst.
  EXPECT_EQ(c.ratings, 80);
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
  EXPECT_EQ(store_->CountRows()->at("ratings"), 120);  // Held ratings are kept.
}

TEST_F(RatingsTest, APopularMomentWithTheUsualStarsIsCounted) {
  const Title film = AddFilm("premiere", "2020-01-01");
  std::vector<Id> regulars;
  History(*store_, film, regulars);
  for (int i = 0; i < 60; ++i) {
    ASSERT_TRUE(RateTitle(*store_, AddUser("fan-" + std::to_string(i)), film, 3.5 + 0.5 * (i % 4), "", Date::Today()).ok());
  }
  EXPECT_EQ(store_->GetScoreCounts(film.id)->ratings, 120);
}

}  // namespace
}  // namespace reel::audience
