#include "scoring/score.h"

#include <algorithm>
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

std::optional<double> AverageGrade(const ScoreCounts& c) {
  if (c.graded <= 0) return std::nullopt;
  return c.grade_sum / static_cast<double>(c.graded);
}

std::optional<double> AverageStars(const ScoreCounts& c) {
  if (c.ratings <= 0) return std::nullopt;
  return c.stars_sum / static_cast<double>(c.ratings);
}

double BayesianAverage(double r, int64_t v, double c, double m) {
  const double vv = static_cast<double>(v);
  if (vv + m <= 0) return c;
  return (vv / (vv + m)) * r + (m / (vv + m)) * c;
}

namespace {

// The rounded mean of the shown percentages `score` gives the seasons, and how many there are.
std::optional<int> MeanOfShown(const std::vector<ScoreCounts>& seasons, Score (*score)(const ScoreCounts&),
                               int* shown_out = nullptr) {
  int shown = 0, sum = 0;
  for (const auto& s : seasons) {
    if (auto p = score(s).percent) ++shown, sum += *p;
  }
  if (shown_out) *shown_out = shown;
  if (shown == 0) return std::nullopt;
  return static_cast<int>(std::lround(static_cast<double>(sum) / shown));
}

}  // namespace

std::optional<int> SeriesScore(const std::vector<ScoreCounts>& seasons) { return MeanOfShown(seasons, CriticScore); }

std::optional<int> SeriesAudienceScore(const std::vector<ScoreCounts>& seasons) {
  return MeanOfShown(seasons, AudienceScore);
}

int SeasonsWithCriticScore(const std::vector<ScoreCounts>& seasons) {
  int shown = 0;
  MeanOfShown(seasons, CriticScore, &shown);
  return shown;
}

int SeasonsWithAudienceScore(const std::vector<ScoreCounts>& seasons) {
  int shown = 0;
  MeanOfShown(seasons, AudienceScore, &shown);
  return shown;
}

bool QualifiesForBestCritics(const ScoreCounts& c) {
  const auto p = CriticScore(c).percent;
  return p && *p >= kPositiveBadgePercent;
}

bool QualifiesForBestAudience(const ScoreCounts& c) {
  const auto p = AudienceScore(c).percent;
  return p && *p >= kPositiveBadgePercent;
}

}  // namespace reel::scoring
