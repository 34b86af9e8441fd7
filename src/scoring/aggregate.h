// What one critic review or one audience rating contributes to its title's
// aggregates (ScoreCounts), and arithmetic on aggregates.
//
// The store keeps ScoreCounts per title and, on every write of a review or a rating,
// applies new contribution minus old contribution in the same transaction: O(1) per
// write. A full recompute sums the same contributions over all rows, so the rules
// live here once. Pure functions; any thread.
#pragma once

#include <optional>

#include "scoring/score.h"
#include "storage/records.h"

namespace reel::scoring {

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

// The certified rule that applies to a kind of title; nullopt for kinds that are
// never certified (series, episodes). Films count as wide releases: the catalog does
// not record a release's width yet.
std::optional<ReleaseKind> CertificationKind(TitleKind kind);

}  // namespace reel::scoring
