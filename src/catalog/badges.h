// Which badge a score earns: certified fresh, fresh or rotten for critics; hot or
// stale for the audience; none while too few reviews or ratings show a score. The
// threshold is scoring::kPositiveBadgePercent. Pure; any thread.
#pragma once

#include <optional>

namespace reel::catalog {

enum class ScoreKind { kCritic, kAudience };
enum class Badge { kNone, kCertified, kFresh, kRotten, kHot, kStale };

// `percent` is the shown score (nullopt: not shown); `certified` only counts for critics.
Badge BadgeOf(std::optional<int> percent, ScoreKind kind, bool certified);

}  // namespace reel::catalog
