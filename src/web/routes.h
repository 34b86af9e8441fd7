// The site's URL map (DESIGN.md "URLs") as one table, and the request handler
// the server calls: match a route, run it, or answer 404/405.
//
// Built once at start; the returned handler may be called from any thread.
#pragma once

#include "web/router.h"
#include "web/server.h"

namespace reel::web {

class Pages;
class PageCache;
class Api;

Router BuildRouter(Pages& pages, Api& api);

// Dispatches through `router`; unknown paths get the 404 page, known paths with
// another method 405. With a cache, anonymous GET/HEAD requests answered with a
// 200 HTML page are served from it while `generation()` (the store's change
// generation) is unchanged. Every response carries the site's security headers
// (Content-Security-Policy without scripts, no framing, nosniff).
RequestHandler MakeSiteHandler(const Router& router, const Pages& pages, PageCache* cache = nullptr,
                               std::function<uint64_t()> generation = nullptr);

}  // namespace reel::web
