// Calendar dates, and dates known only to a precision ("early 2022", "March 2022").
//
// A FuzzyDate is the first day of a period plus the period's precision: the release
// of a season announced for "early 2022" is {2022-01-01, kHalf}; once the exact day
// is known it becomes {2022-03-03, kDay}. Dates are proleptic Gregorian, no time
// zone. Everything here is a pure function over values: any thread may call it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace reel {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // Days since 1970-01-01 (negative before it).
  int64_t ToDays() const;
  static Date FromDays(int64_t days);
  // Parses "YYYY-MM-DD" strictly, checking the day exists.
  static Result<Date> Parse(std::string_view iso);
  // Today in UTC.
  static Date Today();

  std::string ToIso() const;                // "2020-01-23"
  std::string ToShort() const;              // "Jan 23, 2020"
  std::string ToLong() const;               // "January 23, 2020"
  auto operator<=>(const Date&) const = default;
};

bool IsValidDate(int year, int month, int day);

enum class DatePrecision { kYear, kHalf, kQuarter, kMonth, kDay };

const char* DatePrecisionName(DatePrecision p);  // "year", "half", ...
Result<DatePrecision> ParseDatePrecision(std::string_view name);

struct FuzzyDate {
  Date start;
  DatePrecision precision = DatePrecision::kDay;

  // Builds one from an ISO start date and a precision name; the start must be the
  // first day of its period ("2022-01-01" for a half, "2022-04-01" for Q2).
  static Result<FuzzyDate> Make(std::string_view iso, std::string_view precision);
  // Human text: "Jan 23, 2020", "March 2022", "Q2 2022", "early 2022", "late 2022", "2022".
  std::string ToText() const;
  int year() const { return start.year; }
};

// The current time as ISO 8601 UTC with seconds: "2026-11-24T14:15:00Z".
std::string UtcTimestamp();
// Unix seconds of such a timestamp; a bare date ("2021-06-13") is its midnight.
Result<int64_t> ParseUtcTimestamp(std::string_view iso);
// The timestamp of Unix seconds.
std::string UtcTimestampOf(int64_t unix_seconds);

// "5d ago" style age of `then` seen from `now`: "today", "1d ago" .. "6d ago", then
// the short date ("Jun 13, 2021"). A date in the future gives the short date.
std::string RelativeDate(const Date& then, const Date& now);

}  // namespace reel
