// Deleting through the HTML forms asks first, over HTTP against the real binary, on
// SQLite and on PostgreSQL: "Delete my rating" and a comment's "Delete" answer a
// confirmation page (which works without JavaScript) and change nothing; only its
// confirmed form deletes. The JSON API's DELETE stays immediate.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "site_test.h"

namespace reel::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kSeason = "/tv/star-trek-picard/s01";

class ConfirmDeleteTest : public SiteTest {
 protected:
  ConfirmDeleteTest() : SiteTest("confirm-delete") {}

  int64_t AudienceCount() {
    return Json::parse(HttpGet(port(), std::string("/api/v1") + kSeason).body)["scores"]["audience"]["count"];
  }
  static std::string CsrfAfter(const std::string& html, const std::string& marker) {
    const size_t at = html.find(marker);
    return at == std::string::npos ? "" : Browser::Csrf(html.substr(at));
  }
};

TEST_P(ConfirmDeleteTest, DeletingARatingAsksFirst) {
  Browser b(port());
  SignUp(b, "ann_lee");
  const std::string csrf = CsrfAfter(b.Get(kSeason).body, "id=\"rate\"");
  ASSERT_FALSE(csrf.empty());
  const int64_t before = AudienceCount();
  const std::string action = std::string(kSeason) + "/rating";
  ASSERT_EQ(b.Post(action, Form({{"csrf", csrf}, {"stars", "4.5"}, {"review", "Loved it."}})).status, 303);
  ASSERT_EQ(AudienceCount(), before + 1);

  // The first post answers a confirmation page and changes nothing.
  auto ask = b.Post(action, Form({{"csrf", csrf}, {"action", "delete"}}));
  EXPECT_EQ(ask.status, 200);
  EXPECT_NE(ask.body.find("Delete your rating of Star Trek: Picard, Season 1?"), std::string::npos) << ask.body;
  EXPECT_NE(ask.body.find("<input type=\"hidden\" name=\"confirm\" value=\"1\">"), std::string::npos);
  EXPECT_NE(ask.body.find("name=\"csrf\" value=\"" + csrf + "\""), std::string::npos);
  EXPECT_NE(ask.body.find("href=\"" + std::string(kSeason) + "#rate\">Cancel</a>"), std::string::npos);
  EXPECT_EQ(ask.Header("cache-control"), "no-store");
  EXPECT_EQ(AudienceCount(), before + 1);
  EXPECT_NE(b.Get(kSeason).body.find("Your rating: 4.5 / 5"), std::string::npos);

  // Confirming without the token is refused; with it, the rating goes.
  EXPECT_EQ(b.Post(action, Form({{"action", "delete"}, {"confirm", "1"}})).status, 403);
  EXPECT_EQ(AudienceCount(), before + 1);
  auto done = b.Post(action, Form({{"csrf", csrf}, {"action", "delete"}, {"confirm", "1"}}));
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.Header("location"), std::string(kSeason) + "#rate");
  EXPECT_EQ(AudienceCount(), before);
  EXPECT_EQ(b.Get(kSeason).body.find("Your rating:"), std::string::npos);
}

TEST_P(ConfirmDeleteTest, DeletingACommentAsksFirst) {
  Browser ann(port()), bob(port());
  SignUp(ann, "ann_lee");
  SignUp(bob, "bob_ray");
  const std::string csrf = CsrfAfter(ann.Get(kSeason).body, "id=\"comments\"");
  auto posted = ann.Post(std::string(kSeason) + "/comments", Form({{"csrf", csrf}, {"body", "Worth a second look."}}));
  ASSERT_EQ(posted.status, 303);
  const std::string loc = posted.Header("location");
  const std::string id = loc.substr(loc.find("#comment-") + 9);
  ASSERT_FALSE(id.empty());
  const std::string action = "/comments/" + id + "/delete";

  // Another reader may not delete it, and gets no confirmation page either.
  const std::string bob_csrf = CsrfAfter(bob.Get(kSeason).body, "id=\"comments\"");
  EXPECT_EQ(bob.Post(action, Form({{"csrf", bob_csrf}})).status, 403);

  auto ask = ann.Post(action, Form({{"csrf", csrf}, {"next", std::string(kSeason) + "#comments"}}));
  EXPECT_EQ(ask.status, 200);
  EXPECT_NE(ask.body.find("Delete your comment?"), std::string::npos) << ask.body;
  EXPECT_NE(ask.body.find("Worth a second look."), std::string::npos);
  EXPECT_NE(ask.body.find("action=\"" + action + "\""), std::string::npos);
  EXPECT_NE(ask.body.find("<input type=\"hidden\" name=\"confirm\" value=\"1\">"), std::string::npos);
  EXPECT_NE(ask.body.find("href=\"" + std::string(kSeason) + "#comment-" + id + "\">Cancel</a>"), std::string::npos);
  EXPECT_NE(ann.Get(kSeason).body.find("Worth a second look."), std::string::npos);

  auto done = ann.Post(action, Form({{"csrf", csrf}, {"confirm", "1"}, {"next", std::string(kSeason) + "#comments"}}));
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.Header("location"), std::string(kSeason) + "#comments");
  EXPECT_EQ(ann.Get(kSeason).body.find("Worth a second look."), std::string::npos);
}

TEST_P(ConfirmDeleteTest, TheApiDeletesAtOnce) {
  HttpSend(port(), "POST", "/api/v1/users", "",
           Json{{"username", "api_reader"}, {"email", "api@example.org"}, {"password", "a long passphrase"}}.dump());
  auto s = HttpSend(port(), "POST", "/api/v1/session", "",
                    Json{{"username", "api_reader"}, {"password", "a long passphrase"}}.dump());
  ASSERT_EQ(s.status, 201);
  const std::string auth = "Authorization: Bearer " + Json::parse(s.body)["token"].get<std::string>() + "\r\n";
  const int64_t before = AudienceCount();
  const std::string rating = std::string("/api/v1") + kSeason + "/rating";
  ASSERT_EQ(HttpSend(port(), "PUT", rating, auth, R"({"stars": 4})").status, 200);
  EXPECT_EQ(AudienceCount(), before + 1);
  auto gone = HttpSend(port(), "DELETE", rating, auth, "");
  EXPECT_LT(gone.status, 300);
  EXPECT_EQ(AudienceCount(), before);
}

INSTANTIATE_TEST_SUITE_P(Stores, ConfirmDeleteTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
