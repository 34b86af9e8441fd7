#include "web/routes.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/text.h"
#include "web/api/api.h"
#include "web/html/pages.h"
#include "web/page_cache.h"

namespace reel::web {

Router BuildRouter(Pages& pages, Api& api) {
  Router r;
  auto json = [&api](HttpResponse (Api::*fn)(const HttpRequest&, const RouteParams&)) {
    return [&api, fn](const HttpRequest& req, const RouteParams& p) { return (api.*fn)(req, p); };
  };
  r.Add("POST", "/api/v1/users", json(&Api::CreateUser));
  r.Add("POST", "/api/v1/session", json(&Api::CreateSession));
  r.Add("DELETE", "/api/v1/session", json(&Api::DeleteSession));
  r.Add("GET", "/api/v1/tv/{slug}/s{season}", json(&Api::GetSeason));
  for (const char* rated : {"/api/v1/tv/{slug}/s{season}/rating", "/api/v1/tv/{slug}/s{season}/e{episode}/rating",
                            "/api/v1/m/{slug}/rating"}) {
    r.Add("PUT", rated, json(&Api::PutRating));
    r.Add("DELETE", rated, json(&Api::DeleteRating));
  }
  for (const char* thread : {"/api/v1/tv/{slug}/s{season}/comments", "/api/v1/tv/{slug}/s{season}/e{episode}/comments",
                             "/api/v1/m/{slug}/comments"}) {
    r.Add("GET", thread, json(&Api::ListComments));
    r.Add("POST", thread, json(&Api::PostComment));
  }
  auto page = [&pages](HttpResponse (Pages::*fn)(const HttpRequest&, const RouteParams&)) {
    return [&pages, fn](const HttpRequest& req, const RouteParams& p) { return (pages.*fn)(req, p); };
  };
  r.Add("GET", "/healthz", [](const HttpRequest&, const RouteParams&) { return HttpResponse::Text(200, "ok\n"); });
  r.Add("GET", "/static/reel.css", page(&Pages::Stylesheet));
  r.Add("GET", "/", page(&Pages::Home));
  r.Add("GET", "/account/signup", page(&Pages::SignupForm));
  r.Add("POST", "/account/signup", page(&Pages::Signup));
  r.Add("GET", "/account/signin", page(&Pages::SigninForm));
  r.Add("POST", "/account/signin", page(&Pages::Signin));
  r.Add("POST", "/account/signout", page(&Pages::Signout));
  r.Add("GET", "/account", page(&Pages::AccountSettings));
  r.Add("POST", "/account/password", page(&Pages::ChangePassword));
  r.Add("POST", "/account/delete", page(&Pages::CloseAccount));
  r.Add("POST", "/account/sessions/{id}/end", page(&Pages::EndSession));
  r.Add("GET", "/account/reset", page(&Pages::ResetRequestForm));
  r.Add("POST", "/account/reset", page(&Pages::ResetRequest));
  r.Add("GET", "/account/reset/{token}", page(&Pages::ResetForm));
  r.Add("POST", "/account/reset/{token}", page(&Pages::Reset));
  for (const char* title : {"/tv/{slug}/s{season}", "/tv/{slug}/s{season}/e{episode}", "/m/{slug}"}) {
    const std::string t(title);
    r.Add("POST", t + "/rating", page(&Pages::Rate));
    r.Add("POST", t + "/critic-review", page(&Pages::PostCriticReview));
    r.Add("POST", t + "/consensus", page(&Pages::PostConsensus));
  }
  r.Add("GET", "/admin/users", page(&Pages::AdminUsers));
  r.Add("POST", "/admin/users/{id}", page(&Pages::AdminUpdateUser));
  r.Add("GET", "/admin/outbox", page(&Pages::AdminOutbox));
  r.Add("GET", "/admin/articles", page(&Pages::AdminArticles));
  r.Add("POST", "/admin/articles", page(&Pages::AdminSaveArticle));
  r.Add("GET", "/admin/articles/new", page(&Pages::AdminArticleForm));
  r.Add("GET", "/admin/articles/{id}", page(&Pages::AdminArticleForm));
  r.Add("POST", "/admin/articles/{id}", page(&Pages::AdminSaveArticle));
  r.Add("GET", "/news/{slug}", page(&Pages::NewsArticle));
  for (const char* title : {"/tv/{slug}/s{season}", "/tv/{slug}/s{season}/e{episode}", "/m/{slug}", "/news/{slug}"}) {
    r.Add("POST", std::string(title) + "/comments", page(&Pages::PostComment));
    r.Add("GET", std::string(title) + "/comments/guest", page(&Pages::GuestCommentForm));
  }
  r.Add("POST", "/comments/{id}/edit", page(&Pages::EditComment));
  r.Add("POST", "/comments/{id}/delete", page(&Pages::DeleteComment));
  r.Add("POST", "/comments/{id}/report", page(&Pages::ReportComment));
  r.Add("POST", "/reviews/{id}/report", page(&Pages::ReportReview));
  r.Add("GET", "/admin/moderation", page(&Pages::Moderation));
  r.Add("POST", "/admin/moderation", page(&Pages::Moderate));
  r.Add("GET", "/tv", page(&Pages::TvIndex));
  r.Add("GET", "/tv/{slug}", page(&Pages::Series));
  r.Add("GET", "/tv/{slug}/episodes", page(&Pages::Episodes));
  r.Add("GET", "/tv/{slug}/s{season}", page(&Pages::Season));
  r.Add("GET", "/tv/{slug}/s{season}/e{episode}", page(&Pages::Episode));
  r.Add("GET", "/m/{slug}", page(&Pages::Film));
  r.Add("GET", "/celebrity/{slug}", page(&Pages::Person));
  r.Add("GET", "/about/scores", page(&Pages::AboutScores));
  return r;
}

namespace {

// A response meant for one reader (it sets a cookie, such as a form's token, or says
// no-store) must never be handed to another from the cache.
bool SharedCacheable(const HttpResponse& res) {
  for (const auto& [name, value] : res.headers) {
    if (name == "Set-Cookie") return false;
    if (name == "Cache-Control" && (value.find("no-store") != std::string::npos ||
                                    value.find("private") != std::string::npos)) {
      return false;
    }
  }
  return true;
}

}  // namespace

HttpResponse ApiErrorResponse(int status, std::string_view code, std::string_view message) {
  // Messages may quote what the client sent, which need not be UTF-8: such bytes
  // are replaced, never an exception.
  HttpResponse res = HttpResponse::Json(
      status, nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump(
                  -1, ' ', false, nlohmann::json::error_handler_t::replace));
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

// What every response says to browsers: no sniffing of types, no framing (so forms
// cannot be clickjacked), no scripts at all (the site has none), forms post only
// here, and referrers stay on the site.
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "same-origin"},
      {"Content-Security-Policy",
       "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'"},
  };
  return kHeaders;
}

ErrorRenderer MakeErrorRenderer(const Pages& pages) {
  return [&pages](int status, std::string_view target) {
    if (target.rfind("/api/", 0) != 0) return pages.Error(status);
    switch (status) {
      case 400: return ApiErrorResponse(status, "invalid_request", "the request could not be read");
      case 413: return ApiErrorResponse(status, "too_large", "the request body is too large");
      case 404: return ApiErrorResponse(status, "not_found", "no such API address");
      default: return ApiErrorResponse(status, "internal", "internal error");
    }
  };
}

RequestHandler MakeSiteHandler(const Router& router, const Pages& pages, PageCache* cache,
                               std::function<uint64_t()> generation) {
  return [&router, &pages, cache, generation](const HttpRequest& req) {
    const Handler* handler = nullptr;
    RouteParams params;
    // API clients get JSON errors, readers the styled pages.
    const bool api_path = req.path.rfind("/api/", 0) == 0;
    // Every name on the site is UTF-8, and so is everything the store holds: a path
    // that is not names nothing, and a query that is not is refused before it can
    // reach a handler or the store.
    if (!IsValidUtf8(req.path)) {
      return api_path ? ApiErrorResponse(404, "not_found", "no such API address") : pages.Error(404);
    }
    for (const auto& [key, value] : req.query) {
      if (!IsValidUtf8(key) || !IsValidUtf8(value)) {
        return api_path ? ApiErrorResponse(400, "invalid_argument", "query: is not UTF-8") : pages.Error(400);
      }
    }
    // The same for the fields of a form (the API's JSON parser refuses such bodies
    // itself); every handler also checks the fields it takes.
    if (!api_path && req.method == "POST") {
      for (const auto& [key, value] : ParseForm(req.body)) {
        if (!IsValidUtf8(key) || !IsValidUtf8(value)) return pages.Error(400);
      }
    }
    switch (router.Match(req.method, req.path, handler, params)) {
      case Router::MatchResult::kMatched: {
        // Pages a signed-in reader sees may differ: only anonymous reads are shared.
        const bool cacheable = cache && (req.method == "GET" || req.method == "HEAD") &&
                               req.Header("cookie").empty() && req.Header("authorization").empty();
        if (!cacheable) return (*handler)(req, params);
        const uint64_t gen = generation();
        if (auto hit = cache->Get(req.target, gen)) return *hit;
        HttpResponse res = (*handler)(req, params);
        if (res.status == 200 && res.content_type.rfind("text/html", 0) == 0 && req.target.rfind("/api/", 0) != 0 &&
            SharedCacheable(res)) {
          cache->Put(req.target, gen, res);
        }
        return res;
      }
      case Router::MatchResult::kWrongMethod: {
        HttpResponse res =
            api_path ? ApiErrorResponse(405, "method_not_allowed", "this address does not take " + req.method)
                     : pages.Error(405);
        res.headers.emplace_back("Allow", router.AllowedMethods(req.path));
        return res;
      }
      case Router::MatchResult::kNoPath: break;
    }
    return api_path ? ApiErrorResponse(404, "not_found", "no such API address: " + req.path) : pages.Error(404);
  };
}

}  // namespace reel::web
