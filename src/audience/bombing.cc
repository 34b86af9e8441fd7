#include "audience/bombing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reel::audience {
namespace {

// Comparisons of shares and means allow for rounding in their sums.
constexpr double kEpsilon = 1e-9;

std::string Format(const char* format, double a, double b = 0, double c = 0, double d = 0) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, format, a, b, c, d);
  return buffer;
}

}  // namespace

const char* BurstActionName(BurstAction a) { return a == BurstAction::kHold ? "hold" : "count"; }

BurstCheck CheckRatingBurst(std::span<const TimedRating> recent, const TimedRating& incoming) {
  const int64_t now = incoming.at;
  const int64_t hour_start = now - kBurstSeconds;  // The last hour is (hour_start, now].
  const int64_t history_start = hour_start - kHistorySeconds;

  BurstCheck check;
  check.burst_start = hour_start;
  double burst_sum = incoming.stars;
  int burst_low = incoming.stars <= kLowStars ? 1 : 0;
  check.last_hour = 1;
  double history_sum = 0;
  int history_low = 0;
  int64_t first_counted = hour_start;
  for (const TimedRating& r : recent) {
    if (r.status == RatingStatus::kPreRelease || r.at < history_start) continue;
    if (r.at > hour_start) {
      ++check.last_hour;
      burst_sum += r.stars;
      burst_low += r.stars <= kLowStars ? 1 : 0;
    } else if (r.status == RatingStatus::kCounted) {
      ++check.history;
      history_sum += r.stars;
      history_low += r.stars <= kLowStars ? 1 : 0;
      first_counted = std::min(first_counted, r.at);
    }
  }

  // Rate test.
  double hours = std::max(kMinUsualHours, static_cast<double>(hour_start - first_counted) / 3600.0);
  check.usual_per_hour = check.history > 0 ? check.history / hours : 0;
  check.burst_threshold = std::max<double>(kMinBurstRatings, kBurstRateMultiple * check.usual_per_hour);
  check.rate_test = check.last_hour > check.burst_threshold;

  // Shift test, against the history padded with the typical mix.
  check.burst_mean = burst_sum / check.last_hour;
  check.burst_low_share = static_cast<double>(burst_low) / check.last_hour;
  const double padded = check.history + kReferenceRatings;
  check.usual_mean = (history_sum + kReferenceRatings * kReferenceMeanStars) / padded;
  check.usual_low_share = (history_low + kReferenceRatings * kReferenceLowShare) / padded;
  const double mean_shift = check.burst_mean - check.usual_mean;
  const double low_rise = check.burst_low_share - check.usual_low_share;
  const bool mean_moved = std::abs(mean_shift) >= kMinMeanShift - kEpsilon;
  const bool low_rose = low_rise >= kMinLowShareRise - kEpsilon;
  check.shift_test = mean_moved || low_rose;

  std::string rate = Format("%.0f ratings in the last hour against a usual %.2f an hour (threshold %.1f)",
                            check.last_hour, check.usual_per_hour, check.burst_threshold);
  std::string stars =
      Format("mean %.2f stars against %.2f; %.0f%% at 1 star or less against %.0f%%", check.burst_mean,
             check.usual_mean, 100 * check.burst_low_share, 100 * check.usual_low_share);
  if (!check.rate_test) {
    check.reason = "counted: no burst, " + rate + ".";
  } else if (!check.shift_test) {
    check.reason = "counted: a burst of " + rate + ", but its stars match the usual mix (" + stars + ").";
  } else {
    check.action = BurstAction::kHold;
    check.reason =
        "held for moderation: a burst of " + rate + ", with stars unlike the usual mix (" + stars + ").";
  }
  return check;
}

}  // namespace reel::audience
