// The home page (/): the newest seasons, the best critic scores, the best audience
// ratings, series and films, as cards. Loads its read model (catalog/home_page.h,
// which also ranks the "Best" lists) once and renders it.
#include <cstdio>

#include "catalog/catalog.h"
#include "catalog/home_page.h"
#include "catalog/title_paths.h"
#include "scoring/score.h"
#include "storage/store.h"
#include "web/html/blocks/cards.h"
#include "web/html/blocks/score_views.h"
#include "web/html/blocks/pager.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

// The card of a title on the home page: a season with its series' name.
View HomeCard(const catalog::HomePage& page, const Title& t) {
  if (t.kind == TitleKind::kSeason) {
    if (auto it = page.parents.find(t.parent_id); it != page.parents.end()) {
      const Title& show = it->second;
      return CardView(show.name + ": " + catalog::SeasonName(t.number), catalog::SeasonPath(show, t.number),
                      "TV season · " + catalog::Year(t), page.facts.ScoresOf(t));
    }
  }
  return TitleCard(page.facts, t);
}

View Cards(const catalog::HomePage& page, const std::vector<Title>& titles) {
  View list = View::MakeList();
  for (const auto& t : titles) list.Push(HomeCard(page, t));
  return list;
}

// The best audience ratings, each card with its mean stars and count.
View AudienceBest(const catalog::HomePage& page) {
  View list = View::MakeList();
  for (const auto& t : page.audience_best) {
    View c = HomeCard(page, t);
    const ScoreCounts sc = page.facts.ScoresOf(t).counts;
    char avg[64];
    std::snprintf(avg, sizeof avg, " · %.1f★ from %lld", scoring::AverageStars(sc).value_or(0),
                  static_cast<long long>(sc.ratings));
    c.Set("meta", c.Get("meta")->str() + avg);
    list.Push(std::move(c));
  }
  return list;
}

}  // namespace

HttpResponse Home(const Site& site, const HttpRequest& req, const RouteParams&) {
  REEL_ASSIGN_OR_PAGE(
      page, ReadOnce(site.store(), [&](Store& s) { return catalog::LoadHomePage(s, site.today()); }));
  View v;
  v.Set("newest", Cards(page, page.newest));
  v.Set("best_empty", page.best.empty());
  v.Set("best", Cards(page, page.best));
  v.Set("audience_best_empty", page.audience_best.empty());
  v.Set("audience_best", AudienceBest(page));
  v.Set("series", Cards(page, page.series));
  v.Set("films", Cards(page, page.films));
  v.Set("browse", BrowseLinksView(page.genres));
  return Page(
      site, req, "home", v,
      {"Reviews of TV series and films", "Critic and audience scores for TV series and films.", "home", "/"});
}

}  // namespace reel::web::pages
