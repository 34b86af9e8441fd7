// The vocabulary of release dates (src/calendar/): how precisely a date is known
// (from a bare year to a day with a time of day), how sure it is (rumoured to
// released), and a follow of a series by a reader. Plain values; any thread.
#pragma once

#include <optional>
#include <string_view>

namespace reel {

// How precisely a release date is known. A date of precision kDayTime is an instant
// (stored in UTC, with the zone it was announced in); every other one is a period
// that starts on a calendar day and has no time zone.
enum class ReleasePrecision { kYear, kEarlyYear, kMidYear, kLateYear, kQuarter, kMonth, kDay, kDayTime };
// "year", "early", "mid", "late", "quarter", "month", "day", "time".
const char* ReleasePrecisionName(ReleasePrecision p);
std::optional<ReleasePrecision> ParseReleasePrecision(std::string_view name);

enum class ReleaseStatus { kRumoured, kAnnounced, kConfirmed, kReleased };
// "rumoured", "announced", "confirmed", "released".
const char* ReleaseStatusName(ReleaseStatus s);
std::optional<ReleaseStatus> ParseReleaseStatus(std::string_view name);


}  // namespace reel
