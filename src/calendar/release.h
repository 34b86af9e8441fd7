// Release dates with precision, status and history: how a date reads ("early 2022",
// "Q2 2022", "March 3, 2022", "March 3, 2022, 21:00 CET" in the reader's zone), what
// an editor's form or the API may set (checked here, with the field named), which
// statement of a title's history is its current best date, and whether a date is
// exact enough for a calendar feed. Pure functions over model values; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/zones.h"
#include "core/status.h"
#include "model/titles.h"

namespace reel::calendar {

// The date the titles table keeps for a statement: the same first day, at the
// nearest precision it knows (early and late year are halves, mid year a year, a
// day with a time a day, in the zone it was announced in).
FuzzyDate TitleDateOf(const ReleaseDate& d);

// How a reader sees it: "2022", "early 2022", "mid 2022", "late 2022", "Q1 2022",
// "March 2022", "March 3, 2022", or for a time "March 3, 2022, 21:00 CET" in `zone`.
std::string FormatRelease(const ReleaseDate& d, const TimeZone& zone);
// The day of a statement in `zone` (the instant's local day for a time, else the
// period's first day).
Date DayIn(const ReleaseDate& d, const TimeZone& zone);
// A day or a day with a time: exact enough to go into an iCalendar feed as an event.
bool IsExact(const ReleaseDate& d);

// What an editor sends: every field as typed.
struct ReleaseInput {
  std::string date;        // "2022", "2022-03", "2022-03-03"; a quarter's or half's first day.
  std::string precision;   // ReleasePrecisionName
  std::string time;        // "21:00", only with precision "time".
  std::string time_zone;   // IANA zone of `time` ("" or "UTC" for UTC).
  std::string status = "announced";
  std::string region;      // "" or two capital letters.
  std::string source;
  std::string label;
};
// The statement an input makes for `title_id`, or InvalidArgument naming the field
// ("date: ...", "precision: ...", "time: ..."). A year "2022" with precision
// "early" means 2022-01-01; "mid" 2022-04-01 (April to September), "late" 2022-07-01.
Result<ReleaseDate> ParseReleaseInput(const ReleaseInput& in, Id title_id);

// A small whole number (digits only, at most 9 of them), for the calendar's fields.
bool SmallNumber(std::string_view s, int& out);

// The current best statement of a history for `region` ("" is everywhere): the
// latest recorded (changed_at, then id) of that region, else of everywhere.
std::optional<ReleaseDate> BestDate(const std::vector<ReleaseDate>& history, std::string_view region = "");

}  // namespace reel::calendar
