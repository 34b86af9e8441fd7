// POST .../rating of a season, an episode or a film: a signed-in reader's stars and
// review (with an optional verification code), or the removal of their rating after
// a confirmation page. A refused rating is shown again with what was typed.
#include "audience/accounts.h"
#include "audience/ratings.h"
#include "core/text.h"
#include "storage/store.h"
#include "web/html/blocks/rating_widget.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"
#include "web/titles.h"

namespace reel::web::pages {

HttpResponse Rate(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto routed = FindRoutedTitle(site.store(), p);
  if (!routed.ok()) return ErrorPage(routed.status());
  const Title& title = routed->title;
  const std::string& page = routed->path;
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=" + page);
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());

  Status st;
  if (FormValue(form, "action") == "delete") {
    if (FormValue(form, "confirm") != "1") {
      // Asked first, on a page whose form posts the same request confirmed.
      View v;
      v.Set("question", "Delete your rating of " + TitleDisplayName(site.store(), title) + "?");
      v.Set("detail", "Your stars and your review will be removed. This cannot be undone.");
      v.Set("action", page + "/rating");
      v.Set("csrf", viewer->session.csrf_token);
      v.Set("fields", View::List{View().Set("name", "action").Set("value", "delete")});
      v.Set("cancel_href", page + "#rate");
      return Page(site, req, "confirm_delete", v, {"Delete your rating", "", "", ""}, "no-store");
    }
    st = audience::Unrate(site.store(), viewer->user.id, title);
  } else {
    auto stars = audience::ParseStars(FormValue(form, "stars"));
    st = stars.ok() ? audience::RateTitle(site.store(), viewer->user.id, title, *stars, FormValue(form, "review"), site.today(),
                                          audience::RatingContext{&site.spam(), req.ClientAddress(), FormValue(form, "code")})
                    : stars.status();
  }
  if (st.code() == StatusCode::kInvalidArgument) {
    // Shown again with what was typed, on a page of its own.
    View v;
    v.Set("error", st.message());
    v.Set("title_path", page);
    auto mine = site.store().GetRating(viewer->user.id, title.id);
    View w = RatingWidget(viewer, title, page, mine.ok() ? std::optional<Rating>(*mine) : std::nullopt, site.today());
    w.Set("review", FormValue(form, "review"));
    w.Set("code", FormValue(form, "code"));
    v.Set("rating", std::move(w));
    PageFrame frame{"Rate " + title.name, "", "", ""};
    site.AddViewer(req, frame);
    auto html = RenderPage("rate", v, frame);
    if (!html.ok()) return ErrorPage(html.status());
    HttpResponse res;
    res.status = HttpStatusFor(st);
    res.body = std::move(*html);
    return res;
  }
  if (!st.ok()) return ErrorPage(st);
  return HttpResponse::Redirect(303, page + "#rate");
}

}  // namespace reel::web::pages
