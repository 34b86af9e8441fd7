// Details of what the pages say, over HTTP against the real binary, on SQLite and on
// PostgreSQL: counts in words with the right plural, the moderation queue naming
// titles, a critic account's review under its critic profile's name and
// publication, a consensus refused on a title no critic has reviewed, and a series'
// years ending with its last episode once it has ended.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/date.h"
#include "site_test.h"

namespace reel::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kSeason = "/tv/star-trek-picard/s01";
constexpr const char* kPassword = "a long passphrase";

class PageDetailsTest : public SiteTest {
 protected:
  PageDetailsTest() : SiteTest("page-details") {}

  std::pair<int, std::string> Reel(const std::string& args, const std::string& stdin_text = "") {
    const auto input = dir_ / "stdin.txt";
    std::ofstream(input) << stdin_text;
    return RunReel(args + " --db " + db_ + " < " + input.string());
  }
  void StaffSignIn(Browser& b, const std::string& name, const std::string& role) {
    auto [status, out] = Reel("users add " + name + " --role " + role + " --email " + name +
                              "@example.org --password-stdin", std::string(kPassword) + "\n");
    ASSERT_EQ(status, 0) << out;
    auto form = b.Get("/account/signin");
    ASSERT_EQ(b.Post("/account/signin", Form({{"csrf", Browser::Csrf(form.body)}, {"username", name},
                                               {"password", kPassword}})).status, 303);
  }
  static std::string CsrfAfter(const std::string& html, const std::string& marker) {
    const size_t at = html.find(marker);
    return at == std::string::npos ? "" : Browser::Csrf(html.substr(at));
  }
  std::string UserId(const std::string& name) {
    auto [status, out] = Reel("users list");
    const size_t at = out.find("\t" + name + "\t");
    if (status != 0 || at == std::string::npos) return "";
    const size_t line = out.rfind('\n', at);
    return out.substr(line == std::string::npos ? 0 : line + 1, at - (line == std::string::npos ? 0 : line + 1));
  }
  Json Api(const std::string& path) { return Json::parse(HttpGet(port(), "/api/v1" + path).body); }

  // Counts of one written as plurals ("1 stars", "½ stars", "1 reviews"), and "(s)".
  static std::vector<std::string> BadPlurals(const std::string& html) {
    const std::string text = std::regex_replace(html, std::regex("<[^>]*>"), "");
    std::vector<std::string> bad;
    for (const char* word : {"stars", "reviews", "ratings", "seasons", "episodes", "comments", "times", "decisions",
                             "votes", "graded reviews", "verified ratings"}) {
      const std::string needle = std::string(" ") + word;
      for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        const size_t after = at + needle.size();
        if (after < text.size() && std::isalpha(static_cast<unsigned char>(text[after]))) continue;
        size_t begin = at;
        while (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '\n' && text[begin - 1] != '(') --begin;
        const std::string count = text.substr(begin, at - begin);
        if (count == "1" || count == "½") bad.push_back(count + needle);
      }
    }
    if (text.find("(s)") != std::string::npos) bad.push_back("(s)");
    return bad;
  }
};

TEST_P(PageDetailsTest, CountsOfOneAreSingular) {
  const auto about = HttpGet(port(), "/about/scores");
  ASSERT_EQ(about.status, 200);
  EXPECT_EQ(BadPlurals(about.body), std::vector<std::string>{});
  EXPECT_NE(about.body.find("1<span class=\"visually-hidden\"> star: not positive</span>"), std::string::npos);
  EXPECT_NE(about.body.find("4<span class=\"visually-hidden\"> stars: positive</span>"), std::string::npos);

  // One report of one comment, in the editors' queue.
  Browser ann(port()), bob(port()), ed(port());
  SignUp(ann, "ann_lee");
  SignUp(bob, "bob_ray");
  StaffSignIn(ed, "ed_itor", "editor");
  const std::string csrf = CsrfAfter(ann.Get(kSeason).body, "id=\"comments\"");
  auto posted = ann.Post(std::string(kSeason) + "/comments", Form({{"csrf", csrf}, {"body", "Reported once."}}));
  ASSERT_EQ(posted.status, 303);
  const std::string loc = posted.Header("location");
  const std::string id = loc.substr(loc.find("#comment-") + 9);
  const std::string bob_csrf = CsrfAfter(bob.Get(kSeason).body, "id=\"comments\"");
  ASSERT_EQ(bob.Post("/comments/" + id + "/report", Form({{"csrf", bob_csrf}, {"reason", "rude"}})).status, 200);
  auto queue = ed.Get("/admin/moderation");
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("Reported 1 time: rude"), std::string::npos);
  EXPECT_EQ(BadPlurals(queue.body), std::vector<std::string>{});
  // The queue names the title, linked to the comment.
  EXPECT_NE(queue.body.find("<a href=\"/tv/star-trek-picard/s01#comment-" + id + "\">Star Trek: Picard, Season 1</a>"),
            std::string::npos);
  EXPECT_EQ(queue.body.find(">/tv/star-trek-picard/s01</a>"), std::string::npos);

  for (const char* page : {"/", kSeason, "/tv/star-trek-picard", "/m/logan"}) {
    EXPECT_EQ(BadPlurals(HttpGet(port(), page).body), std::vector<std::string>{}) << page;
  }
}

TEST_P(PageDetailsTest, TheModerationQueueNamesEpisodesAndFilms) {
  Browser ann(port()), ed(port());
  SignUp(ann, "ann_lee");
  StaffSignIn(ed, "ed_itor", "editor");
  // Link-heavy comments wait for a moderator.
  const std::string spam = "CHEAP meds online!!! http://cheap-meds.example.xyz http://pills.example.top buy today";
  for (const char* page : {"/tv/star-trek-picard/s02/e02", "/m/logan"}) {
    const std::string csrf = CsrfAfter(ann.Get(page).body, "id=\"comments\"");
    ASSERT_EQ(ann.Post(std::string(page) + "/comments", Form({{"csrf", csrf}, {"body", spam}})).status, 303);
  }
  const std::string queue = ed.Get("/admin/moderation").body;
  EXPECT_NE(queue.find("\">Star Trek: Picard S02E02: Penance</a>"), std::string::npos) << queue;
  EXPECT_NE(queue.find("\">Logan</a>"), std::string::npos);
}

TEST_P(PageDetailsTest, ACriticAccountsReviewShowsItsProfileNameAndPublication) {
  Browser admin(port()), jo(port());
  StaffSignIn(admin, "boss", "admin");
  SignUp(jo, "jo_critic");
  const std::string update = "/admin/users/" + UserId("jo_critic");
  const std::string csrf = Browser::Csrf(admin.Get("/admin/users").body);
  // A new critic profile needs the name readers will see; nothing changes without it.
  auto nameless = admin.Post(update, Form({{"csrf", csrf}, {"role", "critic"}, {"critic", "jo-march"}}));
  EXPECT_EQ(nameless.status, 400);
  EXPECT_NE(nameless.body.find("critic_name: give the name readers see for the new critic profile"), std::string::npos)
      << nameless.body.substr(0, 3000);
  EXPECT_NE(Reel("users list").second.find("jo_critic\treader"), std::string::npos);
  ASSERT_EQ(admin.Post(update, Form({{"csrf", csrf}, {"role", "critic"}, {"critic", "jo-march"},
                                     {"critic_name", "Jo March"}, {"publication", "The Harbour Gazette"}}))
                .status, 303);
  // The form shows the profile it links to.
  const std::string users = admin.Get("/admin/users?q=jo_").body;
  EXPECT_NE(users.find("value=\"Jo March\""), std::string::npos);
  EXPECT_NE(users.find("value=\"The Harbour Gazette\""), std::string::npos);

  const std::string jo_csrf = CsrfAfter(jo.Get(kSeason).body, "id=\"critic-review-form\"");
  ASSERT_FALSE(jo_csrf.empty());
  ASSERT_EQ(jo.Post(std::string(kSeason) + "/critic-review",
                    Form({{"csrf", jo_csrf}, {"quote", "A quiet triumph."}, {"grade", "B+"}, {"verdict", "fresh"}}))
                .status, 303);
  const std::string page = HttpGet(port(), kSeason).body;
  const size_t at = page.find("A quiet triumph.");
  ASSERT_NE(at, std::string::npos);
  const std::string byline = page.substr(at, page.find("</p>", page.find("class=\"byline\"", at)) - at);
  // Each linked to its page.
  EXPECT_NE(byline.find("class=\"critic\" href=\"/critics/"), std::string::npos) << byline;
  EXPECT_NE(byline.find(">Jo March</a>"), std::string::npos) << byline;
  EXPECT_NE(byline.find("class=\"publication\" href=\"/critics/source/"), std::string::npos) << byline;
  EXPECT_NE(byline.find(">The Harbour Gazette</a>"), std::string::npos) << byline;
  EXPECT_EQ(byline.find("jo_critic"), std::string::npos);

  // The command line does the same.
  EXPECT_NE(Reel("users critic jo_critic new-profile").second.find("--name: give the name"), std::string::npos);
  auto [status, out] = Reel("users critic jo_critic jo-march");  // An existing profile needs no name.
  EXPECT_EQ(status, 0) << out;
  std::tie(status, out) = Reel("users critic boss boss-critic --name 'B. Oss' --publication 'Boss Weekly'");
  EXPECT_EQ(status, 0) << out;
}

TEST_P(PageDetailsTest, AConsensusNeedsReviewsToSumUp) {
  Browser ed(port());
  StaffSignIn(ed, "ed_itor", "editor");
  const std::string season2 = "/tv/star-trek-picard/s02";  // No critic reviews.
  const std::string csrf = CsrfAfter(ed.Get(season2).body, "id=\"consensus-form\"");
  ASSERT_FALSE(csrf.empty());
  auto refused = ed.Post(season2 + "/consensus", Form({{"csrf", csrf}, {"consensus", "Critics adore it."}}));
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("consensus: no critic has reviewed this title yet"), std::string::npos)
      << refused.body.substr(0, 3000);
  EXPECT_NE(refused.body.find("Critics adore it."), std::string::npos);  // What was typed is kept.
  EXPECT_EQ(Api(season2)["consensus"], "");
  // A title with reviews takes one.
  ASSERT_EQ(ed.Post(std::string(kSeason) + "/consensus", Form({{"csrf", csrf}, {"consensus", "Stewart anchors it."}}))
                .status, 303);
  EXPECT_EQ(Api(kSeason)["consensus"], "Stewart anchors it.");
  // Removing one is always allowed.
  EXPECT_EQ(ed.Post(season2 + "/consensus", Form({{"csrf", csrf}, {"consensus", ""}})).status, 303);
}

TEST_P(PageDetailsTest, ASeriesEndsWithItsLastEpisode) {
  // Episodes from 1998 to 2000 and nothing since: an ended series.
  auto [status, out] = Reel(std::string("import episodes-csv ") + REEL_SOURCE_DIR +
                            "/tests/fixtures/ingest/episodes/episodes.csv --series 'Harbour Lights'");
  ASSERT_EQ(status, 0) << out;
  // Episodes from last year to last month: still running.
  const Date today = Date::Today();
  const Date last_year = Date::FromDays(today.ToDays() - 400), last_month = Date::FromDays(today.ToDays() - 30);
  auto us = [](const Date& d) {
    const std::string iso = d.ToIso();
    return iso.substr(5, 2) + "/" + iso.substr(8, 2) + "/" + iso.substr(0, 4);
  };
  const auto csv = dir_ / "running.csv";
  std::ofstream(csv) << "Date,Episode,Title,Directed by,Written by,Duration,Summary,Rating/Share,U.S. viewers,Prod. code\n"
                     << us(last_year) << ",01-01,Pilot,A,B,22,One.,,,\n"
                     << us(last_month) << ",02-01,Return,A,B,22,Two.,,,\n";
  std::tie(status, out) = Reel("import episodes-csv " + csv.string() + " --series 'Still Running'");
  ASSERT_EQ(status, 0) << out;

  const std::string ended = HttpGet(port(), "/tv/harbour-lights").body;
  EXPECT_NE(ended.find("<span>1998–2000</span>"), std::string::npos) << ended.substr(0, 3000);
  const std::string start = std::to_string(last_year.year);
  EXPECT_NE(HttpGet(port(), "/tv/still-running").body.find("<span>" + start + "–</span>"), std::string::npos);
  // The index and the cards say the same.
  const std::string index = HttpGet(port(), "/tv?page=1").body;
  EXPECT_NE(index.find("1998–2000"), std::string::npos);
  EXPECT_EQ(index.find("1998–<"), std::string::npos);
  // The catalog's own end year still wins.
  EXPECT_NE(HttpGet(port(), "/tv/friends").body.find("<span>1994–2004</span>"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Stores, PageDetailsTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
