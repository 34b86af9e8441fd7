// The read model of the home page (/) and its rankings: the newest seasons out, the
// best critic scores and the best audience ratings (each among titles whose score is
// shown and good, the surer score first), some series and the newest films. Plain
// data; the loader reads the store (only it does); the rankings are pure. Any thread.
#pragma once

#include <map>
#include <vector>

#include "catalog/title_facts.h"
#include "core/date.h"
#include "core/status.h"
#include "model/id.h"
#include "model/titles.h"

namespace reel {
class Store;
}

namespace reel::catalog {

inline constexpr int kHomeNewestSeasons = 8;
inline constexpr int kHomeSeries = 12;
inline constexpr int kHomeFilms = 12;
inline constexpr size_t kHomeBestShown = 10;

struct HomePage {
  std::vector<Title> newest;         // Seasons already out, newest first.
  std::vector<Title> best;           // Best critic scores, ranked.
  std::vector<Title> audience_best;  // Best audience ratings, ranked.
  std::vector<Title> series;
  std::vector<Title> films;          // Newest first.
  std::map<Id, Title> parents;       // The series of the seasons shown.
  TitleFacts facts;                  // Of every title shown.
  std::vector<Genre> genres;         // Every genre, for the links to the film index.
};
Result<HomePage> LoadHomePage(Store& store, Date today);

// Films and seasons among `titles` whose critic score is shown and good (fresh),
// however few there are; the surer score (the interval's lower bound) first; at most
// `limit`.
std::vector<Title> RankBestCritics(const std::vector<Title>& titles, const TitleFacts& facts, size_t limit);
// Films and seasons among `titles` whose audience score is shown and good, by mean
// stars pulled toward the catalogue's mean of `titles` (IMDb's weighting, so two
// five-star ratings do not outrank hundreds averaging 4.5); at most `limit`.
std::vector<Title> RankBestAudience(const std::vector<Title>& titles, const TitleFacts& facts, size_t limit);

}  // namespace reel::catalog
