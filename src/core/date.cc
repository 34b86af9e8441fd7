#include "core/date.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace reel {
namespace {

constexpr const char* kShortMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kLongMonths[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

bool IsValidDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

// Howard Hinnant's days_from_civil and civil_from_days.
int64_t Date::ToDays() const {
  const int64_t y = year - (month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::FromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return Date{y, m, d};
}

Result<Date> Date::Parse(std::string_view iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !ParseInt(iso.substr(0, 4), y) ||
      !ParseInt(iso.substr(5, 2), m) || !ParseInt(iso.substr(8, 2), d)) {
    return InvalidArgument("'" + std::string(iso) + "' is not a date of the form YYYY-MM-DD");
  }
  if (!IsValidDate(y, m, d)) {
    return InvalidArgument("'" + std::string(iso) + "' is not a day of the calendar");
  }
  return Date{y, m, d};
}

Date Date::Today() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count();
  return FromDays(days);
}

std::string Date::ToIso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::ToShort() const {
  return std::string(kShortMonths[month - 1]) + " " + std::to_string(day) + ", " +
         std::to_string(year);
}

std::string Date::ToLong() const {
  return std::string(kLongMonths[month - 1]) + " " + std::to_string(day) + ", " +
         std::to_string(year);
}

const char* DatePrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kYear: return "year";
    case DatePrecision::kHalf: return "half";
    case DatePrecision::kQuarter: return "quarter";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kDay: return "day";
  }
  return "day";
}

Result<DatePrecision> ParseDatePrecision(std::string_view name) {
  for (auto p : {DatePrecision::kYear, DatePrecision::kHalf, DatePrecision::kQuarter,
                 DatePrecision::kMonth, DatePrecision::kDay}) {
    if (name == DatePrecisionName(p)) return p;
  }
  return InvalidArgument("unknown date precision '" + std::string(name) +
                         "' (expected year, half, quarter, month or day)");
}

Result<FuzzyDate> FuzzyDate::Make(std::string_view iso, std::string_view precision) {
  REEL_ASSIGN_OR_RETURN(auto p, ParseDatePrecision(precision));
  // A bare year is accepted for the coarse precisions: "2022" means 2022-01-01.
  std::string full(iso);
  if (full.size() == 4) full += "-01-01";
  else if (full.size() == 7) full += "-01";
  REEL_ASSIGN_OR_RETURN(const Date s, Date::Parse(full));
  bool aligned = true;
  switch (p) {
    case DatePrecision::kYear: aligned = s.month == 1 && s.day == 1; break;
    case DatePrecision::kHalf: aligned = (s.month == 1 || s.month == 7) && s.day == 1; break;
    case DatePrecision::kQuarter: aligned = (s.month - 1) % 3 == 0 && s.day == 1; break;
    case DatePrecision::kMonth: aligned = s.day == 1; break;
    case DatePrecision::kDay: break;
  }
  if (!aligned) {
    return InvalidArgument("'" + std::string(iso) + "' is not the first day of a " +
                           DatePrecisionName(p));
  }
  return FuzzyDate{s, p};
}

std::string FuzzyDate::ToText() const {
  const std::string y = std::to_string(start.year);
  switch (precision) {
    case DatePrecision::kYear: return y;
    case DatePrecision::kHalf: return (start.month == 1 ? "early " : "late ") + y;
    case DatePrecision::kQuarter: return "Q" + std::to_string((start.month - 1) / 3 + 1) + " " + y;
    case DatePrecision::kMonth: return std::string(kLongMonths[start.month - 1]) + " " + y;
    case DatePrecision::kDay: return start.ToShort();
  }
  return y;
}

std::string UtcTimestamp() {
  const auto now = std::chrono::system_clock::now();
  return UtcTimestampOf(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

Result<int64_t> ParseUtcTimestamp(std::string_view iso) {
  REEL_ASSIGN_OR_RETURN(auto d, Date::Parse(iso.substr(0, 10)));
  int64_t secs = d.ToDays() * 86400;
  if (iso.size() == 10) return secs;
  int h = 0, m = 0, s = 0;
  if (iso.size() < 19 || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':' || !ParseInt(iso.substr(11, 2), h) ||
      !ParseInt(iso.substr(14, 2), m) || !ParseInt(iso.substr(17, 2), s) || h > 23 || m > 59 || s > 60) {
    return InvalidArgument("'" + std::string(iso) + "' is not a UTC timestamp YYYY-MM-DDTHH:MM:SSZ");
  }
  return secs + h * 3600 + m * 60 + s;
}

std::string UtcTimestampOf(int64_t secs) {
  const Date d = Date::FromDays(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400);
  const int64_t s = secs - d.ToDays() * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.ToIso().c_str(), static_cast<int>(s / 3600),
                static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
  return buf;
}

std::string RelativeDate(const Date& then, const Date& now) {
  const int64_t age = now.ToDays() - then.ToDays();
  if (age == 0) return "today";
  if (age > 0 && age < 7) return std::to_string(age) + "d ago";
  return then.ToShort();
}

}  // namespace reel
