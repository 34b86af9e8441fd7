// GET /api/v1/tv/<slug>/s<NN>: a season with its series, episodes and scores (with
// intervals), from the same read model as the season page (catalog/season_page.h).
#include "catalog/catalog.h"
#include "catalog/season_page.h"
#include "storage/store.h"
#include "web/api/api.h"
#include "web/api/json.h"

namespace reel::web::api {

HttpResponse GetSeason(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const int number = catalog::ParseNumberSegment("s" + p.at("season"), 's');
  auto page =
      ReadOnce(site.store(), [&](Store& s) { return catalog::LoadSeasonSummary(s, p.at("slug"), number); });
  if (!page.ok()) return ErrorReply(page.status());
  if (!page->found) return ErrorReply(page->missing);
  const Title& season = page->season;
  Json eps = Json::array();
  for (const auto& e : page->episodes) {
    eps.push_back({{"number", e.number},
                   {"code", catalog::EpisodeCode(season.number, e.number)},
                   {"name", e.name},
                   {"release_date", e.release ? Json(e.release->start.ToIso()) : Json(nullptr)},
                   {"synopsis", e.synopsis}});
  }
  Json j = {{"series", {{"slug", page->series.slug}, {"name", page->series.name}}},
            {"number", season.number},
            {"name", catalog::SeasonName(season.number)},
            {"path", page->path},
            {"year", season.release ? Json(season.release->year()) : Json(nullptr)},
            {"synopsis", season.synopsis},
            {"consensus", season.consensus},
            {"episodes", eps},
            {"scores", ScoresJson(page->counts)}};
  return Reply(200, j);
}

}  // namespace reel::web::api
