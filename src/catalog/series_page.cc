#include "catalog/series_page.h"

#include "storage/store.h"

namespace reel::catalog {

Result<SeriesPage> LoadSeriesPage(Store& store, std::string_view slug, Date today) {
  SeriesPage page;
  auto series = store.FindTitleBySlug(TitleKind::kSeries, slug);
  if (!series.ok()) return series.status();
  page.series = std::move(*series);
  auto facts = LoadTitleFacts(store, std::vector<const Title*>{&page.series}, today);
  if (!facts.ok()) return facts.status();
  page.facts = std::move(*facts);
  if (auto it = page.facts.children.find(page.series.id); it != page.facts.children.end()) page.seasons = it->second;
  auto credits = store.ListCredits(page.series.id);
  if (!credits.ok()) return credits.status();
  page.credits = std::move(*credits);
  auto genres = store.ListGenres(page.series.id);
  if (!genres.ok()) return genres.status();
  page.genres = std::move(*genres);
  auto similar = LoadSimilar(store, page.series, today);
  if (!similar.ok()) return similar.status();
  page.similar = std::move(*similar);
  return page;
}

Result<EpisodeGuide> LoadEpisodeGuide(Store& store, std::string_view slug) {
  EpisodeGuide guide;
  auto series = store.FindTitleBySlug(TitleKind::kSeries, slug);
  if (!series.ok()) return series.status();
  guide.series = std::move(*series);
  auto seasons = store.ListChildren(guide.series.id);
  if (!seasons.ok()) return seasons.status();
  for (auto& s : *seasons) {
    auto episodes = store.ListChildren(s.id);
    if (!episodes.ok()) return episodes.status();
    guide.seasons.push_back({std::move(s), std::move(*episodes)});
  }
  return guide;
}

Result<SeriesIndexPage> LoadSeriesIndex(Store& store, int page, Date today) {
  SeriesIndexPage out;
  out.page = page;
  TitleQuery q;
  q.kinds = {TitleKind::kSeries};
  q.limit = kSeriesIndexPageSize + 1;
  q.offset = (page - 1) * kSeriesIndexPageSize;
  auto series = store.ListTitles(q);
  if (!series.ok()) return series.status();
  out.series = std::move(*series);
  out.more = out.series.size() > static_cast<size_t>(kSeriesIndexPageSize);
  if (out.more) out.series.pop_back();
  auto facts = LoadTitleFacts(store, out.series, today);
  if (!facts.ok()) return facts.status();
  out.facts = std::move(*facts);
  return out;
}

}  // namespace reel::catalog
