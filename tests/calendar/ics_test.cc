// iCalendar writing: TEXT escaping, 75-octet folding that keeps UTF-8 whole, CRLF,
// all-day against timed events (calendar/ics.h).
#include "calendar/ics.h"

#include <gtest/gtest.h>

namespace reel::calendar {
namespace {

TEST(Ics, EscapesText) {
  EXPECT_EQ(IcsEscape("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
  EXPECT_EQ(IcsEscape(std::string("bell\a")), "bell");
}

TEST(Ics, FoldsAt75OctetsWithoutSplittingUtf8) {
  std::string line = "SUMMARY:";
  for (int i = 0; i < 60; ++i) line += "é";  // Two octets each.
  const std::string folded = IcsFold(line);
  size_t start = 0;
  std::string joined;
  while (start < folded.size()) {
    const size_t end = folded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    const std::string part = folded.substr(start, end - start);
    EXPECT_LE(part.size(), 75u);
    if (start > 0) {
      ASSERT_EQ(part[0], ' ');
      joined += part.substr(1);
      // A continuation never starts inside a UTF-8 sequence.
      EXPECT_NE(static_cast<unsigned char>(part[1]) & 0xC0, 0x80);
    } else {
      joined += part;
    }
    start = end + 2;
  }
  EXPECT_EQ(joined, line);
  EXPECT_EQ(IcsFold("SHORT"), "SHORT\r\n");
}

TEST(Ics, AllDayAndTimedEvents) {
  IcsEvent day;
  day.uid = "title-1@reel";
  day.day = Date{2022, 3, 3};
  day.summary = "Star Trek: Picard - S02E01 - The Star Gazer";
  IcsEvent timed;
  timed.uid = "title-2@reel";
  timed.all_day = false;
  timed.start = 1646359200;  // 2022-03-04T02:00:00Z
  timed.end = timed.start + 46 * 60;
  timed.summary = "Show, with; specials";
  const std::string ics = WriteIcs("reel: Picard", {day, timed}, 1646000000);
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_NE(ics.find("X-WR-CALNAME:reel: Picard\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20220303\r\nDTEND;VALUE=DATE:20220304\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART:20220304T020000Z\r\nDTEND:20220304T024600Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Show\\, with\\; specials\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTAMP:20220227T221320Z\r\n"), std::string::npos);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
  // Every line ends with CRLF: no bare LF anywhere.
  for (size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') ASSERT_EQ(ics[i - 1], '\r') << "at " << i;
  }
}

TEST(Ics, YearEndAllDayEventEndsNextYear) {
  IcsEvent day;
  day.uid = "x";
  day.day = Date{2021, 12, 31};
  const std::string ics = WriteIcs("x", {day}, 0);
  EXPECT_NE(ics.find("DTEND;VALUE=DATE:20220101"), std::string::npos);
}

}  // namespace
}  // namespace reel::calendar
