// Accounts, ratings and the JSON API over HTTP against the real binary, on SQLite
// and on PostgreSQL: the full flow of a reader, CSRF, anonymous writes, other users'
// ratings, escaping of what readers type.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "browser.h"
#include "reel_server.h"
#include "site_test.h"

namespace reel::testing {
namespace {

using Json = nlohmann::json;

class AccountsTest : public SiteTest {
 protected:
  AccountsTest() : SiteTest("accounts") {}
};

constexpr const char* kSeason = "/tv/star-trek-picard/s01";

TEST_P(AccountsTest, AReaderSignsUpRatesEditsAndDeletes) {
  Browser b(port());
  SignUp(b, "ann_lee");
  auto page = b.Get(kSeason);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("title=\"Your account\">ann_lee</a>"), std::string::npos);
  EXPECT_NE(page.body.find(">10 ratings"), std::string::npos);
  const std::string csrf = Browser::Csrf(page.body.substr(page.body.find("id=\"rate\"")));
  ASSERT_FALSE(csrf.empty());

  auto rated = b.Post(std::string(kSeason) + "/rating", Form({{"csrf", csrf}, {"stars", "4.5"}, {"review", "Loved it."}}));
  EXPECT_EQ(rated.status, 303);
  EXPECT_EQ(rated.Header("location"), std::string(kSeason) + "#rate");
  page = b.Get(kSeason);
  EXPECT_NE(page.body.find(">11 ratings"), std::string::npos);
  EXPECT_NE(page.body.find("Your rating: 4.5 / 5"), std::string::npos);
  EXPECT_NE(page.body.find("Loved it."), std::string::npos);
  // The anonymous, cached page moved too.
  EXPECT_NE(HttpGet(port(), kSeason).body.find(">11 ratings"), std::string::npos);

  auto edited = b.Post(std::string(kSeason) + "/rating", Form({{"csrf", csrf}, {"stars", "1"}, {"review", "Changed my mind."}}));
  EXPECT_EQ(edited.status, 303);
  page = b.Get(kSeason);
  EXPECT_NE(page.body.find(">11 ratings"), std::string::npos);
  EXPECT_NE(page.body.find("Your rating: 1 / 5"), std::string::npos);
  EXPECT_EQ(page.body.find("Loved it."), std::string::npos);

  auto deleted = b.Post(std::string(kSeason) + "/rating", Form({{"csrf", csrf}, {"action", "delete"}, {"confirm", "1"}}));
  EXPECT_EQ(deleted.status, 303);
  page = b.Get(kSeason);
  EXPECT_NE(page.body.find(">10 ratings"), std::string::npos);
  EXPECT_EQ(page.body.find("Your rating:"), std::string::npos);

  // Signing out ends the session on the server, not only in the browser.
  auto out = b.Post("/account/signout", Form({{"csrf", csrf}}));
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(b.Get(kSeason).body.find("nav-user"), std::string::npos);
}

TEST_P(AccountsTest, FormsWithoutTheirTokenAreRefused) {
  Browser b(port());
  // Sign-up without the form's token, or with one not matching its cookie.
  EXPECT_EQ(b.Post("/account/signup", Form({{"username", "mallory"}, {"email", "m@example.org"},
                                            {"password", "a long passphrase"}})).status, 403);
  b.Get("/account/signup");
  EXPECT_EQ(b.Post("/account/signup", Form({{"csrf", "forged"}, {"username", "mallory"},
                                            {"email", "m@example.org"}, {"password", "a long passphrase"}})).status,
            403);
  SignUp(b, "ann_lee");
  EXPECT_EQ(b.Post(std::string(kSeason) + "/rating", Form({{"stars", "5"}})).status, 403);
  EXPECT_EQ(b.Post(std::string(kSeason) + "/rating", Form({{"csrf", "forged"}, {"stars", "5"}})).status, 403);
  EXPECT_EQ(b.Post("/account/signout", Form({{"csrf", "forged"}})).status, 403);
  EXPECT_NE(b.Get(kSeason).body.find(">10 ratings"), std::string::npos);  // Nothing written.
}

TEST_P(AccountsTest, AnonymousWritesAreTurnedAway) {
  auto form = HttpSend(port(), "POST", std::string(kSeason) + "/rating",
                       "Content-Type: application/x-www-form-urlencoded\r\n", "stars=5");
  EXPECT_EQ(form.status, 303);
  EXPECT_EQ(form.Header("location"), "/account/signin?next=" + std::string(kSeason));
  auto api = HttpSend(port(), "PUT", "/api/v1" + std::string(kSeason) + "/rating", "", R"({"stars": 5})");
  EXPECT_EQ(api.status, 401);
  EXPECT_EQ(api.Header("www-authenticate"), "Bearer");
  auto bad_token = HttpSend(port(), "PUT", "/api/v1" + std::string(kSeason) + "/rating",
                            "Authorization: Bearer 0123\r\n", R"({"stars": 5})");
  EXPECT_EQ(bad_token.status, 401);
}

TEST_P(AccountsTest, SignInErrorsDoNotTellWhetherTheAccountExists) {
  Browser a(port());
  SignUp(a, "ann_lee");
  Browser b(port());
  auto form = b.Get("/account/signin");
  auto wrong = b.Post("/account/signin", Form({{"csrf", Browser::Csrf(form.body)}, {"username", "ann_lee"},
                                               {"password", "not her password"}}));
  form = b.Get("/account/signin");
  auto nobody = b.Post("/account/signin", Form({{"csrf", Browser::Csrf(form.body)}, {"username", "nobody_here"},
                                                {"password", "not her password"}}));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(nobody.status, 401);
  EXPECT_NE(wrong.body.find("Wrong username or password."), std::string::npos);
  EXPECT_NE(nobody.body.find("Wrong username or password."), std::string::npos);
  EXPECT_NE(wrong.body.find("value=\"ann_lee\""), std::string::npos);  // The form keeps the username...
  EXPECT_EQ(wrong.body.find("not her password"), std::string::npos);   // ...never the password.
  form = b.Get("/account/signin");
  auto right = b.Post("/account/signin", Form({{"csrf", Browser::Csrf(form.body)}, {"username", "ANN_LEE"},
                                               {"password", "a long passphrase"}, {"next", "https://evil.example/"}}));
  EXPECT_EQ(right.status, 303);
  EXPECT_EQ(right.Header("location"), "/");  // Never sent to another site.
  bool session_cookie = false;
  for (const auto& c : right.set_cookies) {
    session_cookie |= c.rfind("reel_session=", 0) == 0 && c.find("HttpOnly; SameSite=Lax") != std::string::npos;
  }
  EXPECT_TRUE(session_cookie);
}

TEST_P(AccountsTest, WhatReadersTypeIsShownAsText) {
  Browser b(port());
  auto form = b.Get("/account/signup");
  auto bad_name = b.Post("/account/signup", Form({{"csrf", Browser::Csrf(form.body)}, {"username", "<script>x</script>"},
                                                  {"email", "x@example.org"}, {"password", "a long passphrase"}}));
  EXPECT_EQ(bad_name.status, 400);
  EXPECT_NE(bad_name.body.find("username: only letters"), std::string::npos);
  EXPECT_NE(bad_name.body.find("value=\"&lt;script&gt;x&lt;/script&gt;\""), std::string::npos);  // Kept, escaped.
  SignUp(b, "o.brien");
  const std::string csrf = Browser::Csrf(b.Get(kSeason).body.substr(b.Get(kSeason).body.find("id=\"rate\"")));
  const std::string review = "<script>alert('x')</script> Robert'); DROP TABLE ratings;-- \"quoted\"";
  ASSERT_EQ(b.Post(std::string(kSeason) + "/rating", Form({{"csrf", csrf}, {"stars", "3"}, {"review", review}})).status, 303);
  auto page = b.Get(kSeason);
  EXPECT_NE(page.body.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; Robert&apos;); DROP TABLE ratings;-- "
                           "&quot;quoted&quot;"), std::string::npos);
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(page.body.find(">11 ratings"), std::string::npos);  // The table is still there.
  // A bad rating keeps what was typed.
  auto bad = b.Post(std::string(kSeason) + "/rating", Form({{"csrf", csrf}, {"stars", "7"}, {"review", "Keep me"}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("stars: choose"), std::string::npos);
  EXPECT_NE(bad.body.find(">Keep me</textarea>"), std::string::npos);
}

TEST_P(AccountsTest, ApiAccountsRatingsAndOthersRatings) {
  auto created = HttpSend(port(), "POST", "/api/v1/users", "",
                          R"({"username": "api_user", "email": "api@example.org", "password": "a long passphrase"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto again = HttpSend(port(), "POST", "/api/v1/users", "",
                        R"({"username": "API_USER", "email": "other@example.org", "password": "a long passphrase"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Json::parse(again.body)["error"]["field"], "username");
  auto weak = HttpSend(port(), "POST", "/api/v1/users", "", R"({"username": "weak", "email": "w@example.org", "password": "short"})");
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(Json::parse(weak.body)["error"]["field"], "password");

  auto session = HttpSend(port(), "POST", "/api/v1/session", "", R"({"username": "api_user", "password": "a long passphrase"})");
  ASSERT_EQ(session.status, 201);
  const std::string auth = "Authorization: Bearer " + Json::parse(session.body)["token"].get<std::string>() + "\r\n";
  EXPECT_EQ(HttpSend(port(), "POST", "/api/v1/session", "", R"({"username": "api_user", "password": "wrong one here"})").status,
            401);

  auto put = HttpSend(port(), "PUT", "/api/v1" + std::string(kSeason) + "/rating", auth, R"({"stars": 5, "review": "Yes."})");
  ASSERT_EQ(put.status, 200) << put.body;
  Json scores = Json::parse(put.body)["scores"];
  EXPECT_EQ(scores["audience"]["count"], 11);
  EXPECT_EQ(scores["audience"]["percent"], 27);  // 3 of 11.
  auto half = HttpSend(port(), "PUT", "/api/v1" + std::string(kSeason) + "/rating", auth, R"({"stars": 2.25})");
  EXPECT_EQ(half.status, 400);
  EXPECT_EQ(Json::parse(half.body)["error"]["field"], "stars");

  // Another reader's DELETE removes only their own (absent) rating.
  HttpSend(port(), "POST", "/api/v1/users", "", R"({"username": "other", "email": "o@example.org", "password": "a long passphrase"})");
  auto other = HttpSend(port(), "POST", "/api/v1/session", "", R"({"username": "other", "password": "a long passphrase"})");
  const std::string other_auth = "Authorization: Bearer " + Json::parse(other.body)["token"].get<std::string>() + "\r\n";
  auto del = HttpSend(port(), "DELETE", "/api/v1" + std::string(kSeason) + "/rating", other_auth, "");
  EXPECT_EQ(del.status, 200);
  EXPECT_EQ(Json::parse(del.body)["scores"]["audience"]["count"], 11);

  auto season = HttpGet(port(), "/api/v1" + std::string(kSeason));
  ASSERT_EQ(season.status, 200);
  EXPECT_EQ(season.Header("content-type"), "application/json");
  Json s = Json::parse(season.body);
  EXPECT_EQ(s["series"]["slug"], "star-trek-picard");
  EXPECT_EQ(s["episodes"].size(), 10u);
  EXPECT_EQ(s["episodes"][0]["release_date"], "2020-01-23");
  EXPECT_EQ(s["scores"]["critic"]["percent"], 100);
  EXPECT_EQ(s["scores"]["critic"]["count"], 12);
  EXPECT_EQ(s["scores"]["audience"]["count"], 11);
  auto gone = HttpSend(port(), "DELETE", "/api/v1" + std::string(kSeason) + "/rating", auth, "");
  EXPECT_EQ(Json::parse(gone.body)["scores"]["audience"]["count"], 10);
  EXPECT_EQ(HttpGet(port(), "/api/v1/tv/star-trek-picard/s09").status, 404);
  // Unknown API addresses and methods answer in JSON, with what is allowed.
  auto unknown = HttpGet(port(), "/api/v1/nothing-here");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(Json::parse(unknown.body)["error"]["code"], "not_found");
  auto wrong = HttpSend(port(), "POST", "/api/v1" + std::string(kSeason) + "/rating", auth, "{}");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.Header("allow"), "PUT, DELETE");
}

INSTANTIATE_TEST_SUITE_P(Stores, AccountsTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
