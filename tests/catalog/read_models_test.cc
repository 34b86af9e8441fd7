// The read models of the pages (catalog/*_page.h) on the demo catalog, on SQLite and
// PostgreSQL: each loads what its page shows, and loaded through ReadOnce (as every
// page handler does) all of its reads share one pooled connection, so one snapshot.
#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/film_page.h"
#include "catalog/home_page.h"
#include "catalog/person_page.h"
#include "catalog/season_page.h"
#include "catalog/browse_page.h"
#include "catalog/series_page.h"
#include "ingest/catalog_json.h"
#include "storage/sql_store.h"
#include "support/two_stores.h"

namespace reel {
namespace {

using testing::Backend;

class ReadModelsTest : public testing::TwoStoreTest {
 protected:
  ReadModelsTest() : TwoStoreTest("read-models") {}
  void SetUp() override {
    TwoStoreTest::SetUp();
    if (HasFatalFailure()) return;
    auto loaded = LoadDemoCatalog(*store_);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    sql_ = dynamic_cast<SqlStore*>(store_.get());
    ASSERT_NE(sql_, nullptr);
  }

  // Loads a read model through ReadOnce and records how many connections it leased.
  template <typename Load>
  auto Loaded(Load load) {
    const uint64_t before = sql_->LeasesTaken();
    auto out = ReadOnce(*store_, load);
    leases_ = sql_->LeasesTaken() - before;
    return out;
  }

  const Date today_ = Date::Parse("2026-12-03").value();
  SqlStore* sql_ = nullptr;
  uint64_t leases_ = 0;
};

TEST_P(ReadModelsTest, TheSeasonPageReadsEverythingItShowsOnOneConnection) {
  auto page = Loaded([&](Store& s) { return catalog::LoadSeasonPage(s, "star-trek-picard", 1, today_); });
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(leases_, 1u);
  ASSERT_TRUE(page->found);
  EXPECT_EQ(page->path, "/tv/star-trek-picard/s01");
  EXPECT_EQ(page->season.number, 1);
  EXPECT_GE(page->seasons.size(), 1u);
  EXPECT_FALSE(page->episodes.empty());
  EXPECT_TRUE(std::is_sorted(page->episodes.begin(), page->episodes.end(),
                             [](const Title& a, const Title& b) { return a.number < b.number; }));
  EXPECT_FALSE(page->credits.empty());  // The season's own, or the series' in their place.

  // The API's summary is the same season, read on one connection too.
  auto summary = Loaded([&](Store& s) { return catalog::LoadSeasonSummary(s, "star-trek-picard", 1); });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(leases_, 1u);
  EXPECT_EQ(summary->season.id, page->season.id);
  EXPECT_EQ(summary->episodes.size(), page->episodes.size());
  EXPECT_EQ(summary->counts.fresh, page->counts.fresh);
  EXPECT_EQ(summary->counts.rotten, page->counts.rotten);
}

TEST_P(ReadModelsTest, AMissingSeasonIsNamedAndAMissingSeriesIsNotFound) {
  auto page = Loaded([&](Store& s) { return catalog::LoadSeasonPage(s, "star-trek-picard", 99, today_); });
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_FALSE(page->found);
  EXPECT_EQ(page->missing.code(), StatusCode::kNotFound);
  auto none = Loaded([&](Store& s) { return catalog::LoadSeasonPage(s, "no-such-series", 1, today_); });
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(leases_, 1u);
}

TEST_P(ReadModelsTest, EveryPageLoadsOnOneConnection) {
  auto episode = Loaded([&](Store& s) { return catalog::LoadEpisodePage(s, "star-trek-picard", 1, 1); });
  ASSERT_TRUE(episode.ok()) << episode.status().ToString();
  EXPECT_TRUE(episode->found);
  EXPECT_TRUE(episode->next.has_value());
  EXPECT_EQ(leases_, 1u);

  auto series = Loaded([&](Store& s) { return catalog::LoadSeriesPage(s, "star-trek-picard", today_); });
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  EXPECT_EQ(leases_, 1u);

  auto guide = Loaded([&](Store& s) { return catalog::LoadEpisodeGuide(s, "star-trek-picard"); });
  ASSERT_TRUE(guide.ok()) << guide.status().ToString();
  EXPECT_EQ(leases_, 1u);

  auto film = Loaded([&](Store& s) { return catalog::LoadFilmPage(s, "arrival", today_); });
  ASSERT_TRUE(film.ok()) << film.status().ToString();
  EXPECT_EQ(film->film.slug, "arrival");
  EXPECT_EQ(leases_, 1u);

  auto person = Loaded([&](Store& s) { return catalog::LoadPersonPage(s, "patrick-stewart", today_); });
  ASSERT_TRUE(person.ok()) << person.status().ToString();
  EXPECT_EQ(leases_, 1u);

  auto home = Loaded([&](Store& s) { return catalog::LoadHomePage(s, today_); });
  ASSERT_TRUE(home.ok()) << home.status().ToString();
  EXPECT_EQ(leases_, 1u);

  catalog::IndexQuery series_index;
  series_index.kind = TitleKind::kSeries;
  auto index = Loaded([&](Store& s) { return catalog::LoadTitleIndex(s, series_index, today_); });
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_EQ(leases_, 1u);
}

INSTANTIATE_TEST_SUITE_P(Stores, ReadModelsTest, testing::BothStores(), testing::BackendName);

}  // namespace
}  // namespace reel
