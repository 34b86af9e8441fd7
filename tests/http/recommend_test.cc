// Recommendations over HTTP against the real binary, on SQLite and PostgreSQL:
// after `reel recommend build`, title pages show "You might also like" from the
// stored lists with a reason and never the title itself; /for-you sends signed-out
// readers to sign in, offers ten titles to rate to a reader with none, and never
// lists a title the reader rated; the API serves the same lists, paged.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "site_test.h"

namespace reel::testing {
namespace {

using Json = nlohmann::json;

class RecommendTest : public SiteTest {
 protected:
  RecommendTest() : SiteTest("recommend") {}

  void Build() {
    auto [status, out] = RunReel("recommend build --db " + db_);
    ASSERT_EQ(status, 0) << out;
    ASSERT_NE(out.find("model=blend"), std::string::npos) << out;
  }

  // The "You might also like" section of a page.
  static std::string SimilarBlock(const std::string& html) {
    const size_t at = html.find("id=\"similar\"");
    if (at == std::string::npos) return "";
    return html.substr(at, html.find("</section>", at) - at);
  }
};

TEST_P(RecommendTest, TitlePagesShowStoredNeighboursWithReasons) {
  Build();
  Browser b(port());
  auto film = b.Get("/m/logan");
  ASSERT_EQ(film.status, 200);
  const std::string block = SimilarBlock(film.body);
  ASSERT_FALSE(block.empty());
  EXPECT_NE(block.find("card-reason"), std::string::npos);
  EXPECT_NE(block.find("Also starring Patrick Stewart"), std::string::npos) << block;
  EXPECT_EQ(block.find("href=\"/m/logan\""), std::string::npos);  // Never itself.
  auto season = b.Get("/tv/star-trek-picard/s01");
  ASSERT_EQ(season.status, 200);
  const std::string sblock = SimilarBlock(season.body);
  EXPECT_NE(sblock.find("card-reason"), std::string::npos);
  EXPECT_EQ(sblock.find("href=\"/tv/star-trek-picard\""), std::string::npos);
}

TEST_P(RecommendTest, ForYouNeedsASignedInReaderAndNeverListsWhatTheyRated) {
  Build();
  Browser b(port());
  auto out = b.Get("/for-you");
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.Header("location"), "/account/signin?next=/for-you");
  SignUp(b, "viewer");
  auto fresh = b.Get("/for-you");
  ASSERT_EQ(fresh.status, 200);
  EXPECT_NE(fresh.body.find("Rate a few to get started"), std::string::npos);
  const int forms = Count(fresh.body, "class=\"rate-form onboarding-form\"");
  EXPECT_GE(forms, 5);
  EXPECT_LE(forms, 10);
  EXPECT_EQ(Count(fresh.body, "name=\"csrf\""), forms + 1);  // Each form, and sign-out.
  // Rate through the existing rating route, as an onboarding form posts.
  auto rated = b.Post("/m/logan/rating", Form({{"csrf", Browser::Csrf(fresh.body)}, {"stars", "5"}}));
  ASSERT_EQ(rated.status, 303) << rated.body.substr(0, 300);
  auto mine = b.Get("/for-you");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body.find("Rate a few to get started"), std::string::npos);
  EXPECT_NE(mine.body.find("Because you liked Logan"), std::string::npos) << mine.body.substr(0, 2000);
  EXPECT_EQ(mine.body.find("href=\"/m/logan\""), std::string::npos);
  EXPECT_EQ(b.Get("/for-you?page=0").status, 400);
  EXPECT_EQ(b.Get("/for-you?page=99999999").status, 400);
}

TEST_P(RecommendTest, TheApiServesTheSameListsPaged) {
  Build();
  auto film = HttpSend(port(), "GET", "/api/v1/m/logan/similar?per_page=2", "", "");
  ASSERT_EQ(film.status, 200) << film.body;
  Json j = Json::parse(film.body);
  ASSERT_EQ(j["similar"].size(), 2u);
  EXPECT_TRUE(j["has_more"].get<bool>());
  EXPECT_FALSE(j["similar"][0]["reason"].get<std::string>().empty());
  EXPECT_NE(j["similar"][0]["path"], "/m/logan");
  auto second = Json::parse(HttpSend(port(), "GET", "/api/v1/m/logan/similar?per_page=2&page=2", "", "").body);
  EXPECT_NE(second["similar"][0]["path"], j["similar"][0]["path"]);
  EXPECT_EQ(HttpSend(port(), "GET", "/api/v1/tv/star-trek-picard/similar", "", "").status, 200);
  EXPECT_EQ(HttpSend(port(), "GET", "/api/v1/tv/star-trek-picard/s01/similar", "", "").status, 200);
  EXPECT_EQ(HttpSend(port(), "GET", "/api/v1/tv/star-trek-picard/s99/similar", "", "").status, 404);
  EXPECT_EQ(HttpSend(port(), "GET", "/api/v1/m/no-such-film/similar", "", "").status, 404);
  EXPECT_EQ(HttpSend(port(), "GET", "/api/v1/m/logan/similar?per_page=0", "", "").status, 400);
  EXPECT_EQ(HttpSend(port(), "GET", "/api/v1/me/recommendations", "", "").status, 401);

  HttpSend(port(), "POST", "/api/v1/users", "",
           R"({"username": "api_reader", "email": "r@example.org", "password": "a long passphrase"})");
  auto session = HttpSend(port(), "POST", "/api/v1/session", "",
                          R"({"username": "api_reader", "password": "a long passphrase"})");
  ASSERT_EQ(session.status, 201);
  const std::string auth = "Authorization: Bearer " + Json::parse(session.body)["token"].get<std::string>() + "\r\n";
  auto none = Json::parse(HttpSend(port(), "GET", "/api/v1/me/recommendations", auth, "").body);
  EXPECT_FALSE(none["personal"].get<bool>());
  ASSERT_EQ(HttpSend(port(), "PUT", "/api/v1/m/arrival/rating", auth, R"({"stars": 4.5})").status, 200);
  auto recs = HttpSend(port(), "GET", "/api/v1/me/recommendations?per_page=3", auth, "");
  ASSERT_EQ(recs.status, 200) << recs.body;
  Json r = Json::parse(recs.body);
  EXPECT_TRUE(r["personal"].get<bool>());
  ASSERT_FALSE(r["recommendations"].empty());
  EXPECT_LE(r["recommendations"].size(), 3u);
  for (const auto& item : r["recommendations"]) {
    EXPECT_NE(item["path"], "/m/arrival");
    EXPECT_EQ(item["because"], "Because you liked Arrival");
  }
  EXPECT_EQ(HttpSend(port(), "GET", "/api/v1/me/recommendations?per_page=500", auth, "").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Stores, RecommendTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
