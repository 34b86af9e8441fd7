// RecommendStore: what the recommender reads to build its model (ratings rolled up
// to films and series, content features) and the stored neighbour lists it writes
// and pages read (src/recommend/). ReplaceNeighbours swaps every list in one
// transaction, so readers see the old build or the new one, never a mix. Any thread.
#pragma once

#include <optional>
#include <vector>

#include "core/status.h"
#include "model/recommend.h"

namespace reel {

class RecommendStore {
 public:
  virtual ~RecommendStore() = default;

  // Every counted rating, rolled up to its film or series (titled ones only), in
  // time order (ties by rating id).
  virtual Result<std::vector<RatingEvent>> ListRatingEvents() = 0;
  // One user's counted ratings, rolled up the same way, newest first.
  virtual Result<std::vector<RatingEvent>> ListUserRatingEvents(Id user_id) = 0;
  // Counted ratings in the store, for deciding when to rebuild.
  virtual Result<int64_t> CountRatingEvents() = 0;
  // Genres, cast, creators and crew, fresh critic verdicts and tags of every titled
  // film and series (a series' seasons' credits and verdicts count for it).
  virtual Result<std::vector<TitleFeature>> ListTitleFeatures() = 0;
  // Titled films and series ordered by counted ratings (most first), then id; only
  // those with a genre in `genre_ids` when it is not empty.
  virtual Result<std::vector<Id>> ListPopularTitles(const std::vector<Id>& genre_ids, int limit, int offset) = 0;

  // Replaces every stored list with `rows` and records `build` (its id is ignored).
  virtual Status ReplaceNeighbours(const std::vector<TitleNeighbour>& rows, const RecommendBuild& build) = 0;
  // The stored lists of `title_ids`, at most `per_title` each, by title then
  // position; neighbours that are untitled now are left out.
  virtual Result<std::vector<TitleNeighbour>> ListNeighbours(const std::vector<Id>& title_ids, int per_title) = 0;
  // The newest build, if any.
  virtual Result<std::optional<RecommendBuild>> LatestRecommendBuild() = 0;
};

}  // namespace reel
