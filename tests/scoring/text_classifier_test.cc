#include "scoring/text_classifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace reel::scoring {
namespace {

TEST(TextFeaturesTest, LowerCasesCountsOnceAndAddsPairs) {
  std::vector<uint64_t> a = TextFeatures("Great film, GREAT cast!", TextNgrams::kWords);
  std::vector<uint64_t> b = TextFeatures("great cast film", TextNgrams::kWords);
  EXPECT_EQ(a, b);  // Three distinct words either way.
  EXPECT_EQ(a.size(), 3u);
  std::vector<uint64_t> with_pairs = TextFeatures("great film", TextNgrams::kWordsAndPairs);
  EXPECT_EQ(with_pairs.size(), 3u);
  EXPECT_NE(TextFeatures("film great"), TextFeatures("great film"));
  EXPECT_TRUE(TextFeatures("").empty());
  EXPECT_TRUE(TextFeatures(" ... !!! ' ").empty());
  // Inner apostrophes belong to the word, outer ones do not.
  EXPECT_EQ(TextFeatures("'isn't'", TextNgrams::kWords), TextFeatures("isn't", TextNgrams::kWords));
  EXPECT_NE(TextFeatures("isn't", TextNgrams::kWords), TextFeatures("isn t", TextNgrams::kWords));
}

TEST(TextClassifierTest, LearnsWhichWordsAreFresh) {
  TextClassifier c;
  const char* kFresh[] = {"a triumph, moving and funny", "funny and wise", "a moving triumph",
                          "wise, warm and funny", "an absolute triumph"};
  const char* kRotten[] = {"a dull mess", "tedious and dull", "a tedious, boring mess",
                           "boring from start to finish", "dull dull dull"};
  for (const char* t : kFresh) c.Add(t, Sentiment::kFresh);
  for (const char* t : kRotten) c.Add(t, Sentiment::kRotten);
  c.Fit();
  EXPECT_GT(c.vocabulary_size(), 10u);
  EXPECT_EQ(c.Classify("funny and moving"), Sentiment::kFresh);
  EXPECT_EQ(c.Classify("a boring, tedious film"), Sentiment::kRotten);
  EXPECT_GT(c.FreshProbability("a triumph"), 0.5);
  EXPECT_LT(c.FreshProbability("a mess"), 0.5);
  EXPECT_GT(c.FreshLogOdds("wise"), 0);
  // Unknown words leave the prior (here even).
  EXPECT_NEAR(c.FreshLogOdds("zzz qqq"), 0, 1e-9);
  EXPECT_DOUBLE_EQ(c.FreshLogOdds("wise"),
                   c.FreshLogOddsOfFeatures(TextFeatures("wise")));
}

TEST(TextClassifierTest, UnfittedIsUndecided) {
  TextClassifier c;
  c.Add("great", Sentiment::kFresh);
  EXPECT_DOUBLE_EQ(c.FreshLogOdds("great"), 0);
  EXPECT_DOUBLE_EQ(c.FreshProbability("great"), 0.5);
}

TEST(TextClassifierTest, PriorFollowsTheLabels) {
  TextClassifier c;
  for (int i = 0; i < 9; ++i) c.Add("", Sentiment::kFresh);
  c.Add("", Sentiment::kRotten);
  c.Fit();
  EXPECT_NEAR(c.FreshLogOdds("anything"), std::log(10.0 / 2.0), 1e-9);
}

}  // namespace
}  // namespace reel::scoring
