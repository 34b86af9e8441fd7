// ScoreCounts, the aggregates a title's scores are computed from, and the arithmetic
// the store keeps them with: what one critic review or one audience rating
// contributes, sums and differences, and the certified state they carry.
//
// The store keeps ScoreCounts per title and, on every write of a review or a rating,
// applies new contribution minus old contribution in the same transaction: O(1) per
// write. A full recompute sums the same contributions over all rows, so these rules
// live here once, below the store; src/scoring/ turns counts into scores. Pure
// functions; any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "model/ratings.h"
#include "model/reviews.h"
#include "model/titles.h"

namespace reel {

// The aggregates of one title. The store keeps them per title, updated in the same
// transaction as every write of a review or rating, and can recompute them from the
// rows.
struct ScoreCounts {
  int64_t fresh = 0;              // Counted critic reviews (critic, grade or editor verdicts).
  int64_t rotten = 0;
  int64_t top_fresh = 0;
  int64_t top_rotten = 0;
  int64_t graded = 0;             // Counted reviews with a normalised grade...
  double grade_sum = 0;           // ...and the sum of those grades (0..100 each).
  // Counted reviews by normalised grade decile: [0] 0-9.99 ... [9] 90-100.
  std::array<int64_t, 10> grade_histogram{};

  int64_t ratings = 0;            // Counted audience ratings.
  int64_t ratings_positive = 0;   // Of those, >= 3.5 stars.
  int64_t verified_ratings = 0;
  int64_t verified_positive = 0;
  double stars_sum = 0;           // Sum of the counted ratings' stars.
  // Counted ratings by stars: [0] 0.5, [1] 1.0 ... [9] 5.0.
  std::array<int64_t, 10> star_histogram{};
  int64_t pre_release = 0;        // Ratings made before release: kept, not counted.

  // Certified status is state, not a function of today's counts: it is gained at
  // >= 75% with enough reviews and kept until the score falls below 70%.
  bool certified = false;

  bool operator==(const ScoreCounts&) const = default;
};

inline constexpr double kPositiveStars = 3.5;  // A rating is positive at 3.5 stars or more.

// ---- Histogram buckets ----
int GradeDecile(double score);   // 0..9 (100 goes to 9).
int StarBucket(double stars);    // 0.5 -> 0 ... 5.0 -> 9.

// ---- Contributions ----
// The facts of a critic review that its contribution depends on.
struct ReviewFacts {
  Sentiment sentiment = Sentiment::kNone;
  SentimentSource source = SentimentSource::kNone;
  bool top_critic = false;
  std::optional<double> grade_score;
};

// The facts of an audience rating that its contribution depends on.
struct RatingFacts {
  double stars = 0;
  bool verified = false;
  RatingStatus status = RatingStatus::kCounted;
};

// A review counts when it has a verdict that is not a text-classifier suggestion.
bool IsCounted(const ReviewFacts& r);

// The aggregates of a title that holds only this review (or rating).
ScoreCounts Contribution(const ReviewFacts& r);
ScoreCounts Contribution(const RatingFacts& r);

// Field-wise sum and difference of the additive fields (certified is left alone).
ScoreCounts Plus(const ScoreCounts& a, const ScoreCounts& b);
ScoreCounts Minus(const ScoreCounts& a, const ScoreCounts& b);

// Equal additive fields, with sums compared to `epsilon` (they are floating point).
bool SameCounts(const ScoreCounts& a, const ScoreCounts& b, double epsilon = 1e-6);

// ---- Certified (state with hysteresis) ----
inline constexpr int kCertifiedMinPercent = 75;   // Gained at 75% or more...
inline constexpr int kCertifiedKeepPercent = 70;  // ...kept until below 70%.
inline constexpr int kCertifiedMinTopCritics = 5;
enum class ReleaseKind { kWideFilm, kLimitedFilm, kTvSeason };
int CertifiedMinReviews(ReleaseKind kind);  // 80, 40, 20.
// The certified state after a change of counts, given the state before it.
bool NextCertified(bool was_certified, const ScoreCounts& c, ReleaseKind kind);

// The certified rule that applies to a kind of title; nullopt for kinds that are
// never certified (series, episodes). Films count as wide releases: the catalog does
// not record a release's width yet.
std::optional<ReleaseKind> CertificationKind(TitleKind kind);

}  // namespace reel
