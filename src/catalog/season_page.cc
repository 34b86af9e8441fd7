#include "catalog/season_page.h"

#include <algorithm>

#include "catalog/title_paths.h"
#include "storage/store.h"

namespace reel::catalog {
namespace {

// What the store says of a child title that is not there.
Status NoNumber(int number) { return NotFound("no number " + std::to_string(number)); }

}  // namespace

Result<SeasonPage> LoadSeasonPage(Store& store, std::string_view series_slug, int season, Date today,
                                  const PageReader& reader) {
  SeasonPage page;
  auto series = store.FindTitleBySlug(TitleKind::kSeries, series_slug);
  if (!series.ok()) return series.status();
  page.series = std::move(*series);
  page.path = SeasonPath(page.series, season);
  auto seasons = store.ListChildren(page.series.id);
  if (!seasons.ok()) return seasons.status();
  page.seasons = std::move(*seasons);
  auto it = std::find_if(page.seasons.begin(), page.seasons.end(), [&](const Title& s) { return s.number == season; });
  if (it == page.seasons.end()) {
    page.missing = NoNumber(season);
    return page;
  }
  page.found = true;
  page.season = *it;
  const Id id = page.season.id;
  auto episodes = store.ListChildren(id);
  if (!episodes.ok()) return episodes.status();
  page.episodes = std::move(*episodes);
  auto counts = store.GetScoreCounts(id);
  if (!counts.ok()) return counts.status();
  page.counts = *counts;
  auto credits = store.ListCredits(id);
  if (!credits.ok()) return credits.status();
  page.credits = std::move(*credits);
  if (page.credits.empty()) {
    // A season without its own credits shows the series' cast and crew.
    auto series_credits = store.ListCredits(page.series.id);
    if (!series_credits.ok()) return series_credits.status();
    page.credits = std::move(*series_credits);
  }
  auto reviews = LoadTitleReviews(store, page.season);
  if (!reviews.ok()) return reviews.status();
  page.reviews = std::move(*reviews);
  auto similar = LoadSimilar(store, page.series, today);
  if (!similar.ok()) return similar.status();
  page.similar = std::move(*similar);
  page.reader = LoadReaderParts(store, page.season, reader);
  return page;
}

Result<EpisodePage> LoadEpisodePage(Store& store, std::string_view series_slug, int season, int episode,
                                    const PageReader& reader) {
  EpisodePage page;
  auto series = store.FindTitleBySlug(TitleKind::kSeries, series_slug);
  if (!series.ok()) return series.status();
  page.series = std::move(*series);
  page.path = EpisodePath(page.series, season, episode);
  page.season_number = season;
  auto seasons = store.ListChildren(page.series.id);
  if (!seasons.ok()) return seasons.status();
  auto season_it = std::find_if(seasons->begin(), seasons->end(), [&](const Title& s) { return s.number == season; });
  if (season_it == seasons->end()) {
    page.missing = NoNumber(season);
    return page;
  }
  auto episodes = store.ListChildren(season_it->id);
  if (!episodes.ok()) return episodes.status();
  auto ep_it = std::find_if(episodes->begin(), episodes->end(), [&](const Title& e) { return e.number == episode; });
  if (ep_it == episodes->end()) {
    page.missing = NoNumber(episode);
    return page;
  }
  page.found = true;
  page.episode = *ep_it;
  auto counts = store.GetScoreCounts(page.episode.id);
  if (!counts.ok()) return counts.status();
  page.counts = *counts;
  auto credits = store.ListCredits(page.episode.id);
  if (!credits.ok()) return credits.status();
  page.credits = std::move(*credits);
  if (ep_it != episodes->begin()) page.prev = EpisodeLink{season, *(ep_it - 1)};
  if (ep_it + 1 != episodes->end()) page.next = EpisodeLink{season, *(ep_it + 1)};
  if (!page.prev && season_it != seasons->begin()) {
    auto before = store.ListChildren((season_it - 1)->id);
    if (!before.ok()) return before.status();
    if (!before->empty()) page.prev = EpisodeLink{(season_it - 1)->number, before->back()};
  }
  if (!page.next && season_it + 1 != seasons->end()) {
    auto after = store.ListChildren((season_it + 1)->id);
    if (!after.ok()) return after.status();
    if (!after->empty()) page.next = EpisodeLink{(season_it + 1)->number, after->front()};
  }
  page.reader = LoadReaderParts(store, page.episode, reader);
  return page;
}

}  // namespace reel::catalog
