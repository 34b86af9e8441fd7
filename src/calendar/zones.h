// Time zones for the calendar: a reader's IANA zone ("Europe/Paris") loaded from the
// system tz database (Debian's tzdata, through cctz, which reads /usr/share/zoneinfo:
// libstdc++ 12 has no std::chrono::tzdb yet), and the conversions the calendar needs
// between instants (Unix seconds) and local days and times. A TimeZone is a value;
// loading and converting are safe from any thread (cctz caches zones itself).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace reel::calendar {

class TimeZone {
 public:
  // UTC.
  TimeZone();
  // The zone the tz database calls `name`; InvalidArgument naming the field "tz"
  // when it has none (names are checked against ZoneNames(), never used as paths).
  static Result<TimeZone> Load(std::string_view name);

  const std::string& name() const { return name_; }
  // The local calendar day of an instant.
  Date LocalDay(int64_t unix_seconds) const;
  // "21:00 CET": the local time of day and the zone's abbreviation then.
  std::string LocalTime(int64_t unix_seconds) const;
  // The instant of a local day and time (the earlier one when the clock repeats,
  // the later one when it skips).
  int64_t ToInstant(const Date& day, int hour, int minute) const;

 private:
  struct Impl;
  std::string name_ = "UTC";
  std::shared_ptr<const Impl> impl_;
};

// Every zone name of the tz database's zone1970.tab, sorted, and "UTC" first: what
// the calendar's select offers and the only names Load() accepts.
const std::vector<std::string>& ZoneNames();

}  // namespace reel::calendar
