#include "catalog/title_paths.h"

#include <vector>

#include "catalog/catalog.h"
#include "core/text.h"
#include "storage/store.h"

namespace reel::catalog {

std::string SeriesPath(const Title& series) { return "/tv/" + series.slug; }
std::string SeasonPath(const Title& series, int season) { return SeriesPath(series) + "/" + SeasonSegment(season); }
std::string EpisodePath(const Title& series, int season, int episode) {
  return SeasonPath(series, season) + "/" + EpisodeSegment(episode);
}
std::string EpisodeGuidePath(const Title& series) { return SeriesPath(series) + "/episodes"; }
std::string FilmPath(const Title& film) { return "/m/" + film.slug; }
std::string PersonPath(const Person& person) { return "/celebrity/" + person.slug; }
std::string ArticlePath(std::string_view slug) { return "/news/" + std::string(slug); }
std::string SearchPath(std::string_view q, std::string_view kind, int page) {
  std::string path = "/search?q=" + EncodeUrlValue(q);
  if (!kind.empty()) path += "&type=" + EncodeUrlValue(kind);
  if (page > 1) path += "&page=" + std::to_string(page);
  return path;
}
std::string CriticPath(std::string_view slug) { return "/critics/" + std::string(slug); }
std::string CriticPath(const Critic& critic) { return CriticPath(critic.slug); }
std::string PublicationPath(std::string_view slug) { return "/critics/source/" + std::string(slug); }
std::string PublicationPath(const Publication& publication) { return PublicationPath(publication.slug); }
std::string TitleIndexPath(const IndexQuery& query, int64_t page) {
  const std::string q = IndexQueryString(query, page);
  return std::string(query.kind == TitleKind::kSeries ? "/tv" : "/m") + (q.empty() ? "" : "?" + q);
}
std::string GenrePath(const Genre& genre) { return "/genre/" + genre.slug; }
std::string YearPath(int year) { return "/year/" + std::to_string(year); }
std::string TopTitlePath(const Title& title) {
  return title.kind == TitleKind::kFilm ? FilmPath(title) : SeriesPath(title);
}

std::string TitlePagePath(const Title& title, const Title* season, const Title* series) {
  switch (title.kind) {
    case TitleKind::kFilm: return FilmPath(title);
    case TitleKind::kSeries: return SeriesPath(title);
    case TitleKind::kSeason: return series ? SeasonPath(*series, title.number) : "";
    case TitleKind::kEpisode: return series && season ? EpisodePath(*series, season->number, title.number) : "";
  }
  return "";
}

TitleParents LoadTitleParents(Store& store, const Title& title) {
  TitleParents out;
  if (title.kind == TitleKind::kEpisode) {
    if (auto s = store.GetTitle(title.parent_id); s.ok()) out.season = *s;
  }
  const Id series_id = title.kind == TitleKind::kSeason ? title.parent_id : out.season ? out.season->parent_id : 0;
  if (series_id) {
    if (auto s = store.GetTitle(series_id); s.ok()) out.series = *s;
  }
  return out;
}

Result<TitleAtPath> FindTitleByParts(Store& store, std::string_view slug, std::string_view season,
                                     std::string_view episode) {
  if (season.empty()) {
    REEL_ASSIGN_OR_RETURN(auto film, store.FindTitleBySlug(TitleKind::kFilm, slug));
    return TitleAtPath{film, FilmPath(film)};
  }
  REEL_ASSIGN_OR_RETURN(auto series, store.FindTitleBySlug(TitleKind::kSeries, slug));
  const int sn = ParseNumberSegment("s" + std::string(season), 's');
  REEL_ASSIGN_OR_RETURN(auto s, store.FindChild(series.id, sn));
  std::string path = SeasonPath(series, sn);
  if (episode.empty()) return TitleAtPath{s, path};
  const int en = ParseNumberSegment("e" + std::string(episode), 'e');
  REEL_ASSIGN_OR_RETURN(auto e, store.FindChild(s.id, en));
  return TitleAtPath{e, EpisodePath(series, sn, en)};
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
    REEL_ASSIGN_OR_RETURN(auto series, store.FindTitleBySlug(TitleKind::kSeries, parts[1]));
    return TitleAtPath{series, SeriesPath(series)};
  }
  if (ParseNumberSegment(parts[2], 's') <= 0) return bad();
  if (parts.size() == 4 && ParseNumberSegment(parts[3], 'e') <= 0) return bad();
  return FindTitleByParts(store, parts[1], parts[2].substr(1), parts.size() == 4 ? parts[3].substr(1) : "");
}

}  // namespace reel::catalog
