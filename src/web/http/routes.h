// The site's URL map (DESIGN.md "URLs") as one table, and the request handler
// the server calls: match a route, run it, or answer 404/405.
//
// Built once at start; the returned handler may be called from any thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/http/router.h"
#include "web/http/server.h"
#include "web/site.h"

namespace reel::web {

class PageCache;

// A page or API handler (html/pages/pages.h, api/api.h).
using SiteHandler = HttpResponse (*)(const Site& site, const HttpRequest& req, const RouteParams& p);

// The one place that binds URLs to handlers. `site` must outlive the router.
Router BuildRouter(const Site& site);

// Dispatches through `router`; unknown paths get the 404 page, known paths with
// another method 405. With a cache, anonymous GET/HEAD requests answered with a
// 200 HTML page are served from it while `generation()` (the store's change
// generation) is unchanged.
RequestHandler MakeSiteHandler(const Router& router, PageCache* cache = nullptr,
                               std::function<uint64_t()> generation = nullptr);

// The error pages of requests that failed before or outside a handler: JSON under
// /api/, the styled page elsewhere.
ErrorRenderer MakeErrorRenderer();

// The headers every response of the site carries (ServerOptions::default_headers):
// Content-Security-Policy without scripts, no framing, nosniff, same-origin referrers.
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();
// The same, with the CSP widened for privacy-enhanced video embeds when the operator
// allows them (`--video-embeds youtube-nocookie`: frames from that one host only).
std::vector<std::pair<std::string, std::string>> SecurityHeaders(std::string_view video_embeds);

// An API error body, {"error": {"code": ..., "message": ...}}, as a response.
HttpResponse ApiErrorResponse(int status, std::string_view code, std::string_view message);

}  // namespace reel::web
