// The stored "you might also like" lists: for every titled film and series, its
// best neighbours by a blend of what audiences rate next and alongside it (the
// served model's transitions plus cosine overlap, models.h) and content
// similarity (shared genres, cast, creators and crew, critics' fresh verdicts,
// tags, each weighted by how rare it is), so titles with few ratings still get
// neighbours; each with the reason that contributed most. BuildNeighbours is pure;
// RebuildStored reads the store, builds and replaces the lists in one transaction.
// Any thread; one build at a time per store is the caller's business (the job lock).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/recommend.h"

namespace reel {
class Store;
}

namespace reel::recommend {

inline constexpr int kNeighboursStored = 24;
inline constexpr const char* kServedModel = "blend";
// The server rebuilds after this many new (or removed) counted ratings.
inline constexpr int64_t kRebuildAfterRatings = 50;

// Reports a stage and how far it is (done of total; total 0 when unknown).
using Progress = std::function<void(const std::string& stage, int64_t done, int64_t total)>;

struct NeighbourInput {
  std::vector<RatingEvent> ratings;   // In time order.
  std::vector<TitleFeature> features;
  std::vector<Id> popular;            // Titles by rating count, for the genre fill.
};

// Every title's neighbours (titles in `ratings` or `features`), kNeighboursStored
// at most, best first.
std::vector<TitleNeighbour> BuildNeighbours(const NeighbourInput& in, const Progress& progress);

struct BuildSummary {
  int64_t ratings = 0;
  int64_t titles = 0;
  int64_t neighbours = 0;
  double seconds = 0;
};
Result<BuildSummary> RebuildStored(Store& store, const Progress& progress);

// The job the server runs: rebuilds when there is no build yet, or when counted
// ratings moved by at least `min_new_ratings` since the last one.
Status RebuildIfStale(Store& store, int64_t min_new_ratings);

}  // namespace reel::recommend
