// GET .../similar of a film, a series or a season and GET /api/v1/me/recommendations:
// the stored "you might also like" lists and a caller's "for you" list as JSON,
// from the same read models as the pages (catalog/title_facts.h LoadSimilar,
// recommend/for_you.h), paged with page and per_page.
#include "catalog/catalog.h"
#include "catalog/title_facts.h"
#include "catalog/title_paths.h"
#include "core/parse.h"
#include "recommend/build.h"
#include "recommend/for_you.h"
#include "storage/store.h"
#include "web/api/api.h"
#include "web/api/json.h"

namespace reel::web::api {
namespace {

// A number from the query string, `fallback` when absent, -1 when not a number.
int64_t QueryCount(const HttpRequest& req, const char* name, int64_t fallback) {
  const std::string s = req.Query(name);
  if (s.empty()) return fallback;
  auto n = ParseInt(s);
  return n && *n >= 0 && *n <= 1000000000 ? *n : -1;
}

Json TitleJson(const Title& t, const catalog::TitleFacts& facts, const std::string& reason, const char* key) {
  return {{"name", t.name},
          {"kind", TitleKindName(t.kind)},
          {"slug", t.slug},
          {"path", catalog::TopTitlePath(t)},
          {"year", t.release ? Json(t.release->year()) : Json(nullptr)},
          {key, reason},
          {"scores", ScoresJson(facts.ScoresOf(t).counts)}};
}

// The film or series a route names (a season's series, once the season is found).
Result<Title> TopTitleOf(Store& store, const HttpRequest& req, const RouteParams& p) {
  if (req.path.rfind("/api/v1/m/", 0) == 0) return store.FindTitleBySlug(TitleKind::kFilm, p.at("slug"));
  REEL_ASSIGN_OR_RETURN(Title series, store.FindTitleBySlug(TitleKind::kSeries, p.at("slug")));
  if (auto it = p.find("season"); it != p.end()) {
    const int number = catalog::ParseNumberSegment("s" + it->second, 's');
    if (number <= 0) return NotFound("no season '" + it->second + "'");
    REEL_TRY(store.FindChild(series.id, number));
  }
  return series;
}

}  // namespace

HttpResponse GetSimilar(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const int64_t page = QueryCount(req, "page", 1);
  const int64_t per_page = QueryCount(req, "per_page", catalog::kSimilarShown);
  if (page < 1 || page > 1000) return ErrorReply(InvalidArgument("page: a number from 1 to 1000"));
  if (per_page < 1 || per_page > recommend::kNeighboursStored) {
    return ErrorReply(InvalidArgument("per_page: a number from 1 to " + std::to_string(recommend::kNeighboursStored)));
  }
  auto similar = ReadOnce(site.store(), [&](Store& s) -> Result<catalog::SimilarTitles> {
    REEL_ASSIGN_OR_RETURN(Title top, TopTitleOf(s, req, p));
    return catalog::LoadSimilar(s, top, site.today(), recommend::kNeighboursStored);
  });
  if (!similar.ok()) return ErrorReply(similar.status());
  Json items = Json::array();
  const size_t from = static_cast<size_t>((page - 1) * per_page);
  for (size_t i = from; i < similar->titles.size() && i < from + static_cast<size_t>(per_page); ++i) {
    items.push_back(TitleJson(similar->titles[i], similar->facts, similar->reasons[i], "reason"));
  }
  return Reply(200, {{"similar", items},
                     {"page", page},
                     {"per_page", per_page},
                     {"has_more", from + static_cast<size_t>(per_page) < similar->titles.size()}});
}

HttpResponse GetRecommendations(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto caller = Caller(site.store(), req);
  if (!caller.ok()) return ErrorReply(caller.status());
  const int64_t page = QueryCount(req, "page", 1);
  const int64_t per_page = QueryCount(req, "per_page", recommend::kForYouPerPage);
  auto result = ReadOnce(site.store(), [&](Store& s) {
    return recommend::LoadForYou(s, caller->id, site.today(), page, per_page);
  });
  if (!result.ok()) return ErrorReply(result.status());
  Json items = Json::array();
  for (size_t i = 0; i < result->titles.size(); ++i) {
    items.push_back(TitleJson(result->titles[i], result->facts, result->reasons[i], "because"));
  }
  return Reply(200, {{"recommendations", items},
                     {"personal", result->has_ratings},
                     {"page", result->page},
                     {"per_page", result->per_page},
                     {"has_more", result->has_more}});
}

}  // namespace reel::web::api
