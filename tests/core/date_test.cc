#include "core/date.h"

#include <gtest/gtest.h>

namespace reel {
namespace {

TEST(DateTest, ParsesAndFormats) {
  auto d = Date::Parse("2020-01-23");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->ToIso(), "2020-01-23");
  EXPECT_EQ(d->ToShort(), "Jan 23, 2020");
  EXPECT_EQ(d->ToLong(), "January 23, 2020");
}

TEST(DateTest, RejectsImpossibleDays) {
  EXPECT_FALSE(Date::Parse("2021-02-29").ok());
  EXPECT_TRUE(Date::Parse("2020-02-29").ok());
  EXPECT_FALSE(Date::Parse("2020-13-01").ok());
  EXPECT_FALSE(Date::Parse("2020-1-01").ok());
  EXPECT_FALSE(Date::Parse("20200123").ok());
  EXPECT_FALSE(Date::Parse("").ok());
  auto bad = Date::Parse("2020-02-30");
  EXPECT_NE(bad.status().message().find("2020-02-30"), std::string::npos);
}

TEST(DateTest, DayArithmeticRoundTrips) {
  EXPECT_EQ(Date({1970, 1, 1}).ToDays(), 0);
  EXPECT_EQ(Date({2000, 3, 1}).ToDays(), 11017);
  for (int64_t days = -800000; days < 800000; days += 997) {
    EXPECT_EQ(Date::FromDays(days).ToDays(), days);
  }
  EXPECT_EQ(Date::FromDays(Date({2022, 3, 10}).ToDays()).ToIso(), "2022-03-10");
}

TEST(FuzzyDateTest, TextPerPrecision) {
  EXPECT_EQ(FuzzyDate::Make("2022-01-01", "half")->ToText(), "early 2022");
  EXPECT_EQ(FuzzyDate::Make("2022-07-01", "half")->ToText(), "late 2022");
  EXPECT_EQ(FuzzyDate::Make("2022-04-01", "quarter")->ToText(), "Q2 2022");
  EXPECT_EQ(FuzzyDate::Make("2022-03-01", "month")->ToText(), "March 2022");
  EXPECT_EQ(FuzzyDate::Make("2022", "year")->ToText(), "2022");
  EXPECT_EQ(FuzzyDate::Make("2022-03-03", "day")->ToText(), "Mar 3, 2022");
}

TEST(FuzzyDateTest, StartMustOpenThePeriod) {
  EXPECT_FALSE(FuzzyDate::Make("2022-03-01", "half").ok());
  EXPECT_FALSE(FuzzyDate::Make("2022-02-01", "quarter").ok());
  EXPECT_FALSE(FuzzyDate::Make("2022-03-02", "month").ok());
  EXPECT_FALSE(FuzzyDate::Make("2022-03-03", "fortnight").ok());
}

TEST(RelativeDateTest, DaysThenDate) {
  const Date now{2021, 6, 20};
  EXPECT_EQ(RelativeDate({2021, 6, 20}, now), "today");
  EXPECT_EQ(RelativeDate({2021, 6, 15}, now), "5d ago");
  EXPECT_EQ(RelativeDate({2021, 6, 14}, now), "6d ago");
  EXPECT_EQ(RelativeDate({2021, 6, 13}, now), "Jun 13, 2021");
  EXPECT_EQ(RelativeDate({2021, 7, 1}, now), "Jul 1, 2021");  // Future: the date.
}

TEST(UtcTimestampTest, ParsesAndPrintsUnixSeconds) {
  EXPECT_EQ(ParseUtcTimestamp("1970-01-01T00:00:00Z").value(), 0);
  EXPECT_EQ(ParseUtcTimestamp("2021-06-13").value(), ParseUtcTimestamp("2021-06-13T00:00:00Z").value());
  EXPECT_EQ(UtcTimestampOf(ParseUtcTimestamp("2026-11-24T14:15:09Z").value()), "2026-11-24T14:15:09Z");
  EXPECT_FALSE(ParseUtcTimestamp("2026-11-24 14:15").ok());
  EXPECT_FALSE(ParseUtcTimestamp("2026-11-24T25:00:00Z").ok());
}

TEST(UtcTimestampTest, HasIsoShape) {
  const std::string ts = UtcTimestamp();
  ASSERT_EQ(ts.size(), 20u);
  EXPECT_EQ(ts[10], 'T');
  EXPECT_EQ(ts.back(), 'Z');
  EXPECT_TRUE(Date::Parse(ts.substr(0, 10)).ok());
}

}  // namespace
}  // namespace reel
