#include "ingest/catalog_json.h"
#include "ingest_test_util.h"

namespace reel::ingest {
namespace {

class ImdbTest : public IngestTest {
 protected:
  std::vector<std::string> Files() {
    // In no particular order: the importer sorts them by what they hold.
    return {Fixture("imdb/title.ratings.tsv"), Fixture("imdb/title.principals.tsv"), Fixture("imdb/name.basics.tsv"),
            Fixture("imdb/title.basics.tsv"), Fixture("imdb/title.episode.tsv")};
  }
};

TEST_F(ImdbTest, DatasetFilesBecomeTitlesPeopleCreditsAndRatings) {
  auto report = Run("imdb", Files());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->files.size(), 5u);
  EXPECT_EQ(report->files[1].note, "titles");
  EXPECT_EQ(report->files[1].inserted, 4);  // Toy Story, the series, two episodes.
  EXPECT_EQ(report->files[1].skipped, 2);   // An unplaced episode and a video game.
  EXPECT_EQ(report->files[3].inserted, 5);  // Credits.
  EXPECT_EQ(report->files[3].skipped, 1);   // Of the video game.
  EXPECT_EQ(report->files[4].inserted, 2);

  const Title toy = Film("imdb", "tt0114709");
  EXPECT_EQ(toy.kind, TitleKind::kFilm);
  EXPECT_EQ(toy.name, "Toy Story");
  EXPECT_EQ(toy.runtime_minutes, 81);
  EXPECT_EQ(toy.release->ToText(), "1995");
  EXPECT_EQ(Genres(toy.id), (std::vector<std::string>{"Adventure", "Animation", "Comedy"}));
  EXPECT_EQ(Credits(toy.id), (std::vector<std::string>{"cast:Woody:Tom Hanks", "crew:Director:John Lasseter",
                                                       "crew:Story:John Lasseter"}));
  auto rating = store_->GetExternalRating(toy.id, "imdb").value();
  EXPECT_DOUBLE_EQ(rating.first, 8.3);
  EXPECT_EQ(rating.second, 1100000);

  const Title series = Film("imdb", "tt9900001");
  EXPECT_EQ(series.kind, TitleKind::kSeries);
  EXPECT_EQ(series.end_year, 2020);
  EXPECT_EQ(Credits(series.id), (std::vector<std::string>{"cast:Nell Ward / Young Nell:Mara Quill",
                                                          "crew:Editor:John Lasseter"}));
  // The episode listed before its series waited for it.
  auto season = store_->FindChild(series.id, 1).value();
  auto episodes = store_->ListChildren(season.id).value();
  ASSERT_EQ(episodes.size(), 2u);
  EXPECT_EQ(episodes[0].name, "The Lamp");
  EXPECT_EQ(episodes[0].runtime_minutes, 58);
  EXPECT_EQ(Film("imdb", "tt9900003").number, 2);

  // Two people of one name: the second is told apart by their IMDb id.
  EXPECT_EQ(PersonExternalId(store_->FindPersonBySlug("john-lasseter")->id, "imdb"), "nm0005124");
  EXPECT_EQ(PersonExternalId(store_->FindPersonBySlug("john-lasseter-nm9900002")->id, "imdb"), "nm9900002");

  const std::string before = Snapshot();
  auto again = Run("imdb", Files());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Total().inserted + again->Total().updated, 0);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(ImdbTest, MeetsMovieLensByImdbIdAndOnlyFillsWhatItLacks) {
  ASSERT_TRUE(Run("movielens", {Fixture("movielens/movies.csv"), Fixture("movielens/links.csv")}).ok());
  ASSERT_TRUE(Run("imdb", {Fixture("imdb/title.basics.tsv")}).ok());
  const Title toy = Film("imdb", "tt0114709");
  EXPECT_EQ(toy.id, Film("movielens", "1").id);
  EXPECT_EQ(store_->CountRows()->at("films"), 9);
  // MovieLens made the film: IMDb adds the running time it lacked and leaves its
  // genres; importing either again changes nothing.
  EXPECT_EQ(toy.runtime_minutes, 81);
  EXPECT_EQ(Genres(toy.id).size(), 5u);
  const std::string before = Snapshot();
  auto ml = Run("movielens", {Fixture("movielens/movies.csv"), Fixture("movielens/links.csv")});
  auto imdb = Run("imdb", {Fixture("imdb/title.basics.tsv")});
  ASSERT_TRUE(ml.ok() && imdb.ok());
  EXPECT_EQ(ml->Total().updated + imdb->Total().updated, 0);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(ImdbTest, SharedSeriesKeepsTheMorePreciseDates) {
  ASSERT_TRUE(Run("tvmaze", {Fixture("tvmaze/show.json")}).ok());
  ASSERT_TRUE(Run("imdb", Files()).ok());
  // TVmaze's series, matched by its IMDb id: IMDb's years do not replace its days.
  const Title series = Film("imdb", "tt9900001");
  EXPECT_EQ(series.id, Film("tvmaze", "90001").id);
  EXPECT_EQ(series.release->start.ToIso(), "2019-03-04");
  EXPECT_EQ(Film("imdb", "tt9900002").id, Film("tvmaze-episode", "92001").id);
  EXPECT_EQ(Film("imdb", "tt9900002").release->precision, DatePrecision::kDay);
  const std::string before = Snapshot();
  auto tv = Run("tvmaze", {Fixture("tvmaze/show.json")});
  auto imdb = Run("imdb", Files());
  ASSERT_TRUE(tv.ok() && imdb.ok());
  EXPECT_EQ(tv->Total().updated + imdb->Total().updated, 0);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(ImdbTest, HandWrittenTitlesAreOnlyFilledIn) {
  // The demo catalog's Logan, written by hand, keeps what its editor wrote; it gains
  // the IMDb id.
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  auto report = Run("imdb", {Write("title.basics.tsv",
                                   "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\t"
                                   "runtimeMinutes\tgenres\ntt3315342\tmovie\tLogan\tLogan\t0\t2017\t\\N\t140\t"
                                   "Action,Drama,Sci-Fi\n")});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->files[0].updated, 1);
  const Title logan = Film("imdb", "tt3315342");
  EXPECT_EQ(logan.id, store_->FindTitleBySlug(TitleKind::kFilm, "logan")->id);
  EXPECT_EQ(logan.runtime_minutes, 137);
  EXPECT_EQ(logan.release->start.ToIso(), "2017-03-03");
  EXPECT_EQ(Genres(logan.id), (std::vector<std::string>{"Action", "Drama", "Science Fiction"}));
}

TEST_F(ImdbTest, BadRowsNameTheirPlace) {
  const std::string basics =
      "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n";
  const std::string before = Snapshot();
  EXPECT_NE(Error("imdb", {Write("b.tsv", basics + "tt1\tmovie\tX\tX\t0\tnineteen\t\\N\t\\N\t\\N\n")})
                .find("b.tsv:2: column startYear: 'nineteen' is not \\N or a whole number from 1800 to 2200"),
            std::string::npos);
  EXPECT_NE(Error("imdb", {Write("b.tsv", basics + "x1\tmovie\tX\tX\t0\t1990\t\\N\t\\N\t\\N\n")})
                .find("b.tsv:2: column tconst: 'x1' is not an IMDb title id"),
            std::string::npos);
  EXPECT_NE(Error("imdb", {Write("b.tsv", basics + "tt1\tmovie\tX\tX\t0\t1990\t\\N\t\\N\n")})
                .find("b.tsv:2: column genres: missing"),
            std::string::npos);
  EXPECT_NE(Error("imdb", {Write("p.tsv", "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n"
                                          "tt1\t1\tnm1\tactor\t\\N\t[\"Unclosed\n")})
                .find("p.tsv:2: column characters"),
            std::string::npos);
  EXPECT_NE(Error("imdb", {Write("x.tsv", "a\tb\n")}).find("x.tsv:1: not an IMDb dataset file"), std::string::npos);
  EXPECT_EQ(Snapshot(), before);
}

}  // namespace
}  // namespace reel::ingest
