// iCalendar (RFC 5545) writing for the calendar feeds: events with stable UIDs,
// all-day events (VALUE=DATE, DTEND the next day) for dates without a time, UTC
// times (DTSTART/DTEND ...Z) for dates with one, TEXT escaping (backslash, ";", ","
// and newlines), lines folded at 75 octets without splitting a UTF-8 character, CRLF
// line ends, X-WR-CALNAME and DTSTAMP. Pure functions; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace reel::calendar {

struct IcsEvent {
  std::string uid;          // Stable: the same title gives the same UID in every feed.
  bool all_day = true;
  Date day;                 // All-day events.
  int64_t start = 0;        // Timed events: Unix seconds.
  int64_t end = 0;
  std::string summary;      // "Series - S02E01 - Title".
  std::string description;
  std::string url;
  std::string status;       // "CONFIRMED" or "TENTATIVE".
};

// A TEXT value escaped (RFC 5545 3.3.11).
std::string IcsEscape(std::string_view text);
// One content line folded (RFC 5545 3.1): at most 75 octets a line, continuation
// lines start with a space, never inside a UTF-8 sequence; ends with CRLF.
std::string IcsFold(std::string_view line);
// A whole VCALENDAR with `events`, stamped `now` (Unix seconds).
std::string WriteIcs(std::string_view calendar_name, const std::vector<IcsEvent>& events, int64_t now);

}  // namespace reel::calendar
