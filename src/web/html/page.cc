#include "web/html/page.h"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdio>

#include "audience/accounts.h"
#include "catalog/catalog.h"
#include "catalog/title_paths.h"
#include "core/text.h"
#include "storage/store.h"

namespace reel::web {

HttpResponse ErrorPage(int status) {
  View v;
  v.Set("status", std::to_string(status));
  v.Set("not_found", status == 404);
  v.Set("reason", HttpReason(status));
  std::string message;
  switch (status) {
    case 404: message = "We could not find that page. It may have moved, or the address may be mistyped."; break;
    case 400: message = "The request was not understood."; break;
    case 413: message = "That request was too large."; break;
    case 431: message = "That request's headers (its cookies, say) were too large."; break;
    case 401: message = "Please sign in first."; break;
    case 403: message = "You are not allowed to do that, or the form had expired: go back, reload the page and try again."; break;
    case 429: message = "Too many attempts. Please wait a little and try again."; break;
    case 503: message = "The site is busy or its database is unavailable. Please try again shortly."; break;
    default: message = "Something went wrong on our side. It has been logged; please try again.";
  }
  v.Set("message", message);
  HttpResponse res;
  res.status = status;
  auto html = RenderPage("error", v, {HttpReason(status), "", "", ""});
  if (html.ok()) {
    res.body = std::move(*html);
  } else {
    spdlog::error("rendering the {} page: {}", status, html.status().ToString());
    res = HttpResponse::Text(status, std::string(HttpReason(status)) + "\n");
  }
  if (status == 503) res.headers.emplace_back("Retry-After", "5");
  return res;
}

HttpResponse ErrorPage(const Status& status) {
  const int code = HttpStatusFor(status);
  if (code >= 500) spdlog::error("{}", status.ToString());
  return ErrorPage(code);
}

HttpResponse Page(const Site& site, const HttpRequest& req, std::string_view name, const View& v, PageFrame frame,
                  std::string_view cache_control) {
  site.AddViewer(req, frame);
  auto html = RenderPage(name, v, frame);
  if (!html.ok()) return ErrorPage(html.status());
  HttpResponse res;
  res.body = std::move(*html);
  res.headers.emplace_back("Cache-Control", std::string(cache_control));
  return res;
}

View ParagraphsView(std::string_view text) {
  View list = View::MakeList();
  for (auto& p : Paragraphs(text)) list.Push(View().Set("text", p));
  return list;
}

std::string StarsNumber(double stars) {
  char buf[16];
  std::snprintf(buf, sizeof buf, stars == std::floor(stars) ? "%.0f" : "%.1f", stars);
  return buf;
}

std::optional<Date> DateOf(const std::string& stamp) {
  if (stamp.size() < 10) return std::nullopt;
  auto d = Date::Parse(stamp.substr(0, 10));
  return d.ok() ? std::optional<Date>(*d) : std::nullopt;
}

std::string TitleDisplayName(const Title& title, const Title* season, const Title* series) {
  if (title.kind == TitleKind::kSeason && series) return series->name + ", " + catalog::SeasonName(title.number);
  if (title.kind == TitleKind::kEpisode && season && series) {
    return series->name + " " + catalog::EpisodeCode(season->number, title.number) + ": " + title.name;
  }
  return title.name;
}

std::string TitleDisplayName(Store& store, const Title& title) {
  const catalog::TitleParents parents = catalog::LoadTitleParents(store, title);
  return TitleDisplayName(title, parents.season ? &*parents.season : nullptr,
                          parents.series ? &*parents.series : nullptr);
}

std::string ThreadPath(Store& store, const CommentThread& thread) {
  if (thread.title_id == 0) {
    auto a = store.GetArticle(thread.article_id);
    return a.ok() ? catalog::ArticlePath(a->slug) : "/";
  }
  auto t = store.GetTitle(thread.title_id);
  if (!t.ok()) return "/";
  const catalog::TitleParents parents = catalog::LoadTitleParents(store, *t);
  const std::string path = catalog::TitlePagePath(*t, parents.season ? &*parents.season : nullptr,
                                                  parents.series ? &*parents.series : nullptr);
  return path.empty() ? "/" : path;
}

View GenresView(const std::vector<Genre>& genres) {
  View list = View::MakeList();
  for (const auto& g : genres) list.Push(View().Set("name", g.name));
  return list;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

Status BadFormToken() {
  return PermissionDenied("csrf: the form has expired or did not come from this site");
}

std::string SafeNext(const std::string& next) {
  // Only a path of this site, written plainly: no control characters or spaces
  // (a CR or LF would end the Location header), no backslash (browsers read it as
  // '/'), nothing over a sane length.
  constexpr size_t kMaxNext = 2000;
  if (next.empty() || next.size() > kMaxNext || next[0] != '/') return "/";
  for (unsigned char c : next) {
    if (c <= 0x20 || c >= 0x7f || c == '\\') return "/";
  }
  auto ref = boost::urls::parse_relative_ref(next);
  if (!ref || ref->has_scheme() || ref->has_authority() || !ref->is_path_absolute()) return "/";
  // No empty or dot segments, decoded or not ("//", "/./", "/%2e%2e/"): with them a
  // path could come to begin with "//", which a browser reads as another host. Nor
  // control characters or a backslash hidden behind percent-encoding.
  const std::string path = ref->path();
  if (path.find("//") != std::string::npos || ref->encoded_path().find("//") != std::string_view::npos) return "/";
  for (const auto& segment : ref->segments()) {
    if (segment == "." || segment == "..") return "/";
  }
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7f || c == '\\') return "/";
  }
  boost::urls::url url(*ref);
  url.normalize();
  return std::string(url.buffer());
}

bool FormTokenOk(const HttpRequest& req, const std::multimap<std::string, std::string>& form) {
  return audience::SameSecret(FormValue(form, "csrf"), req.Cookie(kFormCookie));
}

std::string NewFormToken(const Site& site, const HttpRequest& req, HttpResponse& res) {
  const std::string token = audience::NewToken();
  res.SetCookie(kFormCookie, token, 3600, SameSite::kStrict, site.SecureCookies(req));
  return token;
}

}  // namespace reel::web
