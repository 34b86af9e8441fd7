// The import guards through the real binary, on SQLite and on PostgreSQL: a refused
// import exits 1 with the place and the reason, and `reel export` of the store is
// the same before and after; a deeply nested JSON file or API body is refused
// without crashing.
#include <gtest/gtest.h>

#include <fstream>

#include "site_test.h"

namespace reel::testing {
namespace {

using namespace std::string_literals;

class ImportGuardsCliTest : public SiteTest {
 protected:
  ImportGuardsCliTest() : SiteTest("import-guards") {}
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream((dir_ / name).string(), std::ios::binary) << text;
    return (dir_ / name).string();
  }
  // Every row of the store, without the dump's last_ids: a refused import changes no
  // row, but on PostgreSQL the ids its rolled-back inserts drew stay drawn.
  std::string Export() {
    std::string out = RunReel("export --db " + db_).second;
    const size_t ids = out.find("\n\"last_ids\": ");
    EXPECT_NE(ids, std::string::npos);
    if (ids != std::string::npos) out.erase(ids);
    return out;
  }
  // Runs `reel import ARGS`: exit status 1, `expected` in what it says, the store unchanged.
  void Refused(const std::string& args, const std::string& expected) {
    const std::string before = Export();
    auto [status, out] = RunReel("import " + args + " --db " + db_);
    EXPECT_EQ(status, 1) << out;
    EXPECT_NE(out.find(expected), std::string::npos) << "expected: " << expected << "\n     got: " << out;
    EXPECT_EQ(Export(), before) << args;
  }
};

TEST_P(ImportGuardsCliTest, DuplicateIdsAndBadTextAreRefusedAndChangeNothing) {
  const std::string movies = "movieId,title,genres\n1,Toy Story (1995),Animation\n2,Jumanji (1995),Adventure\n";
  ASSERT_EQ(RunReel("import movielens " + Write("movies.csv", movies) + " --db " + db_).first, 0);
  Refused("movielens " + Write("movies.csv", movies + "1,Toy Story DUPLICATE (1995),Animation\n"),
          "movies.csv:4: column movieId: duplicate id 1 (first on line 2)");
  Refused("movielens " + Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982700\n"
                                              "1,2,2.0,964982700\n1,1,0.5,964982800\n"),
          "ratings.csv:4: column movieId: duplicate rating of film 1 by user 1 (first on line 2)");
  Refused("movielens " + Write("movies.csv", movies + "3,Heat\0 (1995),Action\n"s),
          "movies.csv:4: column title: holds a NUL byte");
  Refused("movielens " + Write("movies.csv", movies + "3," + std::string(1200, 'y') + ",Action\n"),
          "movies.csv:4: column title: is 1,200 characters long (a title has at most 1,000)");
  Refused("movielens " + Write("movies.csv", movies + "3,\"Heat (1995),Action\n4,\"Casino, (1995)\",Crime\n"),
          "movies.csv:4: column title: unclosed quote");
  // With --skip-bad-rows the duplicate is listed and the first row stands.
  auto [status, out] = RunReel("import movielens " + Write("movies.csv", movies + "1,Toy Story DUPLICATE (1995),Animation\n") +
                               " --db " + db_ + " --skip-bad-rows " + (dir_ / "rejects.tsv").string());
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("read=3 inserted=0 updated=0 unchanged=2 skipped=0 rejected=1"), std::string::npos) << out;
  auto film = HttpGet(port(), "/m/toy-story");
  EXPECT_EQ(film.status, 200);
  EXPECT_EQ(film.body.find("DUPLICATE"), std::string::npos);
}

TEST_P(ImportGuardsCliTest, DeeplyNestedJsonFileIsRefusedWithoutCrashing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  Refused("tvmaze " + Write("show.json", "{\"id\": 1, \"name\": \"Deep\", \"_embedded\": {\"episodes\": [" + deep + "]}}"),
          "show.json:1: JSON nested deeper than 256 levels");
  Refused("reel-json " + Write("dump.json", deep), "JSON nested deeper than 256 levels");
}

TEST_P(ImportGuardsCliTest, DeeplyNestedApiBodyAnswers400Json) {
  const std::string deep = "{\"username\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto r = HttpSend(port(), "POST", "/api/v1/session", "Content-Type: application/json\r\n", deep);
  EXPECT_EQ(r.status, 400) << r.body.substr(0, 300);
  EXPECT_NE(r.Header("content-type").find("application/json"), std::string::npos);
  EXPECT_NE(r.body.find("\"code\":\"invalid_argument\""), std::string::npos) << r.body.substr(0, 300);
  EXPECT_NE(r.body.find("nested deeper than 256 levels"), std::string::npos) << r.body.substr(0, 300);
  // The server is still there.
  EXPECT_EQ(HttpGet(port(), "/healthz").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Stores, ImportGuardsCliTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
