// The `reel` command itself: help, bad flags, and the error page of a store that
// fails under a running server.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "reel_server.h"

namespace reel::testing {
namespace {

namespace fs = std::filesystem;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("reel-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(CliTest, HelpListsSubcommands) {
  auto [status, out] = RunReel("--help");
  EXPECT_EQ(status, 0);
  for (const char* cmd : {"serve", "init", "stats"}) EXPECT_NE(out.find(cmd), std::string::npos) << cmd;
}

TEST_F(CliTest, BadFlagsAreExplained) {
  auto [s1, o1] = RunReel("serve --listen nonsense --db " + (dir_ / "a.db").string());
  EXPECT_EQ(s1, 1);
  EXPECT_NE(o1.find("--listen: 'nonsense' is not HOST:PORT"), std::string::npos) << o1;
  auto [s2, o2] = RunReel("init --db sqlite:/nonexistent-dir/x/y.db");
  EXPECT_EQ(s2, 1);
  EXPECT_NE(o2.find("cannot open SQLite database '/nonexistent-dir/x/y.db'"), std::string::npos) << o2;
  auto [s3, o3] = RunReel("serve --db " + (dir_ / "a.db").string() + " --listen 256.1.1.1:80");
  EXPECT_EQ(s3, 1);
  EXPECT_NE(o3.find("not an IP address"), std::string::npos) << o3;
}

TEST_F(CliTest, GradeLines) {
  auto [status, out] = RunReel("grade 3/5 B+ '3 1/2/5' 8 2.1/2");
  EXPECT_EQ(status, 0);
  EXPECT_EQ(out,
            "3/5\t60\t/5\n"
            "B+\t83.3\tletter\n"
            "3 1/2/5\t70\t/5\n"
            "8\t\terror: bare number needs its publication's scale\n"
            "2.1/2\t\terror: numerator above the scale (2.1 > 2)\n");
  auto [s2, o2] = RunReel("grade --publication no-such-paper --db " + (dir_ / "g.db").string() + " 8");
  EXPECT_EQ(s2, 1);
  EXPECT_NE(o2.find("no publication 'no-such-paper'"), std::string::npos) << o2;
}

TEST_F(CliTest, GradeEvalLearnsFromATrainFile) {
  // The train file says this publication's 3/5 is rotten; the file evaluated agrees.
  auto write = [&](const char* name, int first) {
    std::FILE* f = std::fopen((dir_ / name).c_str(), "w");
    std::fputs("id\treview\trating\tfresh\tcritic\ttop_critic\tpublisher\tdate\n", f);
    for (int m = first; m < first + 20; ++m) {
      std::fprintf(f, "%d\t\t3/5\trotten\tAnn\t0\tHarsh\tMay 1, 2010\n%d\t\t4/5\tfresh\tAnn\t0\tHarsh\tMay 1, 2010\n",
                   m, m);
    }
    std::fclose(f);
  };
  write("train.tsv", 0);
  write("test.tsv", 100);
  auto [status, out] = RunReel("grade --eval-rt " + (dir_ / "test.tsv").string() + " --train " +
                               (dir_ / "train.tsv").string());
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("mode=train-test reviews=40 graded=40 parsed=40 coverage=100.00% agree=100.00% "
                     "baseline_agree=50.00%"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("mode=cross-validation reviews=40 "), std::string::npos) << out;
  auto [s2, o2] = RunReel("grade --train " + (dir_ / "train.tsv").string());
  EXPECT_EQ(s2, 1);
  EXPECT_NE(o2.find("--train: give the file to evaluate with --eval-rt"), std::string::npos) << o2;
  auto [s3, o3] = RunReel("grade --eval-rt " + (dir_ / "test.tsv").string() + " --train " +
                          (dir_ / "missing.tsv").string());
  EXPECT_EQ(s3, 1);
  EXPECT_NE(o3.find("missing.tsv"), std::string::npos) << o3;
}

TEST_F(CliTest, InitAndStats) {
  const std::string db = "sqlite:" + (dir_ / "s.db").string();
  EXPECT_EQ(RunReel("init --demo --db " + db).first, 0);
  auto [status, out] = RunReel("stats --db " + db);
  EXPECT_EQ(status, 0);
  EXPECT_NE(out.find("seasons=6\n"), std::string::npos) << out;
  EXPECT_NE(out.find("critic_reviews=12\n"), std::string::npos) << out;
  EXPECT_NE(out.find("ratings=10\n"), std::string::npos) << out;
  auto [s2, o2] = RunReel("score --recompute --db " + db);
  EXPECT_EQ(s2, 0);
  EXPECT_NE(o2.find("reviews=12 ratings=10 drifted=0"), std::string::npos) << o2;
}

TEST_F(CliTest, StoreFailureGivesALoggedStyledServerError) {
  const std::string db = (dir_ / "broken.db").string();
  ASSERT_EQ(RunReel("init --demo --db sqlite:" + db).first, 0);
  ReelServer server(REEL_BINARY, db, (dir_ / "serve.log").string());
  ASSERT_EQ(HttpGet(server.port(), "/tv/star-trek-picard/s01").status, 200);
  // Break the store under the running server.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "PRAGMA foreign_keys=OFF; DROP TABLE critic_reviews;", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto r = HttpGet(server.port(), "/tv/star-trek-picard/s01");
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("Internal Server Error"), std::string::npos);
  EXPECT_NE(r.body.find("rel=\"stylesheet\""), std::string::npos);
  EXPECT_EQ(r.body.find("critic_reviews"), std::string::npos);  // No internals leak to readers.
  // Pages that do not need the table still work, and the failure is in the log.
  EXPECT_EQ(HttpGet(server.port(), "/tv").status, 200);
  EXPECT_EQ(server.Stop(), 0);
  EXPECT_NE(server.Log().find("critic_reviews"), std::string::npos);
}

}  // namespace
}  // namespace reel::testing
