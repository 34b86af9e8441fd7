#include "catalog/season_page.h"

#include <algorithm>

#include "catalog/title_paths.h"
#include "storage/store.h"

namespace reel::catalog {
namespace {

// What the store says of a child title that is not there.
Status NoNumber(int number) { return NotFound("no number " + std::to_string(number)); }

}  // namespace

Result<SeasonSummary> LoadSeasonSummary(Store& store, std::string_view series_slug, int season) {
  SeasonSummary page;
  REEL_ASSIGN_OR_RETURN(page.series, store.FindTitleBySlug(TitleKind::kSeries, series_slug));
  page.path = SeasonPath(page.series, season);
  REEL_ASSIGN_OR_RETURN(page.seasons, store.ListChildren(page.series.id));
  auto it = std::find_if(page.seasons.begin(), page.seasons.end(), [&](const Title& s) { return s.number == season; });
  if (it == page.seasons.end()) {
    page.missing = NoNumber(season);
    return page;
  }
  page.found = true;
  page.season = *it;
  const Id id = page.season.id;
  REEL_ASSIGN_OR_RETURN(page.episodes, store.ListChildren(id));
  REEL_ASSIGN_OR_RETURN(page.counts, store.GetScoreCounts(id));
  return page;
}

Result<SeasonPage> LoadSeasonPage(Store& store, std::string_view series_slug, int season, Date today,
                                  const PageReader& reader) {
  SeasonPage page;
  REEL_ASSIGN_OR_RETURN(static_cast<SeasonSummary&>(page), LoadSeasonSummary(store, series_slug, season));
  if (!page.found) return page;
  const Id id = page.season.id;
  REEL_ASSIGN_OR_RETURN(page.credits, store.ListCredits(id));
  if (page.credits.empty()) {
    // A season without its own credits shows the series' cast and crew.
    REEL_ASSIGN_OR_RETURN(page.credits, store.ListCredits(page.series.id));
  }
  REEL_ASSIGN_OR_RETURN(page.reviews, LoadTitleReviews(store, page.season, reader.reviews));
  REEL_ASSIGN_OR_RETURN(page.similar, LoadSimilar(store, page.series, today));
  page.reader = LoadReaderParts(store, page.season, reader);
  return page;
}

Result<EpisodePage> LoadEpisodePage(Store& store, std::string_view series_slug, int season, int episode,
                                    const PageReader& reader) {
  EpisodePage page;
  REEL_ASSIGN_OR_RETURN(page.series, store.FindTitleBySlug(TitleKind::kSeries, series_slug));
  page.path = EpisodePath(page.series, season, episode);
  page.season_number = season;
  REEL_ASSIGN_OR_RETURN(auto seasons, store.ListChildren(page.series.id));
  auto season_it = std::find_if(seasons.begin(), seasons.end(), [&](const Title& s) { return s.number == season; });
  if (season_it == seasons.end()) {
    page.missing = NoNumber(season);
    return page;
  }
  REEL_ASSIGN_OR_RETURN(auto episodes, store.ListChildren(season_it->id));
  auto ep_it = std::find_if(episodes.begin(), episodes.end(), [&](const Title& e) { return e.number == episode; });
  if (ep_it == episodes.end()) {
    page.missing = NoNumber(episode);
    return page;
  }
  page.found = true;
  page.episode = *ep_it;
  REEL_ASSIGN_OR_RETURN(page.counts, store.GetScoreCounts(page.episode.id));
  REEL_ASSIGN_OR_RETURN(page.credits, store.ListCredits(page.episode.id));
  if (ep_it != episodes.begin()) page.prev = EpisodeLink{season, *(ep_it - 1)};
  if (ep_it + 1 != episodes.end()) page.next = EpisodeLink{season, *(ep_it + 1)};
  if (!page.prev && season_it != seasons.begin()) {
    REEL_ASSIGN_OR_RETURN(auto before, store.ListChildren((season_it - 1)->id));
    if (!before.empty()) page.prev = EpisodeLink{(season_it - 1)->number, before.back()};
  }
  if (!page.next && season_it + 1 != seasons.end()) {
    REEL_ASSIGN_OR_RETURN(auto after, store.ListChildren((season_it + 1)->id));
    if (!after.empty()) page.next = EpisodeLink{(season_it + 1)->number, after.front()};
  }
  page.reader = LoadReaderParts(store, page.episode, reader);
  return page;
}

}  // namespace reel::catalog
