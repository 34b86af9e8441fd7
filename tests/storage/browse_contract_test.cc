// The store contract, browsing slice (storage/browse_store.h; sql/browse.cc,
// sql/browse_reviews.cc, sql/listing.cc) on both stores: every filter and sort of
// the film and series indexes, paging and capped counts, the listing keys kept on
// every write and equal after a recompute, untitled titles left out, each sort
// following its index (SQLite's plan), and critic and audience reviews a page at a
// time with full tallies.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store_contract.h"

namespace reel {
namespace {

class BrowseContractTest : public StoreContractTest {
 protected:
  // A film released on `date` with these genres; its id.
  Id Film(const std::string& slug, const std::string& date, const std::vector<std::string>& genres = {},
          bool untitled = false) {
    Title t;
    t.kind = TitleKind::kFilm;
    t.slug = slug;
    t.name = slug;
    t.untitled = untitled;
    if (!date.empty()) t.release = FuzzyDate::Make(date, "day").value();
    const Id id = AddTitle(t);
    EXPECT_TRUE(store_->Write([&](StoreWriter& w) { return w.SetTitleGenres(id, genres); }).ok());
    return id;
  }

  // `fresh` fresh and `rotten` rotten reviews of `title`, the first `top` by top
  // critics, each from its own critic of "the-paper", graded fresh 80 and rotten 30,
  // dated one day apart from 2020-01-01.
  void Reviews(Id title, int fresh, int rotten, int top = 0) {
    ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
      REEL_ASSIGN_OR_RETURN(Id pub, w.UpsertPublication({0, "the-paper", "The Paper", ""}));
      for (int i = 0; i < fresh + rotten; ++i) {
        const std::string slug = "critic-" + std::to_string(i);
        REEL_ASSIGN_OR_RETURN(Id critic, w.UpsertCritic({0, slug, "Critic " + std::to_string(i), pub, i < top}));
        CriticReview r;
        r.title_id = title;
        r.critic_id = critic;
        r.publication_id = i % 2 ? pub : 0;  // Half carry the critic's publication only.
        r.grade_raw = i < fresh ? "4/5" : "1.5/5";
        r.grade_score = i < fresh ? 80 : 30;
        r.sentiment = i < fresh ? Sentiment::kFresh : Sentiment::kRotten;
        r.sentiment_source = SentimentSource::kCritic;
        r.date = Date{2020, 1, 1 + i % 28};
        REEL_ASSIGN_OR_RETURN(Id unused, w.UpsertCriticReview(r, "critic:" + slug));
        (void)unused;
      }
      return Status::Ok();
    }).ok());
  }

  // `positive` ratings of 4.5 stars and `negative` of 1 star, from new users.
  void Ratings(Id title, int positive, int negative, bool verified = false) {
    ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
      for (int i = 0; i < positive + negative; ++i) {
        User u;
        u.username = "u" + std::to_string(title) + "x" + std::to_string(i);
        REEL_ASSIGN_OR_RETURN(Id uid, w.UpsertUser(u));
        Rating r;
        r.user_id = uid;
        r.title_id = title;
        r.stars = i < positive ? 4.5 : 1.0;
        r.review = "Review " + std::to_string(i);
        r.verified = verified && i % 2 == 0;
        r.created_at = "2021-06-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1) + "T00:00:00Z";
        REEL_ASSIGN_OR_RETURN(Id unused, w.UpsertRating(r));
        (void)unused;
      }
      return Status::Ok();
    }).ok());
  }

  std::vector<std::string> Slugs(const TitleFilter& f) {
    auto listing = store_->ListTitlesBy(f);
    EXPECT_TRUE(listing.ok()) << listing.status().ToString();
    std::vector<std::string> out;
    if (listing.ok()) {
      for (const auto& t : listing->titles) out.push_back(t.slug);
    }
    return out;
  }
};

using Names = std::vector<std::string>;

TEST_P(BrowseContractTest, FiltersAndSortsCombine) {
  const Id a = Film("alpha", "1994-05-01", {"Drama", "Crime"});
  const Id b = Film("bravo", "1999-12-31", {"Comedy"});
  const Id c = Film("charlie", "2004-02-02", {"Drama"});
  const Id d = Film("delta", "", {"Drama"});
  Film("untitled-one", "1995-01-01", {"Drama"}, /*untitled=*/true);
  Reviews(a, 9, 1, 6);   // 90%, ten reviews.
  Reviews(b, 3, 3);      // 50%.
  Reviews(c, 5, 0);      // 100% of five: a wider interval than alpha's.
  Ratings(b, 20, 5);     // 80% of 25: the most popular.
  Ratings(a, 1, 4);      // 20% of 5.
  (void)d;

  TitleFilter f;
  EXPECT_EQ(Slugs(f), (Names{"bravo", "alpha", "charlie", "delta"}));  // Popularity: 31, 15, 5, 0.
  f.sort = TitleSort::kCritic;
  EXPECT_EQ(Slugs(f), (Names{"alpha", "charlie", "bravo", "delta"}));  // Lower bounds, then none.
  f.sort = TitleSort::kAudience;
  EXPECT_EQ(Slugs(f).front(), "bravo");
  EXPECT_EQ(Slugs(f)[1], "alpha");
  f.sort = TitleSort::kNewest;
  EXPECT_EQ(Slugs(f), (Names{"charlie", "bravo", "alpha", "delta"}));  // Undated last.
  f.sort = TitleSort::kName;
  EXPECT_EQ(Slugs(f), (Names{"alpha", "bravo", "charlie", "delta"}));

  auto drama = store_->FindGenreBySlug("drama");
  ASSERT_TRUE(drama.ok()) << drama.status().ToString();
  f.genre_id = drama->id;
  EXPECT_EQ(Slugs(f), (Names{"alpha", "charlie", "delta"}));
  f.released_from = "1990-01-01";
  f.released_before = "2000-01-01";
  EXPECT_EQ(Slugs(f), (Names{"alpha"}));  // Drama of the 1990s (the untitled one is never listed).
  f = TitleFilter{};
  f.critic_min = 60;
  f.sort = TitleSort::kName;
  EXPECT_EQ(Slugs(f), (Names{"alpha", "charlie"}));
  f.critic_min = -1;
  f.critic_max = 50;
  EXPECT_EQ(Slugs(f), (Names{"bravo"}));
  f = TitleFilter{};
  f.audience_min = 50;
  EXPECT_EQ(Slugs(f), (Names{"bravo"}));
  f = TitleFilter{};
  f.reviewed = true;
  f.sort = TitleSort::kName;
  EXPECT_EQ(Slugs(f), (Names{"alpha", "bravo", "charlie"}));
  f.certified = true;  // None has enough reviews to be certified.
  EXPECT_TRUE(Slugs(f).empty());
  EXPECT_EQ(store_->ListAllGenres()->size(), 3u);
}

TEST_P(BrowseContractTest, PagesAndCappedCounts) {
  for (int i = 0; i < 7; ++i) Film("film-" + std::to_string(i), "2001-01-0" + std::to_string(i + 1));
  TitleFilter f;
  f.sort = TitleSort::kName;
  f.limit = 3;
  f.offset = 3;
  auto page = store_->ListTitlesBy(f);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->titles.size(), 3u);
  EXPECT_EQ(page->titles[0].slug, "film-3");
  EXPECT_EQ(page->total, 7);
  EXPECT_FALSE(page->capped);
  f.offset = 99;  // Past the end: an empty page with the full count.
  EXPECT_TRUE(store_->ListTitlesBy(f)->titles.empty());
  EXPECT_EQ(store_->ListTitlesBy(f)->total, 7);
  f.count_cap = 5;
  page = store_->ListTitlesBy(f);
  EXPECT_EQ(page->total, 5);
  EXPECT_TRUE(page->capped);
}

TEST_P(BrowseContractTest, SeriesKeysComeFromTheirSeasons) {
  const Id series = AddSeries("show", "Show");
  const Id s1 = AddChild(series, TitleKind::kSeason, 1, "2020-01-01");
  const Id s2 = AddChild(series, TitleKind::kSeason, 2, "2021-01-01");
  Reviews(s1, 5, 0);  // 100%.
  Reviews(s2, 3, 2);  // 60%.
  auto keys = store_->GetListingKeys({series, s1});
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->at(series).critic_percent, 80);  // The mean of its seasons' scores.
  EXPECT_EQ(keys->at(series).critic_reviews, 10);
  EXPECT_EQ(keys->at(s1).critic_percent, 100);
  TitleFilter f;
  f.kind = TitleKind::kSeries;
  f.critic_min = 75;
  EXPECT_EQ(Slugs(f), (Names{"show"}));
  // A recompute gives the same keys as the writes kept.
  const auto before = *keys;
  ASSERT_TRUE(store_->RecomputeAggregates().ok());
  EXPECT_EQ(*store_->GetListingKeys({series, s1}), before);
}

TEST_P(BrowseContractTest, EverySortWalksItsIndex) {
  if (GetParam() != testing::Backend::kSqlite) GTEST_SKIP() << "SQLite's plan; PostgreSQL plans by table size";
  for (TitleSort sort : {TitleSort::kPopular, TitleSort::kCritic, TitleSort::kAudience, TitleSort::kNewest,
                         TitleSort::kName}) {
    for (TitleKind kind : {TitleKind::kFilm, TitleKind::kSeries}) {
      TitleFilter f;
      f.kind = kind;
      f.sort = sort;
      f.critic_min = 50;
      f.genre_id = 1;
      auto plan = store_->ExplainTitleListing(f);
      ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      EXPECT_EQ(plan->find("TEMP B-TREE"), std::string::npos) << *plan;
      EXPECT_NE(plan->find("titles_list_"), std::string::npos) << *plan;
    }
  }
}

TEST_P(BrowseContractTest, CriticReviewsPageWithFullTallies) {
  const Id film = Film("film", "2010-01-01");
  Reviews(film, 30, 15, 10);
  CriticReviewQuery q;
  q.title_id = film;
  auto page = store_->ListCriticReviewPage(q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->size(), 20u);
  EXPECT_EQ(page->front().title.id, film);
  EXPECT_EQ(page->front().row.publication->slug, "the-paper");  // Also where only the critic carries it.
  q.offset = 40;
  EXPECT_EQ(store_->ListCriticReviewPage(q)->size(), 5u);
  q.offset = 0;
  q.top_only = true;
  q.verdict = VerdictFilter::kFresh;
  EXPECT_EQ(store_->ListCriticReviewPage(q)->size(), 10u);
  q.top_only = false;
  q.verdict = VerdictFilter::kRotten;
  q.order = ReviewOrder::kGrade;
  EXPECT_EQ(store_->ListCriticReviewPage(q)->size(), 15u);
  q.verdict = VerdictFilter::kAny;
  EXPECT_DOUBLE_EQ(*store_->ListCriticReviewPage(q)->front().row.review.grade_score, 80);

  auto tally = store_->TallyCriticReviews(q, 60);
  ASSERT_TRUE(tally.ok()) << tally.status().ToString();
  EXPECT_EQ(tally->all, 45);
  EXPECT_EQ(tally->top, 10);
  EXPECT_EQ(tally->fresh, 30);
  EXPECT_EQ(tally->rotten, 15);
  EXPECT_EQ(tally->top_fresh, 10);
  EXPECT_EQ(tally->judged, 45);  // The film shows 67%: fresh.
  EXPECT_EQ(tally->agreed, 30);
  EXPECT_EQ(tally->grade_histogram[8], 30);
  EXPECT_EQ(tally->grade_histogram[3], 15);

  // A critic's and a publication's scope.
  CriticReviewQuery by_critic;
  by_critic.critic_id = page->front().row.critic->id;
  EXPECT_EQ(store_->TallyCriticReviews(by_critic, 60)->all, 1);
  CriticReviewQuery by_pub;
  by_pub.publication_id = page->front().row.publication->id;
  EXPECT_EQ(store_->TallyCriticReviews(by_pub, 60)->all, 45);
  EXPECT_EQ(*store_->CountPublicationCritics(by_pub.publication_id), 45);
  EXPECT_EQ(store_->ListPublicationCritics(by_pub.publication_id, 20, 40)->size(), 5u);
  EXPECT_EQ(store_->ListPublicationVerdicts(by_pub.publication_id, 10)->size(), 10u);
  EXPECT_EQ(store_->ListCriticPublications(by_critic.critic_id)->front().publication.slug, "the-paper");
}

TEST_P(BrowseContractTest, AudienceReviewsPage) {
  const Id film = Film("film", "2010-01-01");
  Ratings(film, 15, 10, /*verified=*/true);
  auto tally = store_->TallyAudienceReviews(film);
  ASSERT_TRUE(tally.ok()) << tally.status().ToString();
  EXPECT_EQ(tally->all, 25);
  EXPECT_EQ(tally->verified, 13);
  auto page = store_->ListAudienceReviewPage(film, false, 20, 20);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->size(), 5u);
  EXPECT_EQ(store_->ListAudienceReviewPage(film, true, 20, 0)->size(), 13u);
  EXPECT_EQ(store_->ListAudienceReviewPage(film, false, 20, 0)->front().rating.review, "Review 24");  // Newest.
}

INSTANTIATE_TEST_SUITE_P(Backends, BrowseContractTest, testing::BothStores(), testing::BackendName);

}  // namespace
}  // namespace reel
