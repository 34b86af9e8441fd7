// TimeZone over cctz and the system tz database (see zones.h).
#include "calendar/zones.h"

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

namespace reel::calendar {

struct TimeZone::Impl {
  cctz::time_zone zone;
};

namespace {

using Seconds = std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds>;

Seconds ToPoint(int64_t unix_seconds) { return Seconds(std::chrono::seconds(unix_seconds)); }

std::vector<std::string> ReadZoneNames() {
  std::vector<std::string> names;
  std::ifstream in("/usr/share/zoneinfo/zone1970.tab");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string codes, coords, name;
    if (std::getline(fields, codes, '\t') && std::getline(fields, coords, '\t') && std::getline(fields, name, '\t')) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  names.insert(names.begin(), "UTC");
  return names;
}

}  // namespace

TimeZone::TimeZone() : impl_(std::make_shared<Impl>(Impl{cctz::utc_time_zone()})) {}

Result<TimeZone> TimeZone::Load(std::string_view name) {
  const auto& names = ZoneNames();
  if (!std::binary_search(names.begin() + 1, names.end(), std::string(name)) && name != "UTC") {
    return InvalidArgument("tz: '" + std::string(name.substr(0, 64)) + "' is not a time zone (such as Europe/Paris)");
  }
  TimeZone tz;
  if (name == "UTC") return tz;
  cctz::time_zone zone;
  if (!cctz::load_time_zone(std::string(name), &zone)) {
    return InvalidArgument("tz: the time zone '" + std::string(name) + "' could not be loaded");
  }
  tz.name_ = std::string(name);
  tz.impl_ = std::make_shared<Impl>(Impl{zone});
  return tz;
}

Date TimeZone::LocalDay(int64_t unix_seconds) const {
  const auto cs = cctz::convert(ToPoint(unix_seconds), impl_->zone);
  return Date{static_cast<int>(cs.year()), cs.month(), cs.day()};
}

std::string TimeZone::LocalTime(int64_t unix_seconds) const {
  const auto info = impl_->zone.lookup(ToPoint(unix_seconds));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", info.cs.hour(), info.cs.minute());
  return std::string(buf) + " " + info.abbr;
}

int64_t TimeZone::ToInstant(const Date& day, int hour, int minute) const {
  const auto tp = cctz::convert(cctz::civil_second(day.year, day.month, day.day, hour, minute, 0), impl_->zone);
  return std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch()).count();
}

const std::vector<std::string>& ZoneNames() {
  static const std::vector<std::string> names = ReadZoneNames();
  return names;
}

}  // namespace reel::calendar
