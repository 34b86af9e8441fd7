// The calendar's title-page forms: an editor records a new release date of a
// season, an episode or a film (POST {title}/release-date), and a signed-in reader
// follows or unfollows a series (POST /tv/<slug>/follow). Both check the form's
// CSRF token and, on the server, who may do it.
#include <spdlog/spdlog.h>

#include "audience/accounts.h"
#include "calendar/calendar.h"
#include "catalog/title_paths.h"
#include "storage/store.h"
#include "web/html/blocks/release_blocks.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"
#include "web/titles.h"

namespace reel::web::pages {

HttpResponse PostReleaseDate(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto routed = FindRoutedTitle(site.store(), p);
  if (!routed.ok()) return ErrorPage(routed.status());
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=" + routed->path);
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());
  calendar::ReleaseInput in{FormValue(form, "date"),   FormValue(form, "precision"), FormValue(form, "time"),
                            FormValue(form, "time_zone"), FormValue(form, "status"), FormValue(form, "region"),
                            FormValue(form, "source")};
  auto id = calendar::SetReleaseDate(site.store(), viewer->user, routed->title, in);
  if (id.status().code() == StatusCode::kInvalidArgument) {
    View v;
    v.Set("error", id.status().message());
    v.Set("title_path", routed->path);
    v.Set("form", ReleaseFormView(routed->path, viewer->session.csrf_token, in));
    HttpResponse res = Page(site, req, "release_form_page", v, {"Release date", "", "", ""}, "no-store");
    res.status = HttpStatusFor(id.status());
    return res;
  }
  if (!id.ok()) return ErrorPage(id.status());
  spdlog::info("release date {} of title {} recorded by user {}", *id, routed->title.id, viewer->user.id);
  return HttpResponse::Redirect(303, routed->path + "#release");
}

HttpResponse FollowSeries(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto series = site.store().FindTitleBySlug(TitleKind::kSeries, p.at("slug"));
  if (!series.ok()) return ErrorPage(series.status());
  const std::string path = catalog::SeriesPath(*series);
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=" + path);
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());
  const std::string follow = FormValue(form, "follow");
  if (follow != "1" && follow != "0") return ErrorPage(InvalidArgument("follow: 1 or 0"));
  if (Status st = calendar::SetFollow(site.store(), viewer->user, *series, follow == "1"); !st.ok()) {
    return ErrorPage(st);
  }
  return HttpResponse::Redirect(303, path);
}

}  // namespace reel::web::pages
