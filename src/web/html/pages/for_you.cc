// /for-you: a signed-in reader's recommendations (recommend/for_you.h), each with
// "because you liked X", paged; a reader with no ratings gets popular titles and
// an onboarding of ten titles to rate, each a small form posting to the title's
// existing rating route with the session's form token. Signed-out readers are
// sent to sign in and brought back.
#include "catalog/catalog.h"
#include "catalog/title_paths.h"
#include "core/parse.h"
#include "recommend/for_you.h"
#include "storage/store.h"
#include "web/html/blocks/cards.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

// The stars an onboarding form offers (the rating route accepts halves too).
View StarOptions(size_t row) {
  View options = View::MakeList();
  for (int s = 1; s <= 5; ++s) {
    const std::string id = "rate-" + std::to_string(row) + "-" + std::to_string(s);
    options.Push(View().Set("id", id).Set("value", std::to_string(s)));
  }
  return options;
}

View OnboardingView(const recommend::ForYouPage& page, const std::string& csrf) {
  View list = View::MakeList();
  for (size_t i = 0; i < page.onboarding.size(); ++i) {
    const Title& t = page.onboarding[i];
    list.Push(View()
                  .Set("name", t.name)
                  .Set("path", catalog::TopTitlePath(t))
                  .Set("action", page.rate_paths[i] + "/rating")
                  .Set("csrf", csrf)
                  .Set("options", StarOptions(i)));
  }
  return list;
}

int64_t PageNumber(const HttpRequest& req) {
  const std::string s = req.Query("page");
  if (s.empty()) return 1;
  auto n = ParseInt(s);
  return n ? *n : 0;
}

}  // namespace

HttpResponse ForYou(const Site& site, const HttpRequest& req, const RouteParams&) {
  const auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=/for-you");
  const int64_t page_number = PageNumber(req);
  REEL_ASSIGN_OR_PAGE(page, ReadOnce(site.store(), [&](Store& s) {
                        return recommend::LoadForYou(s, viewer->user.id, site.today(), page_number,
                                                     recommend::kForYouPerPage);
                      }));
  catalog::SimilarTitles cards;
  cards.titles = page.titles;
  cards.reasons = page.reasons;
  cards.facts = page.facts;
  View v;
  v.Set("has_ratings", page.has_ratings);
  v.Set("recommendations", SimilarView(cards));
  v.Set("has_recommendations", !page.titles.empty());
  View onboarding = OnboardingView(page, viewer->session.csrf_token);
  v.Set("has_onboarding", !onboarding.list().empty());
  v.Set("onboarding", std::move(onboarding));
  v.Set("has_prev", page.page > 1);
  v.Set("prev", "/for-you?page=" + std::to_string(page.page - 1));
  v.Set("has_more", page.has_more);
  v.Set("next", "/for-you?page=" + std::to_string(page.page + 1));
  return Page(site, req, "for_you", v, {"For you", "Recommendations from your ratings", "for-you", "/for-you"},
              "private, no-store");
}

}  // namespace reel::web::pages
