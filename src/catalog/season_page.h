// The read models of a season page (/tv/<slug>/s01) and an episode page
// (/tv/<slug>/s01/e02): everything either page shows, read in one loader, used by
// the HTML pages and the JSON API alike. Plain structs; the loaders read the store
// (only they do); any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/reader.h"
#include "catalog/title_facts.h"
#include "core/date.h"
#include "core/status.h"
#include "model/people.h"
#include "model/score_counts.h"
#include "model/titles.h"

namespace reel {
class Store;
}

namespace reel::catalog {

// What the season API returns: the season, its episodes and its scores.
struct SeasonSummary {
  Title series;
  std::string path;    // The canonical address: "/tv/star-trek-picard/s01".
  bool found = false;  // False when the series has no such season (only the above are set)...
  Status missing;      // ... and then NotFound naming the missing number.
  Title season;
  std::vector<Title> seasons;   // All of the series' seasons, by number.
  std::vector<Title> episodes;  // The season's, by number.
  ScoreCounts counts;
};

// The season page: the summary and the rest the page shows.
struct SeasonPage : SeasonSummary {
  // Its cast and crew; a season without credits of its own shows the series'.
  std::vector<CreditRow> credits;
  TitleReviews reviews;
  SimilarTitles similar;  // Of the series.
  ReaderParts reader;
};

// NotFound when there is no such series; a season the series lacks gives found = false.
Result<SeasonSummary> LoadSeasonSummary(Store& store, std::string_view series_slug, int season);
Result<SeasonPage> LoadSeasonPage(Store& store, std::string_view series_slug, int season, Date today,
                                  const PageReader& reader = {});

struct EpisodeLink {
  int season = 0;
  Title episode;
};

struct EpisodePage {
  Title series;
  std::string path;    // "/tv/star-trek-picard/s01/e02".
  bool found = false;  // False when the series has no such season or episode...
  Status missing;      // ... and then NotFound naming the missing number.
  int season_number = 0;
  Title episode;
  ScoreCounts counts;
  std::vector<CreditRow> credits;
  // The episodes before and after, across season boundaries.
  std::optional<EpisodeLink> prev, next;
  ReaderParts reader;
};

Result<EpisodePage> LoadEpisodePage(Store& store, std::string_view series_slug, int season, int episode,
                                    const PageReader& reader = {});

}  // namespace reel::catalog
