// The search (search/search.h) over the index the store keeps, on SQLite and on
// PostgreSQL alike: every example of the search's promises on the demo catalog
// (`reel init --demo`) plus a few films added here, a new title findable in the
// write that adds it, untitled imports unlisted until named, and the rebuild.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/date.h"
#include "ingest/catalog_json.h"
#include "search/search.h"
#include "support/two_stores.h"

namespace reel {
namespace {

class SearchStoreTest : public testing::TwoStoreTest {
 protected:
  SearchStoreTest() : TwoStoreTest("search") {}
  void SetUp() override {
    TwoStoreTest::SetUp();
    if (HasFatalFailure()) return;
    auto loaded = LoadDemoCatalog(*store_);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    for (const auto& [slug, name, year] : {std::tuple{"amelie", "Amélie", "2001-01-01"},
                                           std::tuple{"the-godfather", "The Godfather", "1972-01-01"},
                                           std::tuple{"the-godfather-part-ii", "The Godfather: Part II", "1974-01-01"},
                                           std::tuple{"spider-man", "Spider-Man", "2002-01-01"}}) {
      AddFilm(slug, name, year, false);
    }
  }

  Id AddFilm(const std::string& slug, const std::string& name, const std::string& date, bool untitled) {
    Title t;
    t.kind = TitleKind::kFilm;
    t.slug = slug;
    t.name = name;
    t.untitled = untitled;
    t.release = *FuzzyDate::Make(date, "year");
    Id id = 0;
    Status st = store_->Write([&](StoreWriter& w) -> Status {
      REEL_ASSIGN_OR_RETURN(id, w.UpsertTitle(t));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return id;
  }

  search::Results Find(const std::string& text, const std::string& kind = "") {
    search::Query q{text, kind, 1, 20};
    auto r = ReadOnce(*store_, [&](Store& s) { return search::Run(s, q, UtcTimestamp()); });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : search::Results{};
  }

  // The first hit's name ("" when none).
  std::string Top(const std::string& text, const std::string& kind = "") {
    auto r = Find(text, kind);
    return r.hits.empty() ? "" : r.hits[0].doc.label;
  }

  bool Has(const std::string& text, const std::string& label) {
    auto r = Find(text);
    return std::any_of(r.hits.begin(), r.hits.end(), [&](const auto& h) { return h.doc.label == label; });
  }
};

TEST_P(SearchStoreTest, FindsByWholeNameFirst) {
  EXPECT_EQ(Top("picard"), "Star Trek: Picard");
  EXPECT_EQ(Top("star trek picard"), "Star Trek: Picard");
  EXPECT_EQ(Top("Star Trek: Picard"), "Star Trek: Picard");
  EXPECT_EQ(Top("the expanse"), "The Expanse");
  EXPECT_EQ(Top("expanse"), "The Expanse");
  auto r = Find("picard");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].doc.kind, "series");
  EXPECT_EQ(r.hits[0].path, "/tv/star-trek-picard");
}

TEST_P(SearchStoreTest, FoldsAccentsAndCase) {
  EXPECT_EQ(Top("amelie"), "Amélie");
  EXPECT_EQ(Top("AMÉLIE"), "Amélie");
  // The demo writes the character without its accent; the query may have it.
  EXPECT_EQ(Top("cristobal", "character"), "Cristobal \"Chris\" Rios");
  EXPECT_EQ(Top("Cristóbal", "character"), "Cristobal \"Chris\" Rios");
  auto r = Find("cristobal", "character");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_NE(r.hits[0].detail.find("Star Trek: Picard"), std::string::npos) << r.hits[0].detail;
  EXPECT_NE(r.hits[0].detail.find("played by"), std::string::npos);
}

TEST_P(SearchStoreTest, PunctuationAndSpacing) {
  EXPECT_EQ(Top("spider man"), "Spider-Man");
  EXPECT_EQ(Top("spiderman"), "Spider-Man");
  EXPECT_EQ(Top("spider-man"), "Spider-Man");
  const auto r = Find("startrek");
  ASSERT_GE(r.hits.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(r.hits[i].doc.label.rfind("Star Trek", 0), 0u) << r.hits[i].doc.label;
}

TEST_P(SearchStoreTest, DigitsAndRomanNumerals) {
  EXPECT_EQ(Top("godfather 2"), "The Godfather: Part II");
  EXPECT_EQ(Top("godfather part ii"), "The Godfather: Part II");
  EXPECT_EQ(Top("godfather"), "The Godfather");
}

TEST_P(SearchStoreTest, TyposByWordLength) {
  EXPECT_EQ(Top("patrik stewart"), "Patrick Stewart");  // 6 letters: one typo.
  EXPECT_EQ(Top("picrad"), "Star Trek: Picard");       // A transposition is one.
  EXPECT_EQ(Top("godfahter"), "The Godfather");        // 9 letters.
  EXPECT_EQ(Top("expanes"), "The Expanse");
  EXPECT_EQ(Top("trak"), "");                          // 4 letters: no typo allowed.
  // A different first letter costs two: not within one typo, so "did you mean".
  auto r = Find("bicard");
  EXPECT_TRUE(r.hits.empty());
  EXPECT_EQ(r.did_you_mean, "picard");
}

TEST_P(SearchStoreTest, PrefixOfTheLastWord) {
  EXPECT_TRUE(Has("pic", "Star Trek: Picard"));
  EXPECT_EQ(Top("star trek pic"), "Star Trek: Picard");
  EXPECT_EQ(Top("patrick stew"), "Patrick Stewart");
  // An exact word ranks above a word it begins.
  auto r = Find("star trek");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_FALSE(r.hits[0].prefix);
}

TEST_P(SearchStoreTest, KindFilterAndCounts) {
  auto all = Find("picard");
  EXPECT_GT(all.kinds["series"], 0);
  EXPECT_GT(all.kinds["character"], 0);
  auto chars = Find("picard", "character");
  ASSERT_FALSE(chars.hits.empty());
  for (const auto& h : chars.hits) EXPECT_EQ(h.doc.kind, "character");
  EXPECT_EQ(chars.total, all.kinds["character"]);
}

TEST_P(SearchStoreTest, DidYouMeanWhenNothingMatchesWell) {
  auto r = Find("expanze picard");  // "expanze" is one typo from expanse...
  EXPECT_FALSE(r.hits.empty());
  auto none = Find("zzqx");
  EXPECT_TRUE(none.hits.empty());
  EXPECT_EQ(none.total, 0);
}

TEST_P(SearchStoreTest, ANewTitleIsFindableAtOnceAndAnUntitledOneIsNot) {
  EXPECT_EQ(Top("zabriskie"), "");
  AddFilm("zabriskie-point", "Zabriskie Point", "1970-01-01", false);
  EXPECT_EQ(Top("zabriskie"), "Zabriskie Point");
  AddFilm("rt-5", "RT movie 5", "2001-01-01", true);
  EXPECT_FALSE(Has("rt movie 5", "RT movie 5"));
  AddFilm("rt-5", "Mulholland Drive", "2001-01-01", false);  // Named by a later import.
  EXPECT_EQ(Top("mulholland"), "Mulholland Drive");
  AddFilm("zabriskie-point", "Blow-Up", "1966-01-01", false);  // Renamed: the old name goes.
  EXPECT_EQ(Top("zabriskie"), "");
  EXPECT_EQ(Top("blow up"), "Blow-Up");
}

TEST_P(SearchStoreTest, ReindexGivesTheSameResults) {
  const std::string before = Top("patrik stewart") + "|" + Top("godfather 2") + "|" + Top("startrek");
  auto stats = store_->RebuildSearchIndex();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_GT(stats->docs, 50);
  EXPECT_GT(stats->typo_keys, stats->words);
  auto size = store_->SearchIndexSize();
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(size->docs, stats->docs);
  EXPECT_EQ(size->postings, stats->postings);
  EXPECT_EQ(Top("patrik stewart") + "|" + Top("godfather 2") + "|" + Top("startrek"), before);
}

TEST_P(SearchStoreTest, PagesAndRefusesBadQueries) {
  search::Query q{"star", "", 1, 2};
  auto r = ReadOnce(*store_, [&](Store& s) { return search::Run(s, q, UtcTimestamp()); });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->hits.size(), 2u);
  EXPECT_GT(r->Pages(), 1);
  q.page = 100000;
  auto far = ReadOnce(*store_, [&](Store& s) { return search::Run(s, q, UtcTimestamp()); });
  ASSERT_TRUE(far.ok());
  EXPECT_TRUE(far->hits.empty());
  EXPECT_EQ(far->total, r->total);
  q.text = std::string(201, 'a');
  EXPECT_EQ(search::CheckQuery(q).code(), StatusCode::kInvalidArgument);
  q.text = "x";
  q.kind = "bogus";
  EXPECT_EQ(search::CheckQuery(q).code(), StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Stores, SearchStoreTest, testing::BothStores(), testing::BackendName);

}  // namespace
}  // namespace reel
