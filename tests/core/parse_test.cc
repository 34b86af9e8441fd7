#include "core/parse.h"

#include <gtest/gtest.h>

namespace reel {
namespace {

TEST(ParseTest, IntegersTakeTheWholeStringOrNothing) {
  EXPECT_EQ(ParseInt("42"), 42);
  EXPECT_EQ(ParseInt("+3"), 3);
  EXPECT_EQ(ParseInt("-7"), -7);
  EXPECT_EQ(ParseInt("9223372036854775807"), INT64_MAX);
  for (const char* bad : {"", "+", "-", "12abc", " 12", "12 ", "1.5", "0x10", "9223372036854775808", "+-1"}) {
    EXPECT_FALSE(ParseInt(bad).has_value()) << bad;
  }
}

TEST(ParseTest, PositiveRefusesZeroAndBelow) {
  EXPECT_EQ(ParsePositive("1"), 1);
  EXPECT_FALSE(ParsePositive("0").has_value());
  EXPECT_FALSE(ParsePositive("-4").has_value());
  EXPECT_FALSE(ParsePositive("12abc").has_value());
}

TEST(ParseTest, DoublesAreFinite) {
  EXPECT_EQ(ParseDouble("3.5"), 3.5);
  EXPECT_EQ(ParseDouble("-2"), -2);
  EXPECT_EQ(ParseDouble("1e3"), 1000);
  for (const char* bad : {"", "3.5x", "inf", "nan", "1e999", " 1"}) EXPECT_FALSE(ParseDouble(bad).has_value()) << bad;
}

}  // namespace
}  // namespace reel
