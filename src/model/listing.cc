// The listing keys of a title or series from its counts (model/listing.h).
#include "model/listing.h"

#include <algorithm>
#include <cmath>

namespace reel {
namespace {

constexpr double kZ = 1.959964;  // 95% two-sided, as scoring::kWilsonZ.

int Percent(int64_t positive, int64_t total) {
  return static_cast<int>(std::lround(100.0 * static_cast<double>(positive) / static_cast<double>(total)));
}

}  // namespace

double WilsonLowerBound(int64_t positive, int64_t total) {
  if (total <= 0) return 0;
  const double n = static_cast<double>(total);
  const double phat = static_cast<double>(positive) / n;
  const double z2 = kZ * kZ;
  const double denom = 1 + z2 / n;
  const double centre = (phat + z2 / (2 * n)) / denom;
  const double half = kZ * std::sqrt(phat * (1 - phat) / n + z2 / (4 * n * n)) / denom;
  return std::max(0.0, centre - half);
}

ListingKeys TitleListingKeys(const ScoreCounts& c) {
  ListingKeys k;
  k.critic_reviews = c.fresh + c.rotten;
  k.audience_ratings = c.ratings;
  k.popularity = k.critic_reviews + k.audience_ratings;
  k.certified = c.certified;
  if (k.critic_reviews >= kListingMinReviews) {
    k.critic_percent = Percent(c.fresh, k.critic_reviews);
    k.critic_rank = WilsonLowerBound(c.fresh, k.critic_reviews);
  }
  if (k.audience_ratings >= kListingMinRatings) {
    k.audience_percent = Percent(c.ratings_positive, c.ratings);
    k.audience_rank = WilsonLowerBound(c.ratings_positive, c.ratings);
  }
  return k;
}

ListingKeys SeriesListingKeys(const std::vector<ScoreCounts>& seasons, const ScoreCounts& own) {
  ListingKeys k;
  int64_t fresh = 0, positive = 0;
  int critic_shown = 0, critic_sum = 0, audience_shown = 0, audience_sum = 0;
  for (const auto& s : seasons) {
    const ListingKeys season = TitleListingKeys(s);
    k.critic_reviews += season.critic_reviews;
    k.audience_ratings += season.audience_ratings;
    fresh += s.fresh;
    positive += s.ratings_positive;
    if (season.critic_percent >= 0) ++critic_shown, critic_sum += season.critic_percent;
    if (season.audience_percent >= 0) ++audience_shown, audience_sum += season.audience_percent;
  }
  k.popularity = k.critic_reviews + k.audience_ratings + own.fresh + own.rotten + own.ratings;
  if (critic_shown > 0) {
    k.critic_percent = static_cast<int>(std::lround(static_cast<double>(critic_sum) / critic_shown));
    k.critic_rank = WilsonLowerBound(fresh, k.critic_reviews);
  }
  if (audience_shown > 0) {
    k.audience_percent = static_cast<int>(std::lround(static_cast<double>(audience_sum) / audience_shown));
    k.audience_rank = WilsonLowerBound(positive, k.audience_ratings);
  }
  return k;
}

}  // namespace reel
