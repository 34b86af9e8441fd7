// The query strings of the indexes and review lists (catalog/browse_query.h): what
// each parameter accepts, the message naming a bad one, one canonical order that
// reads back to the same query, the paths title_paths builds from them, and the
// listing keys (model/listing.h) agreeing with the scoring engine's scores.
#include <gtest/gtest.h>

#include "catalog/browse_query.h"
#include "catalog/title_paths.h"
#include "model/listing.h"
#include "scoring/score.h"

namespace reel::catalog {
namespace {

using Params = std::multimap<std::string, std::string>;

std::string Error(const Params& p) {
  auto q = ParseIndexQuery(TitleKind::kFilm, p);
  return q.ok() ? "" : q.status().message();
}

TEST(BrowseQueryTest, CanonicalOrderReadsBack) {
  auto q = ParseIndexQuery(TitleKind::kFilm, {{"page", "3"}, {"sort", "critic"}, {"critic", "60-"}, {"genre", "drama"},
                                              {"decade", "1990s"}, {"certified", "1"}, {"utm", "x"}});
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(IndexQueryString(*q, q->page), "genre=drama&decade=1990&certified=1&critic=60-&sort=critic&page=3");
  EXPECT_EQ(TitleIndexPath(*q, 1), "/m?genre=drama&decade=1990&certified=1&critic=60-&sort=critic");
  Params again;
  for (auto [k, v] : Params{{"genre", "drama"}, {"decade", "1990"}, {"certified", "1"}, {"critic", "60-"},
                            {"sort", "critic"}, {"page", "3"}}) {
    again.emplace(k, v);
  }
  EXPECT_EQ(*ParseIndexQuery(TitleKind::kFilm, again), *q);
  IndexQuery tv;
  tv.kind = TitleKind::kSeries;
  EXPECT_EQ(TitleIndexPath(tv, 1), "/tv");
  EXPECT_EQ(CriticPath(Critic{1, "a-critic", "A", 0, false}), "/critics/a-critic");
  EXPECT_EQ(PublicationPath(Publication{1, "the-paper", "P", ""}), "/critics/source/the-paper");
  EXPECT_EQ(GenrePath(Genre{1, "drama", "Drama"}), "/genre/drama");
  EXPECT_EQ(YearPath(1999), "/year/1999");
}

TEST(BrowseQueryTest, BadParametersNameThemselves) {
  EXPECT_EQ(Error({{"page", "-1"}}), "page: must be a page number, 1 or more");
  EXPECT_EQ(Error({{"page", "99999999999999999999999"}}), "page: must be a page number, 1 or more");
  EXPECT_EQ(Error({{"year", "abc"}}), "year: must be a year such as 1999");
  EXPECT_EQ(Error({{"critic", "90-60"}}), "critic: the lower end 90 is above the upper end 60");
  EXPECT_EQ(Error({{"audience", "0-101"}}), "audience: each end must be a percent from 0 to 100");
  EXPECT_EQ(Error({{"genre", "<b>"}}), "genre: not a genre's name in an address");
  EXPECT_EQ(Error({{"sort", "x"}}), "sort: must be popular, critic, audience, newest or az");
  EXPECT_EQ(Error({{"year", "1999"}, {"year", "2000"}}), "year: given more than once");
  EXPECT_EQ(Error({{"certified", "yes"}}), "certified: must be 1 or 0");
  auto ok = ParseIndexQuery(TitleKind::kFilm, {{"page", "99999999999"}});
  ASSERT_TRUE(ok.ok());  // Past the end, not wrong.
  TitleFilter f = ToFilter(*ParseIndexQuery(TitleKind::kFilm, {{"year", "1999"}}), 0);
  EXPECT_EQ(f.released_from, "1999-01-01");
  EXPECT_EQ(f.released_before, "2000-01-01");
}

TEST(BrowseQueryTest, ReviewListQuery) {
  auto q = ParseReviewListQuery({{"verdict", "rotten"}, {"critics", "top"}, {"order", "grade"}, {"page", "2"}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(ReviewListQueryString(*q), "critics=top&verdict=rotten&order=grade&page=2");
  EXPECT_FALSE(ParseReviewListQuery({{"verdict", "meh"}}).ok());
  EXPECT_FALSE(ParseReviewListQuery({{"apage", "0"}}).ok());
}

TEST(ListingKeysTest, AgreeWithTheScoringEngine) {
  for (int fresh : {0, 3, 5, 9, 40}) {
    for (int rotten : {0, 1, 4, 30}) {
      ScoreCounts c;
      c.fresh = fresh;
      c.rotten = rotten;
      const ListingKeys k = TitleListingKeys(c);
      const auto score = scoring::CriticScore(c);
      EXPECT_EQ(k.critic_percent, score.percent.value_or(-1));
      if (score.percent) EXPECT_DOUBLE_EQ(k.critic_rank, scoring::RankKey(scoring::CriticProportion(c)));
      else EXPECT_EQ(k.critic_rank, -1);
    }
  }
  ScoreCounts a, b;
  a.fresh = 5;
  b.fresh = 3, b.rotten = 2;
  EXPECT_EQ(SeriesListingKeys({a, b}, {}).critic_percent, *scoring::SeriesScore({a, b}));
}

}  // namespace
}  // namespace reel::catalog
