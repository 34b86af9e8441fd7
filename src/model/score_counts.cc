// The score-count arithmetic of model/score_counts.h: contributions, sums, histogram
// buckets and the certified state. Pure functions; any thread.
#include "model/score_counts.h"

#include <algorithm>
#include <cmath>

namespace reel {

int GradeDecile(double score) {
  const int d = static_cast<int>(score / 10);
  return std::clamp(d, 0, 9);
}

int StarBucket(double stars) {
  return std::clamp(static_cast<int>(std::lround(stars * 2)) - 1, 0, 9);
}

bool IsCounted(const ReviewFacts& r) {
  return r.sentiment != Sentiment::kNone && r.source != SentimentSource::kText;
}

ScoreCounts Contribution(const ReviewFacts& r) {
  ScoreCounts c;
  if (!IsCounted(r)) return c;
  const bool fresh = r.sentiment == Sentiment::kFresh;
  (fresh ? c.fresh : c.rotten) = 1;
  if (r.top_critic) (fresh ? c.top_fresh : c.top_rotten) = 1;
  if (r.grade_score) {
    c.graded = 1;
    c.grade_sum = *r.grade_score;
    c.grade_histogram[GradeDecile(*r.grade_score)] = 1;
  }
  return c;
}

ScoreCounts Contribution(const RatingFacts& r) {
  ScoreCounts c;
  switch (r.status) {
    case RatingStatus::kHeld: return c;
    case RatingStatus::kPreRelease: c.pre_release = 1; return c;
    case RatingStatus::kCounted: break;
  }
  const bool positive = r.stars >= kPositiveStars;
  c.ratings = 1;
  c.ratings_positive = positive;
  c.verified_ratings = r.verified;
  c.verified_positive = r.verified && positive;
  c.stars_sum = r.stars;
  c.star_histogram[StarBucket(r.stars)] = 1;
  return c;
}

namespace {

template <typename Op>
ScoreCounts Combine(const ScoreCounts& a, const ScoreCounts& b, Op op) {
  ScoreCounts c;
  c.fresh = op(a.fresh, b.fresh);
  c.rotten = op(a.rotten, b.rotten);
  c.top_fresh = op(a.top_fresh, b.top_fresh);
  c.top_rotten = op(a.top_rotten, b.top_rotten);
  c.graded = op(a.graded, b.graded);
  c.grade_sum = op(a.grade_sum, b.grade_sum);
  c.ratings = op(a.ratings, b.ratings);
  c.ratings_positive = op(a.ratings_positive, b.ratings_positive);
  c.verified_ratings = op(a.verified_ratings, b.verified_ratings);
  c.verified_positive = op(a.verified_positive, b.verified_positive);
  c.stars_sum = op(a.stars_sum, b.stars_sum);
  c.pre_release = op(a.pre_release, b.pre_release);
  for (size_t i = 0; i < c.grade_histogram.size(); ++i) {
    c.grade_histogram[i] = op(a.grade_histogram[i], b.grade_histogram[i]);
    c.star_histogram[i] = op(a.star_histogram[i], b.star_histogram[i]);
  }
  c.certified = a.certified;
  return c;
}

}  // namespace

ScoreCounts Plus(const ScoreCounts& a, const ScoreCounts& b) {
  return Combine(a, b, [](auto x, auto y) { return x + y; });
}

ScoreCounts Minus(const ScoreCounts& a, const ScoreCounts& b) {
  return Combine(a, b, [](auto x, auto y) { return x - y; });
}

bool SameCounts(const ScoreCounts& a, const ScoreCounts& b, double epsilon) {
  ScoreCounts x = a, y = b;
  if (std::fabs(x.grade_sum - y.grade_sum) > epsilon || std::fabs(x.stars_sum - y.stars_sum) > epsilon) {
    return false;
  }
  x.grade_sum = y.grade_sum = 0;
  x.stars_sum = y.stars_sum = 0;
  x.certified = y.certified = false;
  return x == y;
}

int CertifiedMinReviews(ReleaseKind kind) {
  switch (kind) {
    case ReleaseKind::kWideFilm: return 80;
    case ReleaseKind::kLimitedFilm: return 40;
    case ReleaseKind::kTvSeason: return 20;
  }
  return 80;
}

bool NextCertified(bool was_certified, const ScoreCounts& c, ReleaseKind kind) {
  const int64_t total = c.fresh + c.rotten;
  if (total == 0) return false;
  const double percent = 100.0 * static_cast<double>(c.fresh) / static_cast<double>(total);
  if (was_certified) return percent >= kCertifiedKeepPercent;
  return percent >= kCertifiedMinPercent && total >= CertifiedMinReviews(kind) &&
         c.top_fresh + c.top_rotten >= kCertifiedMinTopCritics;
}

std::optional<ReleaseKind> CertificationKind(TitleKind kind) {
  switch (kind) {
    case TitleKind::kFilm: return ReleaseKind::kWideFilm;
    case TitleKind::kSeason: return ReleaseKind::kTvSeason;
    case TitleKind::kSeries:
    case TitleKind::kEpisode: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace reel
