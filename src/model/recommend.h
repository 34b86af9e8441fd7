// The recommender's rows in the store: what it learns from (ratings rolled up to
// the film or series they are about, and each title's content features) and what
// it stores (each title's ranked neighbours with the reason a reader is shown).
// Plain structs; any thread.
#pragma once

#include <cstdint>
#include <string>

#include "model/id.h"

namespace reel {

// One counted rating, about a film or a series (a season's or an episode's rating
// counts for its series). `at` is the rating's time, "YYYY-MM-DDTHH:MM:SSZ".
struct RatingEvent {
  Id user_id = 0;
  Id title_id = 0;
  double stars = 0;
  std::string at;
};

// A content feature of a film or series: kind 'g' genre, 'c' cast member,
// 'w' creator or crew member, 'f' a critic who called it fresh, 't' a tag. `key`
// identifies it within its kind; `label` is what a reason shows (a name).
struct TitleFeature {
  Id title_id = 0;
  char kind = 'g';
  std::string key;
  std::string label;
};

// Why a neighbour is listed.
enum class NeighbourReason { kAudience, kCast, kCreators, kGenre, kCritics, kTags };
const char* NeighbourReasonName(NeighbourReason r);  // "audience", "cast", ...
NeighbourReason ParseNeighbourReason(const std::string& name);  // kGenre when unknown.

// One entry of a title's stored "you might also like" list.
struct TitleNeighbour {
  Id title_id = 0;
  Id neighbour_id = 0;
  int position = 0;  // 0 is the best.
  double score = 0;
  NeighbourReason reason = NeighbourReason::kAudience;
  std::string detail;  // A person's or a genre's name, for the reason's text.
};

// One build of the stored lists.
struct RecommendBuild {
  Id id = 0;
  std::string built_at;
  int64_t ratings = 0;  // Counted ratings when it was built.
  int64_t titles = 0;   // Titles given a list.
  std::string model;
};

}  // namespace reel
