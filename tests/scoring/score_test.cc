#include "scoring/score.h"

#include <gtest/gtest.h>

namespace reel::scoring {
namespace {

TEST(ScoreTest, CriticScoreIsShareOfFresh) {
  ScoreCounts c;
  c.fresh = 9;
  c.rotten = 3;
  auto s = CriticScore(c);
  ASSERT_TRUE(s.percent);
  EXPECT_EQ(*s.percent, 75);
  EXPECT_EQ(s.count, 12);
  EXPECT_GT(s.margin, 0);
}

TEST(ScoreTest, HiddenBelowMinimumButCounted) {
  ScoreCounts c;
  c.fresh = 4;
  auto s = CriticScore(c);
  EXPECT_FALSE(s.percent);
  EXPECT_EQ(s.count, 4);
  c.fresh = 5;
  EXPECT_EQ(*CriticScore(c).percent, 100);
  EXPECT_FALSE(CriticScore(ScoreCounts{}).percent);
}

TEST(ScoreTest, AudienceScoreCountsPositiveRatings) {
  ScoreCounts c;
  c.ratings = 10;
  c.ratings_positive = 2;
  EXPECT_EQ(*AudienceScore(c).percent, 20);
  c.verified_ratings = 5;
  c.verified_positive = 4;
  EXPECT_EQ(*VerifiedAudienceScore(c).percent, 80);
  c.verified_ratings = 3;  // Below the minimum: counted, not shown.
  c.verified_positive = 3;
  EXPECT_FALSE(VerifiedAudienceScore(c).percent);
  EXPECT_EQ(VerifiedAudienceScore(c).count, 3);
}

TEST(ScoreTest, RoundsHalfAwayFromZero) {
  ScoreCounts c;
  c.fresh = 5;
  c.rotten = 3;  // 62.5%
  EXPECT_EQ(*CriticScore(c).percent, 63);
}

TEST(WilsonTest, KnownValues) {
  // 8 of 10: Wilson 95% interval is about [0.490, 0.943].
  auto i = Wilson({8, 10});
  EXPECT_NEAR(i.lower, 0.4902, 1e-3);
  EXPECT_NEAR(i.upper, 0.9433, 1e-3);
  auto all = Wilson({5, 5});
  EXPECT_NEAR(all.upper, 1.0, 1e-12);
  EXPECT_GT(all.lower, 0.5);
  auto none = Wilson({0, 0});
  EXPECT_EQ(none.lower, 0);
  EXPECT_EQ(none.upper, 1);
}

TEST(WilsonTest, RankingPrefersMoreEvidence) {
  // 95 of 100 outranks 5 of 5, though 100% > 95%.
  EXPECT_GT(RankKey({95, 100}), RankKey({5, 5}));
  EXPECT_GT(RankKey({60, 100}), RankKey({0, 0}));
}

}  // namespace
}  // namespace reel::scoring

namespace reel::scoring {
namespace {

ScoreCounts Critics(int fresh, int rotten, int top_fresh, int top_rotten) {
  ScoreCounts c;
  c.fresh = fresh;
  c.rotten = rotten;
  c.top_fresh = top_fresh;
  c.top_rotten = top_rotten;
  return c;
}

TEST(CertifiedTest, GainedAt75KeptUntilBelow70) {
  // A TV season needs 20 reviews and 5 top critics.
  EXPECT_TRUE(NextCertified(false, Critics(15, 5, 5, 0), ReleaseKind::kTvSeason));   // 75%.
  EXPECT_FALSE(NextCertified(false, Critics(14, 5, 5, 0), ReleaseKind::kTvSeason));  // 19 reviews.
  EXPECT_FALSE(NextCertified(false, Critics(15, 5, 4, 0), ReleaseKind::kTvSeason));  // 4 top critics.
  EXPECT_FALSE(NextCertified(false, Critics(29, 11, 5, 0), ReleaseKind::kTvSeason)); // 72.5%: not gained...
  EXPECT_TRUE(NextCertified(true, Critics(29, 11, 5, 0), ReleaseKind::kTvSeason));   // ...but kept.
  EXPECT_TRUE(NextCertified(true, Critics(7, 3, 0, 0), ReleaseKind::kTvSeason));     // 70% exactly: kept.
  EXPECT_FALSE(NextCertified(true, Critics(69, 31, 5, 0), ReleaseKind::kTvSeason));  // 69%: lost.
  EXPECT_FALSE(NextCertified(false, Critics(60, 0, 5, 0), ReleaseKind::kWideFilm));  // Needs 80.
  EXPECT_TRUE(NextCertified(false, Critics(40, 0, 5, 0), ReleaseKind::kLimitedFilm));
  EXPECT_FALSE(NextCertified(true, ScoreCounts{}, ReleaseKind::kTvSeason));
}

TEST(MeansTest, AveragesAndBayesian) {
  ScoreCounts c;
  EXPECT_FALSE(AverageGrade(c));
  EXPECT_FALSE(AverageStars(c));
  c.graded = 4;
  c.grade_sum = 300;
  c.ratings = 2;
  c.stars_sum = 7;
  EXPECT_DOUBLE_EQ(*AverageGrade(c), 75);
  EXPECT_DOUBLE_EQ(*AverageStars(c), 3.5);
  // No votes: the catalogue mean. Many votes: close to the title's own mean.
  EXPECT_DOUBLE_EQ(BayesianAverage(5.0, 0, 3.0, 25), 3.0);
  EXPECT_DOUBLE_EQ(BayesianAverage(5.0, 25, 3.0, 25), 4.0);
  EXPECT_NEAR(BayesianAverage(5.0, 100000, 3.0, 25), 5.0, 1e-3);
}

TEST(BucketsTest, DecilesAndHalves) {
  EXPECT_EQ(GradeDecile(0), 0);
  EXPECT_EQ(GradeDecile(59.9), 5);
  EXPECT_EQ(GradeDecile(60), 6);
  EXPECT_EQ(GradeDecile(100), 9);
  EXPECT_EQ(StarBucket(0.5), 0);
  EXPECT_EQ(StarBucket(3.5), 6);
  EXPECT_EQ(StarBucket(5), 9);
}

TEST(SeriesScoreTest, MeanOfShownSeasonScores) {
  EXPECT_FALSE(SeriesScore({}));
  EXPECT_FALSE(SeriesScore({Critics(2, 0, 0, 0)}));  // Too few reviews to show.
  EXPECT_EQ(*SeriesScore({Critics(9, 1, 0, 0), Critics(5, 5, 0, 0), Critics(1, 0, 0, 0)}), 70);
}

}  // namespace
}  // namespace reel::scoring
