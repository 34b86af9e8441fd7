// What an attacker sends, against the real binary on SQLite and on PostgreSQL: a
// `next` that tries to add headers or leave the site, error responses of every kind
// (they carry the same security headers as pages, and API errors stay JSON even for
// bytes that are not UTF-8), log lines forged through what readers type or secrets
// written into the log, and sessions: a browser's cookie is not an API token, an API
// token is not a cookie, each can be ended, and signing in again ends the old one.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "browser.h"
#include "reel_server.h"
#include "site_test.h"

namespace reel::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kPassword = "a long passphrase";
constexpr const char* kSeason = "/tv/star-trek-picard/s01";

class SecurityTest : public SiteTest {
 protected:
  SecurityTest() : SiteTest("security") {}

  // Signs `b` in through the form with `next`; the response.
  HttpResult SignIn(Browser& b, const std::string& name, const std::string& next) {
    auto form = b.Get("/account/signin");
    return b.Post("/account/signin",
                  Form({{"csrf", Browser::Csrf(form.body)}, {"username", name}, {"password", kPassword}, {"next", next}}));
  }

  static void ExpectSecurityHeaders(const HttpResult& r, const std::string& what) {
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << what;
    EXPECT_EQ(r.Header("x-frame-options"), "DENY") << what;
    EXPECT_EQ(r.Header("referrer-policy"), "same-origin") << what;
    EXPECT_NE(r.Header("content-security-policy").find("default-src 'none'"), std::string::npos) << what;
  }

  std::string ApiToken(const std::string& name) {
    auto s = HttpSend(port(), "POST", "/api/v1/session", "", Json{{"username", name}, {"password", kPassword}}.dump());
    EXPECT_EQ(s.status, 201) << s.body;
    return s.status == 201 ? Json::parse(s.body)["token"].get<std::string>() : "";
  }
};

TEST_P(SecurityTest, NextNeitherAddsHeadersNorLeavesTheSite) {
  Browser b(port());
  SignUp(b, "ann_lee");
  const std::vector<std::string> hostile = {
      "/\r\nSet-Cookie: reel_session=attacker; Path=/",
      "/\nSet-Cookie: planted=1",
      "/x\rSet-Cookie: planted=1",
      std::string("/\0evil", 6),
      "/\t/evil.example/",
      "/\\evil.example/",
      "\\/evil.example/",
      "//evil.example/",
      "///evil.example/",
      "https://evil.example/",
      "javascript:alert(1)",
      "/%0d%0a/../..//evil.example",
      "evil.example",
      ""};
  for (const auto& next : hostile) {
    auto r = SignIn(b, "ann_lee", next);
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
    EXPECT_EQ(r.Header("location"), "/") << "next: " << Json(std::string(next)).dump(-1, ' ', false, Json::error_handler_t::replace);
    for (const auto& c : r.set_cookies) {
      EXPECT_TRUE(c.rfind("reel_session=", 0) == 0 || c.rfind("reel_form=", 0) == 0) << c;
      EXPECT_EQ(c.find("attacker"), std::string::npos) << c;
    }
    EXPECT_EQ(r.headers.count("planted"), 0u);
  }
  // A path on this site, with its query and fragment, is where the reader goes back to.
  auto ok = SignIn(b, "ann_lee", std::string(kSeason) + "?critics=top#rate");
  EXPECT_EQ(ok.Header("location"), std::string(kSeason) + "?critics=top#rate");

  // Sign-up takes the same care.
  Browser c(port());
  auto form = c.Get("/account/signup");
  auto up = c.Post("/account/signup", Form({{"csrf", Browser::Csrf(form.body)}, {"username", "bob_lee"},
                                            {"email", "bob@example.org"}, {"password", kPassword},
                                            {"next", "/\r\nSet-Cookie: reel_session=attacker"}}));
  ASSERT_EQ(up.status, 303);
  EXPECT_EQ(up.Header("location"), "/");
  for (const auto& cookie : up.set_cookies) EXPECT_EQ(cookie.find("attacker"), std::string::npos) << cookie;
  // The form page keeps only a safe `next` in its hidden field.
  auto page = HttpGet(port(), "/account/signin?next=%2F%09%2Fevil.example%2F");
  EXPECT_NE(page.body.find("name=\"next\" value=\"/\""), std::string::npos);
}

TEST_P(SecurityTest, EveryErrorCarriesTheSecurityHeadersAndApiErrorsStayJson) {
  // Bytes that are not UTF-8 in an API path: a JSON 404, not an HTML 500.
  for (const std::string target : {"/api/v1/%ff", "/api/v1/tv/%ff%fe/s01", "/api/v1/m/%c3%28"}) {
    auto r = HttpGet(port(), target);
    EXPECT_EQ(r.status, 404) << target << ": " << r.body.substr(0, 200);
    EXPECT_EQ(r.Header("content-type"), "application/json") << target;
    Json j = Json::parse(r.body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r.body;
    EXPECT_EQ(j["error"]["code"], "not_found");
    ExpectSecurityHeaders(r, target);
  }
  // A query that is not UTF-8 is refused before it reaches the store.
  auto bad_query = HttpGet(port(), "/api/v1/tv/star-trek-picard/s01?x=%ff");
  EXPECT_EQ(bad_query.status, 400);
  EXPECT_EQ(Json::parse(bad_query.body, nullptr, false)["error"]["code"], "invalid_argument");
  EXPECT_EQ(HttpGet(port(), "/tv?page=%c3%28").status, 400);
  // A target that is not a URL, a malformed request, a body over the limit, a wrong
  // method: each answers with the headers every page has.
  auto bad_target = HttpRaw(port(), "GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1);
  EXPECT_EQ(bad_target[0].status, 400);
  ExpectSecurityHeaders(bad_target[0], "bad target");
  auto bad_api_target = HttpRaw(port(), "GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1);
  EXPECT_EQ(bad_api_target[0].status, 400);
  EXPECT_EQ(bad_api_target[0].Header("content-type"), "application/json");
  ExpectSecurityHeaders(bad_api_target[0], "bad API target");
  auto malformed = HttpRaw(port(), "GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", 1);
  EXPECT_EQ(malformed[0].status, 400);
  ExpectSecurityHeaders(malformed[0], "malformed header");
  auto too_big = HttpRaw(port(), "POST /account/signin HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n", 1);
  EXPECT_EQ(too_big[0].status, 413);
  ExpectSecurityHeaders(too_big[0], "413");
  auto wrong_method = HttpSend(port(), "DELETE", "/", "", "");
  EXPECT_EQ(wrong_method.status, 405);
  ExpectSecurityHeaders(wrong_method, "405");
  // JSON bodies that are not UTF-8 are refused with a JSON error, not a 500.
  auto bad_json = HttpSend(port(), "POST", "/api/v1/session", "", "{\"username\": \"\xff\xfe\", \"password\": \"x\"}");
  EXPECT_EQ(bad_json.status / 100, 4) << bad_json.body;
  EXPECT_FALSE(Json::parse(bad_json.body, nullptr, false).is_discarded()) << bad_json.body;
}

TEST_P(SecurityTest, LogLinesCannotBeForgedAndHoldNoSecrets) {
  Browser b(port());
  auto form = b.Get("/account/signin");
  const std::string forged = "[2020-01-01 00:00:00.000] [info] GET /admin/users 200 1us";
  b.Post("/account/signin", Form({{"csrf", Browser::Csrf(form.body)}, {"username", "x\n" + forged},
                                  {"password", "not a password"}}));
  HttpSend(port(), "POST", "/api/v1/session", "",
           Json{{"username", "y\r\n" + forged + "' from 10.9.8.7"}, {"password", "not a password"}}.dump());
  const std::string token(64, 'a');
  HttpGet(port(), "/account/reset/" + token);
  HttpGet(port(), "/account/%72eset/" + std::string(64, 'b'));
  HttpGet(port(), "/tv?token=sekrit-one&code=TICKET-0042&page=2&Code=other-secret");
  std::string encoded;
  for (char c : forged) encoded += c == ' ' ? std::string("%20") : std::string(1, c);
  HttpGet(port(), "/api/v1/%ff%0a" + encoded);
  const std::string log = server_->Log();
  EXPECT_EQ(log.find("\n" + forged), std::string::npos) << log;
  EXPECT_EQ(log.find("\r"), std::string::npos);
  EXPECT_NE(log.find("x\\x0a[2020-01-01"), std::string::npos) << log;
  // The quote around the typed name cannot be closed by what was typed.
  EXPECT_EQ(log.find("' from 10.9.8.7"), std::string::npos) << log;
  EXPECT_EQ(log.find(token), std::string::npos) << log;
  EXPECT_EQ(log.find(std::string(64, 'b')), std::string::npos) << log;
  EXPECT_EQ(log.find("sekrit-one"), std::string::npos) << log;
  EXPECT_EQ(log.find("TICKET-0042"), std::string::npos) << log;
  EXPECT_EQ(log.find("other-secret"), std::string::npos) << log;
  EXPECT_NE(log.find("page=2"), std::string::npos) << log;  // What is not secret stays.
  EXPECT_NE(log.find("GET /account/reset/"), std::string::npos) << log;
}

TEST_P(SecurityTest, CookiesAndApiTokensAreSeparateAndEachCanBeEnded) {
  Browser b(port());
  SignUp(b, "ann_lee");
  const std::string cookie = b.CookieValue("reel_session");
  ASSERT_FALSE(cookie.empty());
  const std::string rating = "/api/v1" + std::string(kSeason) + "/rating";
  // A browser's session cookie is not a bearer token.
  EXPECT_EQ(HttpSend(port(), "PUT", rating, "Authorization: Bearer " + cookie + "\r\n", R"({"stars": 5})").status, 401);
  // An API token is not a session cookie.
  const std::string token = ApiToken("ann_lee");
  ASSERT_FALSE(token.empty());
  auto as_cookie = HttpGet(port(), "/account", "GET", "Cookie: reel_session=" + token + "\r\n");
  EXPECT_EQ(as_cookie.status, 303);
  const std::string auth = "Authorization: Bearer " + token + "\r\n";
  ASSERT_EQ(HttpSend(port(), "PUT", rating, auth, R"({"stars": 5})").status, 200);

  // The account page lists both, with when each began and was last used, and ends the token.
  auto account = b.Get("/account");
  ASSERT_EQ(account.status, 200);
  const size_t api_at = account.body.find("API token");
  ASSERT_NE(api_at, std::string::npos) << account.body;
  EXPECT_NE(account.body.find("This browser"), std::string::npos);
  EXPECT_NE(account.body.find("last used"), std::string::npos);
  const size_t action_at = account.body.find("action=\"/account/sessions/", api_at);
  ASSERT_NE(action_at, std::string::npos);
  const std::string action = account.body.substr(action_at + 8, account.body.find('"', action_at + 8) - action_at - 8);
  const std::string csrf = Browser::Csrf(account.body);
  EXPECT_EQ(b.Post(action, Form({{"csrf", "forged"}})).status, 403);
  EXPECT_EQ(HttpSend(port(), "PUT", rating, auth, R"({"stars": 4})").status, 200);  // Still live.
  Browser other(port());
  SignUp(other, "bob_lee");
  EXPECT_EQ(other.Post(action, Form({{"csrf", Browser::Csrf(other.Get("/account").body)}})).status, 404);
  EXPECT_EQ(HttpSend(port(), "PUT", rating, auth, R"({"stars": 4})").status, 200);  // Not bob's to end.
  auto ended = b.Post(action, Form({{"csrf", csrf}}));
  EXPECT_EQ(ended.status, 303);
  EXPECT_EQ(HttpSend(port(), "PUT", rating, auth, R"({"stars": 3})").status, 401);
  EXPECT_EQ(b.Get("/account").status, 200);  // The browser's own session goes on.

  // DELETE /api/v1/session ends the token it is sent with, and only that one.
  const std::string t1 = ApiToken("ann_lee"), t2 = ApiToken("ann_lee");
  auto del = HttpSend(port(), "DELETE", "/api/v1/session", "Authorization: Bearer " + t1 + "\r\n", "");
  EXPECT_EQ(del.status, 204);
  EXPECT_EQ(HttpSend(port(), "PUT", rating, "Authorization: Bearer " + t1 + "\r\n", R"({"stars": 3})").status, 401);
  EXPECT_EQ(HttpSend(port(), "PUT", rating, "Authorization: Bearer " + t2 + "\r\n", R"({"stars": 3})").status, 200);
  EXPECT_EQ(HttpSend(port(), "DELETE", "/api/v1/session", "Authorization: Bearer " + t1 + "\r\n", "").status, 401);
  // A cookie cannot end an API session through the API either.
  EXPECT_EQ(HttpSend(port(), "DELETE", "/api/v1/session", "Authorization: Bearer " + cookie + "\r\n", "").status, 401);
  EXPECT_EQ(b.Get("/account").status, 200);

  // Signing in again in the same browser ends the session its old cookie held.
  auto again = SignIn(b, "ann_lee", "/account");
  ASSERT_EQ(again.status, 303);
  ASSERT_NE(b.CookieValue("reel_session"), cookie);
  EXPECT_EQ(HttpGet(port(), "/account", "GET", "Cookie: reel_session=" + cookie + "\r\n").status, 303);
  EXPECT_EQ(b.Get("/account").status, 200);
}

TEST_P(SecurityTest, ConcurrentSignInsCheckNoMorePasswordsThanTheLimit) {
  // Enough threads that the server checks many passwords at once.
  server_.reset();
  server_ = std::make_unique<ReelServer>(REEL_BINARY, db_, (dir_ / "serve-8-threads.log").string(),
                                         std::vector<std::string>{"--threads", "8"});
  ASSERT_EQ(HttpSend(port(), "POST", "/api/v1/users", "",
                     Json{{"username", "ann_lee"}, {"email", "ann@example.org"}, {"password", kPassword}}.dump())
                .status,
            201);
  // Three failures one after another: two attempts are left before the first wait.
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(HttpSend(port(), "POST", "/api/v1/session", "",
                       Json{{"username", "ann_lee"}, {"password", "not her password"}}.dump()).status,
              401);
  }
  std::atomic<int> wrong{0}, limited{0}, other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      // Half through the API, half through the form.
      int status = 0;
      if (i % 2 == 0) {
        status = HttpSend(port(), "POST", "/api/v1/session", "",
                          Json{{"username", "ann_lee"}, {"password", "not her password"}}.dump()).status;
      } else {
        Browser b(port());
        auto form = b.Get("/account/signin");
        status = b.Post("/account/signin", Form({{"csrf", Browser::Csrf(form.body)}, {"username", "ann_lee"},
                                                 {"password", "not her password"}})).status;
      }
      if (status == 401) ++wrong;
      else if (status == 429) ++limited;
      else ++other;
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(wrong.load(), 2);  // The free failures left to the name; every other attempt waits.
  EXPECT_EQ(limited.load(), 10);
}

// Everything the store holds is UTF-8: a form field that is not is refused before a
// handler sees it, nothing is written, and the store still exports.
TEST_P(SecurityTest, FormFieldsThatAreNotUtf8AreRefused) {
  Browser b(port());
  SignUp(b, "ann_lee");
  auto page = b.Get("/m/logan");
  ASSERT_EQ(page.status, 200);
  auto rated = b.Post("/m/logan/rating",
                      Form({{"csrf", Browser::Csrf(page.body)}, {"stars", "4"}, {"review", "Caf\xE9 scenes, in Latin-1."}}));
  EXPECT_EQ(rated.status, 400) << rated.body.substr(0, 300);
  ExpectSecurityHeaders(rated, "refused form");
  auto posted = b.Post("/m/logan/comments", Form({{"csrf", Browser::Csrf(page.body)}, {"body", "Caf\xE9 talk."}}));
  EXPECT_EQ(posted.status, 400) << posted.body.substr(0, 300);
  auto film = HttpGet(port(), "/api/v1/m/logan");
  auto [status, out] = RunReel("export --db " + db_);
  EXPECT_EQ(status, 0) << out.substr(0, 300);
  EXPECT_EQ(out.find("scenes, in Latin-1"), std::string::npos);
  // The same text in UTF-8 is taken.
  rated = b.Post("/m/logan/rating",
                 Form({{"csrf", Browser::Csrf(page.body)}, {"stars", "4"}, {"review", "Caf\xC3\xA9 scenes, in UTF-8."}}));
  EXPECT_EQ(rated.status, 303) << rated.body.substr(0, 300);
  std::tie(status, out) = RunReel("export --db " + db_);
  EXPECT_EQ(status, 0) << out.substr(0, 300);
  EXPECT_NE(out.find("Caf\xC3\xA9 scenes, in UTF-8."), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Stores, SecurityTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
