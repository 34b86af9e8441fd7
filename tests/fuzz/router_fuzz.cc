// libFuzzer target for the router (web/http/router.h) over route patterns of every
// shape the site's table uses (literals, captures, prefixed captures such as
// s{season}), with the input as a decoded path and its first byte choosing the
// method. A match gives the handler of a route whose method fits and captures that
// are never empty; RouteIndex agrees with Match; a path that matches no route of the
// method is a 404 or 405 with the Allow list. Any crash, sanitizer report or broken
// invariant is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "web/http/router.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

const reel::web::Router& Table() {
  static const reel::web::Router router = [] {
    reel::web::Router r;
    int n = 0;
    auto add = [&r, &n](const char* method, const char* pattern) {
      const int id = n++;
      r.Add(method, pattern, [id](const reel::web::HttpRequest&, const reel::web::RouteParams&) {
        return reel::web::HttpResponse::Text(200, std::to_string(id));
      });
    };
    for (const char* p : {"/", "/tv", "/tv/{slug}", "/tv/{slug}/episodes", "/tv/{slug}/s{season}",
                          "/tv/{slug}/s{season}/e{episode}", "/m/{slug}", "/celebrity/{slug}", "/news/{slug}",
                          "/api/v1/tv/{slug}/s{season}", "/account/reset/{token}", "/metrics", "/healthz"}) {
      add("GET", p);
    }
    for (const char* p : {"/tv/{slug}/s{season}/rating", "/m/{slug}/rating", "/comments/{id}/edit",
                          "/account/sessions/{id}/end", "/account/reset/{token}", "/api/v1/session"}) {
      add("POST", p);
    }
    add("PUT", "/api/v1/tv/{slug}/s{season}/e{episode}/rating");
    add("DELETE", "/api/v1/session");
    return r;
  }();
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "BREW", ""};
  const std::string method = kMethods[data[0] % 7];
  const std::string_view path(reinterpret_cast<const char*>(data) + 1, size - 1);
  const reel::web::Router& router = Table();
  const reel::web::Handler* handler = nullptr;
  reel::web::RouteParams params;
  const auto result = router.Match(method, path, handler, params);
  const int index = router.RouteIndex(method, path);
  if (result == reel::web::Router::MatchResult::kMatched) {
    Check(handler != nullptr && index >= 0);
    const std::string& m = router.method(static_cast<size_t>(index));
    Check(m == method || (method == "HEAD" && m == "GET"));
    for (const auto& [name, value] : params) Check(!name.empty() && !value.empty());
    Check((*handler)(reel::web::HttpRequest{}, params).body == std::to_string(index));
  } else {
    Check(index == -1);
    if (result == reel::web::Router::MatchResult::kWrongMethod) Check(!router.AllowedMethods(path).empty());
  }
  (void)reel::web::SplitPath(path);
  return 0;
}
