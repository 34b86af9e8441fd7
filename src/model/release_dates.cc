// The names of the release-date vocabulary (model/release_dates.h) and a
// statement's full precision (model/titles.h).
#include <array>

#include "model/release_dates.h"
#include "model/titles.h"

namespace reel {

namespace {
constexpr std::array<const char*, 8> kPrecisionNames = {"year", "early", "mid", "late", "quarter", "month", "day",
                                                        "time"};
constexpr std::array<const char*, 4> kStatusNames = {"rumoured", "announced", "confirmed", "released"};
}  // namespace

const char* ReleasePrecisionName(ReleasePrecision p) { return kPrecisionNames[static_cast<size_t>(p)]; }

std::optional<ReleasePrecision> ParseReleasePrecision(std::string_view name) {
  for (size_t i = 0; i < kPrecisionNames.size(); ++i) {
    if (name == kPrecisionNames[i]) return static_cast<ReleasePrecision>(i);
  }
  return std::nullopt;
}

const char* ReleaseStatusName(ReleaseStatus s) { return kStatusNames[static_cast<size_t>(s)]; }

std::optional<ReleaseStatus> ParseReleaseStatus(std::string_view name) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (name == kStatusNames[i]) return static_cast<ReleaseStatus>(i);
  }
  return std::nullopt;
}

ReleasePrecision PrecisionOf(const ReleaseDate& d) {
  if (d.precision) return *d.precision;
  switch (d.date.precision) {
    case DatePrecision::kYear: return ReleasePrecision::kYear;
    case DatePrecision::kHalf:
      return d.date.start.month >= 7 ? ReleasePrecision::kLateYear : ReleasePrecision::kEarlyYear;
    case DatePrecision::kQuarter: return ReleasePrecision::kQuarter;
    case DatePrecision::kMonth: return ReleasePrecision::kMonth;
    case DatePrecision::kDay: return ReleasePrecision::kDay;
  }
  return ReleasePrecision::kDay;
}

FuzzyDate CoarseDate(const Date& start, ReleasePrecision p) {
  switch (p) {
    case ReleasePrecision::kYear:
    case ReleasePrecision::kMidYear: return {start, DatePrecision::kYear};
    case ReleasePrecision::kEarlyYear:
    case ReleasePrecision::kLateYear: return {start, DatePrecision::kHalf};
    case ReleasePrecision::kQuarter: return {start, DatePrecision::kQuarter};
    case ReleasePrecision::kMonth: return {start, DatePrecision::kMonth};
    case ReleasePrecision::kDay:
    case ReleasePrecision::kDayTime: return {start, DatePrecision::kDay};
  }
  return {start, DatePrecision::kDay};
}

}  // namespace reel
