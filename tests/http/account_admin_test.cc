// Managing accounts and the staff's writes over HTTP against the real binary, on
// SQLite and on PostgreSQL: password change and reset through the outbox, closing
// an account, sign-in limits, admins giving roles, a critic account's review, an
// editor's consensus, verification codes. Every write is also tried without its
// CSRF token and by someone not allowed to make it.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "site_test.h"

namespace reel::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kSeason = "/tv/star-trek-picard/s01";
constexpr const char* kPassword = "a long passphrase";

class AccountAdminTest : public SiteTest {
 protected:
  AccountAdminTest() : SiteTest("admin") {}

  // `reel ARGS --db DB`, with `stdin_text` on its standard input.
  std::pair<int, std::string> Reel(const std::string& args, const std::string& stdin_text = "") {
    const auto input = dir_ / "stdin.txt";
    std::ofstream(input) << stdin_text;
    return RunReel(args + " --db " + db_ + " < " + input.string());
  }

  HttpResult SignIn(Browser& b, const std::string& name, const std::string& password) {
    auto form = b.Get("/account/signin");
    return b.Post("/account/signin",
                  Form({{"csrf", Browser::Csrf(form.body)}, {"username", name}, {"password", password}}));
  }
  // An account made by `reel users add` with a password, signed in.
  void StaffSignIn(Browser& b, const std::string& name, const std::string& role) {
    auto [status, out] = Reel("users add " + name + " --role " + role + " --email " + name +
                              "@example.org --password-stdin", std::string(kPassword) + "\n");
    ASSERT_EQ(status, 0) << out;
    ASSERT_EQ(SignIn(b, name, kPassword).status, 303);
  }
  // The CSRF token of the form that follows `marker` on `target`.
  std::string CsrfAfter(Browser& b, const std::string& target, const std::string& marker) {
    auto page = b.Get(target);
    const size_t at = page.body.find(marker);
    return at == std::string::npos ? "" : Browser::Csrf(page.body.substr(at));
  }
  Json Season() { return Json::parse(HttpGet(port(), std::string("/api/v1") + kSeason).body); }
  std::string UserId(const std::string& name) {
    auto [status, out] = Reel("users list");
    const size_t at = out.find("\t" + name + "\t");
    if (status != 0 || at == std::string::npos) return "";
    return out.substr(out.rfind('\n', at) == std::string::npos ? 0 : out.rfind('\n', at) + 1,
                      at - (out.rfind('\n', at) == std::string::npos ? 0 : out.rfind('\n', at) + 1));
  }
};

TEST_P(AccountAdminTest, ChangingThePasswordSignsOutTheOtherBrowsers) {
  Browser a(port()), other(port());
  SignUp(a, "ann_lee");
  ASSERT_EQ(SignIn(other, "ann_lee", kPassword).status, 303);
  ASSERT_EQ(other.Get("/account").status, 200);
  const std::string csrf = CsrfAfter(a, "/account", "action=\"/account/password\"");
  ASSERT_FALSE(csrf.empty());
  EXPECT_EQ(a.Post("/account/password", Form({{"current_password", kPassword}, {"password", "a newer passphrase"}}))
                .status, 403);
  auto wrong = a.Post("/account/password", Form({{"csrf", csrf}, {"current_password", "not it at all"},
                                                  {"password", "a newer passphrase"}}));
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("current_password: is not your current password"), std::string::npos);
  auto done = a.Post("/account/password", Form({{"csrf", csrf}, {"current_password", kPassword},
                                                 {"password", "a newer passphrase"}}));
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.Header("location"), "/account?done=password");
  EXPECT_EQ(a.Get("/account").status, 200);
  EXPECT_EQ(other.Get("/account").status, 303);  // Signed out.
  Browser fresh(port());
  EXPECT_EQ(SignIn(fresh, "ann_lee", kPassword).status, 401);
  EXPECT_EQ(SignIn(fresh, "ann_lee", "a newer passphrase").status, 303);
}

TEST_P(AccountAdminTest, AForgottenPasswordIsResetThroughTheOutboxLink) {
  Browser reader(port()), admin(port()), anon(port());
  SignUp(reader, "ann_lee");
  StaffSignIn(admin, "boss", "admin");
  auto form = anon.Get("/account/reset");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(anon.Post("/account/reset", Form({{"who", "ann_lee"}})).status, 403);
  auto sent = anon.Post("/account/reset", Form({{"csrf", Browser::Csrf(form.body)}, {"who", "ann_lee@example.org"}}));
  ASSERT_EQ(sent.status, 200);
  EXPECT_NE(sent.body.find("If an account matches"), std::string::npos);
  // The same answer for a name that does not exist.
  form = anon.Get("/account/reset");
  auto unknown = anon.Post("/account/reset", Form({{"csrf", Browser::Csrf(form.body)}, {"who", "nobody_here"}}));
  EXPECT_EQ(unknown.status, 200);
  EXPECT_NE(unknown.body.find("If an account matches"), std::string::npos);

  EXPECT_EQ(reader.Get("/admin/outbox").status, 403);
  EXPECT_EQ(anon.Get("/admin/outbox").status, 303);
  auto outbox = admin.Get("/admin/outbox");
  ASSERT_EQ(outbox.status, 200);
  EXPECT_NE(outbox.body.find("To ann_lee@example.org"), std::string::npos);
  const std::string marker = "/account/reset/";
  const size_t at = outbox.body.find(marker);
  ASSERT_NE(at, std::string::npos);
  const std::string token = outbox.body.substr(at + marker.size(), 64);
  auto reset_form = anon.Get("/account/reset/" + token);
  ASSERT_EQ(reset_form.status, 200);
  EXPECT_EQ(reset_form.Header("referrer-policy"), "no-referrer");
  auto set = anon.Post("/account/reset/" + token,
                       Form({{"csrf", Browser::Csrf(reset_form.body)}, {"password", "chosen again, carefully"}}));
  ASSERT_EQ(set.status, 303);
  EXPECT_EQ(set.Header("location"), "/account/signin?reset=1");
  EXPECT_EQ(reader.Get("/account").status, 303);  // The old session ended.
  EXPECT_EQ(SignIn(anon, "ann_lee", "chosen again, carefully").status, 303);
  // The link works once.
  Browser again(port());
  reset_form = again.Get("/account/reset/" + token);
  EXPECT_EQ(again.Post("/account/reset/" + token,
                       Form({{"csrf", Browser::Csrf(reset_form.body)}, {"password", "and once more, no"}}))
                .status, 404);

  // The operator's way: `reel users reset-link` prints a working link.
  auto [status, link] = Reel("users reset-link ann_lee --public-url http://127.0.0.1:" + std::to_string(port()));
  ASSERT_EQ(status, 0) << link;
  const std::string path = link.substr(link.find("/account/reset/"), 15 + 64);
  Browser cli(port());
  reset_form = cli.Get(path);
  EXPECT_EQ(cli.Post(path, Form({{"csrf", Browser::Csrf(reset_form.body)}, {"password", "set from the command line"}}))
                .status, 303);
  EXPECT_EQ(SignIn(cli, "ann_lee", "set from the command line").status, 303);
}

TEST_P(AccountAdminTest, AClosedAccountsReviewShowsAsADeletedUsers) {
  Browser b(port());
  SignUp(b, "ann_lee");
  const std::string rate_csrf = CsrfAfter(b, kSeason, "id=\"rate\"");
  ASSERT_EQ(b.Post(std::string(kSeason) + "/rating",
                   Form({{"csrf", rate_csrf}, {"stars", "4"}, {"review", "Worth it for the last act."}}))
                .status, 303);
  const int64_t ratings = Season()["scores"]["audience"]["count"];
  const std::string csrf = CsrfAfter(b, "/account", "action=\"/account/delete\"");
  EXPECT_EQ(b.Post("/account/delete", Form({{"password", kPassword}, {"confirm", "yes"}})).status, 403);
  EXPECT_EQ(b.Post("/account/delete", Form({{"csrf", csrf}, {"password", kPassword}})).status, 400);
  EXPECT_EQ(b.Post("/account/delete", Form({{"csrf", csrf}, {"password", "not it at all"}, {"confirm", "yes"}})).status,
            400);
  auto closed = b.Post("/account/delete", Form({{"csrf", csrf}, {"password", kPassword}, {"confirm", "yes"}}));
  ASSERT_EQ(closed.status, 303);
  EXPECT_FALSE(b.HasCookie("reel_session"));
  auto page = HttpGet(port(), kSeason);
  const size_t review = page.body.find("Worth it for the last act.");
  ASSERT_NE(review, std::string::npos);
  EXPECT_NE(page.body.rfind("Deleted user", review), std::string::npos);
  EXPECT_EQ(page.body.find("ann_lee"), std::string::npos);
  EXPECT_EQ(Season()["scores"]["audience"]["count"], ratings);
  EXPECT_EQ(SignIn(b, "ann_lee", kPassword).status, 401);
}

TEST_P(AccountAdminTest, RepeatedWrongPasswordsMakeTheNextAttemptWait) {
  Browser b(port());
  SignUp(b, "ann_lee");
  for (const std::string name : {"ann_lee", "nobody_here"}) {
    Browser guesser(port());
    for (int i = 0; i < 5; ++i) EXPECT_EQ(SignIn(guesser, name, "wrong guess " + std::to_string(i)).status, 401);
    auto blocked = SignIn(guesser, name, kPassword);
    EXPECT_EQ(blocked.status, 429) << name;
    EXPECT_FALSE(blocked.Header("retry-after").empty());
    EXPECT_NE(blocked.body.find("Too many sign-in attempts"), std::string::npos);
  }
  auto api = HttpSend(port(), "POST", "/api/v1/session", "Content-Type: application/json\r\n",
                      Json{{"username", "ann_lee"}, {"password", kPassword}}.dump());
  EXPECT_EQ(api.status, 429);
  EXPECT_EQ(Json::parse(api.body)["error"]["code"], "too_many_attempts");
}

TEST_P(AccountAdminTest, AnAdminMakesACriticWhoseReviewCounts) {
  Browser admin(port()), jo(port()), reader(port()), anon(port());
  StaffSignIn(admin, "boss", "admin");
  SignUp(jo, "jo_critic");
  SignUp(reader, "ann_lee");
  EXPECT_EQ(anon.Get("/admin/users").status, 303);
  EXPECT_EQ(reader.Get("/admin/users").status, 403);
  auto users = admin.Get("/admin/users?q=jo_");
  ASSERT_EQ(users.status, 200);
  EXPECT_NE(users.body.find("jo_critic"), std::string::npos);
  EXPECT_EQ(users.body.find("ann_lee"), std::string::npos);
  const std::string jo_id = UserId("jo_critic");
  ASSERT_FALSE(jo_id.empty());
  const std::string csrf = Browser::Csrf(users.body);
  const std::string update = "/admin/users/" + jo_id;
  EXPECT_EQ(admin.Post(update, Form({{"role", "critic"}, {"critic", "jo-critic"}})).status, 403);
  EXPECT_EQ(reader.Post(update, Form({{"csrf", Browser::Csrf(reader.Get(kSeason).body)}, {"role", "admin"}})).status,
            403);
  auto bad = admin.Post(update, Form({{"csrf", csrf}, {"role", "critic"}, {"critic", "Not A Slug"}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("critic: &apos;Not A Slug&apos; is not lowercase words"), std::string::npos);
  EXPECT_NE(Reel("users list").second.find("jo_critic\treader"), std::string::npos);  // Nothing changed.
  auto saved = admin.Post(update, Form({{"csrf", csrf}, {"role", "critic"}, {"critic", "jo-critic"},
                                        {"critic_name", "Jo Critic"}}));
  ASSERT_EQ(saved.status, 303);
  EXPECT_NE(admin.Get(saved.Header("location")).body.find("Saved."), std::string::npos);
  EXPECT_NE(Reel("users list").second.find("jo_critic\tcritic"), std::string::npos);
  // An admin cannot take away their own role.
  auto self = admin.Post("/admin/users/" + UserId("boss"), Form({{"csrf", csrf}, {"role", "reader"}}));
  EXPECT_EQ(self.status, 400);
  EXPECT_NE(self.body.find("cannot take away your own admin role"), std::string::npos);

  // The critic's form is on the page for them only.
  EXPECT_EQ(reader.Get(kSeason).body.find("critic-review-form"), std::string::npos);
  const std::string jo_csrf = CsrfAfter(jo, kSeason, "id=\"critic-review-form\"");
  ASSERT_FALSE(jo_csrf.empty());
  const int64_t before = Season()["scores"]["critic"]["count"];
  const std::string quote = "<script>alert('x')</script> Picard's '; DROP TABLE critic_reviews; -- return";
  const std::string action = std::string(kSeason) + "/critic-review";
  const auto review = Form({{"csrf", jo_csrf}, {"quote", quote}, {"grade", "B+"}, {"verdict", "fresh"},
                            {"url", "https://example.org/picard"}});
  EXPECT_EQ(jo.Post(action, Form({{"quote", quote}, {"verdict", "fresh"}})).status, 403);
  EXPECT_EQ(reader.Post(action, Form({{"csrf", CsrfAfter(reader, kSeason, "id=\"rate\"")}, {"quote", "mine"},
                                      {"verdict", "fresh"}}))
                .status, 403);
  auto bare = jo.Post(action, Form({{"csrf", jo_csrf}, {"quote", "Fine."}, {"grade", "8"}, {"verdict", "fresh"}}));
  EXPECT_EQ(bare.status, 400);
  EXPECT_NE(bare.body.find("grade: give its scale too"), std::string::npos);
  EXPECT_NE(bare.body.find("value=\"8\""), std::string::npos);  // What was typed is kept.
  ASSERT_EQ(jo.Post(action, review).status, 303);
  EXPECT_EQ(Season()["scores"]["critic"]["count"], before + 1);
  auto page = HttpGet(port(), kSeason);
  EXPECT_NE(page.body.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; Picard&apos;s &apos;; DROP TABLE critic_reviews; -- return"),
            std::string::npos);
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(page.body.find("B+"), std::string::npos);
  // Withdrawn, the count goes back.
  ASSERT_EQ(jo.Post(action, Form({{"csrf", jo_csrf}, {"action", "delete"}})).status, 303);
  EXPECT_EQ(Season()["scores"]["critic"]["count"], before);
}

TEST_P(AccountAdminTest, AnEditorWritesTheConsensus) {
  Browser editor(port()), reader(port());
  StaffSignIn(editor, "ed_itor", "editor");
  SignUp(reader, "ann_lee");
  const std::string action = std::string(kSeason) + "/consensus";
  EXPECT_EQ(reader.Get(kSeason).body.find("consensus-form"), std::string::npos);
  EXPECT_EQ(reader.Post(action, Form({{"csrf", CsrfAfter(reader, kSeason, "id=\"rate\"")}, {"consensus", "Mine."}}))
                .status, 403);
  const std::string csrf = CsrfAfter(editor, kSeason, "id=\"consensus-form\"");
  ASSERT_FALSE(csrf.empty());
  EXPECT_EQ(editor.Post(action, Form({{"consensus", "No token."}})).status, 403);
  ASSERT_EQ(editor.Post(action, Form({{"csrf", csrf}, {"consensus", "Patrick Stewart <em>anchors</em> it."}})).status,
            303);
  EXPECT_EQ(Season()["consensus"], "Patrick Stewart <em>anchors</em> it.");
  EXPECT_NE(HttpGet(port(), kSeason).body.find("Patrick Stewart &lt;em&gt;anchors&lt;/em&gt; it."), std::string::npos);
  // Editors see the moderation link, readers do not.
  EXPECT_NE(editor.Get("/").body.find("href=\"/admin/moderation\""), std::string::npos);
  EXPECT_EQ(reader.Get("/").body.find("href=\"/admin/moderation\""), std::string::npos);
}

TEST_P(AccountAdminTest, AVerificationCodeMakesAVerifiedRating) {
  const auto codes = dir_ / "codes.tsv";
  std::ofstream(codes) << "PICARD-S01-0001\t/tv/star-trek-picard/s01\nPICARD-S01-0002\t/tv/star-trek-picard/s01\n";
  auto [status, out] = Reel("verify import " + codes.string());
  ASSERT_EQ(status, 0) << out;
  EXPECT_NE(out.find("added=2"), std::string::npos);
  std::ofstream(codes) << "PICARD-S01-0003\t/tv/star-trek-picard/s09\n";
  auto bad = Reel("verify import " + codes.string());
  EXPECT_EQ(bad.first, 1);
  EXPECT_NE(bad.second.find(codes.string() + ":1: title: no title at '/tv/star-trek-picard/s09'"), std::string::npos);

  Browser b(port());
  SignUp(b, "ann_lee");
  const std::string csrf = CsrfAfter(b, kSeason, "id=\"rate\"");
  const int64_t verified = Season()["scores"]["verified_audience"]["count"];
  auto wrong = b.Post(std::string(kSeason) + "/rating",
                      Form({{"csrf", csrf}, {"stars", "4.5"}, {"code", "PICARD-S01-9999"}}));
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("code: is not a verification code for this title"), std::string::npos);
  EXPECT_NE(wrong.body.find("value=\"PICARD-S01-9999\""), std::string::npos);
  ASSERT_EQ(b.Post(std::string(kSeason) + "/rating", Form({{"csrf", csrf}, {"stars", "4.5"}, {"code", "picard s01 0001"}}))
                .status, 303);
  EXPECT_EQ(Season()["scores"]["verified_audience"]["count"], verified + 1);
  EXPECT_NE(b.Get(kSeason).body.find("Verified viewer"), std::string::npos);
}

TEST_P(AccountAdminTest, EveryStaffAndAccountFormRefusesAWrongTokenAndAnonymousReaders) {
  Browser admin(port()), anon(port());
  StaffSignIn(admin, "boss", "admin");
  ASSERT_EQ(Reel("users critic boss boss-critic --name 'Boss Critic'").first, 0);
  const std::string good = CsrfAfter(admin, "/account", "action=\"/account/password\"");
  ASSERT_FALSE(good.empty());
  std::string wrong = good;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  const std::string boss = "/admin/users/" + UserId("boss");
  const std::vector<std::pair<std::string, std::string>> forms = {
      {"/account/password", Form({{"current_password", kPassword}, {"password", "another long one"}})},
      {"/account/delete", Form({{"password", kPassword}, {"confirm", "yes"}})},
      {std::string(kSeason) + "/critic-review", Form({{"quote", "Q"}, {"verdict", "fresh"}})},
      {std::string(kSeason) + "/consensus", Form({{"consensus", "C"}})},
      {boss, Form({{"role", "admin"}})},
  };
  const int64_t critics = Season()["scores"]["critic"]["count"];
  for (const auto& [action, body] : forms) {
    EXPECT_EQ(admin.Post(action, body).status, 403) << action;
    EXPECT_EQ(admin.Post(action, body + "&csrf=" + wrong).status, 403) << action;
    auto a = anon.Post(action, body + "&csrf=" + good);
    EXPECT_EQ(a.status, 303) << action;
    EXPECT_EQ(a.Header("location").rfind("/account/signin?next=", 0), 0u) << action;
  }
  // Nothing changed: the password, the account, the reviews, the consensus.
  EXPECT_EQ(Season()["scores"]["critic"]["count"], critics);
  EXPECT_NE(Season()["consensus"], "C");
  Browser again(port());
  EXPECT_EQ(SignIn(again, "boss", kPassword).status, 303);
}

TEST_P(AccountAdminTest, AnEditorWritesAndPublishesAnArticleReadersCommentOn) {
  Browser editor(port()), reader(port()), anon(port());
  StaffSignIn(editor, "ed_itor", "editor");
  SignUp(reader, "ann_lee");
  EXPECT_EQ(anon.Get("/admin/articles").status, 303);
  EXPECT_EQ(reader.Get("/admin/articles").status, 403);
  EXPECT_EQ(reader.Post("/admin/articles", Form({{"csrf", CsrfAfter(reader, kSeason, "id=\"rate\"")},
                                                 {"headline", "Mine"}, {"publish", "yes"}}))
                .status, 403);
  auto form = editor.Get("/admin/articles/new");
  ASSERT_EQ(form.status, 200);
  const std::string csrf = Browser::Csrf(form.body);
  EXPECT_EQ(editor.Post("/admin/articles", Form({{"headline", "No token"}})).status, 403);
  auto bad = editor.Post("/admin/articles", Form({{"csrf", csrf}, {"headline", "Kept <b>as typed</b>"},
                                                  {"slug", "Not A Slug"}, {"body", "Body text."}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("slug: lowercase words"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"Kept &lt;b&gt;as typed&lt;/b&gt;\""), std::string::npos);
  // A draft first: not public.
  const std::string headline = "Picard season 2: <script>x</script> 'when'";
  ASSERT_EQ(editor.Post("/admin/articles", Form({{"csrf", csrf}, {"headline", headline}, {"slug", "picard-season-2"},
                                                 {"body", "Early 2022.\n\nThen March 3, 2022."}}))
                .status, 303);
  EXPECT_EQ(HttpGet(port(), "/news/picard-season-2").status, 404);
  auto list = editor.Get("/admin/articles");
  const size_t edit = list.body.find("/admin/articles/", list.body.find("class=\"article-list\""));
  ASSERT_NE(edit, std::string::npos);
  const std::string edit_path = list.body.substr(edit, list.body.find('"', edit) - edit);
  EXPECT_NE(list.body.find("draft"), std::string::npos);
  // An address whose id has anything after its digits names no article, and a page
  // number must be one.
  EXPECT_EQ(editor.Get(edit_path).status, 200);
  EXPECT_EQ(editor.Get(edit_path + "abc").status, 404);
  EXPECT_EQ(editor.Post(edit_path + "abc", Form({{"csrf", csrf}, {"headline", "Other"}})).status, 404);
  // The same address twice is refused.
  EXPECT_EQ(editor.Post("/admin/articles", Form({{"csrf", csrf}, {"headline", "Other"}, {"slug", "picard-season-2"}}))
                .status, 409);
  ASSERT_EQ(editor.Post(edit_path, Form({{"csrf", csrf}, {"headline", headline}, {"slug", "picard-season-2"},
                                         {"body", "Early 2022.\n\nThen March 3, 2022."}, {"publish", "yes"}}))
                .status, 303);
  auto page = HttpGet(port(), "/news/picard-season-2");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Picard season 2: &lt;script&gt;x&lt;/script&gt; &apos;when&apos;"), std::string::npos);
  EXPECT_EQ(page.body.find("<script>x"), std::string::npos);
  EXPECT_NE(page.body.find("<p>Then March 3, 2022.</p>"), std::string::npos);
  // Readers comment on it.
  const std::string rc = CsrfAfter(reader, "/news/picard-season-2", "id=\"comments\"");
  ASSERT_FALSE(rc.empty());
  EXPECT_EQ(reader.Post("/news/picard-season-2/comments", Form({{"csrf", rc}, {"body", "Can't wait for March."}}))
                .status, 303);
  EXPECT_NE(HttpGet(port(), "/news/picard-season-2").body.find("Can&apos;t wait for March."), std::string::npos);
}

TEST_P(AccountAdminTest, BehindTlsCookiesAreSecureAndLinksUseThePublicAddress) {
  server_.reset();
  server_ = std::make_unique<ReelServer>(REEL_BINARY, db_, (dir_ / "tls.log").string(),
                                         std::vector<std::string>{"--public-url", "https://reviews.example.org"});
  Browser b(port());
  auto form = b.Get("/account/signup");
  ASSERT_FALSE(form.set_cookies.empty());
  for (const auto& c : form.set_cookies) {
    EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
    EXPECT_NE(c.find("HttpOnly"), std::string::npos) << c;
  }
  auto done = b.Post("/account/signup", Form({{"csrf", Browser::Csrf(form.body)}, {"username", "ann_lee"},
                                              {"email", "ann_lee@example.org"}, {"password", kPassword}}));
  ASSERT_EQ(done.status, 303);
  bool session = false;
  for (const auto& c : done.set_cookies) {
    if (c.rfind("reel_session=", 0) != 0) continue;
    session = true;
    EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
    EXPECT_NE(c.find("SameSite=Lax"), std::string::npos) << c;
  }
  EXPECT_TRUE(session);
  Browser admin(port());
  StaffSignIn(admin, "boss", "admin");
  form = b.Get("/account/reset");
  ASSERT_EQ(b.Post("/account/reset", Form({{"csrf", Browser::Csrf(form.body)}, {"who", "ann_lee"}})).status, 200);
  EXPECT_NE(admin.Get("/admin/outbox").body.find("https://reviews.example.org/account/reset/"), std::string::npos);
}

TEST_P(AccountAdminTest, EveryAnonymousFormGetsATokenOfItsOwn) {
  // The page cache serves anonymous pages; a form's token must never come from it.
  for (const char* path : {"/account/signin", "/account/signup", "/account/reset", "/account/reset/abc"}) {
    auto first = HttpGet(port(), path), second = HttpGet(port(), path);
    ASSERT_EQ(first.status, 200) << path;
    EXPECT_FALSE(Browser::Csrf(first.body).empty()) << path;
    EXPECT_NE(Browser::Csrf(first.body), Browser::Csrf(second.body)) << path;
    EXPECT_NE(first.set_cookies, second.set_cookies) << path;
  }
}

TEST_P(AccountAdminTest, EveryResponseForbidsScriptsFramingAndSniffing) {
  for (const std::string& path : {std::string(kSeason), std::string("/no/such/page"), std::string("/api/v1") + kSeason,
                                 std::string("/account/signin")}) {
    for (int i = 0; i < 2; ++i) {  // Fresh, then from the page cache.
      auto r = HttpGet(port(), path);
      EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << path;
      EXPECT_EQ(r.Header("x-frame-options"), "DENY") << path;
      EXPECT_NE(r.Header("content-security-policy").find("default-src 'none'"), std::string::npos) << path;
      EXPECT_NE(r.Header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos) << path;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, AccountAdminTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
