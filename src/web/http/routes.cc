#include "web/http/routes.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/text.h"
#include "web/api/api.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"
#include "web/http/metrics.h"
#include "web/http/page_cache.h"

namespace reel::web {

namespace {

// The calendar's addresses (src/calendar/): release dates, the calendar, its feeds
// and follows.
void AddCalendarRoutes(Router& r, const Site& site) {
  auto on = [&site](SiteHandler fn) {
    return [&site, fn](const HttpRequest& req, const RouteParams& p) { return fn(site, req, p); };
  };
  for (const char* dated : {"/api/v1/tv/{slug}/s{season}", "/api/v1/tv/{slug}/s{season}/e{episode}", "/api/v1/m/{slug}"}) {
    r.Add("PUT", std::string(dated) + "/release-date", on(api::PutReleaseDate));
    r.Add("GET", std::string(dated) + "/release-dates", on(api::GetReleaseDates));
  }
  for (const char* title : {"/tv/{slug}/s{season}", "/tv/{slug}/s{season}/e{episode}", "/m/{slug}"}) {
    r.Add("POST", std::string(title) + "/release-date", on(pages::PostReleaseDate));
  }
  r.Add("GET", "/calendar", on(pages::Calendar));
  r.Add("GET", "/calendar.ics", on(pages::CalendarFeed));
  r.Add("GET", "/calendar/feed/{file}", on(pages::PersonalCalendarFeed));
  r.Add("GET", "/tv/{slug}/calendar.ics", on(pages::SeriesCalendarFeed));
  r.Add("POST", "/tv/{slug}/follow", on(pages::FollowSeries));
  r.Add("POST", "/account/calendar", on(pages::SaveCalendarSettings));
}

// The news and editorial pages (src/news/): articles, authors, feeds, editorial
// lists, editors' title tools and admin pages.
void AddNewsRoutes(Router& r, const Site& site) {
  auto on = [&site](SiteHandler fn) {
    return [&site, fn](const HttpRequest& req, const RouteParams& p) { return fn(site, req, p); };
  };
  r.Add("POST", "/news/{slug}/rating", on(pages::RateArticle));
  r.Add("GET", "/news", on(pages::NewsIndex));
  r.Add("GET", "/news/author/{username}", on(pages::NewsAuthor));
  r.Add("GET", "/news.atom", on(pages::NewsFeed));
  r.Add("GET", "/tv/{slug}/news.atom", on(pages::SeriesNewsFeed));
  r.Add("GET", "/tv/{slug}/reviews.atom", on(pages::SeriesReviewsFeed));
  r.Add("GET", "/lists", on(pages::ListsIndex));
  r.Add("GET", "/lists/{slug}", on(pages::EditorialList));
  r.Add("POST", "/admin/author", on(pages::AdminSaveAuthor));
  r.Add("GET", "/admin/lists", on(pages::AdminLists));
  r.Add("POST", "/admin/lists", on(pages::AdminSaveList));
  r.Add("GET", "/admin/lists/new", on(pages::AdminListForm));
  r.Add("GET", "/admin/lists/{id}", on(pages::AdminListForm));
  r.Add("POST", "/admin/lists/{id}", on(pages::AdminSaveList));
  for (const char* title : {"/tv/{slug}", "/tv/{slug}/s{season}", "/tv/{slug}/s{season}/e{episode}", "/m/{slug}"}) {
    const std::string t(title);
    r.Add("POST", t + "/facts", on(pages::PostFact));
    r.Add("POST", t + "/facts/{id}", on(pages::PostFact));
    r.Add("POST", t + "/videos", on(pages::PostVideo));
    r.Add("POST", t + "/videos/{id}/delete", on(pages::PostVideo));
  }
}

// The ways to find a title (src/search/, src/recommend/ and the indexes): search,
// browsing, critics' and publications' pages, "you might also like" and "for you".
// The similar routes come before the season route, which would read "similar" as
// a season.
void AddDiscoveryRoutes(Router& r, const Site& site) {
  auto on = [&site](SiteHandler fn) {
    return [&site, fn](const HttpRequest& req, const RouteParams& p) { return fn(site, req, p); };
  };
  r.Add("GET", "/api/v1/m/{slug}/similar", on(api::GetSimilar));
  r.Add("GET", "/api/v1/tv/{slug}/similar", on(api::GetSimilar));
  r.Add("GET", "/api/v1/tv/{slug}/s{season}/similar", on(api::GetSimilar));
  r.Add("GET", "/api/v1/me/recommendations", on(api::GetRecommendations));
  r.Add("GET", "/m", on(pages::FilmIndex));
  r.Add("GET", "/genre/{slug}", on(pages::GenreIndex));
  r.Add("GET", "/year/{year}", on(pages::YearIndex));
  r.Add("GET", "/critics/{slug}", on(pages::CriticPage));
  r.Add("GET", "/critics/source/{slug}", on(pages::PublicationPage));
  r.Add("GET", "/search", on(pages::Search));
  r.Add("GET", "/static/search.js", on(pages::SearchScript));
  r.Add("GET", "/api/v1/search", on(api::Search));
  r.Add("GET", "/api/v1/search/suggest", on(api::SearchSuggest));
  r.Add("GET", "/for-you", on(pages::ForYou));
}

}  // namespace

Router BuildRouter(const Site& site) {
  Router r;
  // Binds a handler to the site: every handler is a function of (site, request, captures).
  auto on = [&site](SiteHandler fn) {
    return [&site, fn](const HttpRequest& req, const RouteParams& p) { return fn(site, req, p); };
  };
  r.Add("POST", "/api/v1/users", on(api::CreateUser));
  r.Add("POST", "/api/v1/session", on(api::CreateSession));
  r.Add("DELETE", "/api/v1/session", on(api::DeleteSession));
  AddDiscoveryRoutes(r, site);
  r.Add("GET", "/api/v1/tv/{slug}/s{season}", on(api::GetSeason));
  for (const char* rated : {"/api/v1/tv/{slug}/s{season}/rating", "/api/v1/tv/{slug}/s{season}/e{episode}/rating",
                            "/api/v1/m/{slug}/rating"}) {
    r.Add("PUT", rated, on(api::PutRating));
    r.Add("DELETE", rated, on(api::DeleteRating));
  }
  for (const char* thread : {"/api/v1/tv/{slug}/s{season}/comments", "/api/v1/tv/{slug}/s{season}/e{episode}/comments",
                             "/api/v1/m/{slug}/comments"}) {
    r.Add("GET", thread, on(api::ListComments));
    r.Add("POST", thread, on(api::PostComment));
  }
  r.Add("GET", "/healthz", [](const HttpRequest&, const RouteParams&) { return HttpResponse::Text(200, "ok\n"); });
  r.Add("GET", "/metrics",
        [&site](const HttpRequest& req, const RouteParams&) { return MetricsResponse(site.metrics(), req); });
  r.Add("GET", "/static/reel.css", on(pages::Stylesheet));
  r.Add("GET", "/", on(pages::Home));
  r.Add("GET", "/account/signup", on(pages::SignupForm));
  r.Add("POST", "/account/signup", on(pages::Signup));
  r.Add("GET", "/account/signin", on(pages::SigninForm));
  r.Add("POST", "/account/signin", on(pages::Signin));
  r.Add("POST", "/account/signout", on(pages::Signout));
  r.Add("GET", "/account", on(pages::AccountSettings));
  r.Add("POST", "/account/password", on(pages::ChangePassword));
  r.Add("POST", "/account/delete", on(pages::CloseAccount));
  r.Add("POST", "/account/sessions/{id}/end", on(pages::EndSession));
  r.Add("GET", "/account/reset", on(pages::ResetRequestForm));
  r.Add("POST", "/account/reset", on(pages::ResetRequest));
  r.Add("GET", "/account/reset/{token}", on(pages::ResetForm));
  r.Add("POST", "/account/reset/{token}", on(pages::Reset));
  for (const char* title : {"/tv/{slug}/s{season}", "/tv/{slug}/s{season}/e{episode}", "/m/{slug}"}) {
    const std::string t(title);
    r.Add("POST", t + "/rating", on(pages::Rate));
    r.Add("POST", t + "/critic-review", on(pages::PostCriticReview));
    r.Add("POST", t + "/consensus", on(pages::PostConsensus));
  }
  r.Add("GET", "/admin/users", on(pages::AdminUsers));
  r.Add("POST", "/admin/users/{id}", on(pages::AdminUpdateUser));
  r.Add("GET", "/admin/outbox", on(pages::AdminOutbox));
  r.Add("GET", "/admin/articles", on(pages::AdminArticles));
  r.Add("POST", "/admin/articles", on(pages::AdminSaveArticle));
  r.Add("GET", "/admin/articles/new", on(pages::AdminArticleForm));
  r.Add("GET", "/admin/articles/{id}", on(pages::AdminArticleForm));
  r.Add("POST", "/admin/articles/{id}", on(pages::AdminSaveArticle));
  r.Add("GET", "/news/{slug}", on(pages::NewsArticle));
  AddNewsRoutes(r, site);
  for (const char* title : {"/tv/{slug}/s{season}", "/tv/{slug}/s{season}/e{episode}", "/m/{slug}", "/news/{slug}"}) {
    r.Add("POST", std::string(title) + "/comments", on(pages::PostComment));
    r.Add("GET", std::string(title) + "/comments/guest", on(pages::GuestCommentForm));
  }
  r.Add("POST", "/comments/{id}/edit", on(pages::EditComment));
  r.Add("POST", "/comments/{id}/delete", on(pages::DeleteComment));
  r.Add("POST", "/comments/{id}/report", on(pages::ReportComment));
  r.Add("POST", "/reviews/{id}/report", on(pages::ReportReview));
  r.Add("GET", "/admin/moderation", on(pages::Moderation));
  r.Add("POST", "/admin/moderation", on(pages::Moderate));
  r.Add("GET", "/tv", on(pages::TvIndex));
  r.Add("GET", "/tv/{slug}", on(pages::Series));
  r.Add("GET", "/tv/{slug}/episodes", on(pages::Episodes));
  r.Add("GET", "/tv/{slug}/s{season}", on(pages::Season));
  r.Add("GET", "/tv/{slug}/s{season}/e{episode}", on(pages::Episode));
  r.Add("GET", "/m/{slug}", on(pages::Film));
  r.Add("GET", "/celebrity/{slug}", on(pages::Person));
  r.Add("GET", "/about/scores", on(pages::AboutScores));
  AddCalendarRoutes(r, site);
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
// cannot be clickjacked), scripts only the site's own (/static/search.js) talking
// only to the site, forms post only
// here, and referrers stay on the site.
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "same-origin"},
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: https:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'"},
  };
  return kHeaders;
}

std::vector<std::pair<std::string, std::string>> SecurityHeaders(std::string_view video_embeds) {
  auto headers = SecurityHeaders();
  if (video_embeds != "youtube-nocookie") return headers;
  for (auto& [name, value] : headers) {
    if (name == "Content-Security-Policy") value += "; frame-src https://www.youtube-nocookie.com";
  }
  return headers;
}

// These statuses come from the server (a request it could not read, a body over the
// limit), not from a Status, so they are named here; the API's "code" strings for
// them ("invalid_request", "too_large") have no StatusCode.
ErrorRenderer MakeErrorRenderer() {
  return [](int status, std::string_view target) {
    if (target.rfind("/api/", 0) != 0) return ErrorPage(status);
    switch (status) {
      case 400: return ApiErrorResponse(status, "invalid_request", "the request could not be read");
      case 413: return ApiErrorResponse(status, "too_large", "the request body is too large");
      case 431: return ApiErrorResponse(status, "too_large", "the request headers are too large");
      case 404: return ApiErrorResponse(status, "not_found", "no such API address");
      default: return ApiErrorResponse(status, "internal", "internal error");
    }
  };
}

RequestHandler MakeSiteHandler(const Router& router, PageCache* cache, std::function<uint64_t()> generation) {
  return [&router, cache, generation](const HttpRequest& req) {
    const Handler* handler = nullptr;
    RouteParams params;
    // API clients get JSON errors, readers the styled pages.
    const bool api_path = req.path.rfind("/api/", 0) == 0;
    // Every name on the site is UTF-8, and so is everything the store holds: a path
    // that is not names nothing, and a query that is not is refused before it can
    // reach a handler or the store.
    // The API's router-level errors keep their own bodies (no "field", as
    // api::ErrorReply would add for "query: ..."), so their statuses are written here.
    if (!IsValidUtf8(req.path)) {
      return api_path ? ApiErrorResponse(404, "not_found", "no such API address") : ErrorPage(NotFound("path: not UTF-8"));
    }
    for (const auto& [key, value] : req.query) {
      if (!IsValidUtf8(key) || !IsValidUtf8(value)) {
        return api_path ? ApiErrorResponse(400, "invalid_argument", "query: is not UTF-8")
                        : ErrorPage(InvalidArgument("query: is not UTF-8"));
      }
    }
    // The same for the fields of a form (the API's JSON parser refuses such bodies
    // itself); every handler also checks the fields it takes.
    if (!api_path && req.method == "POST") {
      for (const auto& [key, value] : ParseForm(req.body)) {
        if (!IsValidUtf8(key) || !IsValidUtf8(value)) return ErrorPage(InvalidArgument("form: is not UTF-8"));
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
            // 405 has no Status: no StatusCode means "wrong method".
            api_path ? ApiErrorResponse(405, "method_not_allowed", "this address does not take " + req.method)
                     : ErrorPage(405);
        res.headers.emplace_back("Allow", router.AllowedMethods(req.path));
        return res;
      }
      case Router::MatchResult::kNoPath: break;
    }
    return api_path ? ApiErrorResponse(404, "not_found", "no such API address: " + req.path)
                    : ErrorPage(NotFound("path: no such page"));
  };
}

}  // namespace reel::web
