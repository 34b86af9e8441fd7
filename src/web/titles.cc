#include "web/titles.h"

#include "catalog/catalog.h"
#include "storage/store.h"

namespace reel::web {

Result<RoutedTitle> FindRoutedTitle(Store& store, const RouteParams& p) {
  if (!p.count("season")) {
    auto film = store.FindTitleBySlug(TitleKind::kFilm, p.at("slug"));
    if (!film.ok()) return film.status();
    return RoutedTitle{*film, "/m/" + film->slug};
  }
  auto series = store.FindTitleBySlug(TitleKind::kSeries, p.at("slug"));
  if (!series.ok()) return series.status();
  const int sn = catalog::ParseNumberSegment("s" + p.at("season"), 's');
  auto season = store.FindChild(series->id, sn);
  if (!season.ok()) return season.status();
  std::string path = "/tv/" + series->slug + "/" + catalog::SeasonSegment(sn);
  if (!p.count("episode")) return RoutedTitle{*season, path};
  const int en = catalog::ParseNumberSegment("e" + p.at("episode"), 'e');
  auto episode = store.FindChild(season->id, en);
  if (!episode.ok()) return episode.status();
  return RoutedTitle{*episode, path + "/" + catalog::EpisodeSegment(en)};
}

}  // namespace reel::web
