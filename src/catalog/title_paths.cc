#include "catalog/title_paths.h"

#include <vector>

#include "catalog/catalog.h"
#include "storage/store.h"

namespace reel::catalog {

Result<TitleAtPath> FindTitleByParts(Store& store, std::string_view slug, std::string_view season,
                                     std::string_view episode) {
  if (season.empty()) {
    auto film = store.FindTitleBySlug(TitleKind::kFilm, slug);
    if (!film.ok()) return film.status();
    return TitleAtPath{*film, "/m/" + film->slug};
  }
  auto series = store.FindTitleBySlug(TitleKind::kSeries, slug);
  if (!series.ok()) return series.status();
  const int sn = ParseNumberSegment("s" + std::string(season), 's');
  auto s = store.FindChild(series->id, sn);
  if (!s.ok()) return s.status();
  std::string path = "/tv/" + series->slug + "/" + SeasonSegment(sn);
  if (episode.empty()) return TitleAtPath{*s, path};
  const int en = ParseNumberSegment("e" + std::string(episode), 'e');
  auto e = store.FindChild(s->id, en);
  if (!e.ok()) return e.status();
  return TitleAtPath{*e, path + "/" + EpisodeSegment(en)};
}

Result<TitleAtPath> FindTitleByPath(Store& store, std::string_view path) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > pos) parts.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  const auto bad = [&] {
    return InvalidArgument("title: '" + std::string(path) +
                           "' is not a title's address (/m/<slug>, /tv/<slug>, /tv/<slug>/s01, /tv/<slug>/s01/e02)");
  };
  if (parts.size() == 2 && parts[0] == "m") return FindTitleByParts(store, parts[1], "", "");
  if (parts.size() < 2 || parts.size() > 4 || parts[0] != "tv") return bad();
  if (parts.size() == 2) {
    auto series = store.FindTitleBySlug(TitleKind::kSeries, parts[1]);
    if (!series.ok()) return series.status();
    return TitleAtPath{*series, "/tv/" + series->slug};
  }
  if (ParseNumberSegment(parts[2], 's') <= 0) return bad();
  if (parts.size() == 4 && ParseNumberSegment(parts[3], 'e') <= 0) return bad();
  return FindTitleByParts(store, parts[1], parts[2].substr(1), parts.size() == 4 ? parts[3].substr(1) : "");
}

}  // namespace reel::catalog
