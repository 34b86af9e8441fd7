// Release dates: formatting by precision, the reader's zone, editors' input checks
// and the best date of a history (calendar/release.h, calendar/zones.h).
#include "calendar/release.h"

#include <gtest/gtest.h>

namespace reel::calendar {
namespace {

ReleaseDate Parsed(const std::string& date, const std::string& precision, const std::string& time = "",
                   const std::string& zone = "") {
  ReleaseInput in;
  in.date = date;
  in.precision = precision;
  in.time = time;
  in.time_zone = zone;
  auto d = ParseReleaseInput(in, 7);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? *d : ReleaseDate{};
}

TEST(ReleaseFormat, EachPrecisionReadsAsAnnounced) {
  const TimeZone utc;
  EXPECT_EQ(FormatRelease(Parsed("2022", "year"), utc), "2022");
  EXPECT_EQ(FormatRelease(Parsed("2022", "early"), utc), "early 2022");
  EXPECT_EQ(FormatRelease(Parsed("2022", "mid"), utc), "mid 2022");
  EXPECT_EQ(FormatRelease(Parsed("2022", "late"), utc), "late 2022");
  EXPECT_EQ(FormatRelease(Parsed("2022-04-01", "quarter"), utc), "Q2 2022");
  EXPECT_EQ(FormatRelease(Parsed("2022-03", "month"), utc), "March 2022");
  EXPECT_EQ(FormatRelease(Parsed("2022-03-03", "day"), utc), "March 3, 2022");
}

TEST(ReleaseFormat, TimeIsShownInTheReadersZone) {
  // 21:00 in New York on March 3 is 02:00 UTC and 03:00 in Paris on March 4.
  const ReleaseDate d = Parsed("2022-03-03", "time", "21:00", "America/New_York");
  EXPECT_EQ(UtcTimestampOf(d.instant), "2022-03-04T02:00:00Z");
  EXPECT_EQ(d.time_zone, "America/New_York");
  auto paris = TimeZone::Load("Europe/Paris");
  ASSERT_TRUE(paris.ok());
  EXPECT_EQ(FormatRelease(d, *paris), "March 4, 2022, 03:00 CET");
  EXPECT_EQ(DayIn(d, *paris), (Date{2022, 3, 4}));
  auto ny = TimeZone::Load("America/New_York");
  ASSERT_TRUE(ny.ok());
  EXPECT_EQ(FormatRelease(d, *ny), "March 3, 2022, 21:00 EST");
  EXPECT_EQ(DayIn(d, *ny), (Date{2022, 3, 3}));
  EXPECT_TRUE(IsExact(d));
  EXPECT_FALSE(IsExact(Parsed("2022-03", "month")));
}

TEST(ReleaseInput, BadFieldsAreNamed) {
  auto bad = [](ReleaseInput in) {
    auto d = ParseReleaseInput(in, 1);
    return d.ok() ? std::string("ok") : d.status().message();
  };
  ReleaseInput in{"2022-03-03", "day"};
  EXPECT_EQ(bad(in), "ok");
  in.precision = "fortnight";
  EXPECT_EQ(bad(in).rfind("precision:", 0), 0u);
  in.precision = "month";
  EXPECT_EQ(bad(in).rfind("date:", 0), 0u);  // Not the first of a month.
  in = {"2022-02-30", "day"};
  EXPECT_EQ(bad(in).rfind("date:", 0), 0u);
  in = {"2022-03-03", "time", "25:00"};
  EXPECT_EQ(bad(in).rfind("time:", 0), 0u);
  in = {"2022-03-03", "time", "21:00", "Mars/Olympus_Mons"};
  EXPECT_EQ(bad(in).rfind("tz:", 0), 0u);
  in = {"2022-03-03", "time", "21:00", "../../etc/passwd"};
  EXPECT_EQ(bad(in).rfind("tz:", 0), 0u);
  in = {"2022-03-03", "day", "21:00"};
  EXPECT_EQ(bad(in).rfind("time:", 0), 0u);
  in = {"2022-03-03", "day"};
  in.status = "maybe";
  EXPECT_EQ(bad(in).rfind("status:", 0), 0u);
  in.status = "confirmed";
  in.region = "usa";
  EXPECT_EQ(bad(in).rfind("region:", 0), 0u);
}

TEST(ReleaseHistory, TheLatestStatementOfTheRegionWins) {
  ReleaseDate early = Parsed("2022", "early");
  early.id = 1;
  early.changed_at = "2021-09-01T10:00:00Z";
  ReleaseDate exact = Parsed("2022-03-03", "day");
  exact.id = 2;
  exact.changed_at = "2021-12-01T10:00:00Z";
  ReleaseDate uk = Parsed("2022-03-04", "day");
  uk.id = 3;
  uk.region = "GB";
  uk.changed_at = "2021-12-02T10:00:00Z";
  const std::vector<ReleaseDate> history = {early, exact, uk};
  EXPECT_EQ(BestDate(history)->id, 2);
  EXPECT_EQ(BestDate(history, "GB")->id, 3);
  EXPECT_EQ(BestDate(history, "FR")->id, 2);  // No French date: everywhere's.
  EXPECT_FALSE(BestDate({}).has_value());
}

TEST(ReleaseHistory, TitleDatesKeepTheNearestCoarsePrecision) {
  EXPECT_EQ(TitleDateOf(Parsed("2022", "late")).ToText(), "late 2022");
  EXPECT_EQ(TitleDateOf(Parsed("2022", "mid")).ToText(), "2022");
  EXPECT_EQ(TitleDateOf(Parsed("2022-03-03", "time", "21:00", "UTC")).ToText(), "Mar 3, 2022");
}

TEST(TimeZones, NamesComeFromTheTzDatabase) {
  const auto& names = ZoneNames();
  ASSERT_GT(names.size(), 100u);
  EXPECT_EQ(names.front(), "UTC");
  EXPECT_NE(std::find(names.begin(), names.end(), "Europe/Paris"), names.end());
  EXPECT_FALSE(TimeZone::Load("Europe/Pariss").ok());
}

}  // namespace
}  // namespace reel::calendar
