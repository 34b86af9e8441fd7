#include "scoring/rt_eval.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "core/text.h"
#include "core/tsv.h"
#include "support/shared_data.h"

#ifndef REEL_SOURCE_DIR
#define REEL_SOURCE_DIR "."
#endif

namespace reel::scoring {
namespace {

TEST(DelimitedReaderTest, ReadsQuotedFieldsAndCrlf) {
  std::string text =
      "a\tb\tc\r\n"
      "1\t\"say \"\"hi\"\"\tthere\"\t\r\n"
      "2\t\"two\nlines\"\tx\n"
      "3\tplain \"quote\"\t\"q\"tail";
  DelimitedReader reader(text, '\t');
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"1", "say \"hi\"\tthere", ""}));
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"2", "two\nlines", "x"}));
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(reader.line(), 5);
  EXPECT_EQ(f, (std::vector<std::string>{"3", "plain \"quote\"", "qtail"}));
  EXPECT_FALSE(*reader.Next(&f));
}

TEST(DelimitedReaderTest, UnclosedQuoteNamesTheLine) {
  std::string text = "a,b\n1,\"open\n";
  DelimitedReader reader(text, ',');
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(&f));
  Result<bool> r = reader.Next(&f);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 2"), std::string::npos);
}

TEST(Utf8Test, ConvertsLatin1) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9"));
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_EQ(Latin1ToUtf8("a\xA0" "b\xE9"), "a\xC2\xA0" "b\xC3\xA9");
}

TEST(FoldOfTest, IsStableAndInRange) {
  EXPECT_EQ(FoldOf("3", 5), FoldOf("3", 5));
  int seen[5] = {0, 0, 0, 0, 0};
  for (int i = 0; i < 1000; ++i) {
    int f = FoldOf(std::to_string(i), 5);
    ASSERT_GE(f, 0);
    ASSERT_LT(f, 5);
    ++seen[f];
  }
  for (int n : seen) EXPECT_GT(n, 100);
}

TEST(EvalRtTextTest, CountsAndResolvesBareNumbers) {
  std::string text = "id\treview\trating\tfresh\tcritic\ttop_critic\tpublisher\tdate\r\n";
  // Ten movies; Paper grades out of 10, one review is a bare 8; one grade is invalid.
  for (int movie = 0; movie < 10; ++movie) {
    std::string id = std::to_string(movie);
    text += id + "\tA fine, \xA0moving film.\t8/10\tfresh\tAnn\t0\tPaper\tMay 1, 2010\r\n";
    text += id + "\t\"A dull, \"\"tedious\"\" film.\"\t3/10\trotten\tAnn\t0\tPaper\tMay 1, 2010\r\n";
    text += id + "\tNo grade here, moving.\t\tfresh\tBob\t0\tSite\tMay 1, 2010\r\n";
  }
  text += "1\tA fine film.\t8\tfresh\tAnn\t0\tPaper\tMay 1, 2010\r\n";
  text += "2\tDull.\t5.5/5\trotten\tAnn\t0\tPaper\tMay 1, 2010\r\n";
  Result<RtEvalReport> r = EvalRtText(text, "fixture.tsv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->reviews, 32);
  EXPECT_EQ(r->graded, 22);
  EXPECT_EQ(r->parsed, 21);
  EXPECT_EQ(r->bare, 1);
  EXPECT_EQ(r->bare_resolved, 1);
  EXPECT_EQ(r->baseline_agree, 21);
  EXPECT_EQ(r->agree, 21);
  EXPECT_EQ(r->with_text, 32);
  EXPECT_EQ(r->unparsed_reasons.at("numerator above the scale (5.5 > 5)"), 1);
  EXPECT_EQ(r->ToLine(),
            "reviews=32 graded=22 parsed=21 coverage=95.45% agree=100.00% "
            "baseline_agree=100.00% text_agree=" +
                [&] {
                  char buf[32];
                  std::snprintf(buf, sizeof(buf), "%.2f%%", r->text_agree_percent());
                  return std::string(buf);
                }());
}

TEST(EvalRtTextTest, BadInputNamesThePlace) {
  Result<RtEvalReport> r = EvalRtText("id\treview\tfresh\tpublisher\n", "x.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "x.tsv:1: missing column 'rating'");
  r = EvalRtText("id\trating\tfresh\tpublisher\n1\t3/5\tmaybe\tP\n", "x.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "x.tsv:2: fresh: expected 'fresh' or 'rotten', got 'maybe'");
  r = EvalRtText("id\trating\tfresh\tpublisher\n1\t3/5\tfresh\n", "x.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "x.tsv:2: expected 4 fields, got 3");
  Result<RtEvalReport> missing = EvalRt("/nonexistent/rt.reviews.tsv.gz");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

// A file where publication "Harsh" grades 3/5 and 4/5 on each of `movies` movies,
// labelling 3/5 with `three_label` and 4/5 fresh.
std::string HarshFile(int first_movie, int movies, const std::string& three_label) {
  std::string text = "id\treview\trating\tfresh\tcritic\ttop_critic\tpublisher\tdate\r\n";
  for (int movie = first_movie; movie < first_movie + movies; ++movie) {
    std::string id = std::to_string(movie);
    text += id + "\t\t3/5\t" + three_label + "\tAnn\t0\tHarsh\tMay 1, 2010\r\n";
    text += id + "\t\t4/5\tfresh\tAnn\t0\tHarsh\tMay 1, 2010\r\n";
  }
  return text;
}

TEST(EvalRtTrainTestTest, LearnsFromTheTrainFileOnly) {
  // The train file teaches that Harsh's 3/5 is rotten (the fixed >= 60 rule says fresh).
  const std::string train = HarshFile(0, 30, "rotten");
  Result<RtEvalReport> r = EvalRtTrainTest(train, "train.tsv", HarshFile(100, 10, "rotten"), "test.tsv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->reviews, 20);  // The test file's rows only.
  EXPECT_EQ(r->parsed, 20);
  EXPECT_EQ(r->baseline_agree, 10);
  EXPECT_EQ(r->agree, 20);
  // Labels of the test file never inform its predictions: when they contradict the
  // train file, the predictions follow the train file and disagree.
  r = EvalRtTrainTest(train, "train.tsv", HarshFile(100, 10, "fresh"), "test.tsv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->agree, 10);
  EXPECT_EQ(r->baseline_agree, 20);
}

TEST(EvalRtTrainTestTest, BareNumbersTakeTheScaleOfEveryStoredGrade) {
  // The test file's publication writes bare numbers; its out-of-10 grades appear
  // only in the train file.
  std::string train = "id\trating\tfresh\tpublisher\r\n";
  for (int m = 0; m < 20; ++m) train += std::to_string(m) + "\t" + std::to_string(m % 10 + 1) + "/10\t" +
                                        (m % 10 >= 5 ? "fresh" : "rotten") + "\tTens\r\n";
  const std::string test = "id\trating\tfresh\tpublisher\r\n50\t8\tfresh\tTens\r\n51\t2\trotten\tTens\r\n";
  Result<RtEvalReport> r = EvalRtTrainTest(train, "train.tsv", test, "test.tsv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->bare, 2);
  EXPECT_EQ(r->bare_resolved, 2);
  EXPECT_EQ(r->agree, 2);
  RtEvalOptions strict;
  strict.scales_from_train_only = true;
  r = EvalRtTrainTest(train, "train.tsv", test, "test.tsv", strict);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->bare_resolved, 2);
}

TEST(EvalRtTrainTestTest, BadInputNamesTheFile) {
  const std::string good = HarshFile(0, 2, "rotten");
  Result<RtEvalReport> r = EvalRtTrainTest("id\trating\tfresh\tpublisher\n1\t3/5\tmaybe\tP\n", "train.tsv", good,
                                           "test.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "train.tsv:2: fresh: expected 'fresh' or 'rotten', got 'maybe'");
  r = EvalRtTrainTest(good, "train.tsv", "id\treview\n", "test.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "test.tsv:1: missing column 'rating'");
}

TEST(EvalRtTest, RealRottenTomatoesReviews) {
  const std::string path = testing::SharedDataPath("rotten-tomatoes-flatiron-rt-reviews/rt.reviews.tsv.gz");
  REEL_REQUIRE_SHARED_DATA(path);
  Result<RtEvalReport> r = EvalRt(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::cout << r->ToLine() << "\n";
  EXPECT_EQ(r->reviews, 43074);
  EXPECT_GE(r->coverage_percent(), 99.5);
  EXPECT_GE(r->agree_percent(), r->baseline_agree_percent() + 1.0);
  EXPECT_GE(r->agree_percent(), 96.0);
  EXPECT_GT(r->text_agree_percent(), 70.0);
  // The calibrated cut alone still beats the fixed rule.
  EXPECT_GT(r->agree_grade_only_percent(), r->baseline_agree_percent() + 1.0);
}

// Data the model has never seen: one movie in five is held out as the test file and
// the rest is the train file, as a site learns from its stored history and scores new
// reviews. Five different hold-outs (hashes other than the cross-validation folds'),
// since one fifth of the movies varies by about half a point from draw to draw.
TEST(EvalRtTest, RealReviewsOfMoviesNeverSeen) {
  const std::string path = testing::SharedDataPath("rotten-tomatoes-flatiron-rt-reviews/rt.reviews.tsv.gz");
  REEL_REQUIRE_SHARED_DATA(path);
  Result<std::string> text = ReadMaybeGzipFile(path);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  double agree_sum = 0;
  const int kDraws = 5;
  for (int draw = 0; draw < kDraws; ++draw) {
    std::string train, test;
    size_t start = 0;
    bool header = true;
    while (start < text->size()) {
      size_t end = text->find('\n', start);
      end = end == std::string::npos ? text->size() : end + 1;
      std::string_view line(text->data() + start, end - start);
      start = end;
      if (header) {
        train += line;
        test += line;
        header = false;
        continue;
      }
      std::string_view id = line.substr(0, line.find('\t'));
      (FoldOf("holdout" + std::to_string(draw) + "-" + std::string(id), 5) == 0 ? test : train) += line;
    }
    Result<RtEvalReport> r = EvalRtTrainTest(train, "train.tsv", test, "test.tsv");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    std::cout << "held out, draw " << draw << ": " << r->ToLine() << "\n";
    EXPECT_GT(r->reviews, 5000);
    EXPECT_GE(r->coverage_percent(), 99.5);
    EXPECT_GE(r->agree_percent(), 95.5);
    EXPECT_GT(r->agree_percent(), r->baseline_agree_percent() + 1.0);
    agree_sum += r->agree_percent();
  }
  EXPECT_GE(agree_sum / kDraws, 96.0);
}

}  // namespace
}  // namespace reel::scoring
