// Page numbers under a paged list: previous and next, the first and last pages and
// those around the current one, with gaps between ("1 … 4 5 [6] 7 8 … 40"); and the
// page a query that cannot be read gets, and the home page's links into the indexes. Pure; any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/titles.h"

#include "core/status.h"
#include "web/http/http.h"
#include "web/html/view.h"

namespace reel::web {

// {pages: [{number, href, current, gap}], prev_href, next_href}; an empty object (no
// pager shown) when everything fits on one page. `href(n)` is page n's address.
View PagerView(int64_t page, int64_t pages, const std::function<std::string(int64_t)>& href);

// The home page's links into the indexes: films, series, and one per genre.
View BrowseLinksView(const std::vector<Genre>& genres);

// The 400 page for a query string that cannot be read, saying which parameter is
// wrong and why (`status`'s message, escaped like every value).
HttpResponse BadQueryPage(const Status& status);

}  // namespace reel::web
