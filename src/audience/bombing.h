// Review-bombing guard: decides whether a new audience rating is counted at once or
// held for moderation because it arrives in a burst that looks like a campaign.
//
// The rule. A rating is held when both tests pass:
//  1. Rate: the title received far more ratings in the last hour than usual.
//     last_hour = its ratings in the hour up to and including the new one, counted
//     and held alike (a burst that is being held is still a burst).
//     usual = its counted ratings in the kHistorySeconds (30 days) before that hour,
//     per hour over the time they cover (from the first of them, at least
//     kMinUsualHours). The test passes when
//       last_hour > max(kMinBurstRatings, kBurstRateMultiple * usual).
//  2. Shift: the stars of the last hour differ from the title's usual stars. The
//     usual mix is the 30-day history padded with kReferenceRatings ratings of a
//     typical mix (mean kReferenceMeanStars, kReferenceLowShare of them at
//     kLowStars or less), so a title with little history is compared with what
//     audiences usually give rather than with a handful of ratings. The test passes
//     when |burst mean - usual mean| >= kMinMeanShift, or when the share of ratings
//     at kLowStars or less rose by kMinLowShareRise or more.
// A popular premiere passes the rate test but not the shift test, and is counted; a
// few angry ratings on a quiet title fail the rate test, and are counted. Held
// ratings wait for an editor, who counts them or removes them. Pre-release ratings
// ("want to see") are never counted and play no part here.
//
// Known limits: the first ratings of a burst (up to the threshold) are counted before
// the rate test trips; the caller may hold the rest of the hour's ratings too
// (BurstCheck::burst_start). A slow campaign (a few times the usual rate for a day)
// passes; readers' reports and the moderation queue are the answer there.
//
// Pure functions over values; any thread may call them.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "model/ratings.h"

namespace reel::audience {

// The history looked at: 30 days is long enough to hold a weekly show's last four
// episodes' worth of ratings and short enough to follow a title's current audience.
inline constexpr int64_t kHistorySeconds = 30 * 24 * 3600;
// The burst window: one hour. Campaigns organised in a forum or a chat post within
// minutes to an hour of the call; a longer window would dilute them in ordinary
// traffic, a shorter one would let them through by pacing.
inline constexpr int64_t kBurstSeconds = 3600;
// Never a burst at or below this many ratings in an hour: a watch party or a club can
// rate a quiet episode together, and 20 ratings move a score that counts 100 by at
// most about 17 points, which readers' reports can deal with.
inline constexpr int kMinBurstRatings = 20;
// "Far above its usual rate": ten times. For a title with a steady rate of u ratings
// an hour (Poisson), an hour with 10u (and at least 20) has a chance far below one in
// a million; what reaches it in practice is a premiere, a trailer, a news story or a
// campaign, and the shift test tells those apart.
inline constexpr double kBurstRateMultiple = 10;
// The usual rate is taken over at least a day, so a title whose first ratings came
// in an hour ago does not get a huge "usual" rate from them.
inline constexpr double kMinUsualHours = 24;
// A shift of 1.5 stars in the mean. Audience means of titles mostly sit between 2.5
// and 4.5 stars with a spread of ratings around 1.2 stars; the mean of 20 or more
// ratings from the usual audience is within about 0.3 stars of the usual mean (one
// standard error), so 1.5 stars is about five standard errors away, while a campaign
// of 0.5-1 star ratings moves a 3.5-star title by 2.5 stars or more.
inline constexpr double kMinMeanShift = 1.5;
// Ratings at or below 1 star are the bombing kind; a rise of 40 points in their share
// (20% of the usual ratings to 60% of the burst's) catches a campaign that mixes in
// other ratings to hide its mean.
inline constexpr double kLowStars = 1.0;
inline constexpr double kMinLowShareRise = 0.40;
// The typical mix that pads a title's history: worth 20 ratings, mean 3.5 stars, 10%
// at 1 star or less (audience ratings on review sites lean positive). An assumption,
// used only where a title has few ratings of its own.
inline constexpr double kReferenceRatings = 20;
inline constexpr double kReferenceMeanStars = 3.5;
inline constexpr double kReferenceLowShare = 0.10;

// A rating of the title, as the guard sees it.
struct TimedRating {
  int64_t at = 0;    // Unix time (seconds, UTC) it was made or last changed.
  double stars = 0;  // 0.5 .. 5 in halves.
  RatingStatus status = RatingStatus::kCounted;
};

enum class BurstAction { kCount, kHold };
const char* BurstActionName(BurstAction a);  // "count", "hold"

// The decision and the numbers behind it, for the moderation queue and the logs.
struct BurstCheck {
  BurstAction action = BurstAction::kCount;
  std::string reason;       // One sentence with the numbers; always set.
  int64_t burst_start = 0;  // The last hour began after this time (exclusive).
  int last_hour = 0;        // Ratings in the last hour, the new one included.
  int history = 0;          // Counted ratings behind the usual rate and mix.
  double usual_per_hour = 0;
  double burst_threshold = 0;  // last_hour had to exceed this for the rate test.
  bool rate_test = false;
  double burst_mean = 0;       // Mean stars of the last hour.
  double usual_mean = 0;       // Mean stars of the padded history.
  double burst_low_share = 0;  // Shares of ratings at kLowStars or less.
  double usual_low_share = 0;
  bool shift_test = false;
};

// Decides for `incoming`, given the title's other ratings: at least those of the last
// 30 days and an hour. Older and pre-release ones are skipped; ones stamped after
// `incoming` (clocks of several servers) count as the last hour's. The incoming
// rating (or the user's earlier rating of the title) must not be among `recent`.
BurstCheck CheckRatingBurst(std::span<const TimedRating> recent, const TimedRating& incoming);

}  // namespace reel::audience
