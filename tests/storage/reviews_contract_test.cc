// The store contract, reviews and scores slice (storage/review_store.h;
// sql/reviews.cc): critic and audience reviews, ratings and their score counts, the
// aggregates kept on every write (equal to a recompute under random and concurrent
// writes), rating times kept on edit, verification codes, consensus and a critic's
// review of a title.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "ingest/catalog_json.h"
#include "store_contract.h"

namespace reel {
namespace {

TEST_P(StoreContractTest, ReviewsRatingsAndScoreCounts) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) {
    auto pub = w.UpsertPublication({0, "the-paper", "The Paper", ""});
    if (!pub.ok()) return pub.status();
    auto top = w.UpsertCritic({0, "top-critic", "Top Critic", *pub, true});
    auto other = w.UpsertCritic({0, "other-critic", "Other Critic", 0, false});
    if (!top.ok() || !other.ok()) return Internal("critic");
    CriticReview r;
    r.title_id = season;
    r.critic_id = *top;
    r.publication_id = *pub;
    r.quote = "Fine.";
    r.grade_raw = "3/5";
    r.grade_score = 60;
    r.sentiment = Sentiment::kFresh;
    r.sentiment_source = SentimentSource::kCritic;
    r.date = Date{2020, 3, 28};
    if (auto x = w.UpsertCriticReview(r, "critic:top-critic"); !x.ok()) return x.status();
    r.critic_id = *other;
    r.publication_id = 0;
    r.sentiment = Sentiment::kRotten;
    r.date = Date{2020, 1, 23};
    if (auto x = w.UpsertCriticReview(r, "critic:other-critic"); !x.ok()) return x.status();
    // A text-classifier suggestion is stored but never counted.
    r.sentiment = Sentiment::kFresh;
    r.sentiment_source = SentimentSource::kText;
    if (auto x = w.UpsertCriticReview(r, "suggested"); !x.ok()) return x.status();
    for (int i = 0; i < 4; ++i) {
      User u;
      u.username = "u" + std::to_string(i);
      auto uid = w.UpsertUser(u);
      if (!uid.ok()) return uid.status();
      Rating rating;
      rating.user_id = *uid;
      rating.title_id = season;
      rating.stars = i < 2 ? 4.5 : 1.0;
      rating.review = i == 0 ? "Loved it." : "";
      rating.verified = i == 0;
      rating.status = i == 3 ? RatingStatus::kPreRelease : RatingStatus::kCounted;
      rating.created_at = "2021-06-1" + std::to_string(i);
      if (auto x = w.UpsertRating(rating); !x.ok()) return x.status();
    }
    return Status::Ok();
  }).ok());

  auto all = store_->ListCriticReviews(season, CriticFilter::kAll);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].review.date->ToIso(), "2020-03-28");  // Newest first.
  EXPECT_EQ((*all)[0].publication->name, "The Paper");
  EXPECT_EQ((*all)[0].review.grade_raw, "3/5");
  EXPECT_DOUBLE_EQ(*(*all)[0].review.grade_score, 60);
  auto top = store_->ListCriticReviews(season, CriticFilter::kTopOnly);
  ASSERT_EQ(top->size(), 1u);
  EXPECT_TRUE(top->front().critic->top_critic);

  auto c = store_->GetScoreCounts(season);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->fresh, 1);
  EXPECT_EQ(c->rotten, 1);
  EXPECT_EQ(c->top_fresh, 1);
  EXPECT_EQ(c->top_rotten, 0);
  EXPECT_EQ(c->ratings, 3);  // The pre-release rating is kept, not counted.
  EXPECT_EQ(c->ratings_positive, 2);
  EXPECT_EQ(c->verified_ratings, 1);
  EXPECT_EQ(c->verified_positive, 1);
  EXPECT_EQ(store_->GetScoreCounts(series)->ratings, 0);
  EXPECT_EQ(store_->GetScoreCountsFor({season, series})->size(), 1u);
  EXPECT_EQ(*store_->ListTitlesWithReviews(2), std::vector<Id>{season});
  EXPECT_TRUE(store_->ListTitlesWithReviews(3)->empty());

  auto reviews = store_->ListAudienceReviews(season, 10);
  ASSERT_EQ(reviews->size(), 1u);  // Only ratings that carry a review.
  EXPECT_EQ(reviews->front().rating.review, "Loved it.");
  EXPECT_EQ(reviews->front().username, "u0");
  EXPECT_TRUE(reviews->front().rating.verified);
  EXPECT_EQ(store_->CountRows()->at("ratings"), 4);
  EXPECT_EQ(store_->CountRows()->at("critic_reviews"), 3);
}

TEST_P(StoreContractTest, DemoSeasonAggregates) {
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  const Id series = store_->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard")->id;
  const Id s1 = store_->FindChild(series, 1)->id;
  const ScoreCounts c = store_->GetScoreCounts(s1).value();
  EXPECT_EQ(c.fresh, 12);
  EXPECT_EQ(c.rotten, 0);
  EXPECT_EQ(c.graded, 5);  // 3/5, 3/5, 3.5/5, B, 3/4.
  EXPECT_DOUBLE_EQ(c.grade_sum, 60 + 60 + 70 + 75 + 75);
  EXPECT_EQ(c.grade_histogram[6], 2);
  EXPECT_EQ(c.grade_histogram[7], 3);
  EXPECT_EQ(c.ratings, 10);
  EXPECT_EQ(c.ratings_positive, 2);
  EXPECT_DOUBLE_EQ(c.stars_sum, 18.5);
  EXPECT_EQ(c.star_histogram[0], 3);  // Three half-star ratings.
  EXPECT_EQ(c.star_histogram[9], 1);  // One five-star rating.
  EXPECT_FALSE(c.certified);          // 12 reviews: a TV season needs 20.
  // The demo's aggregates are what a recompute finds.
  auto report = store_->RecomputeAggregates();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->drifted, 0) << (report->examples.empty() ? "" : report->examples[0]);
  EXPECT_EQ(report->ratings, 10);
}

// Random writes of every kind; after each one, the stored aggregates of all titles
// must equal a full recompute (which reports drift and rewrites them).

TEST_P(StoreContractTest, IncrementalEqualsRecomputeUnderRandomWrites) {
  constexpr int kTitles = 3, kUsers = 12, kCritics = 6, kSteps = 2500;
  std::vector<Id> titles, users, critics;
  std::vector<std::string> critic_slugs;
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) {
    for (int i = 0; i < kTitles; ++i) {
      Title t;
      t.kind = i == 0 ? TitleKind::kSeries : TitleKind::kFilm;
      t.slug = "t" + std::to_string(i);
      t.name = t.slug;
      auto id = w.UpsertTitle(t);
      if (!id.ok()) return id.status();
      titles.push_back(*id);
    }
    Title season;  // Seasons are certified under the TV rule.
    season.kind = TitleKind::kSeason;
    season.parent_id = titles[0];
    season.number = 1;
    season.name = "Season 1";
    auto sid = w.UpsertTitle(season);
    if (!sid.ok()) return sid.status();
    titles[0] = *sid;
    for (int i = 0; i < kUsers; ++i) {
      User u;
      u.username = "u" + std::to_string(i);
      auto id = w.UpsertUser(u);
      if (!id.ok()) return id.status();
      users.push_back(*id);
    }
    for (int i = 0; i < kCritics; ++i) {
      critic_slugs.push_back("c" + std::to_string(i));
      auto id = w.UpsertCritic({0, critic_slugs.back(), critic_slugs.back(), 0, i % 2 == 0});
      if (!id.ok()) return id.status();
      critics.push_back(*id);
    }
    return Status::Ok();
  }).ok());

  std::mt19937 rng(20261124);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  int certified_seen = 0, certified_lost = 0;
  std::map<Id, bool> was_certified;
  for (int step = 0; step < kSteps; ++step) {
    const int op = pick(10);
    const Id title = titles[pick(kTitles)];
    Status st = store_->Write([&](StoreWriter& w) -> Status {
      if (op < 4) {
        Rating r;
        r.user_id = users[pick(kUsers)];
        r.title_id = title;
        r.stars = 0.5 * (1 + pick(10));
        r.verified = pick(3) == 0;
        r.status = pick(8) == 0 ? RatingStatus::kPreRelease : pick(12) == 0 ? RatingStatus::kHeld : RatingStatus::kCounted;
        return w.UpsertRating(r).status();
      }
      if (op == 4) {
        Status d = w.DeleteRating(users[pick(kUsers)], title);
        return d.code() == StatusCode::kNotFound ? Status::Ok() : d;
      }
      if (op < 8) {
        CriticReview r;
        r.title_id = title;
        const int c = pick(kCritics + 1);  // kCritics: an unattributed review.
        r.critic_id = c < kCritics ? critics[c] : 0;
        // Mostly fresh, so that titles cross the certified thresholds both ways.
        const int verdict = pick(7);
        r.sentiment = verdict < 5 ? Sentiment::kFresh : verdict < 6 ? Sentiment::kRotten : Sentiment::kNone;
        r.sentiment_source = r.sentiment == Sentiment::kNone ? SentimentSource::kNone
                             : pick(5) == 0                  ? SentimentSource::kText
                                                             : SentimentSource::kCritic;
        if (pick(2)) r.grade_score = pick(101);
        return w.UpsertCriticReview(r, "k" + std::to_string(pick(40))).status();
      }
      if (op == 8) {
        Status d = w.DeleteCriticReview(title, "k" + std::to_string(pick(40)));
        return d.code() == StatusCode::kNotFound ? Status::Ok() : d;
      }
      const int c = pick(kCritics);  // Flip a critic's top-critic flag.
      return w.UpsertCritic({0, critic_slugs[c], critic_slugs[c], 0, pick(2) == 0}).status();
    });
    ASSERT_TRUE(st.ok()) << "step " << step << ": " << st.ToString();

    const auto before = store_->GetScoreCountsFor(titles).value();
    auto report = store_->RecomputeAggregates();
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_EQ(report->drifted, 0) << "step " << step << ": " << report->examples.front();
    // Certified state is stable under a recompute, and seen at least sometimes.
    const auto after = store_->GetScoreCountsFor(titles).value();
    for (Id t : titles) {
      const bool was = before.count(t) && before.at(t).certified;
      const bool is = after.count(t) && after.at(t).certified;
      ASSERT_EQ(was, is) << "step " << step << " title " << t;
      certified_seen += is;
      certified_lost += was_certified[t] && !is;
      was_certified[t] = is;
    }
  }
  EXPECT_GT(certified_seen, 0) << "the random writes never certified a title; the test does not reach that path";
  EXPECT_GT(certified_lost, 0) << "no title ever lost its certified state; the test does not reach that path";
}

// Two threads rate the same title thousands of times (upserts and deletes by a
// small set of users, so they collide on rows): the aggregates equal a recompute.
TEST_P(StoreContractTest, ConcurrentWritersOnOneTitleKeepAggregatesExact) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  std::vector<Id> users;
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) {
    for (int i = 0; i < 20; ++i) {
      User u;
      u.username = "u" + std::to_string(i);
      auto id = w.UpsertUser(u);
      if (!id.ok()) return id.status();
      users.push_back(*id);
    }
    return Status::Ok();
  }).ok());
  std::atomic<int> failures{0};
  auto worker = [&](unsigned seed) {
    std::mt19937 rng(seed);
    for (int i = 0; i < 1500; ++i) {
      const Id user = users[rng() % users.size()];
      Status st = store_->Write([&](StoreWriter& w) -> Status {
        if (rng() % 5 == 0) {
          Status d = w.DeleteRating(user, season);
          return d.code() == StatusCode::kNotFound ? Status::Ok() : d;
        }
        Rating r{0, user, season, 0.5 * (1 + rng() % 10), "", rng() % 2 == 0, RatingStatus::kCounted, ""};
        return w.UpsertRating(r).status();
      });
      if (!st.ok()) {
        ++failures;
        ADD_FAILURE() << st.ToString();
        return;
      }
    }
  };
  std::thread a(worker, 1), b(worker, 2);
  a.join();
  b.join();
  EXPECT_EQ(failures, 0);
  auto report = store_->RecomputeAggregates();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->drifted, 0) << (report->examples.empty() ? "" : report->examples[0]);
}

TEST_P(StoreContractTest, EditingARatingKeepsWhenItWasMade) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  Id user = 0;
  auto rate = [&](double stars, std::string created) {
    return store_->Write([&](StoreWriter& w) -> Status {
      User u;
      u.username = "ann";
      auto uid = w.UpsertUser(u);
      if (!uid.ok()) return uid.status();
      user = *uid;
      return w.UpsertRating({0, user, season, stars, "Fine.", false, RatingStatus::kCounted, created}).status();
    });
  };
  ASSERT_TRUE(rate(3, "2021-06-13").ok());
  ASSERT_TRUE(rate(4.5, "").ok());  // An edit, as a reader makes it.
  auto reviews = store_->ListAudienceReviews(season, 10);
  ASSERT_EQ(reviews->size(), 1u);
  EXPECT_EQ(reviews->front().rating.created_at, "2021-06-13");
  EXPECT_DOUBLE_EQ(reviews->front().rating.stars, 4.5);
  EXPECT_EQ(store_->GetScoreCounts(season)->ratings_positive, 1);
}

TEST_P(StoreContractTest, VerificationCodesConsensusAndCriticReviewLookup) {
  const Id series = AddSeries("picard", "Picard");
  const Id s1 = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id s2 = AddChild(series, TitleKind::kSeason, 2, "2022-03-03");
  const Id ann = AddUser("ann");
  const Id bob = AddUser("bob");
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
    EXPECT_EQ(w.AddVerificationCode("c1", s1).value(), StoreWriter::Change::kInserted);
    EXPECT_EQ(w.AddVerificationCode("c1", s1).value(), StoreWriter::Change::kUnchanged);
    EXPECT_EQ(w.AddVerificationCode("c1", s2).status().code(), StatusCode::kAlreadyExists);
    return w.SetConsensus(s1, "Engage.");
  }).ok());
  EXPECT_EQ(store_->GetTitle(s1)->consensus, "Engage.");
  auto use = [&](const char* code, Id title, Id user) {
    return store_->Write([&](StoreWriter& w) { return w.UseVerificationCode(code, title, user); });
  };
  EXPECT_EQ(use("c1", s2, ann).code(), StatusCode::kNotFound);
  EXPECT_EQ(use("nope", s1, ann).code(), StatusCode::kNotFound);
  EXPECT_TRUE(use("c1", s1, ann).ok());
  EXPECT_TRUE(use("c1", s1, ann).ok());
  EXPECT_EQ(use("c1", s1, bob).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->Write([&](StoreWriter& w) { return w.SetConsensus(999999, "x"); }).code(), StatusCode::kNotFound);

  Id critic = 0;
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
    auto c = w.UpsertCritic({0, "jo", "Jo", 0, false});
    if (!c.ok()) return c.status();
    critic = *c;
    CriticReview r;
    r.title_id = s1;
    r.critic_id = critic;
    r.quote = "Warm.";
    r.grade_raw = "4/5";
    r.grade_score = 80;
    r.sentiment = Sentiment::kFresh;
    r.sentiment_source = SentimentSource::kCritic;
    r.date = Date::Parse("2020-02-01").value();
    return w.UpsertCriticReview(r, "critic:" + std::to_string(critic)).status();
  }).ok());
  auto review = store_->GetCriticReview(s1, critic);
  ASSERT_TRUE(review.ok());
  EXPECT_EQ(review->quote, "Warm.");
  EXPECT_EQ(*review->grade_score, 80);
  EXPECT_EQ(review->sentiment, Sentiment::kFresh);
  EXPECT_EQ(review->date->ToIso(), "2020-02-01");
  EXPECT_EQ(store_->GetCriticReview(s2, critic).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace reel
