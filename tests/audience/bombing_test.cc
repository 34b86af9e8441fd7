#include "audience/bombing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace reel::audience {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 24 * kHour;
// Some moment: 2024-06-01T00:00:00Z.
constexpr int64_t kNow = 1717200000;

// A realistic audience mix for a well-liked title (mean about 3.7 stars, 7% at 1
// star or less), indexed by half stars 0.5 .. 5.
constexpr double kUsualMix[10] = {0.03, 0.04, 0.02, 0.04, 0.05, 0.09, 0.13, 0.20, 0.15, 0.25};

class Simulator {
 public:
  explicit Simulator(uint32_t seed) : rng_(seed) {}

  double Uniform() { return (rng_() + 0.5) / 4294967296.0; }

  double Stars(const double (&mix)[10]) {
    double u = Uniform();
    for (int i = 0; i < 10; ++i) {
      if (u < mix[i]) return 0.5 * (i + 1);
      u -= mix[i];
    }
    return 5.0;
  }

  // Counted ratings arriving as a Poisson process at `per_hour` over [start, end).
  std::vector<TimedRating> Steady(int64_t start, int64_t end, double per_hour) {
    std::vector<TimedRating> out;
    double t = static_cast<double>(start);
    while (true) {
      t += -std::log(Uniform()) / per_hour * kHour;
      if (t >= static_cast<double>(end)) break;
      out.push_back({static_cast<int64_t>(t), Stars(kUsualMix), RatingStatus::kCounted});
    }
    return out;
  }

 private:
  std::mt19937 rng_;
};

// Feeds `burst` to the guard one rating at a time, as the server would, adding each
// to the history with the status the guard gave it. Returns how many were held.
int Feed(std::vector<TimedRating>* history, const std::vector<TimedRating>& burst,
         int* first_held = nullptr) {
  int held = 0;
  for (size_t i = 0; i < burst.size(); ++i) {
    TimedRating r = burst[i];
    BurstCheck check = CheckRatingBurst(*history, r);
    if (check.action == BurstAction::kHold) {
      if (held == 0 && first_held != nullptr) *first_held = static_cast<int>(i);
      ++held;
      r.status = RatingStatus::kHeld;
    }
    history->push_back(r);
  }
  return held;
}

// `n` ratings spread evenly over the `minutes` before kNow, stars from `stars(i)`.
template <typename F>
std::vector<TimedRating> Burst(int n, int minutes, F stars) {
  std::vector<TimedRating> out;
  for (int i = 0; i < n; ++i) {
    int64_t at = kNow - minutes * 60 + (static_cast<int64_t>(minutes) * 60 * (i + 1)) / n;
    out.push_back({at, stars(i), RatingStatus::kCounted});
  }
  return out;
}

TEST(BombingTest, SimulatedBombingIsHeld) {
  Simulator sim(7);
  // Thirty days of a steady 2 ratings an hour (about 1,440 ratings).
  std::vector<TimedRating> history = sim.Steady(kNow - 30 * kDay - kHour, kNow - kHour, 2.0);
  ASSERT_GT(history.size(), 1300u);
  // Then 120 ratings of 0.5 or 1 star within 45 minutes.
  std::vector<TimedRating> burst = Burst(120, 45, [](int i) { return i % 3 == 0 ? 0.5 : 1.0; });
  int first_held = -1;
  int held = Feed(&history, burst, &first_held);
  // Counted until the hour holds more than max(20, 10 x usual) ratings (the usual
  // rate is about 2 an hour), held from then on.
  EXPECT_GE(first_held, 20);
  EXPECT_LE(first_held, 22);
  EXPECT_EQ(held, 120 - first_held);

  BurstCheck check = CheckRatingBurst(history, {kNow, 1.0, RatingStatus::kCounted});
  EXPECT_EQ(check.action, BurstAction::kHold);
  EXPECT_TRUE(check.rate_test);
  EXPECT_TRUE(check.shift_test);
  EXPECT_NEAR(check.usual_per_hour, 2.0, 0.2);
  EXPECT_NEAR(check.usual_mean, 3.7, 0.15);
  EXPECT_LT(check.burst_mean, 1.0);
  EXPECT_EQ(check.last_hour, 121);  // The burst and the new one.
  EXPECT_NE(check.reason.find("held for moderation"), std::string::npos);
  EXPECT_NE(check.reason.find("121 ratings in the last hour"), std::string::npos) << check.reason;
}

TEST(BombingTest, PopularPremiereOfTheSameVolumeIsCounted) {
  Simulator sim(7);
  std::vector<TimedRating> history = sim.Steady(kNow - 30 * kDay - kHour, kNow - kHour, 2.0);
  std::vector<TimedRating> burst = Burst(120, 45, [&](int) { return sim.Stars(kUsualMix); });
  EXPECT_EQ(Feed(&history, burst), 0);
  BurstCheck check = CheckRatingBurst(history, {kNow, 4.0, RatingStatus::kCounted});
  EXPECT_EQ(check.action, BurstAction::kCount);
  EXPECT_TRUE(check.rate_test);    // Far above the usual rate...
  EXPECT_FALSE(check.shift_test);  // ...but the usual stars.
  EXPECT_NE(check.reason.find("match the usual mix"), std::string::npos) << check.reason;
}

TEST(BombingTest, PremiereOfANewTitleIsCountedAndItsBombingHeld) {
  // No history at all: the title came out an hour ago.
  std::vector<TimedRating> liked;
  Simulator sim(11);
  EXPECT_EQ(Feed(&liked, Burst(200, 60, [&](int) { return sim.Stars(kUsualMix); })), 0);
  std::vector<TimedRating> bombed;
  EXPECT_EQ(Feed(&bombed, Burst(200, 60, [](int) { return 0.5; })), 180);
}

TEST(BombingTest, QuietTitleGettingAFewBadRatingsIsCounted) {
  Simulator sim(3);
  // About 10 ratings in a month.
  std::vector<TimedRating> history = sim.Steady(kNow - 30 * kDay - kHour, kNow - kHour, 10.0 / (30 * 24));
  std::vector<TimedRating> burst = Burst(5, 10, [](int) { return 0.5; });
  EXPECT_EQ(Feed(&history, burst), 0);
  BurstCheck check = CheckRatingBurst(history, {kNow, 0.5, RatingStatus::kCounted});
  EXPECT_FALSE(check.rate_test);
  EXPECT_EQ(check.last_hour, 6);
  EXPECT_EQ(check.burst_threshold, kMinBurstRatings);
  EXPECT_NE(check.reason.find("counted: no burst"), std::string::npos) << check.reason;
}

TEST(BombingTest, MinimumBurstBoundary) {
  // A title without history: the threshold is kMinBurstRatings.
  std::vector<TimedRating> recent = Burst(kMinBurstRatings - 1, 30, [](int) { return 0.5; });
  BurstCheck at = CheckRatingBurst(recent, {kNow, 0.5, RatingStatus::kCounted});
  EXPECT_EQ(at.last_hour, kMinBurstRatings);
  EXPECT_EQ(at.action, BurstAction::kCount);  // Not more than the threshold.
  recent.push_back({kNow - 60, 0.5, RatingStatus::kCounted});
  BurstCheck over = CheckRatingBurst(recent, {kNow, 0.5, RatingStatus::kCounted});
  EXPECT_EQ(over.last_hour, kMinBurstRatings + 1);
  EXPECT_EQ(over.action, BurstAction::kHold);
}

TEST(BombingTest, BusyTitleNeedsTenTimesItsUsualRate) {
  // Exactly 5 counted ratings an hour for 30 days, all 4 stars.
  std::vector<TimedRating> history;
  for (int64_t t = kNow - 30 * kDay - kHour; t < kNow - kHour; t += kHour / 5) {
    history.push_back({t, 4.0, RatingStatus::kCounted});
  }
  std::vector<TimedRating> recent = history;
  std::vector<TimedRating> burst = Burst(49, 50, [](int) { return 0.5; });
  recent.insert(recent.end(), burst.begin(), burst.end());
  BurstCheck at = CheckRatingBurst(recent, {kNow, 0.5, RatingStatus::kCounted});
  EXPECT_NEAR(at.usual_per_hour, 5.0, 0.01);
  EXPECT_NEAR(at.burst_threshold, 50.0, 0.1);
  EXPECT_EQ(at.last_hour, 50);
  EXPECT_EQ(at.action, BurstAction::kCount);
  recent.push_back({kNow - 1, 0.5, RatingStatus::kCounted});  // 51 in the hour.
  EXPECT_EQ(CheckRatingBurst(recent, {kNow, 0.5, RatingStatus::kCounted}).action, BurstAction::kHold);
}

// 20 counted ratings of 4.5 stars padded with 20 reference ratings: a usual mean of
// exactly 4.0 stars and a usual low share of exactly 0.05.
std::vector<TimedRating> ExactHistory() {
  std::vector<TimedRating> history;
  for (int i = 0; i < 20; ++i) history.push_back({kNow - (i + 2) * kDay, 4.5, RatingStatus::kCounted});
  return history;
}

TEST(BombingTest, MeanShiftBoundary) {
  std::vector<TimedRating> recent = ExactHistory();
  std::vector<TimedRating> burst = Burst(20, 30, [](int) { return 2.5; });
  recent.insert(recent.end(), burst.begin(), burst.end());
  BurstCheck shifted = CheckRatingBurst(recent, {kNow, 2.5, RatingStatus::kCounted});
  EXPECT_DOUBLE_EQ(shifted.usual_mean, 4.0);
  EXPECT_DOUBLE_EQ(shifted.burst_mean, 2.5);  // A shift of exactly kMinMeanShift.
  EXPECT_EQ(shifted.action, BurstAction::kHold);

  std::vector<TimedRating> milder = ExactHistory();
  std::vector<TimedRating> burst3 = Burst(20, 30, [](int) { return 3.0; });
  milder.insert(milder.end(), burst3.begin(), burst3.end());
  BurstCheck mild = CheckRatingBurst(milder, {kNow, 3.0, RatingStatus::kCounted});
  EXPECT_DOUBLE_EQ(mild.burst_mean, 3.0);
  EXPECT_TRUE(mild.rate_test);
  EXPECT_EQ(mild.action, BurstAction::kCount);
}

TEST(BombingTest, LowShareBoundary) {
  // 40 ratings in the hour: `low` of them at 1 star, the rest at 5, so the mean moves
  // less than kMinMeanShift and only the low-share rule can hold them.
  auto check_with_low = [](int low) {
    std::vector<TimedRating> recent = ExactHistory();
    std::vector<TimedRating> burst = Burst(39, 30, [low](int i) { return i < low ? 1.0 : 5.0; });
    recent.insert(recent.end(), burst.begin(), burst.end());
    return CheckRatingBurst(recent, {kNow, 5.0, RatingStatus::kCounted});
  };
  BurstCheck at = check_with_low(18);  // 45% against 5%: a rise of exactly 0.40.
  EXPECT_NEAR(at.usual_low_share, 0.05, 1e-12);
  EXPECT_NEAR(at.burst_low_share, 0.45, 1e-12);
  EXPECT_LT(std::abs(at.burst_mean - at.usual_mean), kMinMeanShift);
  EXPECT_EQ(at.action, BurstAction::kHold);
  BurstCheck under = check_with_low(17);  // 42.5% against 5%.
  EXPECT_EQ(under.action, BurstAction::kCount);
}

TEST(BombingTest, UpwardCampaignIsHeldToo) {
  // A title its audience rates 2 stars, then a burst of 5-star ratings.
  std::vector<TimedRating> history;
  for (int i = 0; i < 300; ++i)
    history.push_back({kNow - 2 * kHour - i * 2 * kHour, 2.0, RatingStatus::kCounted});
  EXPECT_EQ(Feed(&history, Burst(60, 40, [](int) { return 5.0; })), 40);
}

TEST(BombingTest, WhatCountsWhere) {
  std::vector<TimedRating> recent;
  // Pre-release ratings play no part, however many.
  for (int i = 0; i < 100; ++i) recent.push_back({kNow - 60, 0.5, RatingStatus::kPreRelease});
  // Held ratings count toward the last hour, not toward the usual rate.
  for (int i = 0; i < 10; ++i) recent.push_back({kNow - 60, 0.5, RatingStatus::kHeld});
  for (int i = 0; i < 10; ++i) recent.push_back({kNow - 2 * kDay, 0.5, RatingStatus::kHeld});
  // A rating exactly an hour old belongs to the history, one older than the history
  // window to nothing, and one stamped after the new one to the last hour.
  recent.push_back({kNow - kHour, 4.0, RatingStatus::kCounted});
  recent.push_back({kNow - kHour - kHistorySeconds - 1, 4.0, RatingStatus::kCounted});
  recent.push_back({kNow + 5, 4.0, RatingStatus::kCounted});
  BurstCheck check = CheckRatingBurst(recent, {kNow, 3.0, RatingStatus::kCounted});
  EXPECT_EQ(check.last_hour, 12);  // 10 held, 1 from the future, the new one.
  EXPECT_EQ(check.history, 1);
  EXPECT_DOUBLE_EQ(check.usual_per_hour, 1.0 / kMinUsualHours);
  EXPECT_EQ(check.burst_start, kNow - kHour);
  EXPECT_STREQ(BurstActionName(check.action), "count");
}

}  // namespace
}  // namespace reel::audience
