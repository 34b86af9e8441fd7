// The importers on PostgreSQL: every fixture imported into a PostgreSQL store gives
// the same rows as into SQLite, importing again changes nothing, the aggregates the
// bulk rating path keeps equal a full recompute, and a bad row leaves the store as
// it was (PostgreSQL aborts a transaction on any failed statement, so importers
// check rows before they write).
#include "ingest/ingest_test_util.h"
#include "support/shared_pg.h"

namespace reel::ingest {
namespace {

class IngestPgTest : public IngestTest {
 protected:
  // Every fixture, format by format, into `store`.
  void ImportAll(Store& store, bool again) {
    ImportOptions options;
    options.progress = ProgressMode::kOff;
    struct Step {
      std::string format;
      std::vector<std::string> paths;
      std::string series;
    };
    const std::vector<Step> steps = {
        {"movielens", {Fixture("movielens")}, ""},
        {"movielens", {Fixture("ml-100k/u.item"), Fixture("ml-100k/u.data")}, ""},
        {"rt-movies", {Fixture("rt/rt.movie_info.tsv")}, ""},
        {"rt-reviews", {Fixture("rt/rt.reviews.tsv")}, ""},
        {"episodes-csv", {Fixture("episodes/episodes.csv")}, "Harbour Lights"},
        {"tvmaze", {Fixture("tvmaze/show.json")}, ""},
        {"imdb", {Fixture("imdb")}, ""},
    };
    for (const auto& step : steps) {
      options.series_name = step.series;
      auto report = Import(store, step.format, step.paths, options);
      ASSERT_TRUE(report.ok()) << step.format << ": " << report.status().ToString();
      if (again) {
        EXPECT_EQ(report->Total().inserted, 0) << step.format;
        EXPECT_EQ(report->Total().updated, 0) << step.format;
      }
    }
  }
};

TEST_F(IngestPgTest, FixturesGiveTheSameRowsAsOnSqlite) {
  const std::string url = testing::FreshPgDatabase();
  ASSERT_FALSE(url.empty());
  auto pg = Store::Open(url);
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();
  ImportAll(**pg, false);
  ImportAll(*store_, false);
  auto counts = (*pg)->CountRows().value();
  EXPECT_EQ(counts, store_->CountRows().value());
  EXPECT_EQ(counts["films"], 9 + 2 + 4);  // MovieLens (Toy Story shared with 100k and IMDb), 100k, RT.
  EXPECT_EQ(counts["critic_reviews"], 9);
  EXPECT_EQ((*pg)->RecomputeAggregates()->drifted, 0);
  ImportAll(**pg, true);
  EXPECT_EQ((*pg)->CountRows().value(), counts);
  EXPECT_EQ((*pg)->RecomputeAggregates()->drifted, 0);

  ImportOptions options;
  options.progress = ProgressMode::kOff;
  const std::string bad = Write("ratings.csv", "userId,movieId,rating,timestamp\n9,1,4.0,964982700\n9,2,zero,1\n");
  auto failed = Import(**pg, "movielens", {bad}, options);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("ratings.csv:3: column rating"), std::string::npos);
  EXPECT_EQ((*pg)->CountRows().value(), counts);
  options.rejects_path = Path("rejects.tsv");
  auto skipped = Import(**pg, "movielens", {bad}, options);
  ASSERT_TRUE(skipped.ok()) << skipped.status().ToString();
  EXPECT_EQ(skipped->Total().rejected, 1);
  EXPECT_EQ((*pg)->CountRows()->at("ratings"), counts["ratings"] + 1);
}

}  // namespace
}  // namespace reel::ingest
