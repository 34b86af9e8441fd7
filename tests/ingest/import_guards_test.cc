// What every importer refuses, whatever the format: a key given twice in one file
// (the later row is bad and names the first; with --skip-bad-rows the first one
// stands), a NUL byte in a text field, a title longer than 1,000 characters, gzip
// data followed by bytes that are not gzip, a quote never closed, and JSON nested
// too deep. Each is a clear error naming the place, and the store is left as it was.
#include <nlohmann/json.hpp>

#include "core/tsv.h"
#include "ingest/catalog_json.h"
#include "ingest_test_util.h"

namespace reel::ingest {
namespace {

using namespace std::string_literals;

class ImportGuardsTest : public IngestTest {
 protected:
  std::string Movies(const std::string& rows) { return Write("movies.csv", "movieId,title,genres\n" + rows); }
  // Expects the import to fail with `expected` in its message and the store unchanged.
  void Refused(const std::string& format, const std::vector<std::string>& paths, const std::string& expected,
               const std::string& series = "") {
    const std::string before = Snapshot();
    const std::string error = Error(format, paths, series);
    EXPECT_NE(error.find(expected), std::string::npos) << "expected: " << expected << "\n     got: " << error;
    EXPECT_EQ(Snapshot(), before) << expected;
  }
};

TEST_F(ImportGuardsTest, DuplicateMovieIdNamesBothLinesAndChangesNothing) {
  const std::string movies = Movies("1,Toy Story (1995),Animation\n2,Jumanji (1995),Adventure\n"
                                    "1,Toy Story DUPLICATE (1995),Animation\n");
  Refused("movielens", {movies}, "movies.csv:4: column movieId: duplicate id 1 (first on line 2)");
  // With --skip-bad-rows the later row is the one rejected: the first name stands.
  const std::string rejects = Path("rejects.tsv");
  auto report = Run("movielens", {movies}, rejects);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->files[0].inserted, 2);
  EXPECT_EQ(report->files[0].rejected, 1);
  EXPECT_EQ(Film("movielens", "1").name, "Toy Story");
  EXPECT_NE(Read(rejects).find("movies.csv\t4\tmovieId\tduplicate id 1 (first on line 2)\t"), std::string::npos)
      << Read(rejects);
  // The same id written another way ("01") is the same film.
  Refused("movielens", {Movies("1,A (1995),Drama\n01,B (1995),Drama\n")},
          "movies.csv:3: column movieId: duplicate id 1 (first on line 2)");
}

TEST_F(ImportGuardsTest, DuplicateRatingTagAndLinkRowsAreRefused) {
  ASSERT_TRUE(Run("movielens", {Fixture("movielens/movies.csv")}).ok());
  const std::string header = "userId,movieId,rating,timestamp\n";
  Refused("movielens", {Write("ratings.csv", header + "1,1,4.0,964982700\n1,2,3.0,964982700\n1,1,0.5,964982800\n")},
          "ratings.csv:4: column movieId: duplicate rating of film 1 by user 1 (first on line 2)");
  // Out of order: the user's rows are not together, the check still holds.
  Refused("movielens",
          {Write("ratings.csv", header + "2,1,4.0,964982700\n1,3,3.0,964982700\n1,2,3.0,964982700\n"
                                         "2,3,1.0,964982700\n1,3,2.0,964982800\n")},
          "ratings.csv:6: column movieId: duplicate rating of film 3 by user 1 (first on line 3)");
  Refused("movielens", {Write("tags.csv", "userId,movieId,tag,timestamp\n2,1,pixar,1445714994\n2,1,pixar,1445714999\n")},
          "tags.csv:3: column tag: duplicate tag 'pixar' of film 1 by user 2 (first on line 2)");
  Refused("movielens", {Write("links.csv", "movieId,imdbId,tmdbId\n1,0114709,862\n1,0114710,863\n")},
          "links.csv:3: column movieId: duplicate id 1 (first on line 2)");
  Refused("movielens", {Fixture("ml-100k/u.item"), Write("u.data", "196\t1\t3\t881250949\n196\t1\t5\t881250950\n")},
          "u.data:2: column item id: duplicate rating of film 1 by user 196 (first on line 1)");

  // A file of unordered ratings with many duplicates, skipped: the first of each stands.
  std::string many = header;
  for (int round = 0; round < 3; ++round) {
    for (int user = 300; user >= 1; --user) {
      many += std::to_string(user) + "," + std::to_string(1 + user % 9) + "," + (round ? "1.0" : "4.0") + ",964982700\n";
    }
  }
  auto report = Run("movielens", {Write("ratings.csv", many)}, Path("rejects.tsv"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->files[0].inserted, 300);
  EXPECT_EQ(report->files[0].rejected, 600);
  EXPECT_NE(Read(Path("rejects.tsv")).find("ratings.csv\t302\tmovieId\tduplicate rating of film 4 by user 300 "
                                           "(first on line 2)"),
            std::string::npos);
  EXPECT_DOUBLE_EQ(store_->GetScoreCounts(Film("movielens", "1").id)->stars_sum, 4.0 * 33);
}

TEST_F(ImportGuardsTest, DuplicateKeysInTheOtherFormats) {
  Refused("movielens", {Write("u.item", Read(Fixture("ml-100k/u.item")) + Read(Fixture("ml-100k/u.item")))},
          "u.item:4: column movie id: duplicate id 1 (first on line 1)");
  const std::string rt_header =
      "id\tsynopsis\trating\tgenre\tdirector\twriter\ttheater_date\tdvd_date\tcurrency\tbox_office\truntime\tstudio\n";
  Refused("rt-movies", {Write("rt.movie_info.tsv", rt_header + "7\tOne.\t\t\t\t\t\t\t\t\t\t\n8\t\t\t\t\t\t\t\t\t\t\t\n"
                                                               "7\tTwo.\t\t\t\t\t\t\t\t\t\t\n")},
          "rt.movie_info.tsv:4: column id: duplicate id 7 (first on line 2)");
  Refused("episodes-csv",
          {Write("episodes.csv", "Episode,Title\n01-01,Pilot\n01-02,Second\n01-01,Pilot again\n")},
          "episodes.csv:4: column Episode: duplicate episode 01-01 (first on line 2)", "Harbour Lights");
  Refused("episodes-csv", {Write("episodes.csv", "Episode,Title\n\"01-01\n01-02\",Double\n01-02,Second\n")},
          "episodes.csv:4: column Episode: duplicate episode 01-02 (first on line 2)", "Harbour Lights");
  const std::string basics = Read(Fixture("imdb/title.basics.tsv"));
  Refused("imdb", {Write("title.basics.tsv", basics + "tt0114709\tmovie\tToy Story 2\tToy Story\t0\t1995\t\\N\t81\t\\N\n")},
          "column tconst: duplicate id tt0114709 (first on line 2)");
  Refused("imdb", {Write("name.basics.tsv", Read(Fixture("imdb/name.basics.tsv")) +
                                                "nm0000158\tTom Hanks Again\t1956\t\\N\tactor\ttt0114709\n")},
          "column nconst: duplicate id nm0000158 (first on line 2)");
  Refused("imdb", {Fixture("imdb/title.basics.tsv"), Fixture("imdb/name.basics.tsv"),
                   Write("title.principals.tsv", Read(Fixture("imdb/title.principals.tsv")) +
                                                     "tt0114709\t1\tnm0005124\tdirector\t\\N\t\\N\n")},
          "column ordering: duplicate credit 1 of tt0114709");
  Refused("imdb", {Write("title.episode.tsv", Read(Fixture("imdb/title.episode.tsv")) + "tt9900002\ttt9900001\t2\t1\n")},
          "column tconst: duplicate id tt9900002 (first on line 2)");
  Refused("imdb", {Fixture("imdb/title.basics.tsv"),
                   Write("title.ratings.tsv", Read(Fixture("imdb/title.ratings.tsv")) + "tt0114709\t2.0\t12\n")},
          "column tconst: duplicate id tt0114709 (first on line 2)");
}

TEST_F(ImportGuardsTest, DuplicateTvmazeEntriesAreRefused) {
  nlohmann::json show = nlohmann::json::parse(Read(Fixture("tvmaze/show.json")));
  auto& episodes = show["_embedded"]["episodes"];
  nlohmann::json again = episodes[0];
  again["name"] = "The Lamp DUPLICATE";
  episodes.push_back(again);
  const size_t last = episodes.size() - 1;
  Refused("tvmaze", {Write("show.json", show.dump())},
          "show.json: column show._embedded.episodes[" + std::to_string(last) +
              "].id: duplicate id 92001 (first at show._embedded.episodes[0])");
  again["id"] = 99999;  // Another id, the same season and number.
  episodes[last] = again;
  Refused("tvmaze", {Write("show.json", show.dump())},
          "show._embedded.episodes[" + std::to_string(last) + "].number: duplicate episode 1 of season 1 "
          "(first at show._embedded.episodes[0])");
  episodes.erase(last);
  show["_embedded"]["seasons"].push_back(show["_embedded"]["seasons"][0]);
  Refused("tvmaze", {Write("show.json", show.dump())}, "].id: duplicate id");
  nlohmann::json two = nlohmann::json::array({nlohmann::json::parse(Read(Fixture("tvmaze/show.json"))),
                                              nlohmann::json::parse(Read(Fixture("tvmaze/show.json")))});
  Refused("tvmaze", {Write("shows.json", two.dump())}, "shows.json: [1].id: duplicate id");
}

TEST_F(ImportGuardsTest, NulBytesAreRefusedInEveryTextField) {
  Refused("movielens", {Movies("1,Toy\0Story (1995),Animation\n"s)},
          "movies.csv:2: column title: holds a NUL byte (at offset 3)");
  // Latin-1 files too.
  Refused("movielens", {Write("u.item", "1|Mis\xe9rables\0 (1995)|01-Jan-1995||x|"s +
                                          "0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|1\n")},
          "u.item:1: column movie title: holds a NUL byte");
  nlohmann::json show = nlohmann::json::parse(Read(Fixture("tvmaze/show.json")));
  show["name"] = "The\0Lamp"s;
  Refused("tvmaze", {Write("show.json", show.dump())}, "show.json: show.name: holds a NUL byte");
}

TEST_F(ImportGuardsTest, OverlongTitlesAreRefused) {
  const std::string long_name(1001, 'x');
  Refused("movielens", {Movies("1," + long_name + " (1995),Drama\n")},
          "movies.csv:2: column title: is 1,001 characters long (a title has at most 1,000)");
  // Characters, not bytes: 1,000 two-byte letters pass.
  std::string accented;
  for (int i = 0; i < 1000; ++i) accented += "\xc3\xa9";
  ASSERT_TRUE(Run("movielens", {Movies("2," + accented + ",Drama\n")}).ok());
  Refused("episodes-csv", {Write("episodes.csv", "Episode,Title\n01-01," + long_name + "\n")},
          "episodes.csv:2: column Title: is 1,001 characters long", "Harbour Lights");
  Refused("imdb", {Write("title.basics.tsv", "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\t"
                                             "endYear\truntimeMinutes\tgenres\ntt1\tmovie\t" +
                                                 long_name + "\tx\t0\t1995\t\\N\t81\t\\N\n")},
          "title.basics.tsv:2: column primaryTitle: is 1,001 characters long");
  nlohmann::json show = nlohmann::json::parse(Read(Fixture("tvmaze/show.json")));
  show["_embedded"]["episodes"][1]["name"] = long_name;
  Refused("tvmaze", {Write("show.json", show.dump())},
          "show.json: column show._embedded.episodes[1].name: is 1,001 characters long");
}

TEST_F(ImportGuardsTest, GzipWithTrailingGarbageIsRefused) {
  const std::string text = "movieId,title,genres\n1,Toy Story (1995),Animation\n";
  const std::string gz = Read(WriteGzip("whole.csv.gz", text));
  Refused("movielens", {Write("movies.csv.gz", gz + "this is not gzip")}, "movies.csv.gz:");
  Refused("movielens", {Write("movies.csv.gz", gz + "this is not gzip")}, "trailing bytes that are not gzip data");
  // Two gzip members one after the other are one file (as gzip(1) reads them).
  const std::string second = Read(WriteGzip("second.gz", "2,Jumanji (1995),Adventure\n"));
  ASSERT_TRUE(Run("movielens", {Write("two.csv.gz", gz + second)}).ok());
  EXPECT_EQ(Film("movielens", "2").name, "Jumanji");
  // The readers of whole files (tvmaze) refuse it too.
  const std::string json = Read(WriteGzip("show.json.gz", Read(Fixture("tvmaze/show.json"))));
  Refused("tvmaze", {Write("show.json.gz", json + "garbage")}, "trailing bytes that are not gzip data");
  auto whole = ReadMaybeGzipFile(Write("w.gz", gz + std::string(8, '\0')));
  ASSERT_FALSE(whole.ok());
  EXPECT_NE(whole.status().message().find("trailing bytes that are not gzip data"), std::string::npos);
}

TEST_F(ImportGuardsTest, UnclosedQuoteSaysSo) {
  // The quote opened on line 3 is closed only by the one that opens a field on line 4.
  Refused("movielens", {Movies("1,Toy Story (1995),Animation\n2,\"Jumanji (1995),Adventure\n"
                               "3,\"American President, The (1995)\",Comedy\n4,Heat (1995),Action\n")},
          "movies.csv:3: column title: unclosed quote: the quoted field that starts on line 3 runs on to line 4");
  // Never closed before the end of the file.
  Refused("movielens", {Movies("1,Toy Story (1995),Animation\n2,\"Jumanji (1995),Adventure\n")},
          "movies.csv:3: unclosed quote");
  DelimitedReader reader("a\t\"b\nc\n", '\t');
  std::vector<std::string> fields;
  auto got = reader.Next(&fields);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("line 1: unclosed quote"), std::string::npos) << got.status().message();
}

TEST_F(ImportGuardsTest, DeeplyNestedJsonIsRefusedWithoutCrashing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  Refused("tvmaze", {Write("deep.json", deep)}, "deep.json:1: JSON nested deeper than 256 levels");
  Refused("tvmaze", {Write("show.json", "{\"id\": 1, \"name\": \"x\", \"_embedded\": {\"episodes\": [" + deep + "]}}")},
          "show.json:1: JSON nested deeper than 256 levels");
  // Brackets inside strings do not count.
  nlohmann::json show = nlohmann::json::parse(Read(Fixture("tvmaze/show.json")));
  show["summary"] = "<p>" + std::string(5000, '[') + "</p>";
  ASSERT_TRUE(Run("tvmaze", {Write("show.json", show.dump())}).ok());
  // The other JSON inputs: the reel-json dump and a catalog file.
  const Status dump = store_->Import(deep);
  EXPECT_NE(dump.message().find("JSON nested deeper than 256 levels"), std::string::npos) << dump.message();
  auto catalog = LoadCatalogJson(*store_, "{\"titles\": [" + deep + "]}", "catalog.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_NE(catalog.status().message().find("catalog.json:1: JSON nested deeper than 256 levels"), std::string::npos)
      << catalog.status().message();
  // The IMDb characters column is JSON too.
  Refused("imdb", {Fixture("imdb/title.basics.tsv"), Fixture("imdb/name.basics.tsv"),
                   Write("title.principals.tsv", "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n"
                                                 "tt0114709\t1\tnm0000158\tactor\t\\N\t" + deep + "\n")},
          "is not \\N or a JSON array of names");
}

}  // namespace
}  // namespace reel::ingest
