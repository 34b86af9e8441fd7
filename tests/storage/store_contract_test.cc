// The store contract: every operation of storage/store.h, run against SQLite (a
// temporary file) and PostgreSQL (a fresh database on the test binary's private
// server), with the same expectations.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>
#include <tuple>

#include "ingest/catalog_json.h"
#include "storage/store.h"
#include "support/signin_counts.h"
#include "support/two_stores.h"

namespace reel {
namespace {

class StoreContractTest : public testing::TwoStoreTest {
 protected:
  StoreContractTest() : TwoStoreTest("contract") {}

  Id AddSeries(const std::string& slug, const std::string& name) {
    Id id = 0;
    EXPECT_TRUE(store_->Write([&](StoreWriter& w) {
      Title t;
      t.kind = TitleKind::kSeries;
      t.slug = slug;
      t.name = name;
      t.release = FuzzyDate::Make("2020-01-23", "day").value();
      auto r = w.UpsertTitle(t);
      if (!r.ok()) return r.status();
      id = *r;
      return Status::Ok();
    }).ok());
    return id;
  }

  Id AddChild(Id parent, TitleKind kind, int number, const std::string& date) {
    Id id = 0;
    EXPECT_TRUE(store_->Write([&](StoreWriter& w) {
      Title t;
      t.kind = kind;
      t.parent_id = parent;
      t.number = number;
      t.name = "Child " + std::to_string(number);
      t.release = FuzzyDate::Make(date, "day").value();
      auto r = w.UpsertTitle(t);
      if (!r.ok()) return r.status();
      id = *r;
      return Status::Ok();
    }).ok());
    return id;
  }
};

TEST_P(StoreContractTest, TitlesBySlugChildrenAndUpsert) {
  const Id series = AddSeries("star-trek-picard", "Star Trek: Picard");
  const Id s1 = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id s2 = AddChild(series, TitleKind::kSeason, 2, "2022-03-03");
  AddChild(s1, TitleKind::kEpisode, 2, "2020-01-30");
  AddChild(s1, TitleKind::kEpisode, 1, "2020-01-23");

  auto found = store_->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, series);
  EXPECT_EQ(found->release->start.ToIso(), "2020-01-23");
  EXPECT_EQ(store_->FindTitleBySlug(TitleKind::kFilm, "star-trek-picard").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->FindTitleBySlug(TitleKind::kSeries, "nope").status().code(), StatusCode::kNotFound);

  auto seasons = store_->ListChildren(series);
  ASSERT_EQ(seasons->size(), 2u);
  EXPECT_EQ((*seasons)[0].id, s1);
  auto eps = store_->ListChildren(s1);
  ASSERT_EQ(eps->size(), 2u);
  EXPECT_EQ((*eps)[0].number, 1);  // Ordered by number, not insertion.
  EXPECT_EQ(store_->FindChild(series, 2)->id, s2);
  EXPECT_EQ(store_->FindChild(series, 3).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetTitle(s2)->number, 2);
  EXPECT_EQ(store_->GetTitles({s2, series})->size(), 2u);

  // Upserting the same key updates in place and keeps the id.
  EXPECT_EQ(AddSeries("star-trek-picard", "Star Trek: Picard (renamed)"), series);
  EXPECT_EQ(store_->GetTitle(series)->name, "Star Trek: Picard (renamed)");
  EXPECT_EQ(AddChild(series, TitleKind::kSeason, 1, "2020-01-24"), s1);

  TitleQuery newest;
  newest.kinds = {TitleKind::kSeason};
  newest.order = TitleOrder::kReleaseNewest;
  EXPECT_EQ(store_->ListTitles(newest)->front().id, s2);
  newest.released_on_or_before = Date{2021, 1, 1};
  EXPECT_EQ(store_->ListTitles(newest)->size(), 1u);
  TitleQuery all;
  EXPECT_EQ(store_->ListTitles(all)->size(), 5u);
  all.limit = 2;
  all.offset = 4;
  EXPECT_EQ(store_->ListTitles(all)->size(), 1u);
}

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

TEST_P(StoreContractTest, PeopleCreditsGenresAndSimilar) {
  const Id picard = AddSeries("star-trek-picard", "Star Trek: Picard");
  const Id tng = AddSeries("star-trek-the-next-generation", "Star Trek: The Next Generation");
  const Id friends = AddSeries("friends", "Friends");
  const Id s1 = AddChild(picard, TitleKind::kSeason, 1, "2020-01-23");
  const Id e1 = AddChild(s1, TitleKind::kEpisode, 1, "2020-01-23");
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) {
    Person p;
    p.slug = "patrick-stewart";
    p.name = "Patrick Stewart";
    p.born = Date{1940, 7, 13};
    auto pid = w.UpsertPerson(p);
    if (!pid.ok()) return pid.status();
    for (auto [title, kind, role, order] : std::vector<std::tuple<Id, CreditKind, std::string, int>>{
             {picard, CreditKind::kCast, "Jean-Luc Picard", 0},
             {s1, CreditKind::kCrew, "Executive Producer", 5},
             {s1, CreditKind::kCast, "Jean-Luc Picard", 0},
             {e1, CreditKind::kCast, "Jean-Luc Picard", 0},
             {tng, CreditKind::kCast, "Jean-Luc Picard", 0}}) {
      Credit c{0, title, *pid, kind, role, order};
      if (auto r = w.UpsertCredit(c); !r.ok()) return r.status();
    }
    REEL_RETURN_IF_ERROR(w.SetTitleGenres(picard, {"Science Fiction", "Drama"}));
    REEL_RETURN_IF_ERROR(w.SetTitleGenres(tng, {"Science Fiction", "Adventure", "Drama"}));
    return w.SetTitleGenres(friends, {"Comedy"});
  }).ok());

  auto person = store_->FindPersonBySlug("patrick-stewart");
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->born->ToIso(), "1940-07-13");
  auto credits = store_->ListCredits(s1);
  ASSERT_EQ(credits->size(), 2u);
  EXPECT_EQ((*credits)[0].credit.kind, CreditKind::kCast);  // Cast before crew.
  EXPECT_EQ((*credits)[0].person.name, "Patrick Stewart");
  auto pc = store_->ListPersonCredits(person->id);
  ASSERT_EQ(pc->size(), 5u);
  for (const auto& row : *pc) {
    if (row.title.id == e1) {
      ASSERT_TRUE(row.season && row.series);
      EXPECT_EQ(row.season->number, 1);
      EXPECT_EQ(row.series->slug, "star-trek-picard");
    }
    if (row.title.id == s1) {
      EXPECT_EQ(row.series->id, picard);
    }
  }

  auto genres = store_->ListGenres(tng);
  ASSERT_EQ(genres->size(), 3u);
  EXPECT_EQ((*genres)[0].name, "Science Fiction");  // In the order given.
  auto similar = store_->ListSimilarByGenre(picard, 5);
  ASSERT_EQ(similar->size(), 1u);
  EXPECT_EQ((*similar)[0].id, tng);
  // Replacing genres replaces them.
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.SetTitleGenres(friends, {"Drama"}); }).ok());
  EXPECT_EQ(store_->ListSimilarByGenre(picard, 5)->size(), 2u);
  EXPECT_EQ(store_->CountRows()->at("genres"), 4);
}

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

TEST_P(StoreContractTest, ReleaseDatesAndVideos) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 2, "2022-03-03");
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) {
    ReleaseDate vague{0, season, FuzzyDate::Make("2022-01-01", "half").value(), "early 2022", "article"};
    ReleaseDate exact{0, season, FuzzyDate::Make("2022-03-03", "day").value(), "", "official"};
    if (auto r = w.UpsertReleaseDate(vague); !r.ok()) return r.status();
    if (auto r = w.UpsertReleaseDate(exact); !r.ok()) return r.status();
    if (auto r = w.UpsertReleaseDate(exact); !r.ok()) return r.status();  // Idempotent.
    return w.UpsertVideo({0, season, "Trailer", "https://example.org/t", "trailer", 120}).status();
  }).ok());
  auto dates = store_->ListReleaseDates(season);
  ASSERT_EQ(dates->size(), 2u);
  EXPECT_EQ((*dates)[0].date.ToText(), "early 2022");
  EXPECT_EQ((*dates)[1].date.ToText(), "Mar 3, 2022");
  auto videos = store_->ListVideos(season);
  ASSERT_EQ(videos->size(), 1u);
  EXPECT_EQ(videos->front().duration_seconds, 120);
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

// Four "servers" (threads, each through its own connection) find the same job due
// at once: exactly one runs it, and it is not due again within its interval.
TEST_P(StoreContractTest, APeriodicJobRunsOnOneServer) {
  std::atomic<int> runs{0}, ran{0};
  std::vector<std::thread> servers;
  for (int i = 0; i < 4; ++i) {
    servers.emplace_back([&] {
      auto r = store_->RunJobIfDue("audit", 3600, [&] {
        ++runs;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return Status::Ok();
      });
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      ran += *r;
    });
  }
  for (auto& t : servers) t.join();
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(ran, 1);
  auto again = store_->RunJobIfDue("audit", 3600, [] { return Status::Ok(); });
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  // With no interval it is due at once; a failure is recorded, not thrown.
  auto failing = store_->RunJobIfDue("audit", 0, [] { return Internal("it broke"); });
  ASSERT_TRUE(failing.ok());
  EXPECT_TRUE(*failing);
}

// More ids than a statement may carry parameters (SQLite 32,766): read in chunks.
TEST_P(StoreContractTest, LookupsOfManyIdsAreChunked) {
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  std::vector<Id> ids;
  for (Id id = 1; id <= 40000; ++id) ids.push_back(id);
  auto titles = store_->GetTitles(ids);
  ASSERT_TRUE(titles.ok()) << titles.status().ToString();
  EXPECT_EQ(titles->size(), 55u);  // Every title of the demo, once, in id order.
  EXPECT_TRUE(std::is_sorted(titles->begin(), titles->end(), [](auto& a, auto& b) { return a.id < b.id; }));
  auto counts = store_->GetScoreCountsFor(ids);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->size(), 1u);  // Only Picard season 1 has reviews and ratings.
}

TEST_P(StoreContractTest, AccountsRolesPasswordsResetsAndFailures) {
  User u;
  u.username = "Ann_Lee";
  u.email = "Ann@Example.org";
  u.password_hash = "h1";
  const Id ann = store_->CreateUser(u).value();
  u.username = "bob";
  u.email = "bob@example.org";
  const Id bob = store_->CreateUser(u).value();
  EXPECT_EQ(store_->FindUserByEmail("ann@example.ORG")->id, ann);
  EXPECT_EQ(store_->FindUserByEmail("nobody@example.org").status().code(), StatusCode::kNotFound);
  // Newest first; the query matches names and emails as text (its '_' is no wildcard).
  auto all = store_->ListUsers("", 10, 0).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, bob);
  EXPECT_EQ(store_->ListUsers("n_l", 10, 0)->size(), 1u);
  EXPECT_EQ(store_->ListUsers("n%", 10, 0)->size(), 0u);
  EXPECT_EQ(store_->ListUsers("EXAMPLE", 1, 1)->at(0).id, ann);

  EXPECT_TRUE(store_->SetUserAccess(ann, Role::kEditor, std::nullopt).ok());
  EXPECT_EQ(store_->GetUser(ann)->role, Role::kEditor);
  EXPECT_EQ(store_->SetUserAccess(999999, Role::kAdmin, std::nullopt).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->SetUserAccess(ann, std::nullopt, 999999).code(), StatusCode::kNotFound);
  Id critic = 0;
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) {
    auto c = w.UpsertCritic({0, "ann-lee", "Ann Lee", 0, false});
    if (c.ok()) critic = *c;
    return c.status();
  }).ok());
  EXPECT_TRUE(store_->SetUserAccess(ann, std::nullopt, critic).ok());
  EXPECT_EQ(store_->GetUser(ann)->critic_id, critic);
  EXPECT_EQ(store_->GetUser(ann)->role, Role::kEditor);  // The role stays.
  // Role and critic together, all or nothing.
  EXPECT_EQ(store_->SetUserAccess(bob, Role::kCritic, 999999).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetUser(bob)->role, Role::kReader);
  ASSERT_TRUE(store_->SetUserAccess(bob, Role::kCritic, critic).ok());
  EXPECT_EQ(store_->GetUser(bob)->role, Role::kCritic);
  EXPECT_EQ(store_->GetUser(bob)->critic_id, critic);
  EXPECT_EQ(store_->FindCriticBySlug("ann-lee")->id, critic);
  EXPECT_EQ(store_->GetCritic(critic)->name, "Ann Lee");

  // Sessions end with a password change (but the kept one) and with a reset.
  const std::string later = "2999-01-01T00:00:00Z";
  for (const char* t : {"s1", "s2"}) {
    ASSERT_TRUE(store_->CreateSession({t, ann, "web", "c", UtcTimestamp(), later}).ok());
  }
  ASSERT_TRUE(store_->SetPassword(ann, "h2", "s1").ok());
  EXPECT_TRUE(store_->FindSession("s1", UtcTimestamp()).ok());
  EXPECT_FALSE(store_->FindSession("s2", UtcTimestamp()).ok());
  EXPECT_EQ(store_->GetUser(ann)->password_hash, "h2");
  ASSERT_TRUE(store_->CreatePasswordReset({"r1", ann, UtcTimestamp(), "2998-01-01T00:00:00Z"},
                                          {0, ann, "ann@example.org", "Reset", "link", ""}).ok());
  EXPECT_EQ(store_->UsePasswordReset("r1", later, "h3").status().code(), StatusCode::kNotFound);  // Expired then.
  EXPECT_EQ(store_->UsePasswordReset("r1", UtcTimestamp(), "h3").value(), ann);
  EXPECT_EQ(store_->UsePasswordReset("r1", UtcTimestamp(), "h4").status().code(), StatusCode::kNotFound);  // Used.
  EXPECT_EQ(store_->GetUser(ann)->password_hash, "h3");
  EXPECT_FALSE(store_->FindSession("s1", UtcTimestamp()).ok());
  auto outbox = store_->ListOutbox(5).value();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].subject, "Reset");
  EXPECT_EQ(outbox[0].user_id, ann);

  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:x").failures, 0);
  ASSERT_TRUE(testing::AddSigninFailure(*store_, "user:x", "2026-01-01T10:00:00Z", "2025-12-31T10:00:00Z").ok());
  ASSERT_TRUE(testing::AddSigninFailure(*store_, "user:x", "2026-01-01T10:00:05Z", "2025-12-31T10:00:05Z").ok());
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:x").failures, 2);
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:x").last_at, "2026-01-01T10:00:05Z");
  // A day later the count starts again.
  ASSERT_TRUE(testing::AddSigninFailure(*store_, "user:x", "2026-01-03T10:00:00Z", "2026-01-02T10:00:00Z").ok());
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:x").failures, 1);
  ASSERT_TRUE(store_->ClearSigninFailures("user:x").ok());
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:x").failures, 0);

  // Expired sessions, used or expired reset links and old failure counts go.
  ASSERT_TRUE(store_->CreateSession({"old", ann, "web", "c", "2020-01-01T00:00:00Z", "2020-02-01T00:00:00Z"}).ok());
  ASSERT_TRUE(store_->CreateSession({"live", ann, "web", "c", UtcTimestamp(), later}).ok());
  ASSERT_TRUE(testing::AddSigninFailure(*store_, "user:old", "2020-01-01T00:00:00Z", "2019-12-31T00:00:00Z").ok());
  ASSERT_TRUE(testing::AddSigninFailure(*store_, "user:new", UtcTimestamp(), "2019-12-31T00:00:00Z").ok());
  auto purged = store_->PurgeExpired(UtcTimestamp(), "2021-01-01T00:00:00Z");
  ASSERT_TRUE(purged.ok()) << purged.status().ToString();
  EXPECT_EQ(purged->sessions, 1);
  EXPECT_EQ(purged->resets, 1);  // The one used above.
  EXPECT_EQ(purged->signin_failures, 1);
  EXPECT_TRUE(store_->FindSession("live", UtcTimestamp()).ok());
  EXPECT_EQ(testing::SigninFailuresOf(*store_, "user:new").failures, 1);

  // Closing an account frees its name and email and ends its sessions.
  ASSERT_TRUE(store_->CreateSession({"s3", bob, "web", "c", UtcTimestamp(), later}).ok());
  ASSERT_TRUE(store_->DeleteUser(bob).ok());
  EXPECT_EQ(store_->DeleteUser(bob).code(), StatusCode::kNotFound);
  EXPECT_FALSE(store_->FindSession("s3", UtcTimestamp()).ok());
  EXPECT_EQ(store_->GetUser(bob).status().code(), StatusCode::kNotFound);
  u.username = "bob";
  EXPECT_TRUE(store_->CreateUser(u).ok());
}

TEST_P(StoreContractTest, VerificationCodesConsensusAndCriticReviewLookup) {
  const Id series = AddSeries("picard", "Picard");
  const Id s1 = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id s2 = AddChild(series, TitleKind::kSeason, 2, "2022-03-03");
  User u;
  u.username = "ann";
  const Id ann = store_->CreateUser(u).value();
  u.username = "bob";
  const Id bob = store_->CreateUser(u).value();
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

TEST_P(StoreContractTest, ArticlesAreListedAndRewritten) {
  Article a;
  a.slug = "first";
  a.headline = "First";
  a.created_at = "2026-01-01T00:00:00Z";
  const Id first = store_->AddArticle(a).value();
  a.slug = "second";
  a.headline = "Second";
  a.created_at = "2026-02-01T00:00:00Z";
  const Id second = store_->AddArticle(a).value();
  auto list = store_->ListArticles(10).value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, second);
  Article edit = store_->GetArticle(first).value();
  edit.headline = "First, edited";
  edit.published_at = "2026-03-01T00:00:00Z";
  ASSERT_TRUE(store_->UpdateArticle(edit).ok());
  EXPECT_EQ(store_->FindArticleBySlug("first")->headline, "First, edited");
  EXPECT_EQ(store_->FindArticleBySlug("first")->published_at, "2026-03-01T00:00:00Z");
  edit.slug = "second";
  EXPECT_EQ(store_->UpdateArticle(edit).code(), StatusCode::kAlreadyExists);
  edit.id = 999999;
  edit.slug = "third";
  EXPECT_EQ(store_->UpdateArticle(edit).code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, DemoCatalogLoadsOnceAndAgain) {
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  const auto counts = store_->CountRows().value();
  EXPECT_EQ(counts.at("episodes"), 40);
  EXPECT_EQ(counts.at("critic_reviews"), 12);
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  EXPECT_EQ(store_->CountRows().value(), counts);
  auto reviews = store_->ListCriticReviews(store_->FindChild(
      store_->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard")->id, 1)->id, CriticFilter::kAll);
  ASSERT_EQ(reviews->size(), 12u);
  EXPECT_EQ(reviews->front().review.date->ToIso(), "2021-02-28");  // Newest first.
}

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
      if (bulk) REEL_RETURN_IF_ERROR(w.BeginBulkRatings(static_cast<int64_t>(ratings.size())));
      for (size_t i = 0; i < ratings.size(); i += batch) {
        std::vector<Rating> part(ratings.begin() + static_cast<std::ptrdiff_t>(i),
                                 ratings.begin() + static_cast<std::ptrdiff_t>(std::min(ratings.size(), i + batch)));
        REEL_RETURN_IF_ERROR(w.UpsertRatingsChecked(part, &changes));
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
    REEL_RETURN_IF_ERROR(w.BeginBulkRatings(2));
    REEL_RETURN_IF_ERROR(w.UpsertRatingsChecked(ratings, &changes));
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
    REEL_RETURN_IF_ERROR(w.BeginBulkRatings(100000));
    REEL_RETURN_IF_ERROR(w.UpsertRatingsChecked(ratings, &changes));
    return w.EndBulkRatings();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(store_->GetScoreCounts(films_[0])->ratings, 2);
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkRatingsTest, testing::BothStores(), testing::BackendName);

TEST_P(StoreContractTest, CommentsSpamChecksReportsAndModeration) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id other_season = AddChild(series, TitleKind::kSeason, 2, "2021-01-23");
  User a;
  a.username = "ann";
  const Id ann = store_->CreateUser(a).value();
  a.username = "bob";
  const Id bob = store_->CreateUser(a).value();
  const CommentThread thread{0, season};

  auto add = [&](Id user, Id parent, const std::string& body, ModerationStatus status) {
    Comment c;
    c.thread = thread;
    c.user_id = user;
    c.parent_id = parent;
    c.body = body;
    c.status = status;
    SpamCheck k;
    k.user_id = user;
    k.address = "192.0.2.1";
    k.text = body;
    k.text_key = body;
    k.probability = status == ModerationStatus::kApproved ? 0.1 : 0.95;
    k.reasons = "one; two";
    return store_->AddComment(c, k);
  };
  const Id first = add(ann, 0, "First, with 'quotes'; DROP TABLE comments;--", ModerationStatus::kApproved).value();
  const Id reply = add(bob, first, "A reply", ModerationStatus::kApproved).value();
  const Id pending = add(bob, 0, "Waiting", ModerationStatus::kPending).value();
  const Id spam = add(bob, 0, "Spam", ModerationStatus::kSpam).value();
  // A reply to a reply, or into another thread, is refused; so is a comment of no thread.
  EXPECT_EQ(add(ann, reply, "Nested", ModerationStatus::kApproved).status().code(), StatusCode::kInvalidArgument);
  Comment stray;
  stray.body = "x";
  EXPECT_EQ(store_->AddComment(stray, {}).status().code(), StatusCode::kInvalidArgument);
  stray.thread = {0, other_season};
  stray.parent_id = first;
  EXPECT_EQ(store_->AddComment(stray, {}).status().code(), StatusCode::kInvalidArgument);

  auto ids = [&](Id viewer) {
    std::vector<Id> out;
    for (const auto& row : store_->ListComments(thread, viewer).value()) out.push_back(row.comment.id);
    return out;
  };
  EXPECT_EQ(ids(0), (std::vector<Id>{first, reply}));
  EXPECT_EQ(ids(ann), (std::vector<Id>{first, reply}));
  EXPECT_EQ(ids(bob), (std::vector<Id>{first, reply, pending}));  // Own pending, never spam.
  auto got = store_->GetComment(first).value();
  EXPECT_EQ(got.body, "First, with 'quotes'; DROP TABLE comments;--");
  EXPECT_EQ(got.thread, thread);
  EXPECT_EQ(store_->GetComment(reply)->parent_id, first);
  EXPECT_EQ(store_->GetComment(424242).status().code(), StatusCode::kNotFound);

  // Queues, each with the newest check.
  auto queue = [&](Store::ModerationQueue q) { return store_->ListModerationQueue(q, 10).value(); };
  ASSERT_EQ(queue(Store::ModerationQueue::kPending).size(), 1u);
  EXPECT_EQ(queue(Store::ModerationQueue::kPending)[0].comment->comment.id, pending);
  EXPECT_DOUBLE_EQ(queue(Store::ModerationQueue::kPending)[0].check.probability, 0.95);
  EXPECT_EQ(queue(Store::ModerationQueue::kPending)[0].check.reasons, "one; two");
  ASSERT_EQ(queue(Store::ModerationQueue::kSpam).size(), 1u);
  EXPECT_TRUE(queue(Store::ModerationQueue::kReported).empty());

  // Reports: once per reader while open; resolving empties the queue.
  Report r;
  r.comment_id = first;
  r.user_id = bob;
  r.reason = "rude";
  const Id rep = store_->AddReport(r).value();
  EXPECT_EQ(store_->AddReport(r).value(), rep);
  r.user_id = ann;
  r.reason = "";
  ASSERT_TRUE(store_->AddReport(r).ok());
  auto reported = queue(Store::ModerationQueue::kReported);
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].open_reports, 2);
  EXPECT_EQ(reported[0].report_reasons, "rude");
  ASSERT_TRUE(store_->ResolveReports(first, 0, ann).ok());
  EXPECT_TRUE(queue(Store::ModerationQueue::kReported).empty());
  Report both;
  both.comment_id = first;
  both.rating_id = 1;
  EXPECT_EQ(store_->AddReport(both).status().code(), StatusCode::kInvalidArgument);

  // Status changes and edits.
  ASSERT_TRUE(store_->SetCommentStatus(pending, ModerationStatus::kApproved).ok());
  EXPECT_EQ(ids(0), (std::vector<Id>{first, reply, pending}));
  SpamCheck edit;
  edit.text = "Edited";
  edit.text_key = "edited";
  edit.probability = 0.5;
  ASSERT_TRUE(store_->EditComment(pending, "Edited", ModerationStatus::kPending, edit).ok());
  EXPECT_EQ(store_->GetComment(pending)->body, "Edited");
  EXPECT_FALSE(store_->GetComment(pending)->updated_at.empty());
  EXPECT_DOUBLE_EQ(queue(Store::ModerationQueue::kPending)[0].check.probability, 0.5);  // The newest check.
  EXPECT_EQ(store_->SetCommentStatus(424242, ModerationStatus::kSpam).code(), StatusCode::kNotFound);

  // Activity counts for the spam filter.
  auto activity = store_->CountSpamActivity(bob, "", "Waiting", "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z").value();
  EXPECT_EQ(activity.posts_last_hour, 3);  // Reply, pending and spam (the edit's check names no user).
  EXPECT_EQ(activity.same_text_recent, 1);
  EXPECT_EQ(store_->CountSpamActivity(bob, "", "x", "2999-01-01T00:00:00Z", "2999-01-01T00:00:00Z")->posts_last_hour, 0);
  EXPECT_EQ(store_->CountSpamActivity(0, "192.0.2.1", "x", "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z")->posts_last_hour,
            0);  // Members' posts do not count against a guest's address.

  // Labels make training examples; the stamp moves with every change.
  const std::string stamp0 = store_->SpamExamplesStamp().value();
  ASSERT_TRUE(store_->LabelSpamCheck("comment", spam, "spam", ann).ok());
  const std::string stamp1 = store_->SpamExamplesStamp().value();
  ASSERT_TRUE(store_->LabelSpamCheck("comment", spam, "ham", ann).ok());
  const std::string stamp2 = store_->SpamExamplesStamp().value();
  EXPECT_NE(stamp0, stamp1);
  EXPECT_NE(stamp1, stamp2);
  auto examples = store_->ListSpamExamples().value();
  ASSERT_EQ(examples.size(), 1u);
  EXPECT_EQ(examples[0].label, "ham");
  EXPECT_EQ(examples[0].text, "Spam");
  EXPECT_EQ(examples[0].decided_by, ann);
  ASSERT_TRUE(store_->LabelSpamCheck("comment", spam, "", ann).ok());
  EXPECT_TRUE(store_->ListSpamExamples()->empty());
  EXPECT_EQ(store_->LabelSpamCheck("review", 424242, "spam", ann).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->LabelSpamCheck("comment", spam, "maybe", ann).code(), StatusCode::kInvalidArgument);

  // Deleting a comment keeps its replies; its checks stay.
  ASSERT_TRUE(store_->LabelSpamCheck("comment", reply, "ham", ann).ok());
  ASSERT_TRUE(store_->DeleteComment(reply).ok());
  EXPECT_EQ(store_->GetComment(reply).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListSpamExamples()->size(), 1u);
  EXPECT_EQ(store_->DeleteComment(reply).code(), StatusCode::kNotFound);

  // Articles are threads too.
  Article art;
  art.slug = "season-two-news";
  art.headline = "Season two";
  const Id article = store_->AddArticle(art).value();
  EXPECT_EQ(store_->FindArticleBySlug("season-two-news")->id, article);
  EXPECT_EQ(store_->FindArticleBySlug("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetArticle(article)->headline, "Season two");
  EXPECT_EQ(store_->GetArticle(424242).status().code(), StatusCode::kNotFound);
  Comment on_article;
  on_article.thread = {article, 0};
  on_article.user_id = ann;
  on_article.body = "News!";
  on_article.status = ModerationStatus::kApproved;
  ASSERT_TRUE(store_->AddComment(on_article, {}).ok());
  EXPECT_EQ(store_->ListComments({article, 0}, 0)->size(), 1u);

  // Roles.
  ASSERT_TRUE(store_->SetUserAccess(ann, Role::kEditor, std::nullopt).ok());
  EXPECT_EQ(store_->GetUser(ann)->role, Role::kEditor);
  EXPECT_EQ(store_->SetUserAccess(424242, Role::kAdmin, std::nullopt).code(), StatusCode::kNotFound);
}

// The posting rate the spam filter sees counts new posts, not versions: a review
// edited twice and a comment edited once are two posts.
TEST_P(StoreContractTest, SpamActivityCountsNewPostsNotVersions) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  User u;
  u.username = "ann";
  const Id ann = store_->CreateUser(u).value();
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
    Rating r;
    r.user_id = ann;
    r.title_id = season;
    r.stars = 4;
    for (const char* text : {"First words", "Second words", "Third words"}) {
      r.review = text;
      auto id = w.UpsertRating(r);
      if (!id.ok()) return id.status();
      SpamCheck k;
      k.kind = "review";
      k.item_id = *id;
      k.user_id = ann;
      k.address = "192.0.2.1";
      k.text = text;
      k.text_key = "same key";
      REEL_RETURN_IF_ERROR(w.RecordSpamCheck(k).status());
    }
    return Status::Ok();
  }).ok());
  Comment c;
  c.thread = {0, season};
  c.user_id = ann;
  c.body = "A comment";
  c.status = ModerationStatus::kApproved;
  SpamCheck k;
  k.user_id = ann;
  k.address = "192.0.2.1";
  k.text = c.body;
  k.text_key = "same key";
  const Id comment = store_->AddComment(c, k).value();
  k.text = "A comment, edited";
  ASSERT_TRUE(store_->EditComment(comment, k.text, ModerationStatus::kApproved, k).ok());
  auto activity = store_->CountSpamActivity(ann, "", "same key", "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z").value();
  EXPECT_EQ(activity.posts_last_hour, 2);
  EXPECT_EQ(activity.same_text_recent, 2);
}

// AddComment's guard sees the author's earlier comments (one per comment, edits not
// counted, guests by address) inside the transaction, and refuses or holds; with
// many threads posting for one author at once, the guard's limit holds exactly.
TEST_P(StoreContractTest, CommentGuardCountsTheAuthorsCommentsAtomically) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  Article art;
  art.slug = "news";
  art.headline = "News";
  const Id article = store_->AddArticle(art).value();
  User u;
  u.username = "ann";
  const Id ann = store_->CreateUser(u).value();
  u.username = "bob";
  const Id bob = store_->CreateUser(u).value();
  auto comment = [](CommentThread thread, Id user, const std::string& body) {
    Comment c;
    c.thread = thread;
    c.user_id = user;
    c.body = body;
    c.status = ModerationStatus::kApproved;
    return c;
  };
  auto check = [](const std::string& key, const std::string& address) {
    SpamCheck k;
    k.text = key;
    k.text_key = key;
    k.address = address;
    return k;
  };
  const Id first = store_->AddComment(comment({0, season}, ann, "one"), check("one", "192.0.2.1")).value();
  SpamCheck edit = check("one edited", "192.0.2.1");
  edit.user_id = ann;
  ASSERT_TRUE(store_->EditComment(first, "one edited", ModerationStatus::kApproved, edit).ok());
  ASSERT_TRUE(store_->AddComment(comment({article, 0}, ann, "two"), check("two", "192.0.2.1")).ok());
  ASSERT_TRUE(store_->AddComment(comment({0, season}, bob, "bob's"), check("bobs", "192.0.2.1")).ok());
  ASSERT_TRUE(store_->AddComment(comment({0, season}, 0, "guest"), check("guest", "192.0.2.7")).ok());
  ASSERT_TRUE(store_->AddComment(comment({0, season}, 0, "other guest"), check("other", "192.0.2.8")).ok());

  std::vector<RecentComment> seen;
  Store::CommentGuard look{"2000-01-01T00:00:00Z", [&](const auto& recent, Comment&, SpamCheck&) {
                             seen = recent;
                             return Status::Ok();
                           }};
  ASSERT_TRUE(store_->AddComment(comment({0, season}, ann, "three"), check("three", "192.0.2.1"), look).ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].thread, (CommentThread{0, season}));
  EXPECT_EQ(seen[0].text_key, "one");  // The post, not its edit.
  EXPECT_EQ(seen[1].thread, (CommentThread{article, 0}));
  EXPECT_EQ(seen[1].text_key, "two");
  EXPECT_FALSE(seen[0].at.empty());
  ASSERT_TRUE(store_->AddComment(comment({0, season}, 0, "again"), check("again", "192.0.2.7"), look).ok());
  ASSERT_EQ(seen.size(), 1u);  // Only the guests from that address.
  EXPECT_EQ(seen[0].text_key, "guest");
  look.since = "2999-01-01T00:00:00Z";
  ASSERT_TRUE(store_->AddComment(comment({0, season}, ann, "four"), check("four", "192.0.2.1"), look).ok());
  EXPECT_TRUE(seen.empty());

  // A refusal writes nothing; a hold stores the changed status and reasons.
  const int64_t before = store_->CountRows()->at("comments");
  Store::CommentGuard refuse{"2000-01-01T00:00:00Z",
                             [](const auto&, Comment&, SpamCheck&) { return ResourceExhausted("slow down"); }};
  auto refused = store_->AddComment(comment({0, season}, ann, "five"), check("five", "192.0.2.1"), refuse);
  EXPECT_EQ(refused.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(refused.status().message(), "slow down");
  EXPECT_EQ(store_->CountRows()->at("comments"), before);
  // Nor a spam check: Ann's posts are still one, two, three and four.
  EXPECT_EQ(store_->CountSpamActivity(ann, "", "x", "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z")->posts_last_hour, 4);
  Store::CommentGuard hold{"2000-01-01T00:00:00Z", [](const auto&, Comment& c, SpamCheck& k) {
                             c.status = ModerationStatus::kPending;
                             k.reasons = "a burst";
                             return Status::Ok();
                           }};
  const Id held = store_->AddComment(comment({0, season}, ann, "six"), check("six", "192.0.2.1"), hold).value();
  EXPECT_EQ(store_->GetComment(held)->status, ModerationStatus::kPending);
  auto queue = store_->ListModerationQueue(Store::ModerationQueue::kPending, 10).value();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].check.reasons, "a burst");

  // Eight threads post for bob at once under a limit of three comments: exactly three
  // more get in (he has one already, so the guard sees 1, 2, 3 and then refuses).
  std::atomic<int> admitted{0};
  // The guard dawdles a little, so that without the author's lock the others would
  // count in the meantime and all get in.
  Store::CommentGuard three{"2000-01-01T00:00:00Z", [](const auto& recent, Comment&, SpamCheck&) {
                              std::this_thread::sleep_for(std::chrono::milliseconds(20));
                              return recent.size() >= 4 ? ResourceExhausted("limit") : Status::Ok();
                            }};
  std::vector<std::thread> posters;
  for (int t = 0; t < 8; ++t) {
    posters.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        const std::string body = "bob " + std::to_string(t) + "." + std::to_string(i);
        auto r = store_->AddComment(comment({0, season}, bob, body), check(body, "192.0.2.1"), three);
        if (r.ok()) ++admitted;
        else EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted) << r.status().ToString();
      }
    });
  }
  for (auto& t : posters) t.join();
  EXPECT_EQ(admitted.load(), 3);
  int bobs = 0;
  for (const auto& row : store_->ListComments({0, season}, 0).value()) bobs += row.comment.user_id == bob;
  EXPECT_EQ(bobs, 4);
}

// A thread a page at a time: top-level comments the viewer sees, oldest first, each
// with the replies the viewer sees; the counts; where a comment falls.
TEST_P(StoreContractTest, CommentsComeAPageAtATime) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  User u;
  u.username = "ann";
  const Id ann = store_->CreateUser(u).value();
  u.username = "bob";
  const Id bob = store_->CreateUser(u).value();
  int minute = 0;
  auto add = [&](Id user, Id parent, ModerationStatus status) {
    Comment c;
    c.thread = {0, season};
    c.user_id = user;
    c.parent_id = parent;
    c.body = "at minute " + std::to_string(++minute);
    c.status = status;
    c.created_at = "2022-01-01T10:" + std::string(minute < 10 ? "0" : "") + std::to_string(minute) + ":00Z";
    return store_->AddComment(c, {}).value();
  };
  using MS = ModerationStatus;
  const Id t1 = add(ann, 0, MS::kApproved), t2 = add(ann, 0, MS::kApproved), t3 = add(bob, 0, MS::kPending);
  const Id t4 = add(ann, 0, MS::kApproved), t5 = add(bob, 0, MS::kSpam), t6 = add(ann, 0, MS::kApproved);
  const Id t7 = add(bob, 0, MS::kApproved);
  const Id r1 = add(bob, t1, MS::kApproved), r2 = add(ann, t3, MS::kApproved), r3 = add(ann, t6, MS::kPending);
  (void)t5;
  auto ids = [&](Id viewer, int64_t offset, int limit) {
    auto page = store_->ListCommentPage({0, season}, viewer, offset, limit).value();
    std::vector<Id> out;
    for (const auto& row : page.rows) out.push_back(row.comment.id);
    return std::make_tuple(out, page.top_level, page.total);
  };
  EXPECT_EQ(ids(0, 0, 2), std::make_tuple(std::vector<Id>{t1, t2, r1}, int64_t{5}, int64_t{6}));
  EXPECT_EQ(ids(0, 2, 2), std::make_tuple(std::vector<Id>{t4, t6}, int64_t{5}, int64_t{6}));
  EXPECT_EQ(ids(0, 4, 2), std::make_tuple(std::vector<Id>{t7}, int64_t{5}, int64_t{6}));
  EXPECT_EQ(std::get<0>(ids(0, 6, 2)), std::vector<Id>{});
  // Bob sees his pending comment and the reply under it; Ann her pending reply.
  EXPECT_EQ(ids(bob, 0, 10), std::make_tuple(std::vector<Id>{t1, t2, t3, t4, t6, t7, r1, r2}, int64_t{6}, int64_t{8}));
  EXPECT_EQ(ids(ann, 0, 10), std::make_tuple(std::vector<Id>{t1, t2, t4, t6, t7, r1, r3}, int64_t{5}, int64_t{7}));
  EXPECT_EQ(store_->CountCommentsBefore(t1, 0).value(), 0);
  EXPECT_EQ(store_->CountCommentsBefore(r1, 0).value(), 0);  // A reply is where its parent is.
  EXPECT_EQ(store_->CountCommentsBefore(t4, 0).value(), 2);
  EXPECT_EQ(store_->CountCommentsBefore(t4, bob).value(), 3);
  EXPECT_EQ(store_->CountCommentsBefore(r3, ann).value(), 3);
  EXPECT_EQ(store_->CountCommentsBefore(t7, 0).value(), 4);
  EXPECT_EQ(store_->CountCommentsBefore(424242, 0).status().code(), StatusCode::kNotFound);
  Article art;
  art.slug = "news";
  art.headline = "News";
  const Id article = store_->AddArticle(art).value();
  auto empty = store_->ListCommentPage({article, 0}, 0, 0, 50).value();
  EXPECT_TRUE(empty.rows.empty());
  EXPECT_EQ(empty.total, 0);
}

TEST_P(StoreContractTest, ReviewModerationAndHeldRatings) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  User u;
  u.username = "ann";
  const Id ann = store_->CreateUser(u).value();
  u.username = "bob";
  const Id bob = store_->CreateUser(u).value();
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
    Rating r;
    r.user_id = ann;
    r.title_id = season;
    r.stars = 4;
    r.review = "Buy pills";
    r.review_status = ModerationStatus::kSpam;
    auto id = w.UpsertRating(r);
    if (!id.ok()) return id.status();
    SpamCheck k;
    k.kind = "review";
    k.item_id = *id;
    k.text = r.review;
    k.text_key = "buy pills";
    k.probability = 0.99;
    REEL_RETURN_IF_ERROR(w.RecordSpamCheck(k).status());
    r.user_id = bob;
    r.review = "Held back";
    r.review_status = ModerationStatus::kApproved;
    r.status = RatingStatus::kHeld;
    return w.UpsertRating(r).status();
  }).ok());
  const Rating spam = store_->GetRating(ann, season).value();
  EXPECT_EQ(spam.review_status, ModerationStatus::kSpam);
  EXPECT_EQ(store_->GetRatingById(spam.id)->review, "Buy pills");
  EXPECT_EQ(store_->GetRatingById(424242).status().code(), StatusCode::kNotFound);
  // The spam review is hidden; its stars count. The held rating counts not at all.
  EXPECT_TRUE(store_->ListAudienceReviews(season, 10)->empty());
  EXPECT_EQ(store_->GetScoreCounts(season)->ratings, 1);
  auto spam_queue = store_->ListModerationQueue(Store::ModerationQueue::kSpam, 10).value();
  ASSERT_EQ(spam_queue.size(), 1u);
  ASSERT_TRUE(spam_queue[0].review.has_value());
  EXPECT_DOUBLE_EQ(spam_queue[0].check.probability, 0.99);
  auto held = store_->ListHeldRatings(10).value();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].username, "bob");
  EXPECT_EQ(held[0].rating.status, RatingStatus::kHeld);

  ASSERT_TRUE(store_->SetReviewStatus(spam.id, ModerationStatus::kApproved).ok());
  EXPECT_EQ(store_->ListAudienceReviews(season, 10)->size(), 1u);
  EXPECT_EQ(store_->SetReviewStatus(424242, ModerationStatus::kApproved).code(), StatusCode::kNotFound);
  Report r;
  r.rating_id = spam.id;
  r.user_id = bob;
  ASSERT_TRUE(store_->AddReport(r).ok());
  EXPECT_EQ(store_->ListModerationQueue(Store::ModerationQueue::kReported, 10)->size(), 1u);
  ASSERT_TRUE(store_->ResolveReports(0, spam.id, ann).ok());
  EXPECT_TRUE(store_->ListModerationQueue(Store::ModerationQueue::kReported, 10)->empty());
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
}

// Deleting a comment never takes another reader's words with it: a comment with
// replies stays as a placeholder (no text, no author) with its replies under it, and
// goes when its last reply goes; a comment without replies goes at once.
TEST_P(StoreContractTest, DeletingACommentKeepsOtherReadersReplies) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  User u;
  u.username = "ann";
  const Id ann = store_->CreateUser(u).value();
  u.username = "bob";
  const Id bob = store_->CreateUser(u).value();
  u.username = "cy";
  const Id cy = store_->CreateUser(u).value();
  const CommentThread thread{0, season};
  auto add = [&](Id user, Id parent, const std::string& body, ModerationStatus status) {
    Comment c;
    c.thread = thread;
    c.user_id = user;
    c.parent_id = parent;
    c.body = body;
    c.status = status;
    return store_->AddComment(c, {}).value();
  };
  const Id top = add(ann, 0, "Ann's words", ModerationStatus::kApproved);
  const Id bobs = add(bob, top, "Bob's reply", ModerationStatus::kApproved);
  const Id cys = add(cy, top, "Cy's reply", ModerationStatus::kPending);
  const Id alone = add(ann, 0, "Ann, unanswered", ModerationStatus::kApproved);
  Report r;
  r.comment_id = top;
  r.user_id = bob;
  r.reason = "rude";
  ASSERT_TRUE(store_->AddReport(r).ok());
  ASSERT_EQ(store_->ListModerationQueue(Store::ModerationQueue::kReported, 10)->size(), 1u);

  ASSERT_TRUE(store_->DeleteComment(top).ok());
  const Comment placeholder = store_->GetComment(top).value();
  EXPECT_FALSE(placeholder.deleted_at.empty());
  EXPECT_EQ(placeholder.body, "");
  EXPECT_EQ(placeholder.user_id, 0);
  EXPECT_EQ(placeholder.guest_name, "");
  EXPECT_EQ(store_->GetComment(bobs)->body, "Bob's reply");
  EXPECT_EQ(store_->GetComment(cys)->parent_id, top);
  auto listed = [&](Id viewer) {
    std::vector<Id> out;
    for (const auto& row : store_->ListComments(thread, viewer).value()) out.push_back(row.comment.id);
    return out;
  };
  EXPECT_EQ(listed(0), (std::vector<Id>{top, bobs, alone}));
  EXPECT_EQ(listed(cy), (std::vector<Id>{top, bobs, cys, alone}));
  // A placeholder is no longer anyone's to edit, report or moderate; its reports are settled.
  EXPECT_EQ(store_->DeleteComment(top).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->EditComment(top, "Back", ModerationStatus::kApproved, {}).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->AddReport(r).status().code(), StatusCode::kNotFound);
  for (auto q : {Store::ModerationQueue::kPending, Store::ModerationQueue::kReported, Store::ModerationQueue::kSpam}) {
    for (const auto& row : store_->ListModerationQueue(q, 10).value()) {
      EXPECT_NE(row.comment ? row.comment->comment.id : 0, top);
    }
  }
  EXPECT_EQ(store_->ListModerationQueue(Store::ModerationQueue::kPending, 10)->size(), 1u);  // Cy's reply.
  // Readers may still answer under it.
  const Id late = add(bob, top, "Still here", ModerationStatus::kApproved);

  // A comment without replies goes entirely.
  ASSERT_TRUE(store_->DeleteComment(alone).ok());
  EXPECT_EQ(store_->GetComment(alone).status().code(), StatusCode::kNotFound);
  // Seen by no one but Cy, the placeholder is not listed to others once only Cy's
  // pending reply is left; it goes with the last reply.
  ASSERT_TRUE(store_->DeleteComment(bobs).ok());
  ASSERT_TRUE(store_->DeleteComment(late).ok());
  EXPECT_TRUE(listed(0).empty());
  EXPECT_EQ(listed(cy), (std::vector<Id>{top, cys}));
  ASSERT_TRUE(store_->GetComment(top).ok());
  ASSERT_TRUE(store_->DeleteComment(cys).ok());
  EXPECT_EQ(store_->GetComment(top).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(listed(cy).empty());
}

// Closing an account keeps its comments, shown as by no one, and every reply to them.
TEST_P(StoreContractTest, ClosingAnAccountKeepsItsCommentsAndTheReplies) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  User u;
  u.username = "ann";
  const Id ann = store_->CreateUser(u).value();
  u.username = "bob";
  const Id bob = store_->CreateUser(u).value();
  Comment c;
  c.thread = {0, season};
  c.user_id = ann;
  c.body = "Ann's words";
  c.status = ModerationStatus::kApproved;
  const Id top = store_->AddComment(c, {}).value();
  c.user_id = bob;
  c.parent_id = top;
  c.body = "Bob's reply";
  const Id reply = store_->AddComment(c, {}).value();
  ASSERT_TRUE(store_->DeleteUser(ann).ok());
  const auto rows = store_->ListComments({0, season}, 0).value();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].comment.id, top);
  EXPECT_EQ(rows[0].comment.body, "Ann's words");
  EXPECT_EQ(rows[0].username, "");  // Shown as "Deleted user".
  EXPECT_EQ(rows[1].comment.id, reply);
  EXPECT_EQ(rows[1].username, "bob");
}

// An id once shown (in "#comment-N", a report form, the API, an export) never names
// anything else: deleting the newest comment, rating or critic review does not free
// its id for the next one.
TEST_P(StoreContractTest, DeletedIdsAreNeverGivenAgain) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  User u;
  u.username = "ann";
  const Id ann = store_->CreateUser(u).value();
  u.username = "bob";
  const Id bob = store_->CreateUser(u).value();

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

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, testing::BothStores(), testing::BackendName);

}  // namespace
}  // namespace reel
