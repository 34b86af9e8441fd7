// The site's URL map (DESIGN.md "URLs") as one table, and the request handler
// the server calls: match a route, run it, or answer 404/405.
//
// Built once at start; the returned handler may be called from any thread.
#pragma once

#include "web/router.h"
#include "web/server.h"

namespace reel::web {

class Pages;

Router BuildRouter(Pages& pages);

// Dispatches through `router`; unknown paths get the 404 page, known paths with
// another method 405.
RequestHandler MakeSiteHandler(const Router& router, const Pages& pages);

}  // namespace reel::web
