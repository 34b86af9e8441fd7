#include "scoring/score.h"

#include <cmath>

namespace reel::scoring {

Interval Wilson(Proportion p, double z) {
  if (p.total <= 0) return {0, 1};
  const double n = static_cast<double>(p.total);
  const double phat = static_cast<double>(p.positive) / n;
  const double z2 = z * z;
  const double denom = 1 + z2 / n;
  const double centre = (phat + z2 / (2 * n)) / denom;
  const double half = z * std::sqrt(phat * (1 - phat) / n + z2 / (4 * n * n)) / denom;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Score ShareScore(Proportion p, int min_count) {
  Score s;
  s.count = p.total;
  s.interval = Wilson(p);
  if (p.total > 0 && p.total >= min_count) {
    s.percent = static_cast<int>(std::lround(100.0 * static_cast<double>(p.positive) /
                                             static_cast<double>(p.total)));
    s.margin = static_cast<int>(std::lround(50.0 * (s.interval.upper - s.interval.lower)));
  }
  return s;
}

Score CriticScore(const ScoreCounts& c) { return ShareScore(CriticProportion(c), kMinCriticReviews); }

Score TopCriticScore(const ScoreCounts& c) {
  return ShareScore({c.top_fresh, c.top_fresh + c.top_rotten}, kMinCriticReviews);
}

Score AudienceScore(const ScoreCounts& c) {
  return ShareScore(AudienceProportion(c), kMinAudienceRatings);
}

Score VerifiedAudienceScore(const ScoreCounts& c) {
  return ShareScore({c.verified_positive, c.verified_ratings}, kMinAudienceRatings);
}

double RankKey(Proportion p) { return p.total > 0 ? Wilson(p).lower : 0; }

}  // namespace reel::scoring
