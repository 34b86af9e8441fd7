// iCalendar writing (see ics.h).
#include "calendar/ics.h"

#include <cstdio>

namespace reel::calendar {
namespace {

std::string Stamp(int64_t unix_seconds) {
  // "2022-03-03T09:00:00Z" -> "20220303T090000Z".
  std::string out;
  for (char c : UtcTimestampOf(unix_seconds)) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

std::string Day(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

}  // namespace

std::string IcsEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      default:
        // Other control characters are not allowed in TEXT.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;
        out += c;
    }
  }
  return out;
}

std::string IcsFold(std::string_view line) {
  std::string out;
  size_t limit = 75;  // Octets on the first line; later lines hold 74 after their space.
  while (line.size() > limit) {
    size_t cut = limit;
    // Never split a UTF-8 sequence: back up over continuation bytes.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string WriteIcs(std::string_view calendar_name, const std::vector<IcsEvent>& events, int64_t now) {
  std::string out;
  auto line = [&out](std::string_view text) { out += IcsFold(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//reel//calendar//EN");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + IcsEscape(calendar_name));
  const std::string stamp = Stamp(now);
  for (const auto& e : events) {
    line("BEGIN:VEVENT");
    line("UID:" + e.uid);
    line("DTSTAMP:" + stamp);
    if (e.all_day) {
      line("DTSTART;VALUE=DATE:" + Day(e.day));
      line("DTEND;VALUE=DATE:" + Day(Date::FromDays(e.day.ToDays() + 1)));
    } else {
      line("DTSTART:" + Stamp(e.start));
      line("DTEND:" + Stamp(e.end > e.start ? e.end : e.start + 3600));
    }
    line("SUMMARY:" + IcsEscape(e.summary));
    if (!e.description.empty()) line("DESCRIPTION:" + IcsEscape(e.description));
    if (!e.url.empty()) line("URL:" + e.url);
    if (!e.status.empty()) line("STATUS:" + e.status);
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace reel::calendar
