// The read model of a film page (/m/<slug>): everything the page shows, read in one
// loader. Plain struct; the loader reads the store (only it does); any thread.
#pragma once

#include <map>
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

struct FilmPage {
  Title film;
  std::string path;  // "/m/logan".
  ScoreCounts counts;
  std::vector<CreditRow> credits;
  std::vector<Genre> genres;
  TitleReviews reviews;
  SimilarTitles similar;
  std::map<std::string, std::string> external_ids;    // "imdb" -> "tt0114709".
  std::vector<std::pair<std::string, int64_t>> tags;  // Most used first.
  ReaderParts reader;
};

// NotFound when there is no such film.
Result<FilmPage> LoadFilmPage(Store& store, std::string_view slug, Date today, const PageReader& reader = {});

}  // namespace reel::catalog
