// Interactions for the recommender: who rated what, when. The evaluation reads
// them from a MovieLens ratings file (ratings.csv with its header, or the
// tab-separated u.data); the stored-model build reads them from the store. Both
// turn them into Histories: each user's items in time order (ties: the smaller
// item first), over dense item indexes 0..num_items-1 that map back to the
// caller's item ids. Plain data, no I/O beyond ReadRatingsFile; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace reel::recommend {

// One rating: the user's and the item's own ids and its time (seconds).
struct Interaction {
  int64_t user = 0;
  int64_t item = 0;
  int64_t time = 0;
  float rating = 0;
};

// Every user's interactions in time order over dense item indexes.
struct Histories {
  int num_items = 0;
  std::vector<int64_t> item_ids;             // Dense index -> the caller's item id.
  std::vector<int64_t> user_ids;             // Row -> the caller's user id.
  std::vector<std::vector<int32_t>> items;   // Per user: item indexes in time order.
  std::vector<std::vector<int64_t>> times;   // Per user: the matching times.
  std::vector<std::vector<float>> ratings;   // Per user: the matching ratings.
};

// Parses a MovieLens ratings file's text: "userId,movieId,rating,timestamp" with
// that header, or tab-separated "user item rating timestamp" lines without one.
// `name` prefixes errors ("ratings.csv:12: ..."); blank lines are skipped.
Result<std::vector<Interaction>> ParseRatings(std::string_view text, const std::string& name);
// Reads and parses the file at `path`.
Result<std::vector<Interaction>> ReadRatingsFile(const std::string& path);

// Groups `all` by user, orders each user's items by (time, item id) and maps
// item ids to dense indexes in ascending id order. Users in ascending id order.
Histories BuildHistories(std::vector<Interaction> all);

// The evaluation split: for each user with at least two interactions, the latest
// (the last of its history) is held out; `train` keeps everything else (a user
// with one interaction keeps it in training and is not evaluated).
struct Split {
  Histories train;
  std::vector<int32_t> held_out;  // Per user row: the held-out item index, or -1.
};
Split LeaveLatestOut(const Histories& all);

// Interaction counts per item over `h`.
std::vector<float> ItemCounts(const Histories& h);

}  // namespace reel::recommend
