// Release dates: formatting, input checks and the best date (see release.h).
#include "calendar/release.h"

#include <algorithm>
#include <tuple>

#include "core/parse.h"

namespace reel {

namespace calendar {
namespace {

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

// The first month of a precision's period when the input names only a year.
int FirstMonth(ReleasePrecision p) {
  switch (p) {
    case ReleasePrecision::kMidYear: return 4;
    case ReleasePrecision::kLateYear: return 7;
    default: return 1;
  }
}

Status CheckAligned(const Date& d, ReleasePrecision p) {
  bool ok = true;
  switch (p) {
    case ReleasePrecision::kYear:
    case ReleasePrecision::kEarlyYear: ok = d.month == 1 && d.day == 1; break;
    case ReleasePrecision::kMidYear: ok = d.month == 4 && d.day == 1; break;
    case ReleasePrecision::kLateYear: ok = d.month == 7 && d.day == 1; break;
    case ReleasePrecision::kQuarter: ok = (d.month - 1) % 3 == 0 && d.day == 1; break;
    case ReleasePrecision::kMonth: ok = d.day == 1; break;
    default: break;
  }
  if (ok) return Status::Ok();
  return InvalidArgument(std::string("date: '") + d.ToIso() + "' is not the first day of a " +
                         ReleasePrecisionName(p) + " period");
}

Result<Date> ParseDayOf(std::string_view text, ReleasePrecision p) {
  std::string full(text);
  if (full.size() == 4) {
    full += "-0" + std::to_string(FirstMonth(p)) + "-01";
  } else if (full.size() == 7) {
    full += "-01";
  }
  auto d = Date::Parse(full);
  if (!d.ok()) return InvalidArgument("date: '" + std::string(text.substr(0, 32)) + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
  if (d->year < 1870 || d->year > 2200) return InvalidArgument("date: the year must be between 1870 and 2200");
  REEL_TRY(CheckAligned(*d, p));
  return *d;
}

Status ParseTime(std::string_view text, int& hour, int& minute) {
  if (text.size() != 5 || text[2] != ':' || !SmallNumber(text.substr(0, 2), hour) || !SmallNumber(text.substr(3, 2), minute) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return InvalidArgument("time: '" + std::string(text.substr(0, 16)) + "' is not HH:MM (24-hour clock)");
  }
  return Status::Ok();
}

}  // namespace

bool SmallNumber(std::string_view s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  out = static_cast<int>(*ParseInt(s));
  return true;
}

FuzzyDate TitleDateOf(const ReleaseDate& d) {
  const Date s = d.date.start;
  switch (PrecisionOf(d)) {
    case ReleasePrecision::kYear:
    case ReleasePrecision::kMidYear: return {Date{s.year, 1, 1}, DatePrecision::kYear};
    case ReleasePrecision::kEarlyYear: return {Date{s.year, 1, 1}, DatePrecision::kHalf};
    case ReleasePrecision::kLateYear: return {Date{s.year, 7, 1}, DatePrecision::kHalf};
    case ReleasePrecision::kQuarter: return {s, DatePrecision::kQuarter};
    case ReleasePrecision::kMonth: return {s, DatePrecision::kMonth};
    case ReleasePrecision::kDay:
    case ReleasePrecision::kDayTime: return {s, DatePrecision::kDay};
  }
  return d.date;
}

std::string FormatRelease(const ReleaseDate& d, const TimeZone& zone) {
  const Date s = d.date.start;
  const std::string y = std::to_string(s.year);
  switch (PrecisionOf(d)) {
    case ReleasePrecision::kYear: return y;
    case ReleasePrecision::kEarlyYear: return "early " + y;
    case ReleasePrecision::kMidYear: return "mid " + y;
    case ReleasePrecision::kLateYear: return "late " + y;
    case ReleasePrecision::kQuarter: return "Q" + std::to_string((s.month - 1) / 3 + 1) + " " + y;
    case ReleasePrecision::kMonth: return std::string(kMonths[s.month - 1]) + " " + y;
    case ReleasePrecision::kDay: return s.ToLong();
    case ReleasePrecision::kDayTime: return zone.LocalDay(d.instant).ToLong() + ", " + zone.LocalTime(d.instant);
  }
  return y;
}

Date DayIn(const ReleaseDate& d, const TimeZone& zone) {
  return PrecisionOf(d) == ReleasePrecision::kDayTime ? zone.LocalDay(d.instant) : d.date.start;
}

bool IsExact(const ReleaseDate& d) {
  const auto p = PrecisionOf(d);
  return p == ReleasePrecision::kDay || p == ReleasePrecision::kDayTime;
}

Result<ReleaseDate> ParseReleaseInput(const ReleaseInput& in, Id title_id) {
  const auto precision = ParseReleasePrecision(in.precision);
  if (!precision) {
    return InvalidArgument("precision: must be one of year, early, mid, late, quarter, month, day, time");
  }
  const auto status = ParseReleaseStatus(in.status);
  if (!status) return InvalidArgument("status: must be one of rumoured, announced, confirmed, released");
  if (!in.region.empty() &&
      (in.region.size() != 2 || !std::all_of(in.region.begin(), in.region.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))) {
    return InvalidArgument("region: two capital letters (ISO 3166), or empty for everywhere");
  }
  if (in.source.size() > 500) return InvalidArgument("source: at most 500 characters");
  if (in.label.size() > 200) return InvalidArgument("label: at most 200 characters");
  ReleaseDate d;
  d.title_id = title_id;
  d.precision = *precision;
  d.status = *status;
  d.region = in.region;
  d.source = in.source;
  d.label = in.label;
  REEL_ASSIGN_OR_RETURN(const Date day, ParseDayOf(in.date, *precision));
  d.date = CoarseDate(day, *precision);
  if (*precision == ReleasePrecision::kDayTime) {
    int hour = 0, minute = 0;
    REEL_TRY(ParseTime(in.time, hour, minute));
    const std::string zone_name = in.time_zone.empty() ? "UTC" : in.time_zone;
    REEL_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Load(zone_name));
    d.time_zone = zone_name == "UTC" ? "" : zone_name;
    d.instant = zone.ToInstant(day, hour, minute);
  } else if (!in.time.empty()) {
    return InvalidArgument("time: only a date of precision \"time\" has a time of day");
  }
  return d;
}

std::optional<ReleaseDate> BestDate(const std::vector<ReleaseDate>& history, std::string_view region) {
  std::optional<ReleaseDate> best;
  for (std::string_view want : {region, std::string_view()}) {
    for (const auto& d : history) {
      if (d.region != want) continue;
      if (!best || std::tie(d.changed_at, d.id) > std::tie(best->changed_at, best->id)) best = d;
    }
    if (best || want.empty()) break;
  }
  return best;
}

}  // namespace calendar
}  // namespace reel
