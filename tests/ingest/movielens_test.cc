#include "ingest_test_util.h"

namespace reel::ingest {
namespace {

class MovieLensTest : public IngestTest {
 protected:
  std::vector<std::string> Files() {
    return {Fixture("movielens/ratings.csv"), Fixture("movielens/tags.csv"), Fixture("movielens/movies.csv"),
            Fixture("movielens/links.csv")};
  }
  // The fixture's movies.csv with `rows` appended (a file of its own).
  std::string MoviesWith(const std::string& rows) { return Write("movies.csv", Read(Fixture("movielens/movies.csv")) + rows); }
};

TEST_F(MovieLensTest, FixtureBecomesFilmsRatingsTagsAndIds) {
  auto report = Run("movielens", Files());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  // Files are processed movies, links, ratings, tags whatever order they come in.
  ASSERT_EQ(report->files.size(), 4u);
  EXPECT_EQ(report->files[0].note, "films");
  EXPECT_EQ(report->files[0].inserted, 9);
  EXPECT_EQ(report->files[1].inserted, 8);  // links: one TMDB id is already the other Emma's.
  EXPECT_EQ(report->files[1].skipped, 1);
  EXPECT_EQ(report->files[2].inserted, 8);
  EXPECT_EQ(report->files[3].inserted, 4);
  EXPECT_EQ(report->Total().read, 30);

  auto counts = store_->CountRows().value();
  EXPECT_EQ(counts["films"], 9);
  EXPECT_EQ(counts["ratings"], 8);
  EXPECT_EQ(counts["users"], 3);
  EXPECT_EQ(counts["tags"], 4);

  const Title toy = Film("movielens", "1");
  EXPECT_EQ(toy.name, "Toy Story");
  EXPECT_EQ(toy.slug, "toy-story");
  ASSERT_TRUE(toy.release);
  EXPECT_EQ(toy.release->ToText(), "1995");
  EXPECT_EQ(Genres(toy.id), (std::vector<std::string>{"Adventure", "Animation", "Children", "Comedy", "Fantasy"}));
  auto ids = store_->ListTitleExternalIds(toy.id).value();
  EXPECT_EQ(ids["imdb"], "tt0114709");
  EXPECT_EQ(ids["tmdb"], "862");
  EXPECT_EQ(ids["movielens"], "1");
  EXPECT_EQ(Film("imdb", "tt0114709").id, toy.id);

  // Articles moved back to the front; alternative titles kept; no genres; ranges.
  EXPECT_EQ(Film("movielens", "2").name, "The American President");
  EXPECT_EQ(Film("movielens", "3").name, "The City of Lost Children (Cité des enfants perdus, La)");
  EXPECT_EQ(Film("movielens", "3").slug, "the-city-of-lost-children-cite-des-enfants-perdus-la");
  EXPECT_TRUE(Genres(Film("movielens", "6").id).empty());
  EXPECT_FALSE(Film("movielens", "6").release);
  EXPECT_EQ(Film("movielens", "7").name, "Death Note: Desu nôto");
  EXPECT_EQ(Film("movielens", "7").release->year(), 2006);
  // Same name: the year tells them apart; same name and year: the MovieLens id does.
  EXPECT_EQ(Film("movielens", "4").slug, "hamlet");
  EXPECT_EQ(Film("movielens", "5").slug, "hamlet-1996");
  EXPECT_EQ(Film("movielens", "8").slug, "emma");
  EXPECT_EQ(Film("movielens", "9").slug, "emma-1996");

  // Ratings: users "movielens:ID", times from the timestamps, pre-release kept.
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM users WHERE username IN ('movielens:1', 'movielens:2', 'movielens:3')"), 3);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM ratings r JOIN users u ON u.id = r.user_id WHERE u.username = 'movielens:1' "
                "AND r.created_at = '2000-07-30T18:45:00Z' AND r.stars = 4.0"),
            1);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM ratings WHERE status = 'pre_release'"), 1);  // 1994, before Toy Story.
  auto toy_counts = store_->GetScoreCounts(toy.id).value();
  EXPECT_EQ(toy_counts.ratings, 2);
  EXPECT_EQ(toy_counts.pre_release, 1);
  EXPECT_EQ(toy_counts.ratings_positive, 2);

  auto tags = store_->ListTags(toy.id).value();
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0], (std::pair<std::string, int64_t>("pixar", 2)));
  EXPECT_EQ(tags[1].first, "funny, clever");

  // The aggregates the import kept are what a full recompute gives.
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
}

TEST_F(MovieLensTest, ImportingAgainChangesNothing) {
  ASSERT_TRUE(Run("movielens", Files()).ok());
  const std::string before = Snapshot();
  auto again = Run("movielens", Files());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->Total().inserted, 0);
  EXPECT_EQ(again->Total().updated, 0);
  EXPECT_EQ(again->Total().unchanged, 29);
  EXPECT_EQ(again->Total().skipped, 1);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(MovieLensTest, NewerFileUpdatesWhatChanged) {
  ASSERT_TRUE(Run("movielens", Files()).ok());
  const Title hamlet = Film("movielens", "4");
  // Hamlet gets another genre, user 1 changes their mind, and a rating is added.
  std::string movies = Read(Fixture("movielens/movies.csv"));
  const std::string hamlet_row = "4,Hamlet (1990),Drama\n";
  movies.replace(movies.find(hamlet_row), hamlet_row.size(), "4,Hamlet (1990),Drama|War\n");
  std::string ratings = Read(Fixture("movielens/ratings.csv"));
  ratings.replace(ratings.find("1,4,5.0,964982224"), 17, "1,4,1.0,964982299");
  ratings += "3,4,4.0,1306463600\n";
  auto report = Run("movielens", {Write("movies.csv", movies), Write("ratings.csv", ratings)});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->files[0].updated, 1);
  EXPECT_EQ(report->files[0].unchanged, 8);
  EXPECT_EQ(report->files[1].updated, 1);
  EXPECT_EQ(report->files[1].inserted, 1);
  EXPECT_EQ(report->files[1].unchanged, 7);
  EXPECT_EQ(Film("movielens", "4").id, hamlet.id);
  EXPECT_EQ(Genres(hamlet.id), (std::vector<std::string>{"Drama", "War"}));
  auto counts = store_->GetScoreCounts(hamlet.id).value();
  EXPECT_EQ(counts.ratings, 2);
  EXPECT_EQ(counts.ratings_positive, 1);
  EXPECT_DOUBLE_EQ(counts.stars_sum, 5.0);
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
}

TEST_F(MovieLensTest, BadRowsStopTheImportAndChangeNothing) {
  ASSERT_TRUE(Run("movielens", {Fixture("movielens/movies.csv")}).ok());
  const std::string before = Snapshot();
  const std::string ratings_header = "userId,movieId,rating,timestamp\n";
  struct Case {
    std::string file, expected;
  };
  const std::vector<Case> cases = {
      // A rating file cut off in its last row.
      {ratings_header + "1,1,4.0,964982700\n1,2", "ratings.csv:3: column rating: missing: the row has 2 of 4 fields"},
      {ratings_header + "1,1,4.0,964982700,extra\n",
       "ratings.csv:2: column #5: one field too many: the row has 5 fields, the file 4 columns"},
      {ratings_header + "1,1,4.3,964982700\n", "ratings.csv:2: column rating: '4.3' is not 0.5 to 5 stars in halves"},
      {ratings_header + "1,1,4.0,yesterday\n", "ratings.csv:2: column timestamp: 'yesterday' is not a Unix time"},
      {ratings_header + "1,404,4.0,964982700\n",
       "ratings.csv:2: column movieId: no film has movielens id 404 (import its movies with it)"},
      {ratings_header + "x,1,4.0,964982700\n", "ratings.csv:2: column userId: 'x' is not a positive whole number"},
  };
  for (const auto& c : cases) {
    const std::string path = Write("ratings.csv", c.file);
    const std::string error = Error("movielens", {path});
    EXPECT_NE(error.find(c.expected), std::string::npos) << "got: " << error;
    EXPECT_EQ(Snapshot(), before) << c.expected;
  }
  // A compressed file cut short.
  std::string many = ratings_header;
  for (int i = 1; i <= 5000; ++i) many += std::to_string(i) + ",1,4.0," + std::to_string(964982700 + i * 7919) + "\n";
  const std::string gz = Read(WriteGzip("whole.csv.gz", many));
  const std::string cut = Error("movielens", {Write("ratings.csv.gz", gz.substr(0, gz.size() * 2 / 3))});
  EXPECT_NE(cut.find("ratings.csv.gz:"), std::string::npos) << cut;
  EXPECT_NE(cut.find("ends early"), std::string::npos) << cut;
  EXPECT_EQ(Snapshot(), before);
  // The good rows before a bad one are not kept either: one transaction.
  const std::string path = Write("ratings.csv", ratings_header + "1,1,4.0,964982700\n2,1,3.0,964982700\n3,1,9,1\n");
  EXPECT_NE(Error("movielens", {path}), "");
  EXPECT_EQ(store_->CountRows()->at("ratings"), 0);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(MovieLensTest, BadMoviesRowsAndEncodings) {
  const std::string before = Snapshot();
  EXPECT_NE(Error("movielens", {MoviesWith("10,,Drama\n")}).find("movies.csv:11: column title: is empty"),
            std::string::npos);
  // A UTF-8 file (its first non-ASCII text is UTF-8) with an invalid byte later.
  EXPECT_NE(Error("movielens", {MoviesWith("10,Caf\xe9 (1999),Drama\n")})
                .find("movies.csv:11: column title: not valid UTF-8 (byte 0xE9 at offset 3"),
            std::string::npos);
  EXPECT_NE(Error("movielens", {Write("odd.csv", "a,b,c\n1,2,3\n")}).find("odd.csv:1: not a MovieLens file"),
            std::string::npos);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(MovieLensTest, SkipBadRowsImportsTheRestAndListsTheRejects) {
  ASSERT_TRUE(Run("movielens", {Fixture("movielens/movies.csv")}).ok());
  const std::string rejects = Path("rejects.tsv");
  auto report = Run("movielens",
                    {Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982700\n1,2,7,964982700\n"
                                          "1,3,4.0,964982700,9\n2,2,2.5,964982700\n")},
                    rejects);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->files[0].read, 4);
  EXPECT_EQ(report->files[0].inserted, 2);
  EXPECT_EQ(report->files[0].rejected, 2);
  EXPECT_EQ(store_->CountRows()->at("ratings"), 2);
  const std::string list = Read(rejects);
  EXPECT_NE(list.find("file\tline\tcolumn\treason\trow\n"), std::string::npos);
  EXPECT_NE(list.find("ratings.csv\t3\trating\t'7' is not 0.5 to 5 stars in halves\t1\\t2\\t7\\t964982700\n"),
            std::string::npos)
      << list;
  EXPECT_NE(list.find("ratings.csv\t4\t#5\tone field too many"), std::string::npos) << list;
  // Without bad rows the list holds only its header.
  ASSERT_TRUE(Run("movielens", {Fixture("movielens/movies.csv")}, rejects).ok());
  EXPECT_EQ(Read(rejects), "file\tline\tcolumn\treason\trow\n");
}

TEST_F(MovieLensTest, Ml100kLayoutLatin1AndWholeStars) {
  auto report = Run("movielens", {Fixture("ml-100k/u.data"), Fixture("ml-100k/u.item")});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(store_->CountRows()->at("films"), 3);
  EXPECT_EQ(store_->CountRows()->at("ratings"), 4);
  const Title les = Film("movielens-100k", "3");
  EXPECT_EQ(les.name, "Les Misérables");  // Latin-1 in the file, UTF-8 in the store.
  EXPECT_EQ(les.release->start.ToIso(), "1995-12-15");
  EXPECT_EQ(les.release->precision, DatePrecision::kDay);
  EXPECT_EQ(Film("movielens-100k", "1").release->precision, DatePrecision::kYear);  // 01-Jan: the year.
  EXPECT_EQ(Genres(Film("movielens-100k", "1").id), (std::vector<std::string>{"Animation", "Children", "Comedy"}));
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM users WHERE username LIKE 'movielens-100k:%'"), 3);
  EXPECT_EQ(Sql("SELECT SUM(stars) FROM ratings"), 13);

  // ml-latest's Toy Story (same name and year) is the same film.
  ASSERT_TRUE(Run("movielens", {Fixture("movielens/movies.csv")}).ok());
  EXPECT_EQ(Film("movielens", "1").id, Film("movielens-100k", "1").id);
  EXPECT_EQ(store_->CountRows()->at("films"), 3 + 8);
}

TEST_F(MovieLensTest, SharedMlLatestSmallExactCounts) {
  const std::string dir = testing::SharedDataPath("movielens-ml-latest-small");
  REEL_REQUIRE_SHARED_DATA(dir + "/ratings.csv");
  auto report = Run("movielens", {dir});  // The directory: its four CSV files.
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  auto counts = store_->CountRows().value();
  EXPECT_EQ(counts["films"], 9742);
  EXPECT_EQ(counts["ratings"], 100836);
  EXPECT_EQ(counts["users"], 610);
  EXPECT_EQ(counts["tags"], 3683);
  EXPECT_EQ(counts["genres"], 19);  // 20 names in the file, one of them "(no genres listed)".
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM external_ids WHERE source = 'movielens'"), 9742);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM external_ids WHERE source = 'imdb'"), 9742);
  // 8 films have no TMDB id; 6003 and 144606 share 4912, which stays with the first.
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM external_ids WHERE source = 'tmdb'"), 9733);
  const FileReport total = report->Total();
  EXPECT_EQ(total.read, 9742 + 9742 + 100836 + 3683);
  EXPECT_EQ(total.rejected, 0);
  EXPECT_EQ(total.skipped, 1);
  EXPECT_EQ(Film("movielens", "1").name, "Toy Story");
  EXPECT_EQ(Film("imdb", "tt0114709").id, Film("movielens", "1").id);
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);

  const std::string before = Snapshot();
  auto again = Run("movielens", {dir});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Total().inserted + again->Total().updated, 0);
  EXPECT_EQ(Snapshot(), before);
}

}  // namespace
}  // namespace reel::ingest
