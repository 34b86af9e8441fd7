// The HTML pages of the site, one handler per route (routes.cc maps URLs here).
//
// Each handler parses its parameters, reads the store, builds a View and renders
// its template; it holds no state between requests, so any thread may call any
// handler. Failures from the store become the styled error page with the status
// HttpStatusFor() gives (a missing title is a 404).
#pragma once

#include <functional>

#include "core/date.h"
#include "web/http.h"
#include "web/router.h"

namespace reel {
class Store;
}

namespace reel::web {

class Pages {
 public:
  // `today` gives the date relative dates are counted from (tests fix it).
  explicit Pages(Store& store, std::function<Date()> today = Date::Today)
      : store_(store), today_(std::move(today)) {}

  HttpResponse Home(const HttpRequest& req, const RouteParams& p);
  HttpResponse TvIndex(const HttpRequest& req, const RouteParams& p);
  HttpResponse Series(const HttpRequest& req, const RouteParams& p);
  HttpResponse Episodes(const HttpRequest& req, const RouteParams& p);
  HttpResponse Season(const HttpRequest& req, const RouteParams& p);
  HttpResponse Episode(const HttpRequest& req, const RouteParams& p);
  HttpResponse Film(const HttpRequest& req, const RouteParams& p);
  HttpResponse Person(const HttpRequest& req, const RouteParams& p);
  // /about/scores: the scoring method with worked examples computed by the scoring code.
  HttpResponse AboutScores(const HttpRequest& req, const RouteParams& p);
  HttpResponse Stylesheet(const HttpRequest& req, const RouteParams& p);

  // The styled page for an error status (404, 500, ...).
  HttpResponse Error(int status) const;
  HttpResponse Error(const Status& status) const;

 private:
  Store& store_;
  std::function<Date()> today_;
};

}  // namespace reel::web
