// The read models of the series pages: a series (/tv/<slug>), its episode guide
// (/tv/<slug>/episodes); the index of all series (/tv) is catalog/browse_page.h. Plain structs; the
// loaders read the store (only they do); any thread.
#pragma once

#include <string_view>
#include <vector>

#include "catalog/title_facts.h"
#include "core/date.h"
#include "core/status.h"
#include "model/people.h"
#include "model/titles.h"

namespace reel {
class Store;
}

namespace reel::catalog {

struct SeriesPage {
  Title series;
  TitleFacts facts;  // Of the series, as its cards elsewhere have them, so the two agree.
  std::vector<Title> seasons;
  std::vector<CreditRow> credits;
  std::vector<Genre> genres;
  SimilarTitles similar;
};
// NotFound when there is no such series.
Result<SeriesPage> LoadSeriesPage(Store& store, std::string_view slug, Date today);

struct EpisodeGuide {
  struct Season {
    Title season;
    std::vector<Title> episodes;
  };
  Title series;
  std::vector<Season> seasons;
};
Result<EpisodeGuide> LoadEpisodeGuide(Store& store, std::string_view slug);

}  // namespace reel::catalog
