// The store contract, catalog slice (storage/catalog_store.h, title_reads.h;
// sql/catalog.cc, catalog_writes.cc): titles by slug and kind, children, upserts in
// place, title lists, people and credits, genres and similar titles, release dates
// and videos, lookups of many ids, and the demo catalog loading twice the same.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "ingest/catalog_json.h"
#include "store_contract.h"

namespace reel {
namespace {

TEST_P(StoreContractTest, TitlesBySlugChildrenAndUpsert) {
  const Id series = AddSeries("star-trek-picard", "Star Trek: Picard");
  const Id s1 = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  const Id s2 = AddChild(series, TitleKind::kSeason, 2, "2022-03-03");
  AddChild(s1, TitleKind::kEpisode, 2, "2020-01-30");
  AddChild(s1, TitleKind::kEpisode, 1, "2020-01-23");

  auto found = store_->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, series);
  EXPECT_EQ(found->release->start.ToIso(), "2020-01-23");
  EXPECT_EQ(store_->FindTitleBySlug(TitleKind::kFilm, "star-trek-picard").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->FindTitleBySlug(TitleKind::kSeries, "nope").status().code(), StatusCode::kNotFound);

  auto seasons = store_->ListChildren(series);
  ASSERT_EQ(seasons->size(), 2u);
  EXPECT_EQ((*seasons)[0].id, s1);
  auto eps = store_->ListChildren(s1);
  ASSERT_EQ(eps->size(), 2u);
  EXPECT_EQ((*eps)[0].number, 1);  // Ordered by number, not insertion.
  EXPECT_EQ(store_->FindChild(series, 2)->id, s2);
  EXPECT_EQ(store_->FindChild(series, 3).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetTitle(s2)->number, 2);
  EXPECT_EQ(store_->GetTitles({s2, series})->size(), 2u);

  // Upserting the same key updates in place and keeps the id.
  EXPECT_EQ(AddSeries("star-trek-picard", "Star Trek: Picard (renamed)"), series);
  EXPECT_EQ(store_->GetTitle(series)->name, "Star Trek: Picard (renamed)");
  EXPECT_EQ(AddChild(series, TitleKind::kSeason, 1, "2020-01-24"), s1);

  TitleQuery newest;
  newest.kinds = {TitleKind::kSeason};
  newest.order = TitleOrder::kReleaseNewest;
  EXPECT_EQ(store_->ListTitles(newest)->front().id, s2);
  newest.released_on_or_before = Date{2021, 1, 1};
  EXPECT_EQ(store_->ListTitles(newest)->size(), 1u);
  TitleQuery all;
  EXPECT_EQ(store_->ListTitles(all)->size(), 5u);
  all.limit = 2;
  all.offset = 4;
  EXPECT_EQ(store_->ListTitles(all)->size(), 1u);
}

TEST_P(StoreContractTest, PeopleCreditsGenresAndSimilar) {
  const Id picard = AddSeries("star-trek-picard", "Star Trek: Picard");
  const Id tng = AddSeries("star-trek-the-next-generation", "Star Trek: The Next Generation");
  const Id friends = AddSeries("friends", "Friends");
  const Id s1 = AddChild(picard, TitleKind::kSeason, 1, "2020-01-23");
  const Id e1 = AddChild(s1, TitleKind::kEpisode, 1, "2020-01-23");
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) {
    Person p;
    p.slug = "patrick-stewart";
    p.name = "Patrick Stewart";
    p.born = Date{1940, 7, 13};
    auto pid = w.UpsertPerson(p);
    if (!pid.ok()) return pid.status();
    for (auto [title, kind, role, order] : std::vector<std::tuple<Id, CreditKind, std::string, int>>{
             {picard, CreditKind::kCast, "Jean-Luc Picard", 0},
             {s1, CreditKind::kCrew, "Executive Producer", 5},
             {s1, CreditKind::kCast, "Jean-Luc Picard", 0},
             {e1, CreditKind::kCast, "Jean-Luc Picard", 0},
             {tng, CreditKind::kCast, "Jean-Luc Picard", 0}}) {
      Credit c{0, title, *pid, kind, role, order};
      if (auto r = w.UpsertCredit(c); !r.ok()) return r.status();
    }
    REEL_TRY(w.SetTitleGenres(picard, {"Science Fiction", "Drama"}));
    REEL_TRY(w.SetTitleGenres(tng, {"Science Fiction", "Adventure", "Drama"}));
    return w.SetTitleGenres(friends, {"Comedy"});
  }).ok());

  auto person = store_->FindPersonBySlug("patrick-stewart");
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->born->ToIso(), "1940-07-13");
  auto credits = store_->ListCredits(s1);
  ASSERT_EQ(credits->size(), 2u);
  EXPECT_EQ((*credits)[0].credit.kind, CreditKind::kCast);  // Cast before crew.
  EXPECT_EQ((*credits)[0].person.name, "Patrick Stewart");
  auto pc = store_->ListPersonCredits(person->id);
  ASSERT_EQ(pc->size(), 5u);
  for (const auto& row : *pc) {
    if (row.title.id == e1) {
      ASSERT_TRUE(row.season && row.series);
      EXPECT_EQ(row.season->number, 1);
      EXPECT_EQ(row.series->slug, "star-trek-picard");
    }
    if (row.title.id == s1) {
      EXPECT_EQ(row.series->id, picard);
    }
  }

  auto genres = store_->ListGenres(tng);
  ASSERT_EQ(genres->size(), 3u);
  EXPECT_EQ((*genres)[0].name, "Science Fiction");  // In the order given.
  auto similar = store_->ListSimilarByGenre(picard, 5);
  ASSERT_EQ(similar->size(), 1u);
  EXPECT_EQ((*similar)[0].id, tng);
  // Replacing genres replaces them.
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.SetTitleGenres(friends, {"Drama"}); }).ok());
  EXPECT_EQ(store_->ListSimilarByGenre(picard, 5)->size(), 2u);
  EXPECT_EQ(store_->CountRows()->at("genres"), 4);
}

TEST_P(StoreContractTest, ReleaseDatesAndVideos) {
  const Id series = AddSeries("s", "S");
  const Id season = AddChild(series, TitleKind::kSeason, 2, "2022-03-03");
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) {
    ReleaseDate vague{0, season, FuzzyDate::Make("2022-01-01", "half").value(), "early 2022", "article"};
    ReleaseDate exact{0, season, FuzzyDate::Make("2022-03-03", "day").value(), "", "official"};
    if (auto r = w.UpsertReleaseDate(vague); !r.ok()) return r.status();
    if (auto r = w.UpsertReleaseDate(exact); !r.ok()) return r.status();
    if (auto r = w.UpsertReleaseDate(exact); !r.ok()) return r.status();  // Idempotent.
    return w.UpsertVideo({0, season, "Trailer", "https://example.org/t", "trailer", 120}).status();
  }).ok());
  auto dates = store_->ListReleaseDates(season);
  ASSERT_EQ(dates->size(), 2u);
  EXPECT_EQ((*dates)[0].date.ToText(), "early 2022");
  EXPECT_EQ((*dates)[1].date.ToText(), "Mar 3, 2022");
  auto videos = store_->ListVideos(season);
  ASSERT_EQ(videos->size(), 1u);
  EXPECT_EQ(videos->front().duration_seconds, 120);
}

// More ids than a statement may carry parameters (SQLite 32,766): read in chunks.
TEST_P(StoreContractTest, LookupsOfManyIdsAreChunked) {
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  std::vector<Id> ids;
  for (Id id = 1; id <= 40000; ++id) ids.push_back(id);
  auto titles = store_->GetTitles(ids);
  ASSERT_TRUE(titles.ok()) << titles.status().ToString();
  EXPECT_EQ(titles->size(), 55u);  // Every title of the demo, once, in id order.
  EXPECT_TRUE(std::is_sorted(titles->begin(), titles->end(), [](auto& a, auto& b) { return a.id < b.id; }));
  auto counts = store_->GetScoreCountsFor(ids);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->size(), 1u);  // Only Picard season 1 has reviews and ratings.
}

TEST_P(StoreContractTest, DemoCatalogLoadsOnceAndAgain) {
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  const auto counts = store_->CountRows().value();
  EXPECT_EQ(counts.at("episodes"), 40);
  EXPECT_EQ(counts.at("critic_reviews"), 12);
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  EXPECT_EQ(store_->CountRows().value(), counts);
  auto reviews = store_->ListCriticReviews(store_->FindChild(
      store_->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard")->id, 1)->id, CriticFilter::kAll);
  ASSERT_EQ(reviews->size(), 12u);
  EXPECT_EQ(reviews->front().review.date->ToIso(), "2021-02-28");  // Newest first.
}

}  // namespace
}  // namespace reel
