// Comments, reports and moderation over HTTP against the real binary, on SQLite and
// on PostgreSQL: posting, replying, editing and deleting through the forms and the
// API; CSRF, anonymous and other readers' writes refused; what readers type shown as
// text and stored verbatim; spam hidden until an editor approves it; decisions
// retraining the filter; reports and held ratings in the editors' queue; guest
// comments when the operator enables them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "reel_server.h"
#include "site_test.h"
#include "audience/comments.h"
#include "core/date.h"
#include "storage/store.h"

namespace reel::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kSeason = "/tv/star-trek-picard/s01";
constexpr const char* kEpisode = "/tv/star-trek-picard/s02/e02";
constexpr const char* kLinkSpam =
    "CHEAP meds online, no prescription!!! http://cheap-meds.example.xyz http://pills.example.top buy today";

class CommentsHttpTest : public SiteTest {
 protected:
  CommentsHttpTest() : SiteTest("comments-http") {}

  // Until `reel users role` lands (the lead's), tests make editors through the store.
  void MakeEditor(const std::string& name) {
    auto store = Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto user = (*store)->FindUserByName(name);
    ASSERT_TRUE(user.ok());
    ASSERT_TRUE((*store)->SetUserAccess(user->id, Role::kEditor, std::nullopt).ok());
  }
  // The session's form token, from the comments block of a page.
  static std::string CommentsCsrf(const std::string& html) {
    const size_t at = html.find("id=\"comments\"");
    return at == std::string::npos ? "" : Browser::Csrf(html.substr(at));
  }
  HttpResult PostComment(Browser& b, const std::string& page, const std::string& body, const std::string& parent = "") {
    const std::string csrf = CommentsCsrf(b.Get(page).body);
    return b.Post(page + "/comments", Form({{"csrf", csrf}, {"body", body}, {"parent_id", parent}}));
  }
  // The id in a redirect to "...#comment-ID".
  static std::string CommentId(const HttpResult& r) {
    const std::string loc = r.Header("location");
    const size_t at = loc.find("#comment-");
    return at == std::string::npos ? "" : loc.substr(at + 9);
  }
  std::string ApiToken(const std::string& name) {
    HttpSend(port(), "POST", "/api/v1/users", "",
             Json{{"username", name}, {"email", name + "@example.org"}, {"password", "a long passphrase"}}.dump());
    auto s = HttpSend(port(), "POST", "/api/v1/session", "", Json{{"username", name}, {"password", "a long passphrase"}}.dump());
    return "Authorization: Bearer " + Json::parse(s.body)["token"].get<std::string>() + "\r\n";
  }

};

TEST_P(CommentsHttpTest, AReaderCommentsRepliesEditsAndDeletes) {
  Browser ann(port()), bob(port());
  SignUp(ann, "ann_lee");
  SignUp(bob, "bob_ray");
  auto page = HttpGet(port(), kEpisode);
  EXPECT_NE(page.body.find("No comments yet."), std::string::npos);
  EXPECT_NE(page.body.find("to comment"), std::string::npos);  // Sign in to comment.

  auto posted = PostComment(ann, kEpisode, "The cold open carries this one.\n\nGreat acting.");
  ASSERT_EQ(posted.status, 303) << posted.body.substr(0, 400);
  const std::string id = CommentId(posted);
  ASSERT_FALSE(id.empty()) << posted.Header("location");
  auto replied = PostComment(bob, kEpisode, "Agreed about the opening.", id);
  ASSERT_EQ(replied.status, 303);
  const std::string reply_id = CommentId(replied);

  // Anonymous readers (the cached page moved) see both, the reply nested.
  page = HttpGet(port(), kEpisode);
  EXPECT_NE(page.body.find("<p>The cold open carries this one.</p><p>Great acting.</p>"), std::string::npos);
  const size_t top = page.body.find("id=\"comment-" + id + "\"");
  const size_t nested = page.body.find("comment-replies");
  const size_t reply = page.body.find("id=\"comment-" + reply_id + "\"");
  ASSERT_NE(top, std::string::npos);
  EXPECT_LT(top, nested);
  EXPECT_LT(nested, reply);
  EXPECT_NE(page.body.find("Comments <span class=\"count\">(2)</span>"), std::string::npos);

  // Edit and delete own.
  const std::string csrf = CommentsCsrf(ann.Get(kEpisode).body);
  EXPECT_EQ(ann.Post("/comments/" + id + "/edit", Form({{"csrf", csrf}, {"body", "Edited: the cold open carries it."}})).status,
            303);
  page = ann.Get(kEpisode);
  EXPECT_NE(page.body.find("Edited: the cold open carries it."), std::string::npos);
  EXPECT_NE(page.body.find("· edited"), std::string::npos);
  EXPECT_EQ(ann.Post("/comments/" + id + "/delete", Form({{"csrf", csrf}, {"confirm", "1"}})).status, 303);
  page = HttpGet(port(), kEpisode);
  EXPECT_EQ(page.body.find("carries"), std::string::npos);
  EXPECT_NE(page.body.find("Agreed about the opening."), std::string::npos);  // Bob's reply stays.
}

TEST_P(CommentsHttpTest, DeletingACommentLeavesAPlaceholderOverItsReplies) {
  Browser ann(port()), bob(port()), cy(port()), ed(port());
  SignUp(ann, "ann_lee");
  SignUp(bob, "bob_ray");
  SignUp(cy, "cy_dee");
  SignUp(ed, "ed_itor");
  MakeEditor("ed_itor");
  // Ann's comment answered by Bob, then deleted by Ann: Bob's reply stays under a placeholder.
  const std::string top = CommentId(PostComment(ann, kSeason, "Ann thinks the finale works."));
  const std::string reply = CommentId(PostComment(bob, kSeason, "Bob disagrees, politely.", top));
  ASSERT_FALSE(reply.empty());
  ASSERT_EQ(bob.Post("/comments/" + top + "/report", Form({{"csrf", CommentsCsrf(bob.Get(kSeason).body)}, {"reason", "meh"}}))
                .status,
            200);
  ASSERT_EQ(ann.Post("/comments/" + top + "/delete",
                     Form({{"confirm", "1"}, {"csrf", CommentsCsrf(ann.Get(kSeason).body)}}))
                .status,
            303);
  for (Browser* who : {&ann, &bob, &ed}) {
    const std::string page = who->Get(kSeason).body;
    EXPECT_EQ(page.find("Ann thinks the finale works."), std::string::npos);
    const size_t placeholder = page.find("id=\"comment-" + top + "\"");
    ASSERT_NE(placeholder, std::string::npos);
    const size_t bobs = page.find("id=\"comment-" + reply + "\"");
    ASSERT_NE(bobs, std::string::npos);
    EXPECT_LT(placeholder, bobs);
    const std::string shown = page.substr(placeholder, bobs - placeholder);
    EXPECT_NE(shown.find("[deleted]"), std::string::npos) << shown;
    EXPECT_EQ(shown.find("ann_lee"), std::string::npos) << shown;
    EXPECT_EQ(shown.find("Deleted user"), std::string::npos) << shown;
    EXPECT_EQ(page.find("/comments/" + top + "/edit"), std::string::npos);
    EXPECT_EQ(page.find("/comments/" + top + "/delete"), std::string::npos);
    EXPECT_EQ(page.find("/comments/" + top + "/report"), std::string::npos);
    EXPECT_NE(page.find("Bob disagrees, politely."), std::string::npos);
    EXPECT_NE(page.find("Comments <span class=\"count\">(1)</span>"), std::string::npos);
  }
  const std::string csrf = CommentsCsrf(ann.Get(kSeason).body);
  EXPECT_EQ(ann.Post("/comments/" + top + "/edit", Form({{"csrf", csrf}, {"body", "Back again"}})).status, 404);
  EXPECT_EQ(ann.Post("/comments/" + top + "/delete", Form({{"confirm", "1"}, {"csrf", csrf}})).status, 404);
  EXPECT_EQ(bob.Post("/comments/" + top + "/report", Form({{"csrf", CommentsCsrf(bob.Get(kSeason).body)}})).status, 404);
  // The API shows the placeholder the same way, its reply under it.
  Json api = Json::parse(HttpGet(port(), "/api/v1" + std::string(kSeason) + "/comments").body);
  ASSERT_EQ(api["comments"].size(), 2u) << api.dump();
  EXPECT_EQ(api["comments"][0]["id"], std::stoll(top));
  EXPECT_EQ(api["comments"][0]["deleted"], true);
  EXPECT_EQ(api["comments"][0]["body"], "[deleted]");
  EXPECT_TRUE(api["comments"][0]["author"].is_null());
  EXPECT_EQ(api["comments"][1]["parent_id"], std::stoll(top));
  EXPECT_EQ(api["comments"][1]["deleted"], false);
  // Its report was settled: the queue does not offer a placeholder.
  auto queue = ed.Get("/admin/moderation");
  EXPECT_NE(queue.body.find("No open reports."), std::string::npos);
  EXPECT_EQ(queue.body.find("id=\"comment-" + top + "\""), std::string::npos);

  // An editor removing a comment with replies leaves the same placeholder.
  const std::string second = CommentId(PostComment(cy, kSeason, "Cy posts something rude."));
  const std::string answer = CommentId(PostComment(bob, kSeason, "Bob answers Cy.", second));
  ASSERT_EQ(ed.Post("/admin/moderation", Form({{"csrf", Browser::Csrf(ed.Get("/admin/moderation").body)},
                                               {"kind", "comment"}, {"id", second}, {"action", "delete"}}))
                .status,
            303);
  std::string page = HttpGet(port(), kSeason).body;
  EXPECT_EQ(page.find("Cy posts something rude."), std::string::npos);
  EXPECT_NE(page.find("Bob answers Cy."), std::string::npos);
  EXPECT_NE(page.find("id=\"comment-" + second + "\""), std::string::npos);

  // When the last reply goes, so does the placeholder.
  ASSERT_EQ(bob.Post("/comments/" + answer + "/delete",
                     Form({{"confirm", "1"}, {"csrf", CommentsCsrf(bob.Get(kSeason).body)}}))
                .status,
            303);
  page = HttpGet(port(), kSeason).body;
  EXPECT_EQ(page.find("id=\"comment-" + second + "\""), std::string::npos);
  EXPECT_EQ(Count(page, "[deleted]"), 1);
}

// An editor marking a comment spam hides it, not the other readers' replies: they stay
// under a placeholder with neither its text nor its author, on the page and in the API.
TEST_P(CommentsHttpTest, MarkingACommentSpamKeepsOtherReadersReplies) {
  Browser ann(port()), bob(port()), ed(port());
  SignUp(ann, "ann_lee");
  SignUp(bob, "bob_ray");
  SignUp(ed, "ed_itor");
  MakeEditor("ed_itor");
  const std::string top = CommentId(PostComment(ann, kSeason, "Ann sells something here."));
  const std::string reply = CommentId(PostComment(bob, kSeason, "Bob answers the season question.", top));
  ASSERT_FALSE(reply.empty());
  ASSERT_EQ(ed.Post("/admin/moderation", Form({{"csrf", Browser::Csrf(ed.Get("/admin/moderation").body)},
                                               {"kind", "comment"}, {"id", top}, {"action", "spam"}}))
                .status,
            303);
  for (Browser* who : {&bob, &ann, &ed}) {
    const std::string page = who->Get(kSeason).body;
    EXPECT_EQ(page.find("Ann sells something here."), std::string::npos);
    EXPECT_NE(page.find("Bob answers the season question."), std::string::npos);
    const size_t placeholder = page.find("id=\"comment-" + top + "\"");
    const size_t bobs = page.find("id=\"comment-" + reply + "\"");
    ASSERT_NE(placeholder, std::string::npos);
    ASSERT_NE(bobs, std::string::npos);
    ASSERT_LT(placeholder, bobs);
    const std::string shown = page.substr(placeholder, bobs - placeholder);
    EXPECT_NE(shown.find("[deleted]"), std::string::npos) << shown;
    EXPECT_EQ(shown.find("ann_lee"), std::string::npos) << shown;
    EXPECT_NE(page.find("Comments <span class=\"count\">(1)</span>"), std::string::npos);
  }
  Json api = Json::parse(HttpGet(port(), "/api/v1" + std::string(kSeason) + "/comments").body);
  ASSERT_EQ(api["comments"].size(), 2u) << api.dump();
  EXPECT_EQ(api["total"], 1);
  EXPECT_EQ(api["comments"][0]["id"], std::stoll(top));
  EXPECT_EQ(api["comments"][0]["body"], "[deleted]");
  EXPECT_TRUE(api["comments"][0]["author"].is_null());
  EXPECT_EQ(api.dump().find("Ann sells"), std::string::npos);
  EXPECT_EQ(api.dump().find("spam"), std::string::npos);
  EXPECT_EQ(api["comments"][1]["body"], "Bob answers the season question.");
  // The editors' queue still offers it.
  EXPECT_NE(ed.Get("/admin/moderation").body.find("Ann sells something here."), std::string::npos);
}

TEST_P(CommentsHttpTest, AClosedAccountsCommentsAndTheirRepliesStay) {
  Browser ann(port()), bob(port());
  SignUp(ann, "ann_lee");
  SignUp(bob, "bob_ray");
  const std::string top = CommentId(PostComment(ann, kSeason, "Ann was here first."));
  const std::string reply = CommentId(PostComment(bob, kSeason, "Bob answers Ann.", top));
  const std::string account = ann.Get("/account").body;
  const std::string csrf = Browser::Csrf(account.substr(account.find("action=\"/account/delete\"")));
  ASSERT_EQ(ann.Post("/account/delete", Form({{"csrf", csrf}, {"password", "a long passphrase"}, {"confirm", "yes"}})).status,
            303);
  const std::string page = HttpGet(port(), kSeason).body;
  const size_t ann_at = page.find("Ann was here first.");
  ASSERT_NE(ann_at, std::string::npos);
  EXPECT_NE(page.rfind("Deleted user", ann_at), std::string::npos);
  EXPECT_EQ(page.find("ann_lee"), std::string::npos);
  EXPECT_NE(page.find("Bob answers Ann."), std::string::npos);
  Json api = Json::parse(HttpGet(port(), "/api/v1" + std::string(kSeason) + "/comments").body);
  ASSERT_EQ(api["comments"].size(), 2u);
  EXPECT_EQ(api["comments"][0]["author"]["name"], "Deleted user");
  EXPECT_TRUE(api["comments"][0]["author"]["username"].is_null());
  EXPECT_EQ(api["comments"][1]["author"]["username"], "bob_ray");
}

TEST_P(CommentsHttpTest, FormsWithoutTheirTokenAreRefused) {
  Browser ann(port()), ed(port());
  SignUp(ann, "ann_lee");
  SignUp(ed, "ed_itor");
  MakeEditor("ed_itor");
  auto ok = PostComment(ann, kSeason, "A fine season.");
  ASSERT_EQ(ok.status, 303);
  const std::string id = CommentId(ok);
  for (const std::string& csrf : {std::string(), std::string("forged")}) {
    EXPECT_EQ(ann.Post(std::string(kSeason) + "/comments", Form({{"csrf", csrf}, {"body", "x"}})).status, 403);
    EXPECT_EQ(ann.Post("/comments/" + id + "/edit", Form({{"csrf", csrf}, {"body", "x"}})).status, 403);
    EXPECT_EQ(ann.Post("/comments/" + id + "/delete", Form({{"csrf", csrf}})).status, 403);
    EXPECT_EQ(ann.Post("/comments/" + id + "/report", Form({{"csrf", csrf}})).status, 403);
    EXPECT_EQ(ann.Post("/reviews/1/report", Form({{"csrf", csrf}})).status, 403);
    EXPECT_EQ(ed.Post("/admin/moderation", Form({{"csrf", csrf}, {"kind", "comment"}, {"id", id}, {"action", "spam"}})).status,
              403);
  }
  auto page = HttpGet(port(), kSeason);
  EXPECT_NE(page.body.find("A fine season."), std::string::npos);  // Nothing changed.
  EXPECT_EQ(Count(page.body, "class=\"comment\""), 1);
}

TEST_P(CommentsHttpTest, AnonymousWritesAreTurnedAway) {
  auto form = HttpSend(port(), "POST", std::string(kSeason) + "/comments",
                       "Content-Type: application/x-www-form-urlencoded\r\n", "body=hello");
  EXPECT_EQ(form.status, 303);
  EXPECT_EQ(form.Header("location").rfind("/account/signin?next=" + std::string(kSeason), 0), 0u);
  for (const char* path : {"/comments/1/edit", "/comments/1/delete", "/comments/1/report", "/reviews/1/report"}) {
    EXPECT_EQ(HttpSend(port(), "POST", path, "Content-Type: application/x-www-form-urlencoded\r\n", "body=x").status, 303)
        << path;
  }
  auto queue = HttpGet(port(), "/admin/moderation");
  EXPECT_EQ(queue.status, 303);
  EXPECT_EQ(queue.Header("location"), "/account/signin?next=/admin/moderation");
  EXPECT_EQ(HttpSend(port(), "POST", "/admin/moderation", "", "kind=held&id=1&action=count").status, 303);
  auto api = HttpSend(port(), "POST", "/api/v1" + std::string(kSeason) + "/comments", "", R"({"body": "hi"})");
  EXPECT_EQ(api.status, 401);
  EXPECT_EQ(api.Header("www-authenticate"), "Bearer");
  // Guests are not invited unless the operator says so.
  EXPECT_EQ(HttpGet(port(), std::string(kSeason) + "/comments/guest").status, 404);
  EXPECT_EQ(HttpGet(port(), kSeason).body.find("comment as a guest"), std::string::npos);
}

TEST_P(CommentsHttpTest, OtherReadersCommentsAreNotTheirs) {
  Browser ann(port()), bob(port());
  SignUp(ann, "ann_lee");
  SignUp(bob, "bob_ray");
  const std::string id = CommentId(PostComment(ann, kSeason, "Mine, not Bob's."));
  const std::string csrf = CommentsCsrf(bob.Get(kSeason).body);
  EXPECT_EQ(bob.Post("/comments/" + id + "/edit", Form({{"csrf", csrf}, {"body", "Bob was here"}})).status, 403);
  EXPECT_EQ(bob.Post("/comments/" + id + "/delete", Form({{"csrf", csrf}})).status, 403);
  auto page = bob.Get(kSeason);
  EXPECT_NE(page.body.find("Mine, not Bob&apos;s."), std::string::npos);
  EXPECT_EQ(page.body.find("Bob was here"), std::string::npos);
  // Bob gets no edit or delete controls for it, only a report button.
  EXPECT_EQ(page.body.find("/comments/" + id + "/edit"), std::string::npos);
  EXPECT_EQ(page.body.find("/comments/" + id + "/delete"), std::string::npos);
  EXPECT_NE(page.body.find("/comments/" + id + "/report"), std::string::npos);
  // Readers do not moderate.
  EXPECT_EQ(bob.Get("/admin/moderation").status, 403);
  EXPECT_EQ(bob.Post("/admin/moderation", Form({{"csrf", csrf}, {"kind", "comment"}, {"id", id}, {"action", "delete"}})).status,
            403);
  EXPECT_NE(HttpGet(port(), kSeason).body.find("Mine, not Bob&apos;s."), std::string::npos);
}

TEST_P(CommentsHttpTest, WhatReadersTypeIsShownAsTextAndStoredVerbatim) {
  Browser ann(port());
  SignUp(ann, "o.brien");
  const std::string body = "<script>alert('x')</script> Robert'); DROP TABLE comments;-- \"quoted\" & 100% <b>bold</b>";
  ASSERT_EQ(PostComment(ann, kSeason, body).status, 303);
  auto page = HttpGet(port(), kSeason);
  EXPECT_NE(page.body.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; Robert&apos;); DROP TABLE comments;-- "
                           "&quot;quoted&quot; &amp; 100% &lt;b&gt;bold&lt;/b&gt;"),
            std::string::npos);
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  auto api = HttpGet(port(), "/api/v1" + std::string(kSeason) + "/comments");
  ASSERT_EQ(api.status, 200);
  EXPECT_EQ(Json::parse(api.body)["comments"][0]["body"], body);  // Verbatim.
  // A refused comment keeps what was typed, escaped.
  const std::string csrf = CommentsCsrf(ann.Get(kSeason).body);
  auto bad = ann.Post(std::string(kSeason) + "/comments",
                      Form({{"csrf", csrf}, {"body", std::string(5001, 'x') + "<i>"}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("body: at most 5000 characters"), std::string::npos);
  EXPECT_NE(bad.body.find("xxx&lt;i&gt;</textarea>"), std::string::npos);
}

TEST_P(CommentsHttpTest, SpamIsHiddenUntilAnEditorApprovesIt) {
  Browser spammer(port()), ed(port());
  SignUp(spammer, "fresh_account");
  SignUp(ed, "ed_itor");
  MakeEditor("ed_itor");
  auto posted = PostComment(spammer, kSeason, kLinkSpam);
  ASSERT_EQ(posted.status, 303);
  const std::string id = CommentId(posted);
  EXPECT_EQ(HttpGet(port(), kSeason).body.find("cheap-meds"), std::string::npos);
  EXPECT_EQ(spammer.Get(kSeason).body.find("cheap-meds"), std::string::npos);  // Spam: not even to its author.
  // One link from a new account waits for an editor: shown to its author only, marked.
  Browser newbie(port());
  SignUp(newbie, "new_reader");
  ASSERT_EQ(PostComment(newbie, kSeason, "Great episode, I wrote more on my blog: http://myblog.example.com/picard").status,
            303);
  auto own = newbie.Get(kSeason).body;
  EXPECT_NE(own.find("myblog.example.com"), std::string::npos);
  EXPECT_NE(own.find("Your comment is awaiting moderation."), std::string::npos);
  EXPECT_EQ(HttpGet(port(), kSeason).body.find("myblog.example.com"), std::string::npos);
  auto queue = ed.Get("/admin/moderation");
  ASSERT_EQ(queue.status, 200);
  const size_t item = queue.body.find("id=\"comment-" + id + "\"");
  ASSERT_NE(item, std::string::npos) << queue.body.substr(0, 2000);
  EXPECT_NE(queue.body.find("Spam probability <strong>", item), std::string::npos);
  EXPECT_NE(queue.body.find("links", item), std::string::npos);  // A reason.
  const std::string csrf = Browser::Csrf(queue.body);
  auto decided = ed.Post("/admin/moderation", Form({{"csrf", csrf}, {"kind", "comment"}, {"id", id}, {"action", "approve"}}));
  EXPECT_EQ(decided.status, 303);
  EXPECT_EQ(decided.Header("location"), "/admin/moderation?done=approve");
  EXPECT_NE(HttpGet(port(), kSeason).body.find("cheap-meds"), std::string::npos);
  EXPECT_NE(ed.Get("/admin/moderation").body.find("trained on 1 decision<"), std::string::npos);

  // A review text goes through the same filter: hidden, while its stars count.
  const std::string page = spammer.Get(kSeason).body;
  const std::string rate_csrf = Browser::Csrf(page.substr(page.find("id=\"rate\"")));
  ASSERT_EQ(spammer.Post(std::string(kSeason) + "/rating", Form({{"csrf", rate_csrf}, {"stars", "5"}, {"review", kLinkSpam}}))
                .status,
            303);
  const std::string rated = spammer.Get(kSeason).body;
  EXPECT_NE(rated.find("Your review is awaiting moderation"), std::string::npos);
  EXPECT_NE(rated.find(">11 ratings"), std::string::npos);
  const std::string anon = HttpGet(port(), kSeason).body;
  const size_t reviews = anon.find("id=\"audience-reviews\""), comments = anon.find("id=\"comments\"");
  ASSERT_LT(reviews, comments);
  EXPECT_EQ(anon.substr(reviews, comments - reviews).find("cheap-meds"), std::string::npos);
  EXPECT_NE(ed.Get("/admin/moderation").body.find("Audience review"), std::string::npos);
}

TEST_P(CommentsHttpTest, DecisionsRetrainTheFilter) {
  Browser ed(port());
  SignUp(ed, "ed_itor");
  MakeEditor("ed_itor");
  const std::string probe = "Watch every episode free at streamzone now, full seasons, no signup needed";
  auto status_of = [&](const std::string& user, const std::string& text) {
    auto r = HttpSend(port(), "POST", "/api/v1" + std::string(kSeason) + "/comments", ApiToken(user),
                      Json{{"body", text}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return Json::parse(r.body)["comment"];
  };
  EXPECT_EQ(status_of("first_probe", probe)["status"], "approved");
  for (const char* t : {"Watch every episode free at streamzone, full seasons here",
                        "Free full seasons at streamzone, no signup, watch now",
                        "streamzone has every episode free, watch now no signup",
                        "Stream full seasons free now at streamzone, no signup"}) {
    auto c = status_of("poster" + std::to_string(std::rand() % 100000), t);
    const std::string csrf = Browser::Csrf(ed.Get("/admin/moderation").body);
    ASSERT_EQ(ed.Post("/admin/moderation", Form({{"csrf", csrf}, {"kind", "comment"},
                                                 {"id", std::to_string(c["id"].get<int64_t>())}, {"action", "spam"}}))
                  .status,
              303);
  }
  // The same kind of text from a reader like the first is no longer shown at once.
  EXPECT_NE(status_of("second_probe", probe)["status"], "approved");
}

TEST_P(CommentsHttpTest, ReportsReachTheEditors) {
  Browser ann(port()), bob(port()), ed(port());
  SignUp(ann, "ann_lee");
  SignUp(bob, "bob_ray");
  SignUp(ed, "ed_itor");
  MakeEditor("ed_itor");
  const std::string id = CommentId(PostComment(ann, kSeason, "Jean-Luc deserved better writing."));
  auto page = bob.Get(kSeason);
  const std::string csrf = CommentsCsrf(page.body);
  auto reported = bob.Post("/comments/" + id + "/report", Form({{"csrf", csrf}, {"reason", "spoilers <b>"}, {"next", kSeason}}));
  EXPECT_EQ(reported.status, 200);
  EXPECT_NE(reported.body.find("Your report went to the editors."), std::string::npos);
  // An audience review's report button, from the same page.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page.body, m, std::regex("/reviews/(\\d+)/report")));
  const std::string review = m[1];
  EXPECT_EQ(bob.Post("/reviews/" + review + "/report", Form({{"csrf", csrf}, {"reason", "fake"}})).status, 200);
  EXPECT_EQ(bob.Post("/reviews/424242/report", Form({{"csrf", csrf}})).status, 404);

  auto queue = ed.Get("/admin/moderation");
  ASSERT_EQ(queue.status, 200);
  const size_t reported_section = queue.body.find("id=\"reported\"");
  ASSERT_NE(reported_section, std::string::npos);
  EXPECT_NE(queue.body.find("Reported 1 time: spoilers &lt;b&gt;", reported_section), std::string::npos);
  EXPECT_NE(queue.body.find("id=\"review-" + review + "\"", reported_section), std::string::npos);
  const std::string ecsrf = Browser::Csrf(queue.body);
  ASSERT_EQ(ed.Post("/admin/moderation", Form({{"csrf", ecsrf}, {"kind", "comment"}, {"id", id}, {"action", "delete"}})).status,
            303);
  ASSERT_EQ(ed.Post("/admin/moderation", Form({{"csrf", ecsrf}, {"kind", "review"}, {"id", review}, {"action", "approve"}}))
                .status,
            303);
  queue = ed.Get("/admin/moderation");
  EXPECT_NE(queue.body.find("No open reports."), std::string::npos);
  EXPECT_EQ(HttpGet(port(), kSeason).body.find("Jean-Luc deserved better"), std::string::npos);
}

TEST_P(CommentsHttpTest, AnEditorCountsAHeldRating) {
  Browser ed(port());
  SignUp(ed, "ed_itor");
  MakeEditor("ed_itor");
  Id held = 0;
  {
    // A rating the review-bombing guard held (written as the guard would).
    auto store = std::move(Store::Open(db_).value());
    User u;
    u.username = "burst_rater";
    const Id uid = store->CreateUser(u).value();
    const Id season = store->FindChild(store->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard")->id, 1)->id;
    ASSERT_TRUE(store->Write([&](StoreWriter& w) -> Status {
      Rating r;
      r.user_id = uid;
      r.title_id = season;
      r.stars = 5;
      r.status = RatingStatus::kHeld;
      auto id = w.UpsertRating(r);
      if (!id.ok()) return id.status();
      held = *id;
      return Status::Ok();
    }).ok());
  }
  EXPECT_NE(ed.Get(kSeason).body.find(">10 ratings"), std::string::npos);
  auto queue = ed.Get("/admin/moderation");
  ASSERT_NE(queue.body.find("id=\"held-" + std::to_string(held) + "\""), std::string::npos);
  EXPECT_NE(queue.body.find("burst_rater"), std::string::npos);
  auto counted = ed.Post("/admin/moderation", Form({{"csrf", Browser::Csrf(queue.body)}, {"kind", "held"},
                                                    {"id", std::to_string(held)}, {"action", "count"}}));
  EXPECT_EQ(counted.status, 303);
  EXPECT_NE(ed.Get(kSeason).body.find(">11 ratings"), std::string::npos);
  EXPECT_NE(HttpGet(port(), "/api/v1" + std::string(kSeason)).body.find("\"count\":11"), std::string::npos);
  EXPECT_NE(ed.Get("/admin/moderation").body.find("No ratings are held."), std::string::npos);
}

TEST_P(CommentsHttpTest, GuestsCommentWhenTheOperatorAllowsIt) {
  ReelServer guests(REEL_BINARY, db_, (dir_ / "guests.log").string(), {"--guest-comments"});
  Browser g(guests.port());
  auto page = g.Get(kSeason);
  EXPECT_NE(page.body.find("comment as a guest"), std::string::npos);
  auto form = g.Get(std::string(kSeason) + "/comments/guest");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(g.HasCookie("reel_form"));
  const std::string csrf = Browser::Csrf(form.body);
  const std::string name = "<img src=x onerror=alert(1)> Gus";
  // Without the form's token, nothing is written.
  EXPECT_EQ(HttpSend(guests.port(), "POST", std::string(kSeason) + "/comments",
                     "Content-Type: application/x-www-form-urlencoded\r\n",
                     Form({{"csrf", csrf}, {"guest_name", name}, {"guest_email", "gus@example.org"}, {"body", "x"}}))
                .status,
            403);
  auto posted = g.Post(std::string(kSeason) + "/comments",
                       Form({{"csrf", csrf}, {"guest_name", name}, {"guest_email", "gus@example.org"},
                             {"body", "Watched it with my dad, he loved the Borg cube scenes."}}));
  ASSERT_EQ(posted.status, 303) << posted.body.substr(0, 500);
  page = HttpGet(guests.port(), kSeason);
  EXPECT_NE(page.body.find("he loved the Borg cube scenes"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;img src=x onerror=alert(1)&gt; Gus</span> <span class=\"badge\">Guest</span>"),
            std::string::npos);
  EXPECT_EQ(page.body.find("<img src=x"), std::string::npos);
  EXPECT_EQ(page.body.find("gus@example.org"), std::string::npos);  // Never shown.
  EXPECT_EQ(HttpGet(guests.port(), "/api/v1" + std::string(kSeason) + "/comments").body.find("gus@example.org"),
            std::string::npos);
  // The form page sets a cookie: it is never served from the page cache to another reader.
  auto again = HttpGet(guests.port(), std::string(kSeason) + "/comments/guest");
  EXPECT_NE(Browser::Csrf(again.body), csrf);
}

TEST_P(CommentsHttpTest, ApiListsAndPostsComments) {
  const std::string auth = ApiToken("api_user");
  const std::string path = "/api/v1/m/logan/comments";
  auto posted = HttpSend(port(), "POST", path, auth, R"({"body": "Best superhero western."})");
  ASSERT_EQ(posted.status, 201) << posted.body;
  Json c = Json::parse(posted.body)["comment"];
  EXPECT_EQ(c["status"], "approved");
  EXPECT_EQ(c["author"]["username"], "api_user");
  const int64_t id = c["id"];
  auto reply = HttpSend(port(), "POST", path, auth, Json{{"body", "Replying to myself."}, {"parent_id", id}}.dump());
  ASSERT_EQ(reply.status, 201);
  EXPECT_EQ(Json::parse(reply.body)["comment"]["parent_id"], id);
  auto bad = HttpSend(port(), "POST", path, auth, R"({"body": "   "})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Json::parse(bad.body)["error"]["field"], "body");
  EXPECT_EQ(HttpSend(port(), "POST", path, auth, R"({"body": "x", "parent_id": "one"})").status, 400);
  EXPECT_EQ(HttpSend(port(), "POST", "/api/v1/m/no-such-film/comments", auth, R"({"body": "x"})").status, 404);
  auto list = HttpGet(port(), path);
  ASSERT_EQ(list.status, 200);
  Json l = Json::parse(list.body);
  EXPECT_EQ(l["path"], "/m/logan");
  ASSERT_EQ(l["comments"].size(), 2u);
  EXPECT_EQ(l["comments"][1]["parent_id"], id);
  EXPECT_NE(HttpGet(port(), "/m/logan").body.find("Best superhero western."), std::string::npos);
  auto ep = HttpGet(port(), "/api/v1" + std::string(kEpisode) + "/comments");
  EXPECT_EQ(ep.status, 200);
  EXPECT_TRUE(Json::parse(ep.body)["comments"].empty());
}

TEST_P(CommentsHttpTest, ArticlesHaveAPageWithComments) {
  {
    auto store = std::move(Store::Open(db_).value());
    Article a;
    a.slug = "picard-season-2-release-date";
    a.headline = "Picard season 2 <arrives> March 3";
    a.body_markdown = "Paramount+ confirmed the date.\n\n<script>alert(1)</script> More soon.";
    a.published_at = "2021-11-02T16:00:00Z";
    ASSERT_TRUE(store->AddArticle(a).ok());
    a.slug = "a-draft";
    a.published_at = "";
    ASSERT_TRUE(store->AddArticle(a).ok());
  }
  const std::string path = "/news/picard-season-2-release-date";
  auto page = HttpGet(port(), path);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1>Picard season 2 &lt;arrives&gt; March 3</h1>"), std::string::npos);
  EXPECT_NE(page.body.find("<p>&lt;script&gt;alert(1)&lt;/script&gt; More soon.</p>"), std::string::npos);
  EXPECT_NE(page.body.find("November 2, 2021"), std::string::npos);
  EXPECT_NE(page.body.find("No comments yet."), std::string::npos);
  EXPECT_EQ(HttpGet(port(), "/news/a-draft").status, 404);
  EXPECT_EQ(HttpGet(port(), "/news/no-such-article").status, 404);
  Browser ann(port());
  SignUp(ann, "ann_lee");
  auto posted = PostComment(ann, path, "March 3 cannot come soon enough.");
  ASSERT_EQ(posted.status, 303);
  EXPECT_EQ(posted.Header("location").rfind(path + "#comment-", 0), 0u);
  EXPECT_NE(HttpGet(port(), path).body.find("March 3 cannot come soon enough."), std::string::npos);
  EXPECT_EQ(ann.Post("/news/a-draft/comments", Form({{"csrf", CommentsCsrf(ann.Get(path).body)}, {"body", "x"}})).status,
            404);
}

// One new account posting one sentence over and over: the first copy is shown, the
// rest are refused with 429 and a Retry-After, on a form that keeps what was typed;
// nobody sees the sentence twice.
TEST_P(CommentsHttpTest, OneSentencePostedOverAndOverIsRefused) {
  Browser flooder(port());
  SignUp(flooder, "flooder");
  const std::string sentence = "Hello there, this season is the best thing on television right now";
  const std::string csrf = CommentsCsrf(flooder.Get(kSeason).body);
  int accepted = 0, refused = 0;
  for (int i = 0; i < 30; ++i) {
    auto r = flooder.Post(std::string(kSeason) + "/comments", Form({{"csrf", csrf}, {"body", sentence}}));
    if (r.status == 303) {
      ++accepted;
      continue;
    }
    ++refused;
    ASSERT_EQ(r.status, 429) << r.body.substr(0, 400);
    const std::string retry = r.Header("retry-after");
    ASSERT_FALSE(retry.empty());
    EXPECT_GT(std::stoll(retry), 0);
    EXPECT_NE(r.body.find("role=\"alert\""), std::string::npos);
    EXPECT_NE(r.body.find("already posted"), std::string::npos) << r.body.substr(0, 2000);
    EXPECT_NE(r.body.find(sentence + "</textarea>"), std::string::npos);  // What was typed is kept.
  }
  EXPECT_EQ(accepted, 1);
  EXPECT_EQ(refused, 29);
  EXPECT_EQ(Count(HttpGet(port(), kSeason).body, sentence), 1);
  EXPECT_LE(Count(flooder.Get(kSeason).body, sentence), 2);  // The comment and its edit form.
  // Elsewhere the same text goes up a few times, then is refused site-wide.
  int elsewhere = 0;
  for (const char* page : {kEpisode, "/m/logan", "/tv/star-trek-picard/s02", "/tv/star-trek-picard/s02/e01"}) {
    auto r = PostComment(flooder, page, sentence);
    if (r.status == 303) ++elsewhere;
    else EXPECT_EQ(r.status, 429) << page;
  }
  EXPECT_EQ(elsewhere, 2);
  // Editors read the limits on their page.
  Browser ed(port());
  SignUp(ed, "ed_itor");
  MakeEditor("ed_itor");
  EXPECT_NE(ed.Get("/admin/moderation").body.find("An account may post 5 comments a minute and 60 an hour"),
            std::string::npos);
}

// Many different texts from one account, quickly: refused once past the limit, with
// the API's too_many_requests code and a Retry-After; no window of a minute holds
// more accepted comments than the limit allows.
TEST_P(CommentsHttpTest, ManyTextsQuicklyAreRefusedPastTheLimit) {
  const std::string auth = ApiToken("chatterbox");
  const std::string path = "/api/v1/m/logan/comments";
  int accepted = 0;
  HttpResult refused;
  for (int i = 0; i < 200 && refused.status == 0; ++i) {
    auto r = HttpSend(port(), "POST", path, auth,
                      Json{{"body", "Thought number " + std::to_string(i) + " about this film, a different one each time."}}.dump());
    if (r.status == 201) ++accepted;
    else refused = r;
  }
  ASSERT_EQ(refused.status, 429) << refused.body;
  EXPECT_GE(accepted, 1);
  Json e = Json::parse(refused.body)["error"];
  EXPECT_EQ(e["code"], "too_many_requests");
  EXPECT_NE(e["message"].get<std::string>().find("too fast"), std::string::npos) << e.dump();
  EXPECT_GT(std::stoll(refused.Header("retry-after")), 0);
  // The accepted comments, by their store times: never more than the new account's
  // per-minute limit inside one minute.
  auto store = std::move(Store::Open(db_).value());
  const Id logan = store->FindTitleBySlug(TitleKind::kFilm, "logan")->id;
  std::vector<int64_t> times;
  const Id chatterbox = store->FindUserByName("chatterbox")->id;
  for (const auto& row : store->ListComments(CommentThread{0, logan}, chatterbox).value()) {
    times.push_back(ParseUtcTimestamp(row.comment.created_at).value());
  }
  ASSERT_EQ(times.size(), static_cast<size_t>(accepted));
  for (size_t i = 0; i < times.size(); ++i) {
    int in_minute = 0;
    for (int64_t t : times) in_minute += t >= times[i] && t < times[i] + 60;
    EXPECT_LE(in_minute, audience::kFloodLimits.new_member.per_minute);
  }
}

// A new reader rates a season, edits the review, rates again, and then writes a
// first comment: the rating's versions are one post, so the comment is shown at once.
TEST_P(CommentsHttpTest, ANewReadersRatingEditsDoNotHoldTheirFirstComment) {
  Browser reader(port());
  SignUp(reader, "first_timer");
  auto rate = [&](const std::string& stars, const std::string& review) {
    const std::string page = reader.Get(kSeason).body;
    const std::string csrf = Browser::Csrf(page.substr(page.find("id=\"rate\"")));
    return reader.Post(std::string(kSeason) + "/rating", Form({{"csrf", csrf}, {"stars", stars}, {"review", review}})).status;
  };
  ASSERT_EQ(rate("4", "A thoughtful season about grief and second chances."), 303);
  ASSERT_EQ(rate("4", "A thoughtful season about grief, loss and second chances."), 303);
  ASSERT_EQ(rate("3.5", "On reflection: thoughtful, but the finale drags."), 303);
  const std::string question = "Does anyone know when the next season starts streaming?";
  ASSERT_EQ(PostComment(reader, kSeason, question).status, 303);
  const std::string own = reader.Get(kSeason).body;
  EXPECT_NE(own.find(question), std::string::npos);
  EXPECT_EQ(own.find("Your comment is awaiting moderation."), std::string::npos);
  EXPECT_NE(HttpGet(port(), kSeason).body.find(question), std::string::npos);
}

// A long thread is paged: 50 top-level comments a page with their replies, pager
// links that work without JavaScript at stable URLs, a new comment's redirect to its
// page, and the API paged the same way with its totals.
TEST_P(CommentsHttpTest, LongThreadsArePaged) {
  std::vector<Id> top;
  {
    auto store = std::move(Store::Open(db_).value());
    const Id season = store->FindChild(store->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard")->id, 1)->id;
    User u;
    u.username = "veteran";
    const Id author = store->CreateUser(u).value();
    auto add = [&](Id parent, const std::string& body, int i) {
      Comment c;
      c.thread = {0, season};
      c.parent_id = parent;
      c.user_id = author;
      c.body = body;
      c.status = ModerationStatus::kApproved;
      char at[32];
      std::snprintf(at, sizeof at, "2022-01-01T%02d:%02d:00Z", i / 60, i % 60);
      c.created_at = at;
      return store->AddComment(c, {}).value();
    };
    for (int i = 1; i <= 120; ++i) {
      char body[40];
      std::snprintf(body, sizeof body, "Seeded comment %03d.", i);
      top.push_back(add(0, body, i));
    }
    add(top[0], "Reply to the first.", 200);
    add(top[0], "Another reply to the first.", 201);
    add(top[50], "Reply to the fifty-first.", 202);
  }
  auto first = HttpGet(port(), kSeason);
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("Seeded comment 001."), std::string::npos);
  EXPECT_NE(first.body.find("Seeded comment 050."), std::string::npos);
  EXPECT_EQ(first.body.find("Seeded comment 051."), std::string::npos);
  EXPECT_NE(first.body.find("Another reply to the first."), std::string::npos);
  EXPECT_EQ(first.body.find("Reply to the fifty-first."), std::string::npos);
  EXPECT_NE(first.body.find("Comments <span class=\"count\">(123)</span>"), std::string::npos);
  const std::string base = kSeason;
  EXPECT_NE(first.body.find("href=\"" + base + "?comments_page=2#comments\""), std::string::npos);
  EXPECT_NE(first.body.find("href=\"" + base + "?comments_page=3#comments\""), std::string::npos);
  EXPECT_EQ(first.body.find("?comments_page=1#"), std::string::npos);  // Page 1 is the page itself.

  auto second = HttpGet(port(), base + "?comments_page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.body.find("Seeded comment 050."), std::string::npos);
  EXPECT_NE(second.body.find("Seeded comment 051."), std::string::npos);
  EXPECT_NE(second.body.find("Seeded comment 100."), std::string::npos);
  EXPECT_EQ(second.body.find("Seeded comment 101."), std::string::npos);
  EXPECT_NE(second.body.find("Reply to the fifty-first."), std::string::npos);
  EXPECT_NE(second.body.find("href=\"" + base + "#comments\""), std::string::npos);  // Back to page 1.
  EXPECT_NE(second.body.find("href=\"" + base + "?comments_page=3#comments\""), std::string::npos);
  EXPECT_NE(second.body.find("aria-current=\"page\">2<"), std::string::npos);
  auto third = HttpGet(port(), base + "?comments_page=3");
  EXPECT_NE(third.body.find("Seeded comment 120."), std::string::npos);
  for (const char* bad : {"?comments_page=4", "?comments_page=0", "?comments_page=x"}) {
    EXPECT_EQ(HttpGet(port(), base + bad).status, 404) << bad;
  }

  // A new comment lands on the last page, and its redirect goes there.
  Browser ann(port());
  SignUp(ann, "ann_lee");
  auto posted = PostComment(ann, kSeason, "Late to this thread, but what a season.");
  ASSERT_EQ(posted.status, 303);
  EXPECT_EQ(posted.Header("location").rfind(base + "?comments_page=3#comment-", 0), 0u) << posted.Header("location");
  // A reply goes to its parent's page.
  auto reply = PostComment(ann, kSeason, "Replying to an old one.", std::to_string(top[60]));
  ASSERT_EQ(reply.status, 303);
  EXPECT_EQ(reply.Header("location").rfind(base + "?comments_page=2#comment-", 0), 0u) << reply.Header("location");

  // The API: pages of top-level comments with their replies, and the totals.
  const std::string api = "/api/v1" + base + "/comments";
  auto listed = HttpGet(port(), api);
  ASSERT_EQ(listed.status, 200);
  Json l = Json::parse(listed.body);
  EXPECT_EQ(l["page"], 1);
  EXPECT_EQ(l["per_page"], 50);
  EXPECT_EQ(l["pages"], 3);
  EXPECT_EQ(l["total"], 125);
  EXPECT_EQ(l["top_level"], 121);
  EXPECT_EQ(l["comments"].size(), 52u);
  Json last = Json::parse(HttpGet(port(), api + "?page=2&per_page=100").body);
  EXPECT_EQ(last["pages"], 2);
  EXPECT_EQ(last["comments"].size(), 21u);
  EXPECT_EQ(last["comments"][20]["body"], "Late to this thread, but what a season.");
  EXPECT_TRUE(Json::parse(HttpGet(port(), api + "?page=9").body)["comments"].empty());
  for (const char* bad : {"?per_page=101", "?per_page=0", "?page=0", "?page=two"}) {
    auto r = HttpGet(port(), api + bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(Json::parse(r.body)["error"]["field"], std::string(bad).substr(1, std::string(bad).find('=') - 1)) << bad;
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, CommentsHttpTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
