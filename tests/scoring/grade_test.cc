#include "scoring/grade.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace reel::scoring {
namespace {

struct Case {
  const char* raw;
  double score;
  const char* scale;
};

TEST(ParseGradeTest, ParsesEveryWrittenForm) {
  const Case kCases[] = {
      {"3/5", 60, "/5"},
      {"2.5/4", 62.5, "/4"},
      {"3.0/4", 75, "/4"},
      {"5.5/10", 55, "/10"},
      {"0/5", 0, "/5"},
      {"10/10", 100, "/10"},
      {"3 1/2/5", 70, "/5"},
      {"3½/5", 70, "/5"},
      {".5/4", 12.5, "/4"},
      {"7,5/10", 75, "/10"},
      {"4 / 5", 80, "/5"},
      {"7 out of 10", 70, "/10"},
      {"4 of 5", 80, "/5"},
      {"3 stars", 60, "stars/5"},
      {"3.5 stars", 70, "stars/5"},
      {"3-star", 60, "stars/5"},
      {"3/4 stars", 75, "stars/4"},
      {"3 stars out of 4", 75, "stars/4"},
      {"3.5 out of 5 stars", 70, "stars/5"},
      {"four stars", 80, "stars/5"},
      {"three and a half stars", 70, "stars/5"},
      {"★★★½", 70, "stars/5"},
      {"****", 80, "stars/5"},
      {"***1/2", 70, "stars/5"},
      {"*** 1/2", 70, "stars/5"},
      {"★★★☆☆", 60, "stars/5"},
      {"★★★½☆", 70, "stars/5"},
      {"★★☆☆", 50, "stars/4"},
      {"☆☆☆☆☆", 0, "stars/5"},
      {"★★★/4", 75, "stars/4"},
      {"85%", 85, "%"},
      {"85 %", 85, "%"},
      {"100%", 100, "%"},
      {"85/100", 85, "/100"},
  };
  for (const Case& c : kCases) {
    Result<Grade> g = ParseGrade(c.raw);
    ASSERT_TRUE(g.ok()) << c.raw << ": " << g.status().ToString();
    EXPECT_NEAR(g->score, c.score, 1e-9) << c.raw;
    EXPECT_EQ(g->scale, c.scale) << c.raw;
  }
}

TEST(ParseGradeTest, LetterGradesLoseAnEighthAndAThirdPerStep) {
  const std::pair<const char*, double> kLetters[] = {
      {"A+", 100},     {"A", 100},      {"A-", 91.6667}, {"B+", 83.3333}, {"B", 75},
      {"B-", 66.6667}, {"C+", 58.3333}, {"C", 50},       {"C-", 41.6667}, {"D+", 33.3333},
      {"D", 25},       {"D-", 16.6667}, {"F+", 8.3333},  {"F", 0},        {"F-", 0},
      {"E", 0},        {"E+", 8.3333},
  };
  for (const auto& [raw, score] : kLetters) {
    Result<Grade> g = ParseGrade(raw);
    ASSERT_TRUE(g.ok()) << raw << ": " << g.status().ToString();
    EXPECT_NEAR(g->score, score, 1e-3) << raw;
    EXPECT_EQ(g->scale, "letter") << raw;
  }
}

TEST(ParseGradeTest, ToleratesSpellingCaseSpaceAndPunctuation) {
  const std::pair<const char*, double> kForms[] = {
      {"B minus", 66.6667}, {"A-plus", 100},  {"b plus", 83.3333}, {"b+", 83.3333},
      {"  B+. ", 83.3333},  {"\"B+\"", 83.3333}, {"(3/4)", 75},    {"3/5.", 60},
      {"4.5/5!", 90},       {"B +", 83.3333}, {"C−", 41.6667},     {"c-minus", 41.6667},
      {"\t3/4\r\n", 75},    {"\xC2\xA0" "3/4", 75},
  };
  for (const auto& [raw, score] : kForms) {
    Result<Grade> g = ParseGrade(raw);
    ASSERT_TRUE(g.ok()) << raw << ": " << g.status().ToString();
    EXPECT_NEAR(g->score, score, 1e-3) << raw;
  }
}

TEST(ParseGradeTest, RejectsWithAClearReason) {
  const std::pair<const char*, const char*> kBad[] = {
      {"2.1/2", "numerator above the scale"},
      {"5.5/5", "numerator above the scale"},
      {"5/4", "numerator above the scale"},
      {"******", "more stars than the scale"},
      {"6 stars", "numerator above the scale"},
      {"0/0", "zero scale"},
      {"3/0", "zero scale"},
      {"3/-5", "negative scale"},
      {"-3/5", "negative grade"},
      {"1-5", "a range is not a grade"},
      {"R", "'R' is not a letter grade"},
      {"N", "'N' is not a letter grade"},
      {"T", "'T' is not a letter grade"},
      {"8", "bare number needs its publication's scale"},
      {"3.5", "bare number needs its publication's scale"},
      {"3 1/2", "bare number needs its publication's scale"},
      {"120%", "percentage above 100"},
      {"", "empty grade"},
      {"  . ", "empty grade"},
      {"A++", "not a recognised grade"},
      {"B/B+", "not a recognised grade"},
      {"nan/5", "not a recognised grade"},
      {"1e3/5", "unexpected text"},
      {"3/5 3/5", "unexpected text"},
      {"99999999999999999999/5", "number too long"},
      {"3/", "missing scale"},
      {"3 ♥", "unexpected character"},
      {"\xFF" "3/4", "unexpected character"},
  };
  for (const auto& [raw, reason] : kBad) {
    Result<Grade> g = ParseGrade(raw);
    ASSERT_FALSE(g.ok()) << raw << " parsed as " << g->score;
    EXPECT_EQ(g.status().code(), StatusCode::kInvalidArgument) << raw;
    EXPECT_NE(g.status().message().find(reason), std::string::npos)
        << raw << ": " << g.status().message();
  }
}

TEST(ParseGradeTest, BareNumbersTakeTheGivenScale) {
  Result<Grade> g = ParseGrade("8", 10.0);
  ASSERT_TRUE(g.ok());
  EXPECT_DOUBLE_EQ(g->score, 80);
  EXPECT_EQ(g->scale, "bare/10");
  g = ParseGrade("3 1/2", 4.0);
  ASSERT_TRUE(g.ok());
  EXPECT_DOUBLE_EQ(g->score, 87.5);
  g = ParseGrade("0", 5.0);
  ASSERT_TRUE(g.ok());
  EXPECT_DOUBLE_EQ(g->score, 0);
  EXPECT_FALSE(ParseGrade("11", 10.0).ok());
  EXPECT_FALSE(ParseGrade("3", 0.0).ok());
  EXPECT_FALSE(ParseGrade("3", -5.0).ok());
  // A scale of its own wins over the bare scale.
  g = ParseGrade("3/4", 10.0);
  ASSERT_TRUE(g.ok());
  EXPECT_DOUBLE_EQ(g->score, 75);
}

TEST(ParseGradeTest, BareNumberHelpers) {
  EXPECT_TRUE(IsBareNumber("8"));
  EXPECT_TRUE(IsBareNumber(" 3.5 "));
  EXPECT_FALSE(IsBareNumber("3/5"));
  EXPECT_FALSE(IsBareNumber("B"));
  EXPECT_FALSE(IsBareNumber("1-5"));
  EXPECT_EQ(BareNumberValue("3 1/2"), 3.5);
  EXPECT_EQ(BareNumberValue("B"), std::nullopt);
}

std::optional<double> Infer(std::vector<std::string_view> grades) {
  return InferBareScale(grades);
}

TEST(InferBareScaleTest, UsesTheDominantScaleThatHoldsTheBareNumbers) {
  EXPECT_EQ(Infer({"3/4", "2/4", "3.5/4", "1.5/4", "3.5"}), 4.0);
  EXPECT_EQ(Infer({"6/10", "7/10", "8/10", "3/5", "7"}), 10.0);
  // 8 does not fit /5, so only /10 votes count.
  EXPECT_EQ(Infer({"3/5", "2/5", "3/5", "8", "9", "8/10"}), 10.0);
  // Stars vote for their scale; letters and percentages do not vote.
  EXPECT_EQ(Infer({"3 stars", "4 stars", "B", "80%", "2"}), 5.0);
}

TEST(InferBareScaleTest, FallsBackOnTheBareNumbersThemselves) {
  EXPECT_EQ(Infer({"7", "8", "6", "5", "2/5"}), 10.0);
  EXPECT_EQ(Infer({"2.5", "3.5", "5"}), 5.0);
  EXPECT_EQ(Infer({"85", "70"}), 100.0);
}

TEST(InferBareScaleTest, AmbiguousOrThinHistoriesGiveNothing) {
  EXPECT_EQ(Infer({}), std::nullopt);
  EXPECT_EQ(Infer({"B", "C+"}), std::nullopt);
  // One vote is too thin.
  EXPECT_EQ(Infer({"4/5", "3.5"}), std::nullopt);
  // /4 and /5 split the votes.
  EXPECT_EQ(Infer({"3/4", "2/4", "3/5", "2/5", "1"}), std::nullopt);
  // Bare numbers up to 4 fit /4 and /5 alike.
  EXPECT_EQ(Infer({"3", "2.5", "4", "3.5"}), std::nullopt);
  // Up to 5 but only two of them.
  EXPECT_EQ(Infer({"4.5", "5"}), std::nullopt);
  EXPECT_EQ(Infer({"1000"}), std::nullopt);
}

TEST(ParseGradeInPublicationTest, ResolvesBareNumbersAndDoubtsABare1) {
  std::vector<std::string_view> history = {"6/10", "7/10", "8/10", "1"};
  PublicationScale scale = InferPublicationScale(history);
  EXPECT_EQ(scale.bare_scale, 10.0);
  EXPECT_FALSE(scale.writes_bare_numbers);
  Result<Grade> g = ParseGradeInPublication("8", scale);
  ASSERT_TRUE(g.ok());
  EXPECT_DOUBLE_EQ(g->score, 80);
  g = ParseGradeInPublication("1", scale);
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("bare 1 is ambiguous"), std::string::npos);
  // A publication that writes bare points: its 1 is one point.
  std::vector<std::string_view> points = {"7", "8", "6", "1"};
  scale = InferPublicationScale(points);
  EXPECT_TRUE(scale.writes_bare_numbers);
  g = ParseGradeInPublication("1", scale);
  ASSERT_TRUE(g.ok());
  EXPECT_DOUBLE_EQ(g->score, 10);
  // Grades with a scale of their own ignore the publication.
  g = ParseGradeInPublication("B", PublicationScale{});
  ASSERT_TRUE(g.ok());
  EXPECT_DOUBLE_EQ(g->score, 75);
  g = ParseGradeInPublication("7", PublicationScale{});
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("publication's scale"), std::string::npos);
}

TEST(FormatGradeLineTest, PrintsScoreOrReason) {
  EXPECT_EQ(FormatGradeLine("3/5"), "3/5\t60\t/5");
  EXPECT_EQ(FormatGradeLine("3.5/4"), "3.5/4\t87.5\t/4");
  EXPECT_EQ(FormatGradeLine("A-"), "A-\t91.7\tletter");
  EXPECT_EQ(FormatGradeLine("8", 10.0), "8\t80\tbare/10");
  EXPECT_EQ(FormatGradeLine("8"), "8\t\terror: bare number needs its publication's scale");
  EXPECT_EQ(FormatGradeLine("5.5/5"), "5.5/5\t\terror: numerator above the scale (5.5 > 5)");
  EXPECT_EQ(FormatGradeLine("a\tb"), "a b\t\terror: not a recognised grade");
  EXPECT_EQ(FormatScore(8.3333), "8.3");
  EXPECT_EQ(FormatScore(0), "0");
  EXPECT_EQ(FormatScore(99.96), "100");
}

TEST(ParseGradeTest, LongAndHostileInputIsQuick) {
  std::vector<std::string> inputs = {
      std::string(100000, '*'),       std::string(150, '*'),   std::string(199, '9'),
      std::string(150, ' ') + "3/4",  "3" + std::string(190, ' ') + "/4",
      std::string(60, '1') + "/" + std::string(60, '2'),
  };
  std::string stars;
  for (int i = 0; i < 60; ++i) stars += "★ ";
  inputs.push_back(stars);
  auto start = std::chrono::steady_clock::now();
  for (const std::string& in : inputs) {
    for (int i = 0; i < 100; ++i) (void)ParseGrade(in, 10.0);
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 1.0);
  EXPECT_FALSE(ParseGrade(std::string(100000, '*')).ok());
  EXPECT_TRUE(ParseGrade(std::string(150, ' ') + "3/4").ok());
  EXPECT_TRUE(ParseGrade("3" + std::string(190, ' ') + "/4").ok());
}

}  // namespace
}  // namespace reel::scoring

namespace reel::scoring {
namespace {

// The rarer denominators SOURCE.md lists (/6 x39, /2 x13, /8 x8).
TEST(GradeTest, RareDenominatorsFromTheSharedData) {
  EXPECT_NEAR(ParseGrade("4/6")->score, 66.667, 1e-3);
  EXPECT_EQ(ParseGrade("4/6")->scale, "/6");
  EXPECT_DOUBLE_EQ(ParseGrade("6/8")->score, 75);
  EXPECT_DOUBLE_EQ(ParseGrade("1.5/2")->score, 75);
  EXPECT_FALSE(ParseGrade("7/6").ok());
}

}  // namespace
}  // namespace reel::scoring
