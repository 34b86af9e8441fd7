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
