#include "catalog/series_page.h"

#include "storage/store.h"

namespace reel::catalog {

Result<SeriesPage> LoadSeriesPage(Store& store, std::string_view slug, Date today) {
  SeriesPage page;
  REEL_ASSIGN_OR_RETURN(page.series, store.FindTitleBySlug(TitleKind::kSeries, slug));
  REEL_ASSIGN_OR_RETURN(page.facts, LoadTitleFacts(store, std::vector<const Title*>{&page.series}, today));
  if (auto it = page.facts.children.find(page.series.id); it != page.facts.children.end()) page.seasons = it->second;
  REEL_ASSIGN_OR_RETURN(page.credits, store.ListCredits(page.series.id));
  REEL_ASSIGN_OR_RETURN(page.genres, store.ListGenres(page.series.id));
  REEL_ASSIGN_OR_RETURN(page.similar, LoadSimilar(store, page.series, today));
  return page;
}

Result<EpisodeGuide> LoadEpisodeGuide(Store& store, std::string_view slug) {
  EpisodeGuide guide;
  REEL_ASSIGN_OR_RETURN(guide.series, store.FindTitleBySlug(TitleKind::kSeries, slug));
  REEL_ASSIGN_OR_RETURN(auto seasons, store.ListChildren(guide.series.id));
  for (auto& s : seasons) {
    REEL_ASSIGN_OR_RETURN(auto episodes, store.ListChildren(s.id));
    guide.seasons.push_back({std::move(s), std::move(episodes)});
  }
  return guide;
}

}  // namespace reel::catalog
