#include "scoring/rescore.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "storage/store.h"

namespace reel::scoring {
namespace {

ReviewScoringRow Row(std::string pub, std::string critic, std::string grade, Sentiment s = Sentiment::kNone,
                     SentimentSource src = SentimentSource::kNone, std::string quote = "") {
  ReviewScoringRow r;
  r.publication = std::move(pub);
  r.critic = std::move(critic);
  r.grade_raw = std::move(grade);
  r.sentiment = s;
  r.source = src;
  r.quote = std::move(quote);
  return r;
}

TEST(RescoreTest, BareNumbersTakeThePublicationsScale) {
  std::vector<ReviewScoringRow> rows = {Row("paper", "a", "3/4"), Row("paper", "b", "2/4"), Row("paper", "a", "1/4"),
                                        Row("paper", "c", "3"), Row("other", "d", "3")};
  auto v = Rescore(rows);
  ASSERT_TRUE(v[3].grade_score);
  EXPECT_DOUBLE_EQ(*v[3].grade_score, 75);  // 3 of 4.
  EXPECT_FALSE(v[4].grade_score);            // No history: unscored, kept verbatim.
  EXPECT_EQ(v[4].sentiment, Sentiment::kNone);
}

TEST(RescoreTest, TheCriticsOwnLabelWins) {
  std::vector<ReviewScoringRow> rows = {Row("p", "a", "1/5", Sentiment::kFresh, SentimentSource::kCritic),
                                        Row("p", "a", "5/5", Sentiment::kRotten, SentimentSource::kEditor)};
  auto v = Rescore(rows);
  EXPECT_EQ(v[0].sentiment, Sentiment::kFresh);
  EXPECT_EQ(v[0].source, SentimentSource::kCritic);
  EXPECT_DOUBLE_EQ(*v[0].grade_score, 20);
  EXPECT_EQ(v[1].sentiment, Sentiment::kRotten);
  EXPECT_EQ(v[1].source, SentimentSource::kEditor);
}

TEST(RescoreTest, UnlabelledGradesFollowThePublicationsCut) {
  // This publication calls a 3/5 rotten, every time; the fixed rule (>= 60) would
  // call it fresh.
  std::vector<ReviewScoringRow> rows;
  for (int i = 0; i < 12; ++i) {
    rows.push_back(Row("strict", "s" + std::to_string(i % 3), "3/5", Sentiment::kRotten, SentimentSource::kCritic));
    rows.push_back(Row("strict", "s" + std::to_string(i % 3), "4/5", Sentiment::kFresh, SentimentSource::kCritic));
  }
  rows.push_back(Row("strict", "s0", "3/5"));
  rows.push_back(Row("strict", "s1", "4/5"));
  // A publication without history takes the whole catalogue's cut for its scale,
  // which this catalogue also puts above 3/5.
  rows.push_back(Row("newcomer", "n0", "3/5"));
  auto v = Rescore(rows);
  const size_t n = rows.size();
  EXPECT_EQ(v[n - 3].sentiment, Sentiment::kRotten);
  EXPECT_EQ(v[n - 3].source, SentimentSource::kGrade);
  EXPECT_EQ(v[n - 2].sentiment, Sentiment::kFresh);
  EXPECT_EQ(v[n - 1].sentiment, Sentiment::kRotten);
}

TEST(RescoreTest, TextOnlyReviewsGetASuggestionOnlyWithEnoughTraining) {
  std::vector<ReviewScoringRow> rows;
  for (int i = 0; i < kMinTextTraining / 2; ++i) {
    rows.push_back(Row("p", "a", "", Sentiment::kFresh, SentimentSource::kCritic, "brilliant moving triumph"));
    rows.push_back(Row("p", "a", "", Sentiment::kRotten, SentimentSource::kCritic, "dull tedious mess"));
  }
  rows.push_back(Row("p", "b", "", Sentiment::kNone, SentimentSource::kNone, "a brilliant triumph"));
  auto v = Rescore(rows);
  EXPECT_EQ(v.back().sentiment, Sentiment::kFresh);
  EXPECT_EQ(v.back().source, SentimentSource::kText);
  rows.erase(rows.begin(), rows.begin() + 2);  // One pair short of the minimum.
  EXPECT_EQ(Rescore(rows).back().source, SentimentSource::kNone);
}

TEST(RescoreStoreTest, WritesVerdictsAndKeepsSuggestionsOutOfTheScore) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("reel-rescore-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto store = std::move(Store::Open((dir / "t.db").string()).value());
  Id film = 0;
  ASSERT_TRUE(store->Write([&](StoreWriter& w) -> Status {
    Title t;
    t.kind = TitleKind::kFilm;
    t.slug = "f";
    t.name = "F";
    auto id = w.UpsertTitle(t);
    if (!id.ok()) return id.status();
    film = *id;
    auto pub = w.UpsertPublication({0, "paper", "Paper", ""});
    if (!pub.ok()) return pub.status();
    for (int i = 0; i < 60; ++i) {
      CriticReview r;
      r.title_id = film;
      r.publication_id = *pub;
      const bool fresh = i % 2 == 0;
      r.quote = fresh ? "brilliant moving triumph" : "dull tedious mess";
      r.grade_raw = fresh ? "8/10" : "4/10";
      r.sentiment = fresh ? Sentiment::kFresh : Sentiment::kRotten;
      r.sentiment_source = SentimentSource::kCritic;
      if (auto x = w.UpsertCriticReview(r, "r" + std::to_string(i)); !x.ok()) return x.status();
    }
    CriticReview bare;  // A bare number: 9 on this paper's /10 scale.
    bare.title_id = film;
    bare.publication_id = *pub;
    bare.grade_raw = "9";
    if (auto x = w.UpsertCriticReview(bare, "bare"); !x.ok()) return x.status();
    CriticReview text;  // Text only: a suggestion.
    text.title_id = film;
    text.quote = "a brilliant triumph";
    return w.UpsertCriticReview(text, "text").status();
  }).ok());
  EXPECT_EQ(store->GetScoreCounts(film)->fresh, 30);

  auto report = RescoreStore(*store);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->reviews, 62);
  // The 60 labelled reviews were stored without a normalised grade: rescoring adds it
  // (and keeps their labels); the bare number and the text-only review get verdicts.
  EXPECT_EQ(report->changed, 62);
  EXPECT_EQ(report->derived, 1);
  EXPECT_EQ(report->suggested, 1);
  const ScoreCounts c = store->GetScoreCounts(film).value();
  EXPECT_EQ(c.fresh, 31);  // The bare 9/10 counts; the text suggestion does not.
  EXPECT_EQ(c.rotten, 30);
  EXPECT_EQ(c.graded, 61);
  EXPECT_EQ(store->RecomputeAggregates()->drifted, 0);
  EXPECT_EQ(RescoreStore(*store)->changed, 0);  // Idempotent.
  store.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace reel::scoring
