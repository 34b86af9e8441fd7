// ListingKeys: what the film and series indexes (/m, /tv) filter and sort a title
// by, derived from its score counts. The store keeps them on the title's own row
// (migration 13), updated in the same transaction as every change of the counts, so
// an index query filters and sorts on one table with indexes and stays fast at a
// million titles. Pure functions; any thread.
//
// A film's, season's or episode's keys come from its own counts. A series' come
// from its seasons' (a series is reviewed season by season): its shown percent is
// the mean of its seasons' shown percents (as scoring::SeriesScore), its rank the
// Wilson lower bound of all its seasons' reviews (ratings) pooled, its popularity
// and review count the sums.
#pragma once

#include <cstdint>
#include <vector>

#include "model/score_counts.h"

namespace reel {

// A score is shown from this many reviews (ratings); scoring::kMinCriticReviews and
// kMinAudienceRatings are the same numbers (catalog/browse.cc checks it).
inline constexpr int kListingMinReviews = 5;
inline constexpr int kListingMinRatings = 5;

struct ListingKeys {
  double critic_rank = -1;    // Wilson 95% lower bound (0..1) of the shown critic score; -1: none shown.
  double audience_rank = -1;  // The same for the audience score.
  int critic_percent = -1;    // The shown critic score; -1: none.
  int audience_percent = -1;
  int64_t critic_reviews = 0;   // Counted critic reviews (fresh + rotten).
  int64_t audience_ratings = 0; // Counted audience ratings.
  int64_t popularity = 0;       // critic_reviews + audience_ratings: the default sort.
  bool certified = false;
  bool operator==(const ListingKeys&) const = default;
};

// The lower bound of the 95% Wilson interval of positive/total (0 when total is 0).
double WilsonLowerBound(int64_t positive, int64_t total);

ListingKeys TitleListingKeys(const ScoreCounts& c);
// A series: from its seasons' counts (and its own, counted toward popularity only).
ListingKeys SeriesListingKeys(const std::vector<ScoreCounts>& seasons, const ScoreCounts& own);

}  // namespace reel
