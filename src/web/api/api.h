// The JSON API, version 1 (/api/v1/...), one file per resource: accounts.cc (users
// and sessions), titles.cc (a season), ratings.cc, comments.cc; json.h holds what
// they share. Clients authenticate writes with "Authorization: Bearer TOKEN" (from
// POST /api/v1/session); there are no cookies, so no CSRF. Errors are
// {"error": {"code": "invalid_argument", "message": "stars: ...", "field": "stars"}}
// with the HTTP status HttpStatusFor() gives. Handlers are free functions over the
// site context (the route table binds them); stateless between requests, so any
// thread may call any handler.
#pragma once

#include "web/http/http.h"
#include "web/http/router.h"
#include "web/site.h"

namespace reel::web::api {

HttpResponse CreateUser(const Site& site, const HttpRequest& req, const RouteParams& p);     // POST /api/v1/users
HttpResponse CreateSession(const Site& site, const HttpRequest& req, const RouteParams& p);  // POST /api/v1/session
// DELETE /api/v1/session: ends the token.
HttpResponse DeleteSession(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse GetSeason(const Site& site, const HttpRequest& req, const RouteParams& p);     // GET /api/v1/tv/<slug>/s<NN>
// GET /api/v1/search?q=&type=&page=&per_page=: {"query", "did_you_mean", "page",
// "per_page", "pages", "total", "kinds": {kind: count}, "results": [...]}; each result
// {"kind", "name", "path", "year", "detail", "scores"?}.
HttpResponse Search(const Site& site, const HttpRequest& req, const RouteParams& p);
// GET /api/v1/search/suggest?q=: {"results": [...]}, the top 8 (the last word a prefix).
HttpResponse SearchSuggest(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse PutRating(const Site& site, const HttpRequest& req, const RouteParams& p);     // PUT .../rating
HttpResponse DeleteRating(const Site& site, const HttpRequest& req, const RouteParams& p);  // DELETE .../rating
// GET .../comments?page=N&per_page=M: a page of a title's approved comments, M
// top-level ones (default 50, at most 100) oldest first, each followed by its
// replies (which carry parent_id), with "page", "per_page", "pages", "top_level" and
// "total" (comments in the thread, replies included).
HttpResponse ListComments(const Site& site, const HttpRequest& req, const RouteParams& p);
// POST .../comments {"body", "parent_id"?}: the new comment with its status; 429
// with code "too_many_requests" and Retry-After past a posting limit.
HttpResponse PostComment(const Site& site, const HttpRequest& req, const RouteParams& p);

// PUT .../release-date {"date", "precision", "time"?, "time_zone"?, "status"?,
// "region"?, "source"?} (editors): records a new release date; GET
// .../release-dates: the current best date and the history (release_dates.cc).
HttpResponse PutReleaseDate(const Site& site, const HttpRequest& req, const RouteParams& p);
HttpResponse GetReleaseDates(const Site& site, const HttpRequest& req, const RouteParams& p);
// GET /api/v1/m/<slug>/similar, /api/v1/tv/<slug>/similar, /api/v1/tv/<slug>/s<NN>/similar
// ?page=N&per_page=M: the title's "you might also like" (a season's is its
// series'), each with its reason; "page", "per_page", "has_more".
HttpResponse GetSimilar(const Site& site, const HttpRequest& req, const RouteParams& p);
// GET /api/v1/me/recommendations?page=N&per_page=M: the caller's "for you" list
// (bearer token), each with "because"; popular titles when they rated nothing.
HttpResponse GetRecommendations(const Site& site, const HttpRequest& req, const RouteParams& p);

}  // namespace reel::web::api
