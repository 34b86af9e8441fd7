#include "scoring/sentiment.h"

#include <gtest/gtest.h>

namespace reel::scoring {
namespace {

Grade G(double score, const char* scale) { return Grade{score, scale}; }

void AddMany(SentimentCalibrator* c, const char* publication, const char* critic,
             const Grade& grade, Sentiment label, int times) {
  for (int i = 0; i < times; ++i) c->Add(publication, critic, grade, label);
}

TEST(BaselineSentimentTest, SixtyIsFresh) {
  EXPECT_EQ(BaselineSentiment(60), Sentiment::kFresh);
  EXPECT_EQ(BaselineSentiment(59.99), Sentiment::kRotten);
  EXPECT_EQ(BaselineSentiment(100), Sentiment::kFresh);
  EXPECT_EQ(BaselineSentiment(0), Sentiment::kRotten);
}

TEST(ScaleFamilyTest, GroupsScalesThatMeanTheSame) {
  EXPECT_EQ(ScaleFamily("/4"), "/4");
  EXPECT_EQ(ScaleFamily("bare/10"), "/10");
  EXPECT_EQ(ScaleFamily("stars/5"), "/5");
  EXPECT_EQ(ScaleFamily("%"), "/100");
  EXPECT_EQ(ScaleFamily("letter"), "letter");
}

TEST(SentimentCalibratorTest, UnfittedOrUnknownUsesTheDefaultCut) {
  SentimentCalibrator c;
  EXPECT_DOUBLE_EQ(c.Cut("Any", "One", "/4"), kDefaultFreshCut);
  EXPECT_TRUE(c.IsFresh("Any", "One", G(62.5, "/4")));
  c.Add("Paper", "Critic", G(75, "/4"), Sentiment::kFresh);
  c.Fit();
  EXPECT_DOUBLE_EQ(c.Cut("Other", "", "/10"), kDefaultFreshCut);
  EXPECT_FALSE(c.IsFresh("Other", "", G(50, "/10")));
}

TEST(SentimentCalibratorTest, IgnoresReviewsWithoutALabel) {
  SentimentCalibrator c;
  AddMany(&c, "Paper", "", G(62.5, "/4"), Sentiment::kNone, 10);
  EXPECT_EQ(c.size(), 0);
  c.Fit();
  EXPECT_EQ(c.Derive("Paper", "", G(62.5, "/4")), Sentiment::kFresh);
  EXPECT_EQ(c.Derive("Paper", "", G(50, "/4")), Sentiment::kRotten);
}

TEST(SentimentCalibratorTest, LearnsAStricterPublication) {
  SentimentCalibrator c;
  // The catalogue at large: 2.5/4 is a coin toss, 3/4 fresh, 2/4 rotten.
  for (int i = 0; i < 20; ++i) {
    std::string paper = "Paper" + std::to_string(i);
    AddMany(&c, paper.c_str(), "", G(75, "/4"), Sentiment::kFresh, 3);
    AddMany(&c, paper.c_str(), "", G(50, "/4"), Sentiment::kRotten, 3);
    c.Add(paper.c_str(), "", G(62.5, "/4"), i % 2 ? Sentiment::kFresh : Sentiment::kRotten);
  }
  // The Strict Times calls every 2.5/4 rotten.
  AddMany(&c, "Strict Times", "", G(62.5, "/4"), Sentiment::kRotten, 12);
  AddMany(&c, "Strict Times", "", G(75, "/4"), Sentiment::kFresh, 10);
  // The Kind Gazette calls 2.5/4 fresh.
  AddMany(&c, "Kind Gazette", "", G(62.5, "/4"), Sentiment::kFresh, 12);
  AddMany(&c, "Kind Gazette", "", G(50, "/4"), Sentiment::kRotten, 10);
  c.Fit();
  EXPECT_FALSE(c.IsFresh("Strict Times", "", G(62.5, "/4")));
  EXPECT_TRUE(c.IsFresh("Strict Times", "", G(75, "/4")));
  EXPECT_TRUE(c.IsFresh("Kind Gazette", "", G(62.5, "/4")));
  EXPECT_FALSE(c.IsFresh("Kind Gazette", "", G(50, "/4")));
  EXPECT_GT(c.Cut("Strict Times", "", "/4"), 62.5);
  EXPECT_LE(c.Cut("Kind Gazette", "", "/4"), 62.5);
  EXPECT_EQ(c.size(), 20 * 7 + 22 + 22);
}

void AddThinHistories(SentimentCalibrator* c) {
  // The catalogue calls 3/5 fresh.
  for (int i = 0; i < 200; ++i) {
    c->Add("Big", "", G(60, "/5"), Sentiment::kFresh);
    c->Add("Big", "", G(40, "/5"), Sentiment::kRotten);
  }
  // Two reviews are below the minimum history: no cut of their own.
  AddMany(c, "Tiny", "", G(60, "/5"), Sentiment::kRotten, 2);
  AddMany(c, "Small", "", G(60, "/5"), Sentiment::kRotten, 3);
  AddMany(c, "Firm", "", G(60, "/5"), Sentiment::kRotten, 20);
  c->Fit();
}

TEST(SentimentCalibratorTest, ThinHistoriesStayNearTheParent) {
  CalibratorOptions strong;
  strong.shrinkage = 20;
  SentimentCalibrator c(strong);
  AddThinHistories(&c);
  EXPECT_TRUE(c.IsFresh("Tiny", "", G(60, "/5")));
  // Three reviews do not outweigh twenty pseudo-reviews of the catalogue...
  EXPECT_TRUE(c.IsFresh("Small", "", G(60, "/5")));
  // ...twenty do.
  EXPECT_FALSE(c.IsFresh("Firm", "", G(60, "/5")));

  // The default shrinkage (5 pseudo-reviews, most of them far from the cut) lets three
  // unanimous reviews move the cut, but not two.
  SentimentCalibrator d;
  AddThinHistories(&d);
  EXPECT_TRUE(d.IsFresh("Tiny", "", G(60, "/5")));
  EXPECT_FALSE(d.IsFresh("Small", "", G(60, "/5")));
  EXPECT_FALSE(d.IsFresh("Firm", "", G(60, "/5")));
  EXPECT_TRUE(d.IsFresh("Big", "", G(60, "/5")));
}

TEST(SentimentCalibratorTest, CriticsWithHistoryGetTheirOwnCut) {
  SentimentCalibrator c;
  for (int i = 0; i < 30; ++i) {
    c.Add("Paper", "Ann", G(62.5, "/4"), Sentiment::kFresh);
    c.Add("Paper", "Ann", G(50, "/4"), Sentiment::kRotten);
    c.Add("Paper", "Bob", G(62.5, "/4"), Sentiment::kRotten);
    c.Add("Paper", "Bob", G(75, "/4"), Sentiment::kFresh);
  }
  c.Fit();
  EXPECT_TRUE(c.IsFresh("Paper", "Ann", G(62.5, "/4")));
  EXPECT_FALSE(c.IsFresh("Paper", "Bob", G(62.5, "/4")));
  // Cuts are per scale family: Bob's /4 history says nothing of his letters.
  EXPECT_DOUBLE_EQ(c.Cut("Paper", "Bob", "letter"), kDefaultFreshCut);
}

TEST(SentimentCalibratorTest, DerivedSentimentIsMonotoneInTheScore) {
  SentimentCalibrator c;
  for (int i = 0; i < 40; ++i) {
    for (double s : {0.0, 25.0, 37.5, 50.0, 62.5, 75.0, 87.5, 100.0}) {
      c.Add("P" + std::to_string(i % 7), "C" + std::to_string(i % 11), G(s, "/4"),
            (s >= 62.5 && (i % 3 != 0)) || s >= 75 ? Sentiment::kFresh : Sentiment::kRotten);
    }
  }
  c.Fit();
  for (int p = 0; p < 7; ++p) {
    for (int k = 0; k < 11; ++k) {
      bool was_fresh = false;
      for (int s = 0; s <= 100; ++s) {
        bool fresh = c.IsFresh("P" + std::to_string(p), "C" + std::to_string(k), G(s, "/4"));
        EXPECT_FALSE(was_fresh && !fresh) << p << " " << k << " " << s;
        was_fresh = fresh;
      }
    }
  }
}

TEST(SentimentCalibratorTest, TextSettlesCoinTossGrades) {
  SentimentCalibrator c;
  for (int i = 0; i < 20; ++i) {
    c.Add("Paper", "Ann", G(62.5, "/4"), i % 2 ? Sentiment::kFresh : Sentiment::kRotten);
    c.Add("Paper", "Ann", G(100, "/4"), Sentiment::kFresh);
    c.Add("Paper", "Ann", G(25, "/4"), Sentiment::kRotten);
  }
  c.Fit();
  double p = c.FreshProbability("Paper", "Ann", G(62.5, "/4"));
  EXPECT_GT(p, 0.3);
  EXPECT_LT(p, 0.7);
  EXPECT_EQ(c.Derive("Paper", "Ann", G(62.5, "/4"), 8.0), Sentiment::kFresh);
  EXPECT_EQ(c.Derive("Paper", "Ann", G(62.5, "/4"), -8.0), Sentiment::kRotten);
  // A unanimous history is not overturned by a mildly contrary text.
  EXPECT_GT(c.FreshProbability("Paper", "Ann", G(100, "/4")), 0.9);
  EXPECT_EQ(c.Derive("Paper", "Ann", G(100, "/4"), -5.0), Sentiment::kFresh);
  EXPECT_EQ(c.Derive("Paper", "Ann", G(25, "/4"), 5.0), Sentiment::kRotten);
}

}  // namespace
}  // namespace reel::scoring
