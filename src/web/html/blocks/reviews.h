// The review lists of a title page: one page of critic reviews (All / Top critics,
// Fresh / Rotten, newest or by grade, the switch counting every review; each with
// its quote, the critic's own grade, the verdict, and links to the critic's and the
// publication's pages) and one page of audience reviews (stars, text, relative
// dates; all or verified viewers'). Rendered from the title's read model; pure; any
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

// One critic review: quote, critic and publication (with their pages), grade and
// what it maps to on reel's scale, date, verdict.
View CriticReviewView(const CriticReviewRow& row);
// The switch of a critic review list (All / Top, All / Fresh / Rotten, Newest / By
// grade) with the full counts; `base` is the list's page address, `anchor` its id.
View ReviewSwitchView(const catalog::ReviewListQuery& q, const CriticReviewTally& tally, const std::string& base,
                      const std::string& anchor);
// Sets a title page's "critic_reviews" and "audience_reviews"; `path` is its address.
void SetReviewLists(View& page, const catalog::TitleReviews& reviews, const std::string& path, Date today);

}  // namespace reel::web
