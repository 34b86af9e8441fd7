// The JSON API, version 1 (/api/v1/...): accounts, sessions, a season's scores,
// rating writes and comments. Clients authenticate writes with "Authorization: Bearer TOKEN"
// (from POST /api/v1/session); there are no cookies, so no CSRF. Errors are
// {"error": {"code": "invalid_argument", "message": "stars: ...", "field": "stars"}}
// with the HTTP status HttpStatusFor() gives. Stateless between requests: any
// thread may call any handler.
#pragma once

#include "core/date.h"
#include "web/http.h"
#include "web/router.h"

#include <memory>

namespace reel {
class Store;
namespace audience {
class SpamModel;
}
}  // namespace reel

namespace reel::web {

class Api {
 public:
  explicit Api(Store& store);
  ~Api();

  HttpResponse CreateUser(const HttpRequest& req, const RouteParams& p);     // POST /api/v1/users
  HttpResponse CreateSession(const HttpRequest& req, const RouteParams& p);  // POST /api/v1/session
  HttpResponse DeleteSession(const HttpRequest& req, const RouteParams& p);  // DELETE /api/v1/session: ends the token
  HttpResponse GetSeason(const HttpRequest& req, const RouteParams& p);      // GET /api/v1/tv/<slug>/s<NN>
  HttpResponse PutRating(const HttpRequest& req, const RouteParams& p);      // PUT .../rating
  HttpResponse DeleteRating(const HttpRequest& req, const RouteParams& p);   // DELETE .../rating
  // GET .../comments?page=N&per_page=M: a page of a title's approved comments, M
  // top-level ones (default 50, at most 100) oldest first, each followed by its
  // replies (which carry parent_id), with "page", "per_page", "pages", "top_level" and
  // "total" (comments in the thread, replies included).
  HttpResponse ListComments(const HttpRequest& req, const RouteParams& p);
  // POST .../comments {"body", "parent_id"?}: the new comment with its status; 429
  // with code "too_many_requests" and Retry-After past a posting limit.
  HttpResponse PostComment(const HttpRequest& req, const RouteParams& p);

 private:
  Store& store_;
  std::unique_ptr<audience::SpamModel> spam_;
};

}  // namespace reel::web
