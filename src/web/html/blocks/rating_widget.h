// The rate-and-review block of a title page: labelled stars in halves, the review,
// a verification code, and the reader's current rating; a sign-in link for anonymous
// readers. Rendered from the page's read model; pure; any thread.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "model/ratings.h"
#include "model/titles.h"
#include "web/html/view.h"
#include "web/site.h"

namespace reel::web {

// `mine` is the reader's current rating of `title`, if any; a title released after
// `today` is rated as "want to see".
View RatingWidget(const std::optional<Viewer>& viewer, const Title& title, const std::string& page_path,
                  const std::optional<Rating>& mine, Date today);

}  // namespace reel::web
