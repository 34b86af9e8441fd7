// The evaluation protocol of `reel recommend eval` pinned on a file small enough to
// rank by hand (tests/fixtures/recommend/tiny_ratings.csv), and the figures on
// MovieLens ml-latest-small (shared data): the served model beats the published
// sequential baseline's HR@10.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "recommend/eval.h"
#include "support/shared_data.h"

namespace reel::recommend {
namespace {

std::string Fixture() { return std::string(REEL_SOURCE_DIR) + "/tests/fixtures/recommend/tiny_ratings.csv"; }

EvalResult EvalOn(const std::string& path, const std::string& model) {
  auto ratings = ReadRatingsFile(path);
  EXPECT_TRUE(ratings.ok()) << ratings.status().ToString();
  Split split = LeaveLatestOut(BuildHistories(std::move(*ratings)));
  auto m = MakeModel(model, std::vector<std::string>{});
  EXPECT_TRUE(m.ok());
  auto r = Evaluate(**m, split);
  EXPECT_TRUE(r.ok());
  return *r;
}

// Held out: user 1 -> 30 (latest, t=300); user 2 -> 40 (20 and 40 tie at t=200:
// the larger id is later); user 3 -> 30; user 4 has one rating and is not
// evaluated; user 5 -> 112. Items: 10 20 30 40 101..112 (16).
//
// Popularity (training counts 10:2 20:3 30:1 40:0 101..111:1 112:0; ties rank
// the smaller id first):
//   user 1 (trained on 10 20): 30 has score 1, nothing above it: rank 0, 1.
//   user 2 (10 20): 40 has 0; 30 and 101..111 (12 items) above: rank 12, a miss.
//   user 3 (20): 30 has 1; 10 (2) above: rank 1, 1/log2(3) = 0.6309.
//   user 5 (101..111): 112 has 0; 10 20 30 above, 40 ties with a smaller id:
//   rank 4, 1/log2(6) = 0.3869.
//   HR = 3/4; NDCG = (1 + 0.6309 + 0.3869) / 4 = 0.5044.
TEST(RecommendEval, PopularityOnTheHandCheckedFile) {
  EvalResult r = EvalOn(Fixture(), "popularity");
  EXPECT_EQ(r.users, 4);
  EXPECT_NEAR(r.hr, 0.75, 1e-9);
  EXPECT_NEAR(r.ndcg, (1 + 1 / std::log2(3.0) + 1 / std::log2(6.0)) / 4, 1e-6);
  EXPECT_EQ(FormatResult(r).substr(0, 51), "model=popularity hr@10=0.7500 ndcg@10=0.5044 users=");
}

// Sequential baseline: the only transitions into the candidates come from
// 10 -> 20 (users 1 and 2) and along user 5's run 101 -> ... -> 111, so every
// evaluated user's candidates all score 0 and rank by id:
//   user 1: 30 first among 30 40 101.. (10 20 trained): rank 0, 1.
//   user 2: 40 after 30: rank 1, 0.6309.
//   user 3: 30 after 10 (20 trained): rank 1, 0.6309.
//   user 5: 112 after 10 20 30 40: rank 4, 0.3869.
//   HR = 1; NDCG = (1 + 2 * 0.6309 + 0.3869) / 4 = 0.6622.
TEST(RecommendEval, SequentialOnTheHandCheckedFile) {
  EvalResult r = EvalOn(Fixture(), "sequential");
  EXPECT_EQ(r.users, 4);
  EXPECT_NEAR(r.hr, 1.0, 1e-9);
  EXPECT_NEAR(r.ndcg, (1 + 2 / std::log2(3.0) + 1 / std::log2(6.0)) / 4, 1e-6);
}

// u.data's layout (tab-separated, no header) reads the same.
TEST(RecommendEval, ReadsTheTabSeparatedLayoutToo) {
  std::ifstream in(Fixture());
  std::string line, tsv;
  std::getline(in, line);
  while (std::getline(in, line)) {
    for (char& c : line) c = c == ',' ? '\t' : c;
    tsv += line + "\n";
  }
  auto csv = ReadRatingsFile(Fixture());
  auto tab = ParseRatings(tsv, "u.data");
  ASSERT_TRUE(csv.ok() && tab.ok());
  ASSERT_EQ(csv->size(), tab->size());
  for (size_t i = 0; i < csv->size(); ++i) {
    EXPECT_EQ((*csv)[i].user, (*tab)[i].user);
    EXPECT_EQ((*csv)[i].item, (*tab)[i].item);
    EXPECT_EQ((*csv)[i].time, (*tab)[i].time);
  }
}

TEST(RecommendEval, BadLinesNameTheFileAndLine) {
  auto r = ParseRatings("userId,movieId,rating,timestamp\n1,2,3.0,4\n1,x,3.0,5\n", "r.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("r.csv:3: item", 0), 0u) << r.status().message();
  EXPECT_FALSE(MakeModel("nope", std::vector<std::string>{}).ok());
  EXPECT_FALSE(MakeModel("blend", std::vector<std::string>{"decay"}).ok());
}

// The published anchors on ml-latest-small: popularity 0.0426, sequential 0.1148;
// the served model must clearly beat the sequential one (a quality bound).
TEST(RecommendEval, ServedModelBeatsTheSequentialAnchorOnMovieLens) {
  const std::string path = testing::SharedDataPath("movielens-ml-latest-small/ratings.csv");
  REEL_REQUIRE_SHARED_DATA(path);
  EXPECT_NEAR(EvalOn(path, "popularity").hr, 0.0426, 0.00005);
  EXPECT_NEAR(EvalOn(path, "sequential").hr, 0.1148, 0.00005);
  EXPECT_GE(EvalOn(path, "blend").hr, 0.125);
}

}  // namespace
}  // namespace reel::recommend
