// The store contract, bulk ratings (StoreWriter::BeginBulkRatings,
// UpsertRatingsChecked, EndBulkRatings; sql/bulk_ratings.cc): the importers' path,
// checked against a model of the rows: each rating reports its change, awkward text
// round-trips, a reload changes nothing, a bad rating rolls the load back, and a large
// load rebuilds its indexes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "store_contract.h"

namespace reel {
namespace {

// ---- Bulk ratings (the importers' path; on PostgreSQL: COPY into a staging table,
// then set-based statements) ----

// What UpsertRatingsChecked must report for each rating, from a model of the rows:
// new (user, title) inserted; same stars, verified, status, review and (when given)
// creation time unchanged; anything else updated.
class RatingModel {
 public:
  StoreWriter::Change Apply(const Rating& r) {
    const auto key = std::make_pair(r.user_id, r.title_id);
    auto it = rows_.find(key);
    if (it == rows_.end()) {
      rows_[key] = r;
      return StoreWriter::Change::kInserted;
    }
    Rating& old = it->second;
    const bool same = old.stars == r.stars && old.verified == r.verified && old.status == r.status &&
                      old.review == r.review && (r.created_at.empty() || old.created_at == r.created_at);
    if (same) return StoreWriter::Change::kUnchanged;
    const std::string created = r.created_at.empty() ? old.created_at : r.created_at;
    old = r;
    old.created_at = created;
    return StoreWriter::Change::kUpdated;
  }
  const std::map<std::pair<Id, Id>, Rating>& rows() const { return rows_; }

 private:
  std::map<std::pair<Id, Id>, Rating> rows_;
};

class BulkRatingsTest : public StoreContractTest {
 protected:
  // `films` films and `users` users, made in one write.
  void MakeFilmsAndUsers(int films, int users) {
    ASSERT_TRUE(store_->Write([&](StoreWriter& w) {
      for (int i = 0; i < films; ++i) {
        Title t;
        t.kind = TitleKind::kFilm;
        t.slug = "film-" + std::to_string(i);
        t.name = "Film " + std::to_string(i);
        auto id = w.UpsertTitle(t);
        if (!id.ok()) return id.status();
        films_.push_back(*id);
      }
      for (int i = 0; i < users; ++i) {
        User u;
        u.username = "rater" + std::to_string(i);
        auto id = w.UpsertUser(u);
        if (!id.ok()) return id.status();
        users_.push_back(*id);
      }
      return Status::Ok();
    }).ok());
  }

  // Loads `ratings` in batches of `batch` between Begin/EndBulkRatings, in one
  // write; the changes reported, in order.
  std::vector<StoreWriter::Change> Load(const std::vector<Rating>& ratings, size_t batch, bool bulk = true) {
    std::vector<StoreWriter::Change> changes;
    Status st = store_->Write([&](StoreWriter& w) -> Status {
      if (bulk) REEL_TRY(w.BeginBulkRatings(static_cast<int64_t>(ratings.size())));
      for (size_t i = 0; i < ratings.size(); i += batch) {
        std::vector<Rating> part(ratings.begin() + static_cast<std::ptrdiff_t>(i),
                                 ratings.begin() + static_cast<std::ptrdiff_t>(std::min(ratings.size(), i + batch)));
        REEL_TRY(w.UpsertRatingsChecked(part, &changes));
      }
      return bulk ? w.EndBulkRatings() : Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return changes;
  }

  // The stored ratings equal the model's, and the aggregates a recompute.
  void ExpectStored(const RatingModel& model) {
    for (const auto& [key, want] : model.rows()) {
      auto got = store_->GetRating(key.first, key.second);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      EXPECT_EQ(got->stars, want.stars);
      EXPECT_EQ(got->review, want.review);
      EXPECT_EQ(got->verified, want.verified);
      EXPECT_EQ(got->status, want.status);
      if (!want.created_at.empty()) {
        EXPECT_EQ(got->created_at, want.created_at);
      }
    }
    EXPECT_EQ(store_->CountRows()->at("ratings"), static_cast<int64_t>(model.rows().size()));
    std::map<Id, int64_t> counted;
    for (const auto& [key, r] : model.rows()) counted[key.second] += r.status == RatingStatus::kCounted ? 1 : 0;
    for (const auto& [title, n] : counted) EXPECT_EQ(store_->GetScoreCounts(title)->ratings, n) << title;
    auto report = store_->RecomputeAggregates();
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->drifted, 0) << (report->examples.empty() ? "" : report->examples.front());
  }

  std::vector<Id> films_, users_;
};

TEST_P(BulkRatingsTest, AwkwardTextRoundTripsAndEachRatingReportsItsChange) {
  MakeFilmsAndUsers(2, 8);
  // Text the COPY text format must escape, and text that looks like its escapes.
  const std::vector<std::string> reviews = {
      "tab\there", "two\nlines", "carriage\r\nreturn", "back\\slash", "\\N", "\\.", "\\t not a tab",
      "", "quote ' and \"double\"", "Am\xc3\xa9lie \xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xc2\xbd", "\t\n\\\r"};
  std::vector<Rating> ratings;
  for (size_t i = 0; i < reviews.size(); ++i) {
    Rating r;
    r.user_id = users_[i % users_.size()];
    r.title_id = films_[i / users_.size()];
    r.stars = 0.5 + static_cast<double>(i % 10) * 0.5;
    r.review = reviews[i];
    r.verified = i % 3 == 0;
    r.status = i % 4 == 1 ? RatingStatus::kPreRelease : RatingStatus::kCounted;
    r.created_at = i % 2 ? "2001-02-03T04:05:0" + std::to_string(i % 10) + "Z" : "";
    ratings.push_back(r);
  }
  // The same (user, title) again within the batch: once changed, once the same.
  Rating again = ratings[1];
  again.stars = 5;
  again.review = "changed\tmind";
  ratings.push_back(again);
  ratings.push_back(again);
  RatingModel model;
  std::vector<StoreWriter::Change> want;
  for (const Rating& r : ratings) want.push_back(model.Apply(r));
  ASSERT_EQ(want.back(), StoreWriter::Change::kUnchanged);
  ASSERT_EQ(want[want.size() - 2], StoreWriter::Change::kUpdated);
  EXPECT_EQ(Load(ratings, 1000), want);
  ExpectStored(model);
  // Ratings without a creation time were made at the write's time, and keep it.
  auto unset = store_->GetRating(ratings[0].user_id, ratings[0].title_id);
  ASSERT_TRUE(unset.ok());
  EXPECT_FALSE(unset->created_at.empty());

  // Again, without the repeats: every rating unchanged, nothing written.
  ratings.resize(reviews.size());
  ratings[1] = again;
  EXPECT_EQ(Load(ratings, 4), std::vector<StoreWriter::Change>(ratings.size(), StoreWriter::Change::kUnchanged));
  ExpectStored(model);
}

TEST_P(BulkRatingsTest, ReloadIsUnchangedAndAggregatesEqualARecompute) {
  constexpr int kFilms = 25, kUsers = 120;
  MakeFilmsAndUsers(kFilms, kUsers);
  std::mt19937 rng(7);
  auto random_rating = [&](Id user, Id title) {
    Rating r;
    r.user_id = user;
    r.title_id = title;
    r.stars = 0.5 * static_cast<double>(1 + rng() % 10);
    r.verified = rng() % 4 == 0;
    const int status = static_cast<int>(rng() % 10);
    r.status = status == 0 ? RatingStatus::kPreRelease : status == 1 ? RatingStatus::kHeld : RatingStatus::kCounted;
    r.created_at = "2019-0" + std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 10) + "T00:00:00Z";
    return r;
  };
  std::vector<Rating> ratings;
  for (Id user : users_) {
    for (Id film : films_) {
      if (rng() % 3 == 0) ratings.push_back(random_rating(user, film));
    }
  }
  ASSERT_GT(ratings.size(), 500u);
  RatingModel model;
  std::vector<StoreWriter::Change> want;
  for (const Rating& r : ratings) want.push_back(model.Apply(r));
  EXPECT_EQ(Load(ratings, 300), want);
  ExpectStored(model);

  // The same file again: all unchanged.
  EXPECT_EQ(Load(ratings, 300), std::vector<StoreWriter::Change>(ratings.size(), StoreWriter::Change::kUnchanged));
  ExpectStored(model);

  // A newer file: some ratings change (stars, status, verified or time), some are
  // new; loaded in bulk, then a few more outside a bulk bracket.
  std::vector<Rating> newer;
  for (const Rating& r : ratings) {
    if (rng() % 4 == 0) {
      Rating c = random_rating(r.user_id, r.title_id);
      if (rng() % 2) c.created_at = r.created_at;
      newer.push_back(c);
    } else {
      newer.push_back(r);
    }
  }
  for (int i = 0; i < 200; ++i) newer.push_back(random_rating(users_[rng() % kUsers], films_[rng() % kFilms]));
  want.clear();
  for (const Rating& r : newer) want.push_back(model.Apply(r));
  EXPECT_EQ(Load(newer, 257), want);
  ExpectStored(model);
  std::vector<Rating> few = {random_rating(users_[0], films_[0]), random_rating(users_[1], films_[1])};
  want.clear();
  for (const Rating& r : few) want.push_back(model.Apply(r));
  EXPECT_EQ(Load(few, 10, /*bulk=*/false), want);
  ExpectStored(model);
}

TEST_P(BulkRatingsTest, ABadRatingRollsTheWholeLoadBack) {
  MakeFilmsAndUsers(1, 2);
  std::vector<Rating> ratings(2);
  ratings[0] = {0, users_[0], films_[0], 4.0, "fine", false, RatingStatus::kCounted, ""};
  ratings[1] = {0, users_[1], films_[0] + 1000, 3.0, "no such film", false, RatingStatus::kCounted, ""};
  std::vector<StoreWriter::Change> changes;
  Status st = store_->Write([&](StoreWriter& w) -> Status {
    REEL_TRY(w.BeginBulkRatings(2));
    REEL_TRY(w.UpsertRatingsChecked(ratings, &changes));
    return w.EndBulkRatings();
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_EQ(store_->CountRows()->at("ratings"), 0);
  EXPECT_EQ(store_->GetScoreCounts(films_[0])->ratings, 0);
  // The store is usable afterwards (the connection went back to the pool clean).
  RatingModel model;
  EXPECT_EQ(model.Apply(ratings[0]), StoreWriter::Change::kInserted);
  EXPECT_EQ(Load({ratings[0]}, 10), std::vector<StoreWriter::Change>{StoreWriter::Change::kInserted});
  ExpectStored(model);
}

// A load announced as large takes the path that drops the ratings' indexes and
// builds them again at the end (on SQLite, sorting in temporary files), right after
// the store was opened and migrated.
TEST_P(BulkRatingsTest, ALargeLoadRebuildsItsIndexesInAFreshStore) {
  MakeFilmsAndUsers(1, 2);
  std::vector<Rating> ratings(2);
  ratings[0] = {0, users_[0], films_[0], 4.0, "", false, RatingStatus::kCounted, ""};
  ratings[1] = {0, users_[1], films_[0], 2.5, "", false, RatingStatus::kCounted, ""};
  std::vector<StoreWriter::Change> changes;
  Status st = store_->Write([&](StoreWriter& w) -> Status {
    REEL_TRY(w.BeginBulkRatings(100000));
    REEL_TRY(w.UpsertRatingsChecked(ratings, &changes));
    return w.EndBulkRatings();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(store_->GetScoreCounts(films_[0])->ratings, 2);
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkRatingsTest, testing::BothStores(), testing::BackendName);

}  // namespace
}  // namespace reel
