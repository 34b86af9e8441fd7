// `reel import FORMAT PATH...` as an operator runs it: the report on stdout, a bad row
// named on stderr with exit status 1 and `reel stats` exactly as before, the rejects
// file of --skip-bad-rows, and plain progress lines when stderr is not a terminal.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "reel_server.h"

namespace reel::testing {
namespace {

namespace fs = std::filesystem;

class ImportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("reel-import-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "i.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Fixture(const std::string& rel) { return std::string(REEL_SOURCE_DIR) + "/tests/fixtures/ingest/" + rel; }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream((dir_ / name).string(), std::ios::binary) << text;
    return (dir_ / name).string();
  }
  std::string Stats() { return RunReel("stats --db " + db_).second; }
  fs::path dir_;
  std::string db_;
};

TEST_F(ImportCliTest, ReportsAndImportsAgainWithoutChanges) {
  auto [status, out] = RunReel("import movielens " + Fixture("movielens") + " --db " + db_);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("movies.csv (films): read=9 inserted=9 updated=0 unchanged=0 skipped=0 rejected=0"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("total: read=30 inserted=29 updated=0 unchanged=0 skipped=1 rejected=0"), std::string::npos)
      << out;
  // Not a terminal: plain progress lines, one per file at least.
  EXPECT_NE(out.find("reel import: ratings.csv: 8 rows, 100%"), std::string::npos) << out;
  const std::string stats = Stats();
  EXPECT_NE(stats.find("films=9\n"), std::string::npos) << stats;
  auto [s2, o2] = RunReel("import movielens " + Fixture("movielens") + " --db " + db_);
  EXPECT_EQ(s2, 0);
  EXPECT_NE(o2.find("total: read=30 inserted=0 updated=0 unchanged=29 skipped=1 rejected=0"), std::string::npos) << o2;
  EXPECT_EQ(Stats(), stats);
}

TEST_F(ImportCliTest, BadRowExitsOneAndChangesNothing) {
  ASSERT_EQ(RunReel("import movielens " + Fixture("movielens/movies.csv") + " --db " + db_).first, 0);
  const std::string before = Stats();
  const std::string ratings =
      Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982700\n1,2,6.0,964982700\n");
  auto [status, out] = RunReel("import movielens " + ratings + " --db " + db_);
  EXPECT_EQ(status, 1);
  EXPECT_NE(out.find("ratings.csv:3: column rating: '6.0' is not 0.5 to 5 stars in halves"), std::string::npos) << out;
  EXPECT_EQ(Stats(), before);

  const std::string rejects = (dir_ / "rejects.tsv").string();
  auto [s2, o2] = RunReel("import movielens " + ratings + " --db " + db_ + " --skip-bad-rows " + rejects);
  EXPECT_EQ(s2, 0) << o2;
  EXPECT_NE(o2.find("read=2 inserted=1 updated=0 unchanged=0 skipped=0 rejected=1"), std::string::npos) << o2;
  std::stringstream list;
  list << std::ifstream(rejects).rdbuf();
  EXPECT_NE(list.str().find("\t3\trating\t'6.0' is not 0.5 to 5 stars in halves\t"), std::string::npos) << list.str();

  auto [s3, o3] = RunReel("import nonsense x --db " + db_);
  EXPECT_EQ(s3, 1);
  EXPECT_NE(o3.find("unknown format 'nonsense'"), std::string::npos) << o3;
  auto [s4, o4] = RunReel("import episodes-csv " + Fixture("episodes/episodes.csv") + " --series 'Harbour Lights' --db " + db_);
  EXPECT_EQ(s4, 0) << o4;
  EXPECT_NE(Stats().find("episodes=5\n"), std::string::npos);
}

}  // namespace
}  // namespace reel::testing
