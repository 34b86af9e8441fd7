// Names of the reasons a stored neighbour carries (model/recommend.h).
#include "model/recommend.h"

namespace reel {

const char* NeighbourReasonName(NeighbourReason r) {
  switch (r) {
    case NeighbourReason::kAudience: return "audience";
    case NeighbourReason::kCast: return "cast";
    case NeighbourReason::kCreators: return "creators";
    case NeighbourReason::kGenre: return "genre";
    case NeighbourReason::kCritics: return "critics";
    case NeighbourReason::kTags: return "tags";
  }
  return "genre";
}

NeighbourReason ParseNeighbourReason(const std::string& name) {
  for (auto r : {NeighbourReason::kAudience, NeighbourReason::kCast, NeighbourReason::kCreators,
                 NeighbourReason::kGenre, NeighbourReason::kCritics, NeighbourReason::kTags}) {
    if (name == NeighbourReasonName(r)) return r;
  }
  return NeighbourReason::kGenre;
}

}  // namespace reel
