// The pages of the site, checked over HTTP against the real `reel serve` binary on
// a temporary SQLite database holding the demo catalog.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "ingest/catalog_json.h"
#include "reel_server.h"
#include "storage/store.h"

namespace reel::testing {
namespace {

namespace fs = std::filesystem;

class PagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("reel-http-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    const std::string db = (*dir_ / "reel.db").string();
    // The same command an operator runs, then a title made of HTML special
    // characters, to check that every page escapes what it shows.
    ASSERT_EQ(RunCommand(std::string(REEL_BINARY) + " init --demo --db sqlite:" + db + " > /dev/null"), 0);
    {
      auto store = Store::Open(db);
      ASSERT_TRUE(store.ok());
      ASSERT_TRUE(LoadCatalogJson(**store, R"({
        "people": [{"slug": "bobby-tables", "name": "Robert'); DROP TABLE people;--",
                    "bio": "<img src=x onerror=alert(1)> & friends"}],
        "titles": [{"kind": "film", "slug": "escape-test", "name": "<script>alert(\"x\")</script> & Co",
                    "synopsis": "Tom & Jerry <b>bold</b>", "genres": ["Comedy"],
                    "release": {"date": "2001-02-03", "precision": "day"},
                    "credits": [{"person": "bobby-tables", "kind": "cast", "role": "<i>Himself</i>"}]}]
      })", "escape.json").ok());
    }
    server_ = new ReelServer(REEL_BINARY, db, (*dir_ / "serve.log").string());
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    fs::remove_all(*dir_);
    delete dir_;
  }

  static HttpResult Get(const std::string& target) { return HttpGet(server_->port(), target); }

  static void ExpectContains(const HttpResult& r, const std::vector<std::string>& needles) {
    for (const auto& n : needles) EXPECT_NE(r.body.find(n), std::string::npos) << "missing: " << n;
  }

  static fs::path* dir_;
  static ReelServer* server_;
};

fs::path* PagesTest::dir_ = nullptr;
ReelServer* PagesTest::server_ = nullptr;

TEST_F(PagesTest, Healthz) {
  auto r = Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
}

TEST_F(PagesTest, SeasonPageHasTheSeedFacts) {
  auto r = Get("/tv/star-trek-picard/s01");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  ExpectContains(r, {
      "<title>Star Trek: Picard: Season 1 (2020) · reel</title>",
      "Anchored by the incomparable Patrick Stewart",               // Consensus.
      "At the end of the 24th Century",                              // Season synopsis.
      "Remembrance", "href=\"/tv/star-trek-picard/s01/e01\"",        // Episode list.
      "<time datetime=\"2020-01-23\">Jan 23, 2020</time>",           // E1 air date.
      "Et in Arcadia Ego", "<time datetime=\"2020-03-26\">Mar 26, 2020</time>",
      "Alison Pill", "Agnes Jurati",                                 // Cast.
      "Cristobal &quot;Chris&quot; Rios",                            // Escaped quotes from real data.
      "Show all cast &amp; crew (15)",                               // 8 shown, the rest behind it.
      "Executive Producer",
      "Plenty of plotlines kick off", ">3/5</span>",                  // Raw grade, and its
      "title=\"60/100 on reel&apos;s scale\" tabindex=\"0\">3/5",      // normalised score on focus.
      "title=\"75/100 on reel&apos;s scale\" tabindex=\"0\">B",
      "Mar 28, 2020",
      "All critics (12)", "Top critics (0)",
      "TNG is one of my all-time favorite shows",                    // Audience review.
      "Jun 13, 2021",                                                // Its date, long past.
      "You might also like", "href=\"/tv/star-trek-discovery\"",  // Shares all 3 genres.
  });
}

TEST_F(PagesTest, SeasonScoresAreComputedFromTheStore) {
  auto r = Get("/tv/star-trek-picard/s01");
  // 12 critic reviews, all fresh; 10 audience ratings of which 2 are >= 3.5 stars.
  ExpectContains(r, {"<span class=\"score-percent\">100%</span>", "12 reviews",
                     "<span class=\"score-percent\">20%</span>", "10 ratings"});
  // Season 2 has no reviews or ratings: a dash, the count and the minimum.
  auto s2 = Get("/tv/star-trek-picard/s02");
  ASSERT_EQ(s2.status, 200);
  ExpectContains(s2, {"<span class=\"score-percent\">—</span>", "0 reviews · shown from 5", "0 ratings"});
}

TEST_F(PagesTest, TopCriticsSwitch) {
  auto r = Get("/tv/star-trek-picard/s01?critics=top");
  ASSERT_EQ(r.status, 200);
  ExpectContains(r, {"No top critics have reviewed this yet.", "aria-current=\"true\">Top critics (0)"});
  EXPECT_EQ(r.body.find("Plenty of plotlines kick off"), std::string::npos);
}

TEST_F(PagesTest, NonCanonicalSeasonAddressRedirects) {
  auto r = Get("/tv/star-trek-picard/s1");
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.Header("location"), "/tv/star-trek-picard/s01");
  EXPECT_EQ(Get("/tv/star-trek-picard/s09").status, 404);
  EXPECT_EQ(Get("/tv/star-trek-picard/sxx").status, 404);
}

TEST_F(PagesTest, SeriesPage) {
  auto r = Get("/tv/star-trek-picard");
  ASSERT_EQ(r.status, 200);
  ExpectContains(r, {"<h1>Star Trek: Picard</h1>", "2020–2023", "Season 1", "Season 2", "Season 3",
                     "href=\"/tv/star-trek-picard/s03\"", "(2022)", "Created by", "Akiva Goldsman",
                     "Patrick Stewart", "Jean-Luc Picard", "Series critic score",
                     "href=\"/tv/star-trek-picard/episodes\""});
}

TEST_F(PagesTest, EpisodePageOfSeed002) {
  auto r = Get("/tv/star-trek-picard/s02/e02");
  ASSERT_EQ(r.status, 200);
  ExpectContains(r, {"S02E02", "Penance", "Picard learns from Q that he and his companions",
                     "<dt>Release date</dt><dd><time datetime=\"2022-03-10\">March 10, 2022</time></dd>",
                     "<dt>Running time</dt><dd>46 minutes</dd>", "<dt>Country</dt><dd>US</dd>",
                     "<dt>Language</dt><dd>English</dd>",
                     "href=\"/tv/star-trek-picard\"",                       // Series link.
                     "rel=\"prev\" href=\"/tv/star-trek-picard/s02/e01\"",
                     "rel=\"next\" href=\"/tv/star-trek-picard/s02/e03\"",
                     "href=\"/tv/star-trek-picard/episodes\"", "href=\"/tv\""});
  // Previous and next cross season boundaries.
  auto first_of_s2 = Get("/tv/star-trek-picard/s02/e01");
  ExpectContains(first_of_s2, {"rel=\"prev\" href=\"/tv/star-trek-picard/s01/e10\""});
  EXPECT_EQ(Get("/tv/star-trek-picard/s02/e99").status, 404);
}

TEST_F(PagesTest, EpisodeGuideAndSeriesIndex) {
  auto guide = Get("/tv/star-trek-picard/episodes");
  ASSERT_EQ(guide.status, 200);
  ExpectContains(guide, {"S01E01", "S02E02", "S03E10", "10 episodes"});
  auto index = Get("/tv");
  ASSERT_EQ(index.status, 200);
  ExpectContains(index, {"All TV series", "href=\"/tv/star-trek-picard\"", "href=\"/tv/friends\"",
                         "href=\"/tv/the-expanse\""});
}

TEST_F(PagesTest, PersonPage) {
  auto r = Get("/celebrity/patrick-stewart");
  ASSERT_EQ(r.status, 200);
  ExpectContains(r, {"<h1>Patrick Stewart</h1>", "Born July 13, 1940", "href=\"/tv/star-trek-picard\"",
                     "Jean-Luc Picard", "href=\"/tv/star-trek-picard/s01\"",
                     "Jean-Luc Picard, Executive Producer",  // Both roles on season 1, one row.
                     "href=\"/m/x-men\"", "Charles Xavier"});
  EXPECT_EQ(Get("/celebrity/nobody-at-all").status, 404);
}

TEST_F(PagesTest, FilmAndHomePages) {
  auto film = Get("/m/logan");
  ASSERT_EQ(film.status, 200);
  ExpectContains(film, {"Logan", "Charles Xavier", "minutes"});
  auto home = Get("/");
  ASSERT_EQ(home.status, 200);
  ExpectContains(home, {"Newest seasons", "Star Trek: Picard: Season 3", "Best critic scores",
                        "href=\"/tv/star-trek-picard/s01\"", "href=\"/m/arrival\""});
}

TEST_F(PagesTest, HtmlInDataIsEscaped) {
  auto film = Get("/m/escape-test");
  ASSERT_EQ(film.status, 200);
  ExpectContains(film, {"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co",
                        "Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;", "&lt;i&gt;Himself&lt;/i&gt;",
                        "Robert&apos;); DROP TABLE people;--"});
  EXPECT_EQ(film.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(film.body.find("<b>bold</b>"), std::string::npos);
  auto person = Get("/celebrity/bobby-tables");
  ASSERT_EQ(person.status, 200);
  ExpectContains(person, {"&lt;img src=x onerror=alert(1)&gt; &amp; friends"});
  EXPECT_EQ(person.body.find("<img src=x"), std::string::npos);
}

TEST_F(PagesTest, UnknownPathsGetAStyledNotFound) {
  auto r = Get("/no/such/page");
  EXPECT_EQ(r.status, 404);
  ExpectContains(r, {"Not Found", "rel=\"stylesheet\"", "href=\"/tv\""});
  EXPECT_EQ(Get("/tv/no-such-series").status, 404);
  EXPECT_EQ(Get("/m/no-such-film").status, 404);
  auto post = HttpGet(server_->port(), "/", "POST", "Content-Length: 0\r\n");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("allow"), "GET, HEAD");
}

TEST_F(PagesTest, StylesheetIsCachedByVersion) {
  auto home = Get("/");
  const size_t at = home.body.find("/static/reel.css?v=");
  ASSERT_NE(at, std::string::npos);
  const std::string href = home.body.substr(at, home.body.find('"', at) - at);
  auto css = Get(href);
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_NE(css.body.find(".score"), std::string::npos);
  auto again = HttpGet(server_->port(), href, "GET", "If-None-Match: " + css.Header("etag") + "\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(PagesTest, HeadAndKeepAlive) {
  auto head = HttpGet(server_->port(), "/tv/star-trek-picard", "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_GT(std::stoul(head.Header("content-length")), 1000u);
  // Two requests on one connection, answered in order.
  auto both = HttpRaw(server_->port(),
                      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /tv HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 2);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].body, "ok\n");
  EXPECT_EQ(both[1].status, 200);
}

TEST_F(PagesTest, LogsOneLinePerRequest) {
  Get("/healthz?probe=log");
  const std::string log = server_->Log();
  EXPECT_NE(log.find("GET /healthz?probe=log 200 "), std::string::npos) << log.substr(0, 2000);
}

// A server of its own, to check that SIGTERM stops it cleanly.
TEST(ServerLifecycleTest, StopsCleanlyOnSigterm) {
  const fs::path dir = fs::temp_directory_path() / ("reel-stop-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    ReelServer server(REEL_BINARY, (dir / "empty.db").string(), (dir / "serve.log").string());
    EXPECT_EQ(HttpGet(server.port(), "/").status, 200);  // An empty catalog renders.
    EXPECT_EQ(server.Stop(), 0);
    EXPECT_NE(server.Log().find("reel stopped"), std::string::npos);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace reel::testing
