// Critic and audience scores from counts: pure functions over plain values.
//
// The minimal method of the Foundation issue: critic score = share of fresh
// reviews, audience score = share of counted ratings at or above 3.5 stars, each
// shown only from a minimum count, each with its 95% Wilson interval. The Scoring
// engine issue extends this file (certified state, histograms, Bayesian means);
// the constants here are the ones /about/scores will print. Any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/score_counts.h"

namespace reel::scoring {

// The count arithmetic and the certified rule (ReviewFacts, IsCounted, NextCertified,
// ...) live below the store, in model/score_counts.h, which keeps them on every write.
inline constexpr int kMinCriticReviews = 5;    // A critic score shows from 5 reviews.
inline constexpr int kMinAudienceRatings = 5;  // An audience score shows from 5 ratings.
inline constexpr double kWilsonZ = 1.959964;   // 95% two-sided.
// A shown score of this percentage or more wears the fresh (critics) or hot
// (audience) badge; below it, rotten or stale.
inline constexpr int kPositiveBadgePercent = 60;

struct Proportion {
  int64_t positive = 0;
  int64_t total = 0;
};

struct Interval {
  double lower = 0;  // 0..1
  double upper = 0;  // 0..1
};

// The 95% Wilson score interval of a proportion; {0, 1} for an empty one.
Interval Wilson(Proportion p, double z = kWilsonZ);

struct Score {
  std::optional<int> percent;  // Absent when there are too few to show.
  int64_t count = 0;           // Reviews or ratings it is computed from.
  Interval interval;
  // Half the interval's width in percentage points, rounded: the "± 8" beside "63%".
  int margin = 0;
};

// round(100 * positive / total), shown from `min_count`.
Score ShareScore(Proportion p, int min_count);

Score CriticScore(const ScoreCounts& c);
Score TopCriticScore(const ScoreCounts& c);
Score AudienceScore(const ScoreCounts& c);
Score VerifiedAudienceScore(const ScoreCounts& c);

// The key "best" lists sort by (larger first): the Wilson lower bound.
double RankKey(Proportion p);

// ---- Means ----
// Mean normalised grade (0..100) and mean stars (0.5..5), absent with no data.
std::optional<double> AverageGrade(const ScoreCounts& c);
std::optional<double> AverageStars(const ScoreCounts& c);
// IMDb's weighted rating (v/(v+m))R + (m/(v+m))C: a mean `r` of `v` votes pulled toward
// the catalogue mean `c` by `m` pseudo-votes. Lists that rank a mean use it.
inline constexpr double kDefaultBayesianM = 25;
double BayesianAverage(double r, int64_t v, double c, double m = kDefaultBayesianM);

// The series score: the mean of its seasons' shown critic percentages (absent when
// no season has one).
std::optional<int> SeriesScore(const std::vector<ScoreCounts>& seasons);
// The series audience score: the mean of its seasons' shown audience percentages.
std::optional<int> SeriesAudienceScore(const std::vector<ScoreCounts>& seasons);
// How many seasons have a shown critic (audience) score: what a series score is the mean of.
int SeasonsWithCriticScore(const std::vector<ScoreCounts>& seasons);
int SeasonsWithAudienceScore(const std::vector<ScoreCounts>& seasons);

// Whether a title belongs in a list called "Best critic scores" ("Best audience
// ratings"): its score is shown and wears the positive badge (fresh, hot). Such a
// list ranks only these, so a poor score is never listed as one of the best because
// few titles have scores.
bool QualifiesForBestCritics(const ScoreCounts& c);
bool QualifiesForBestAudience(const ScoreCounts& c);

inline Proportion CriticProportion(const ScoreCounts& c) { return {c.fresh, c.fresh + c.rotten}; }
inline Proportion AudienceProportion(const ScoreCounts& c) { return {c.ratings_positive, c.ratings}; }

}  // namespace reel::scoring
