// The JSON API, version 1 (/api/v1/...): accounts, sessions, a season's scores and
// rating writes. Clients authenticate writes with "Authorization: Bearer TOKEN"
// (from POST /api/v1/session); there are no cookies, so no CSRF. Errors are
// {"error": {"code": "invalid_argument", "message": "stars: ...", "field": "stars"}}
// with the HTTP status HttpStatusFor() gives. Stateless between requests: any
// thread may call any handler.
#pragma once

#include "core/date.h"
#include "web/http.h"
#include "web/router.h"

namespace reel {
class Store;
}

namespace reel::web {

class Api {
 public:
  explicit Api(Store& store) : store_(store) {}

  HttpResponse CreateUser(const HttpRequest& req, const RouteParams& p);     // POST /api/v1/users
  HttpResponse CreateSession(const HttpRequest& req, const RouteParams& p);  // POST /api/v1/session
  HttpResponse GetSeason(const HttpRequest& req, const RouteParams& p);      // GET /api/v1/tv/<slug>/s<NN>
  HttpResponse PutRating(const HttpRequest& req, const RouteParams& p);      // PUT .../rating
  HttpResponse DeleteRating(const HttpRequest& req, const RouteParams& p);   // DELETE .../rating

 private:
  Store& store_;
};

}  // namespace reel::web
