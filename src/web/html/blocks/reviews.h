// The review lists of a title page: critic reviews (All / Top critics, each with
// its quote, the critic's own grade, the verdict and a link) and audience reviews
// (stars, text, relative dates). Rendered from the title's read model; pure; any
// thread.
#pragma once

#include <string>
#include <vector>

#include "catalog/title_facts.h"
#include "core/date.h"
#include "model/ratings.h"
#include "model/reviews.h"
#include "web/html/view.h"

namespace reel::web {

// The critic reviews, only the top critics' when `top`; `path` is the title page's.
View CriticReviewsView(const std::vector<CriticReviewRow>& all, bool top, const std::string& path);
// The audience reviews, dated relative to `today`.
View AudienceReviewsView(const std::vector<AudienceReviewRow>& audience, Date today);
// Sets a title page's "critic_reviews" (the top critics' when `top`) and
// "audience_reviews".
void SetReviewLists(View& page, const catalog::TitleReviews& reviews, bool top, const std::string& path, Date today);

}  // namespace reel::web
