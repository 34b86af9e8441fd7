#include "catalog/badges.h"

#include "scoring/score.h"

namespace reel::catalog {

Badge BadgeOf(std::optional<int> percent, ScoreKind kind, bool certified) {
  if (!percent) return Badge::kNone;
  const bool positive = *percent >= scoring::kPositiveBadgePercent;
  if (kind == ScoreKind::kCritic) {
    if (certified) return Badge::kCertified;
    return positive ? Badge::kFresh : Badge::kRotten;
  }
  return positive ? Badge::kHot : Badge::kStale;
}

}  // namespace reel::catalog
