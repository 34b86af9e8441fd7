// "For you": a signed-in reader's recommendations, read from the stored neighbour
// lists (build.h) of the films and series they liked, recent ones weighing more,
// never a title they rated, each with "because you liked X". A reader with no
// ratings (or whose liked titles have no lists yet) gets the best-rated titles of
// their favourite genres (or overall) and ten popular titles to rate. The read
// model is shared by /for-you and /api/v1/me/recommendations; loaded in one read
// (ReadOnce); any thread.
#pragma once

#include <string>
#include <vector>

#include "catalog/title_facts.h"
#include "core/date.h"
#include "core/status.h"
#include "model/id.h"
#include "model/titles.h"

namespace reel {
class Store;
}

namespace reel::recommend {

inline constexpr int kForYouPerPage = 12;
inline constexpr int kMaxForYouPerPage = 50;
inline constexpr int kOnboardingTitles = 10;

struct ForYouPage {
  bool has_ratings = false;
  std::vector<Title> titles;
  std::vector<std::string> reasons;   // "Because you liked Logan", "Popular in Drama".
  catalog::TitleFacts facts;
  std::vector<Title> onboarding;      // Readers with no ratings: popular titles to rate.
  std::vector<std::string> rate_paths;  // Where each onboarding title is rated (a film, a series' first season).
  int page = 1;
  int per_page = kForYouPerPage;
  bool has_more = false;
};

// `page` from 1; `per_page` 1..kMaxForYouPerPage (InvalidArgument otherwise).
Result<ForYouPage> LoadForYou(Store& store, Id user_id, Date today, int64_t page, int64_t per_page);

}  // namespace reel::recommend
