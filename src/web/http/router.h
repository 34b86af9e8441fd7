// The route table: method and path pattern -> handler. A plain list, matched in
// order, so routes.cc reads as the site's URL map.
//
// A pattern is a path of segments; a segment is a literal ("tv"), a capture
// ("{slug}") or a literal prefix and a capture ("s{season}" matches "s01" with
// season = "01"). Built once at start, then read-only: any thread may match.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "web/http/http.h"

namespace reel::web {

using RouteParams = std::map<std::string, std::string, std::less<>>;
using Handler = std::function<HttpResponse(const HttpRequest&, const RouteParams&)>;

class Router {
 public:
  void Add(std::string method, std::string_view pattern, Handler handler);

  enum class MatchResult { kMatched, kNoPath, kWrongMethod };
  // Finds the route; HEAD matches GET routes. On kMatched, `handler` and `params` are set.
  MatchResult Match(std::string_view method, std::string_view path, const Handler*& handler,
                    RouteParams& params) const;
  // The methods some route accepts at `path` ("GET, HEAD, POST"), for a 405's Allow.
  std::string AllowedMethods(std::string_view path) const;
  // The index of the route Match would pick (-1 when none), and each route's method
  // and pattern as added: the bounded labels of /metrics (http/metrics.h).
  int RouteIndex(std::string_view method, std::string_view path) const;
  size_t size() const { return routes_.size(); }
  const std::string& method(size_t i) const { return routes_[i].method; }
  const std::string& pattern(size_t i) const { return routes_[i].pattern; }

 private:
  struct Segment {
    std::string prefix;   // Literal text (the whole segment when capture is empty).
    std::string capture;  // Name of the captured rest, or "".
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
  };
  bool PathMatches(const Route& r, const std::vector<std::string_view>& parts, RouteParams* params) const;
  std::vector<Route> routes_;
};

// Splits "/a/b/" into {"a", "b"} (empty segments dropped, so a trailing slash matches).
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace reel::web
