// The pages of the site, checked over HTTP against the real `reel serve` binary on
// a store holding the demo catalog: a temporary SQLite file, and a fresh database
// on the test binary's private PostgreSQL server. Every test runs on both.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "ingest/catalog_json.h"
#include "reel_server.h"
#include "scoring/grade.h"
#include "scoring/score.h"
#include "scoring/sentiment.h"
#include "storage/store.h"
#include "support/two_stores.h"

namespace reel::testing {
namespace {

namespace fs = std::filesystem;

class PagesTest : public ::testing::TestWithParam<Backend> {
 protected:
  // One site per backend, built by the first test that needs it and kept for the
  // rest of the binary.
  struct Site {
    fs::path dir;
    std::unique_ptr<ReelServer> server;
  };
  static std::map<Backend, Site>& Sites() {
    static std::map<Backend, Site> sites;
    return sites;
  }

  void SetUp() override {
    if (!Sites().count(GetParam())) BuildSite(GetParam());
    ASSERT_TRUE(Sites().count(GetParam()) && Sites()[GetParam()].server) << "the site did not start";
  }

  static void TearDownTestSuite() {
    for (auto& [backend, site] : Sites()) {
      site.server.reset();
      fs::remove_all(site.dir);
    }
    Sites().clear();
  }

  static void BuildSite(Backend backend) {
    Site site;
    site.dir = fs::temp_directory_path() /
               ("reel-http-" + std::to_string(::getpid()) + (backend == Backend::kSqlite ? "-sqlite" : "-pg"));
    fs::remove_all(site.dir);
    fs::create_directories(site.dir);
    const std::string db = FreshStoreUrl(backend, site.dir / "reel.db");
    SiteUrls()[backend] = db;
    ASSERT_FALSE(db.empty());
    // The same command an operator runs, then a title made of HTML special
    // characters, to check that every page escapes what it shows.
    ASSERT_EQ(RunCommand(std::string(REEL_BINARY) + " init --demo --db " + db + " > /dev/null"), 0);
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
      ASSERT_TRUE(LoadCatalogJson(**store, ScoreTestFilmJson(), "score-test.json").ok());
      // A review whose verdict only a text classifier suggests.
      ASSERT_TRUE((*store)->Write([&](StoreWriter& w) -> Status {
        auto film = (*store)->FindTitleBySlug(TitleKind::kFilm, "escape-test");
        if (!film.ok()) return film.status();
        CriticReview r;
        r.title_id = film->id;
        r.quote = "A quote whose verdict nobody gave.";
        r.sentiment = Sentiment::kFresh;
        r.sentiment_source = SentimentSource::kText;
        return w.UpsertCriticReview(r, "suggested").status();
      }).ok());
      // Verified ratings: the catalog format has no field for them, so write them here.
      auto film = (*store)->FindTitleBySlug(TitleKind::kFilm, "score-test");
      ASSERT_TRUE(film.ok());
      const Id film_id = film->id;
      ASSERT_TRUE((*store)->Write([&](StoreWriter& w) -> Status {
        for (int i = 0; i < kVerifiedRatings; ++i) {
          User u;
          u.username = "verified-" + std::to_string(i);
          u.created_at = "2017-03-10";
          auto uid = w.UpsertUser(u);
          if (!uid.ok()) return uid.status();
          Rating r;
          r.user_id = *uid;
          r.title_id = film_id;
          r.stars = i < kVerifiedPositive ? 4.5 : 2;
          r.verified = true;
          r.created_at = "2017-03-10";
          auto rid = w.UpsertRating(r);
          if (!rid.ok()) return rid.status();
        }
        return Status::Ok();
      }).ok());
    }
    site.server = std::make_unique<ReelServer>(REEL_BINARY, db, (site.dir / "serve.log").string());
    Sites()[backend] = std::move(site);
  }

  static std::map<Backend, std::string>& SiteUrls() {
    static std::map<Backend, std::string> urls;
    return urls;
  }
  static std::string SiteUrl(Backend b) { return SiteUrls()[b]; }
  ReelServer& server() { return *Sites()[GetParam()].server; }
  int port() { return server().port(); }
  HttpResult Get(const std::string& target) { return HttpGet(port(), target); }

  // "score-test": a wide-release film with 80 critic reviews (70 fresh, 5 of them by
  // top critics, 10 graded "4/5"), 8 counted audience ratings (6 positive) and 3
  // made before its release; the setup adds verified ratings.
  static constexpr int kReviews = 80, kFresh = 70, kTop = 5, kGraded = 10;
  static constexpr int kVerifiedRatings = 6, kVerifiedPositive = 4;
  static std::string ScoreTestFilmJson() {
    nlohmann::json reviews = nlohmann::json::array();
    for (int i = 0; i < kReviews; ++i) {
      nlohmann::json r = {{"critic", "Score Critic " + std::to_string(i)},
                          {"publication", "Score Weekly"},
                          {"quote", "Review number " + std::to_string(i) + "."},
                          {"sentiment", i < kFresh ? "fresh" : "rotten"},
                          {"top_critic", i < kTop}};
      if (i < kGraded) r["grade"] = "4/5";
      reviews.push_back(r);
    }
    nlohmann::json ratings = nlohmann::json::array();
    const double counted[] = {4, 4, 4, 5, 3, 2, 4.5, 3.5};
    for (size_t i = 0; i < std::size(counted); ++i) {
      ratings.push_back({{"user", "viewer-" + std::to_string(i)}, {"stars", counted[i]}, {"date", "2017-03-04"}});
    }
    for (int i = 0; i < 3; ++i) {
      ratings.push_back({{"user", "early-" + std::to_string(i)}, {"stars", 5}, {"date", "2016-12-01"}});
    }
    nlohmann::json catalog = {
        {"titles", {{{"kind", "film"}, {"slug", "score-test"}, {"name", "Score Test"}, {"genres", {"Drama"}},
                     {"release", {{"date", "2017-03-03"}, {"precision", "day"}}},
                     {"critic_reviews", reviews}, {"audience_reviews", ratings}}}}};
    return catalog.dump();
  }

  static std::string Margin(int64_t positive, int64_t total) {
    return std::to_string(scoring::ShareScore({positive, total}, 1).margin);
  }

  static void ExpectContains(const HttpResult& r, const std::vector<std::string>& needles) {
    for (const auto& n : needles) EXPECT_NE(r.body.find(n), std::string::npos) << "missing: " << n;
  }

};

TEST_P(PagesTest, Healthz) {
  auto r = Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
}

TEST_P(PagesTest, SeasonPageHasTheSeedFacts) {
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
      "Plenty of plotlines kick off",                                 // Raw grade, and its normalised
      "<span class=\"grade\" tabindex=\"0\">3/5<span class=\"grade-tip\"><span class=\"visually-hidden\"> (</span>"
      "60/100 on reel&apos;s scale<span class=\"visually-hidden\">)</span></span></span>",  // score on hover/focus.
      "tabindex=\"0\">B<span class=\"grade-tip\"><span class=\"visually-hidden\"> (</span>75/100 on reel&apos;s scale",
      "tabindex=\"0\">3.5/5<span class=\"grade-tip\"><span class=\"visually-hidden\"> (</span>70/100 on reel&apos;s scale",
      "Mar 28, 2020",
      "All critics (12)", "Top critics (0)",
      "TNG is one of my all-time favorite shows",                    // Audience review.
      "Jun 13, 2021",                                                // Its date, long past.
      "You might also like", "href=\"/tv/star-trek-discovery\"",  // Shares all 3 genres.
  });
}

TEST_P(PagesTest, SeasonScoresAreComputedFromTheStore) {
  auto r = Get("/tv/star-trek-picard/s01");
  // 12 critic reviews, all fresh; 10 audience ratings of which 2 are >= 3.5 stars.
  ExpectContains(r, {"<span class=\"score-percent\">100%</span> <span class=\"score-margin\"",
                     ">± " + Margin(12, 12) + "<span class=\"visually-hidden\"> (95% interval 76% to 100%)</span>",
                     "12 reviews",
                     "<span class=\"score-percent\">20%</span>", "± " + Margin(2, 10), "10 ratings"});
  // Season 2 has no reviews or ratings: a dash, the count and the minimum.
  auto s2 = Get("/tv/star-trek-picard/s02");
  ASSERT_EQ(s2.status, 200);
  ExpectContains(s2, {"<span class=\"score-percent\">—</span>", "0 reviews · shown from 5", "0 ratings · shown from 5",
                      "aria-label=\"Not enough reviews yet\"", "aria-label=\"Not enough ratings yet\""});
}

TEST_P(PagesTest, ScoreBadgesAreInlineSvg) {
  auto r = Get("/tv/star-trek-picard/s01");
  // Critic 100% (not certified: 12 reviews, a season needs 20): fresh. Audience 20%: stale.
  ExpectContains(r, {"<div class=\"score score-fresh\">",
                     "<svg class=\"badge-icon\" viewBox=\"0 0 40 40\" width=\"40\" height=\"40\" role=\"img\" "
                     "aria-label=\"Fresh\" focusable=\"false\"><title>Fresh</title>",
                     "<div class=\"score score-stale\">",
                     "role=\"img\" aria-label=\"Stale: mostly negative\"",
                     "<p class=\"score-label\">Critic score</p>", "<p class=\"score-label\">Audience score</p>"});
  EXPECT_EQ(r.body.find("score-certified"), std::string::npos);
  EXPECT_EQ(r.body.find("score-icon"), std::string::npos);  // The CSS circles are gone.
  // Each critic review's verdict is the same icon, small.
  ExpectContains(r, {"<span class=\"sentiment sentiment-fresh\"><svg class=\"badge-icon\""});
  // Cards on the home page carry the badge, the score, its margin and its count.
  auto home = Get("/");
  ExpectContains(home, {"<span class=\"card-score score-fresh\"><svg class=\"badge-icon\"",
                        "<span class=\"card-percent\">100%<span class=\"visually-hidden\"> critic score</span></span>"
                        "<span class=\"card-count\">± " + Margin(12, 12) + " · 12 reviews</span>"});
}

TEST_P(PagesTest, SeasonScoreExtras) {
  auto r = Get("/tv/star-trek-picard/s01");
  // Beside the critic score: Top critics (none yet) and the average grade: 60, 60, 70,
  // 75, 75 -> 68 -> 6.8/10. Beside the audience score: the average stars, 18.5 / 10.
  ExpectContains(r, {"<dt>Top critics</dt><dd class=\"extra-value\">—</dd><dd class=\"extra-note\">0 reviews · shown from 5</dd>",
                     "<dt>Average grade</dt><dd class=\"extra-value\">6.8/10</dd><dd class=\"extra-note\">5 graded reviews</dd>",
                     "<dt>Average stars</dt><dd class=\"extra-value\">1.9/5</dd><dd class=\"extra-note\">10 ratings</dd>"});
  // No verified ratings and none before release: neither line is shown.
  EXPECT_EQ(r.body.find("Verified audience"), std::string::npos);
  EXPECT_EQ(r.body.find("want to see"), std::string::npos);
}

TEST_P(PagesTest, SeasonHistograms) {
  auto r = Get("/tv/star-trek-picard/s01");
  ASSERT_EQ(r.status, 200);
  // Grades 60, 60, 70, 75, 75: deciles 60-69 (2) and 70-79 (3).
  ExpectContains(r, {"<figcaption><span class=\"hist-title\">Critic grades</span> <span class=\"hist-total\">5 graded reviews</span></figcaption>",
                     "role=\"img\" aria-labelledby=\"hist-grades-title hist-grades-desc\"",
                     "<desc id=\"hist-grades-desc\">5 graded reviews. 60–69: 2. 70–79: 3.</desc>",
                     "<tr><th scope=\"row\">0–9</th><td>0</td></tr>",
                     "<tr><th scope=\"row\">60–69</th><td>2</td></tr><tr><th scope=\"row\">70–79</th><td>3</td></tr>",
                     "<tr><th scope=\"row\">90–100</th><td>0</td></tr>",
                     "<title>70–79: 3 graded reviews</title>"});
  // Stars 0.5 x3, 1 x2, 1.5, 2, 2.5, 4, 5.
  ExpectContains(r, {"<span class=\"hist-title\">Audience stars</span> <span class=\"hist-total\">10 ratings</span>",
                     "role=\"img\" aria-labelledby=\"hist-stars-title hist-stars-desc\"",
                     "<desc id=\"hist-stars-desc\">10 ratings. ½ star: 3. 1 star: 2. 1½ stars: 1. 2 stars: 1. "
                     "2½ stars: 1. 4 stars: 1. 5 stars: 1.</desc>",
                     "<tr><th scope=\"row\">½ star</th><td>3</td></tr><tr><th scope=\"row\">1 star</th><td>2</td></tr>",
                     "<tr><th scope=\"row\">3½ stars</th><td>0</td></tr><tr><th scope=\"row\">4 stars</th><td>1</td></tr>",
                     "<tr><th scope=\"row\">5 stars</th><td>1</td></tr>"});
  // Ten bars each; the tallest bar of each chart fills the plot (70-79 and ½ star).
  size_t bars = 0;
  for (size_t at = r.body.find("<rect class=\"bar "); at != std::string::npos; at = r.body.find("<rect class=\"bar ", at + 1)) ++bars;
  EXPECT_EQ(bars, 20u);
  ExpectContains(r, {"<rect class=\"bar bar-pos\" x=\"153.1\" y=\"22\" width=\"17.8\" height=\"70\" rx=\"1.5\"><title>70–79",
                     "<rect class=\"bar bar-neg\" x=\"7.5\" y=\"22\" width=\"17.8\" height=\"70\" rx=\"1.5\"><title>½ star"});
  // A title without grades or ratings says so instead of drawing empty charts.
  auto s2 = Get("/tv/star-trek-picard/s02");
  ExpectContains(s2, {"No graded reviews yet.", "No audience ratings yet."});
  EXPECT_EQ(s2.body.find("<rect class=\"bar "), std::string::npos);
}

TEST_P(PagesTest, FilmScoresCertifiedVerifiedAndWantToSee) {
  auto r = Get("/m/score-test");
  ASSERT_EQ(r.status, 200);
  // 70 of 80 fresh with 5 top critics: 88%, certified (a wide film needs 80 reviews).
  ExpectContains(r, {"<div class=\"score score-certified\">", "aria-label=\"Certified fresh\"",
                     "<p class=\"score-cert\" aria-hidden=\"true\">Certified fresh</p>",
                     "<span class=\"score-percent\">88%</span>", ">± " + Margin(kFresh, kReviews) + "<", "80 reviews",
                     "<dt>Top critics</dt><dd class=\"extra-value\">100% ± " + Margin(kTop, kTop) +
                         "</dd><dd class=\"extra-note\">5 reviews</dd>",
                     "<dt>Average grade</dt><dd class=\"extra-value\">8/10</dd><dd class=\"extra-note\">10 graded reviews</dd>"});
  // Audience: 8 counted + 6 verified = 14 ratings, 6 + 4 positive = 10 -> 71%; the 3
  // made before release are kept and shown, not counted.
  ExpectContains(r, {"<div class=\"score score-hot\">", "aria-label=\"Hot: mostly positive\"",
                     "<span class=\"score-percent\">71%</span>", "14 ratings",
                     "<dt>Verified audience</dt><dd class=\"extra-value\">67% ± " + Margin(kVerifiedPositive, kVerifiedRatings) +
                         "</dd><dd class=\"extra-note\">6 verified ratings</dd>",
                     "<dt>Before release</dt><dd class=\"extra-value\">3 want to see</dd><dd class=\"extra-note\">not counted</dd>"});
  // Histograms on film pages too: 10 grades of 4/5 (80) and the stars.
  ExpectContains(r, {"<desc id=\"hist-grades-desc\">10 graded reviews. 80–89: 10.</desc>",
                     "<desc id=\"hist-stars-desc\">14 ratings."});
}

TEST_P(PagesTest, FilmWithoutReviewsShowsEmptyCharts) {
  auto film = Get("/m/logan");
  ASSERT_EQ(film.status, 200);
  ExpectContains(film, {"No graded reviews yet.", "No audience ratings yet.", "aria-label=\"Not enough reviews yet\""});
}

TEST_P(PagesTest, TopCriticsSwitch) {
  auto r = Get("/tv/star-trek-picard/s01?critics=top");
  ASSERT_EQ(r.status, 200);
  ExpectContains(r, {"No top critics have reviewed this yet.", "aria-current=\"true\">Top critics (0)"});
  EXPECT_EQ(r.body.find("Plenty of plotlines kick off"), std::string::npos);
}

TEST_P(PagesTest, NonCanonicalSeasonAddressRedirects) {
  auto r = Get("/tv/star-trek-picard/s1");
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.Header("location"), "/tv/star-trek-picard/s01");
  EXPECT_EQ(Get("/tv/star-trek-picard/s09").status, 404);
  EXPECT_EQ(Get("/tv/star-trek-picard/sxx").status, 404);
}

TEST_P(PagesTest, SeriesPage) {
  auto r = Get("/tv/star-trek-picard");
  ASSERT_EQ(r.status, 200);
  ExpectContains(r, {"<h1>Star Trek: Picard</h1>", "2020–2023", "Season 1", "Season 2", "Season 3",
                     "href=\"/tv/star-trek-picard/s03\"", "(2022)", "Created by", "Akiva Goldsman",
                     "Patrick Stewart", "Jean-Luc Picard", "Series critic score",
                     "href=\"/tv/star-trek-picard/episodes\""});
}

TEST_P(PagesTest, SeriesScoreIsTheMeanOfItsSeasons) {
  auto r = Get("/tv/star-trek-picard");
  ASSERT_EQ(r.status, 200);
  // Only season 1 has a critic score (100%); seasons 2 and 3 have no reviews.
  ExpectContains(r, {"<span class=\"score-percent\">100%</span></p>\n        <p class=\"score-label\">Series critic score</p>",
                     "Mean of 1 season with a score", "aria-label=\"Fresh\""});
  // A mean of seasons has no single interval, and the season cards stay compact.
  const size_t series_badge = r.body.find("Series critic score");
  const size_t seasons = r.body.find("id=\"seasons\"");
  ASSERT_NE(seasons, std::string::npos);
  EXPECT_EQ(r.body.substr(0, seasons).find("score-margin"), std::string::npos);
  EXPECT_NE(series_badge, std::string::npos);
  EXPECT_EQ(r.body.find("score-extras"), std::string::npos);
  EXPECT_EQ(r.body.find("<rect class=\"bar "), std::string::npos);
}

TEST_P(PagesTest, AboutScoresIsGeneratedFromTheScoringCode) {
  auto r = Get("/about/scores");
  ASSERT_EQ(r.status, 200);
  auto score = [](const char* raw) { return scoring::FormatScore(scoring::ParseGrade(raw)->score); };
  auto row = [&](const char* raw, const std::string& scale) {
    return "<tr><th scope=\"row\"><code>" + std::string(raw) + "</code></th><td class=\"num\">" + score(raw) +
           "</td><td>" + scale + "</td></tr>";
  };
  ExpectContains(r, {"<title>How scores work · reel</title>", "<h1>How scores work</h1>",
                     row("3/5", "out of 5"), row("2.5/4", "out of 4"), row("7 out of 10", "out of 10"),
                     row("★★★½", "stars out of 5"), row("85%", "percent"), row("B+", "letter grade"),
                     row("A-", "letter grade"),
                     // The values the design document states, spelled out once here.
                     "<td class=\"num\">83.3</td>", "<td class=\"num\">91.7</td>", "<td class=\"num\">62.5</td>",
                     // A bare number needs its publication's scale.
                     "<tr><th scope=\"row\"><code>8</code></th><td>bare number needs its publication&apos;s scale</td></tr>",
                     "so its <code>8</code> becomes 80.",
                     "8.3 points a step"});
  const std::string cut = std::to_string(static_cast<int>(scoring::kDefaultFreshCut));
  ExpectContains(r, {"the usual line is " + cut + " on reel's scale, so " + cut + " or more is fresh",
                     "<th scope=\"row\">The Strict Review</th>", "<td>rotten</td>", "<td>fresh</td>",
                     "at least " + std::to_string(scoring::kMinCriticReviews) + " reviews",
                     "shown from " + std::to_string(scoring::kMinAudienceRatings) + " ratings",
                     "A rating of 3½ stars or more is positive"});
  // Wilson: 8 of 10 -> 80%, interval and margin from scoring::Wilson.
  const auto w = scoring::Wilson({8, 10});
  ExpectContains(r, {"<tr><th scope=\"row\">8 of 10</th><td class=\"num\">80%</td><td>" +
                         std::to_string(std::lround(100 * w.lower)) + "% to " + std::to_string(std::lround(100 * w.upper)) +
                         "%</td><td>80% ± " + Margin(8, 10) + "</td></tr>",
                     "70 of 100 ranks above 8 of 10"});
  // Certified thresholds, one per release kind.
  ExpectContains(r, {"at least " + std::to_string(kCertifiedMinPercent) + "% with at least " +
                         std::to_string(kCertifiedMinTopCritics) + " top-critic reviews",
                     "falls below " + std::to_string(kCertifiedKeepPercent) + "%",
                     "A film in wide release: " + std::to_string(CertifiedMinReviews(ReleaseKind::kWideFilm)) + " reviews",
                     "A film in limited release or streaming: " +
                         std::to_string(CertifiedMinReviews(ReleaseKind::kLimitedFilm)) + " reviews",
                     "A TV season: " + std::to_string(CertifiedMinReviews(ReleaseKind::kTvSeason)) + " reviews",
                     "<td>Yes</td>", "<td>Yes, kept</td>"});
  // Bayesian average, series score, suggestions never counted.
  char weighted[16];
  std::snprintf(weighted, sizeof weighted, "%.2f", scoring::BayesianAverage(4.8, 3, 3.2));
  ExpectContains(r, {"m = " + std::to_string(static_cast<int>(scoring::kDefaultBayesianM)),
                     "<td class=\"num\">" + std::string(weighted) + "</td>", "Title B ranks first",
                     "<tfoot><tr><th scope=\"row\" colspan=\"3\">Series critic score</th><td>88%</td></tr></tfoot>",
                     "<tr><th scope=\"row\">Fresh suggested by the text classifier</th><td>No</td></tr>"});
}

TEST_P(PagesTest, EveryPageLinksHowScoresWork) {
  for (const char* page : {"/", "/tv", "/tv/star-trek-picard/s01", "/m/logan", "/no/such/page"}) {
    auto r = Get(page);
    EXPECT_NE(r.body.find("<a href=\"/about/scores\">How scores work</a>"), std::string::npos) << page;
  }
}

TEST_P(PagesTest, EpisodePageOfSeed002) {
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

TEST_P(PagesTest, EpisodeGuideAndSeriesIndex) {
  auto guide = Get("/tv/star-trek-picard/episodes");
  ASSERT_EQ(guide.status, 200);
  ExpectContains(guide, {"S01E01", "S02E02", "S03E10", "10 episodes"});
  auto index = Get("/tv");
  ASSERT_EQ(index.status, 200);
  ExpectContains(index, {"All TV series", "href=\"/tv/star-trek-picard\"", "href=\"/tv/friends\"",
                         "href=\"/tv/the-expanse\""});
}

TEST_P(PagesTest, PersonPage) {
  auto r = Get("/celebrity/patrick-stewart");
  ASSERT_EQ(r.status, 200);
  ExpectContains(r, {"<h1>Patrick Stewart</h1>", "Born July 13, 1940", "href=\"/tv/star-trek-picard\"",
                     "Jean-Luc Picard", "href=\"/tv/star-trek-picard/s01\"",
                     "Jean-Luc Picard, Executive Producer",  // Both roles on season 1, one row.
                     "href=\"/m/x-men\"", "Charles Xavier"});
  EXPECT_EQ(Get("/celebrity/nobody-at-all").status, 404);
}

TEST_P(PagesTest, FilmAndHomePages) {
  auto film = Get("/m/logan");
  ASSERT_EQ(film.status, 200);
  ExpectContains(film, {"Logan", "Charles Xavier", "minutes"});
  auto home = Get("/");
  ASSERT_EQ(home.status, 200);
  ExpectContains(home, {"Newest seasons", "Star Trek: Picard: Season 3", "Best critic scores",
                        "href=\"/tv/star-trek-picard/s01\"", "href=\"/m/arrival\""});
  // Best audience ratings: only titles whose audience score is good. The score-test
  // film (71% positive) is listed; Picard season 1 (20%, 1.9 stars) is not.
  const size_t list = home.body.find("Best audience ratings");
  ASSERT_NE(list, std::string::npos);
  const std::string section = home.body.substr(list, home.body.find("</section>", list) - list);
  EXPECT_NE(section.find("href=\"/m/score-test\""), std::string::npos);
  EXPECT_EQ(section.find("href=\"/tv/star-trek-picard/s01\""), std::string::npos);
  EXPECT_EQ(section.find("1.9★ from 10"), std::string::npos);
}

TEST_P(PagesTest, TextSuggestionsAreShownAsSuchAndNotCounted) {
  auto film = Get("/m/escape-test");
  ASSERT_EQ(film.status, 200);
  // Listed (All critics (1)) but not counted (the critic score has 0 reviews).
  ExpectContains(film, {"A quote whose verdict nobody gave.", "Suggested from the text: fresh (not counted)",
                        "All critics (1)", "0 reviews"});
  EXPECT_EQ(film.body.find("score-percent\">100%"), std::string::npos);
}

TEST_P(PagesTest, HtmlInDataIsEscaped) {
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

TEST_P(PagesTest, UnknownPathsGetAStyledNotFound) {
  auto r = Get("/no/such/page");
  EXPECT_EQ(r.status, 404);
  ExpectContains(r, {"Not Found", "rel=\"stylesheet\"", "href=\"/tv\""});
  EXPECT_EQ(Get("/tv/no-such-series").status, 404);
  EXPECT_EQ(Get("/m/no-such-film").status, 404);
  auto post = HttpGet(port(), "/", "POST", "Content-Length: 0\r\n");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("allow"), "GET, HEAD");
}

TEST_P(PagesTest, StylesheetIsCachedByVersion) {
  auto home = Get("/");
  const size_t at = home.body.find("/static/reel.css?v=");
  ASSERT_NE(at, std::string::npos);
  const std::string href = home.body.substr(at, home.body.find('"', at) - at);
  auto css = Get(href);
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_NE(css.body.find(".score"), std::string::npos);
  auto again = HttpGet(port(), href, "GET", "If-None-Match: " + css.Header("etag") + "\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_P(PagesTest, HeadAndKeepAlive) {
  auto head = HttpGet(port(), "/tv/star-trek-picard", "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_GT(std::stoul(head.Header("content-length")), 1000u);
  // Two requests on one connection, answered in order.
  auto both = HttpRaw(port(),
                      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /tv HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 2);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].body, "ok\n");
  EXPECT_EQ(both[1].status, 200);
}

TEST_P(PagesTest, LogsOneLinePerRequest) {
  Get("/healthz?probe=log");
  const std::string log = server().Log();
  EXPECT_NE(log.find("GET /healthz?probe=log 200 "), std::string::npos) << log.substr(0, 2000);
}

// A write shows on cached pages within a second. SQLite: written by another
// process (this test), seen through data_version. PostgreSQL: two `reel serve` on
// one database; a rating posted on the first (API) shows on both, the second
// hearing of it through LISTEN/NOTIFY.
TEST_P(PagesTest, WritesElsewhereInvalidateCachedPages) {
  const std::string page = "/tv/star-trek-picard/s03";
  std::vector<ReelServer*> servers = {&server()};
  std::unique_ptr<ReelServer> second;
  const std::string url = SiteUrl(GetParam());
  if (GetParam() == Backend::kPostgres) {
    second = std::make_unique<ReelServer>(REEL_BINARY, url, (Sites()[GetParam()].dir / "second.log").string());
    servers.push_back(second.get());
  }
  for (auto* s : servers) {
    auto before = HttpGet(s->port(), page);  // Rendered and cached.
    ASSERT_EQ(before.status, 200);
    EXPECT_NE(before.body.find("0 ratings"), std::string::npos);
    EXPECT_EQ(HttpGet(s->port(), page).body, before.body);  // From the cache.
  }
  if (GetParam() == Backend::kPostgres) {
    // Posted on the first server, through the API a client would use.
    ASSERT_EQ(HttpSend(port(), "POST", "/api/v1/users", "",
                       R"({"username": "cache-test", "email": "c@example.org", "password": "a long passphrase"})").status,
              201);
    auto session = HttpSend(port(), "POST", "/api/v1/session", "",
                            R"({"username": "cache-test", "password": "a long passphrase"})");
    ASSERT_EQ(session.status, 201);
    const std::string token = nlohmann::json::parse(session.body)["token"];
    ASSERT_EQ(HttpSend(port(), "PUT", "/api/v1" + page + "/rating", "Authorization: Bearer " + token + "\r\n",
                       R"({"stars": 4.5})").status,
              200);
  } else {
    // Written by another process on the same SQLite file.
    auto store = Store::Open(url);
    ASSERT_TRUE(store.ok());
    const Id series = (*store)->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard")->id;
    const Id season = (*store)->FindChild(series, 3)->id;
    ASSERT_TRUE((*store)->Write([&](StoreWriter& w) -> Status {
      User u;
      u.username = "cache-test";
      auto uid = w.UpsertUser(u);
      if (!uid.ok()) return uid.status();
      return w.UpsertRating({0, *uid, season, 4.5, "", false, RatingStatus::kCounted, ""}).status();
    }).ok());
  }
  for (auto* s : servers) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    bool seen = false;
    while (!seen && std::chrono::steady_clock::now() < deadline) {
      seen = HttpGet(s->port(), page).body.find("1 rating<") != std::string::npos;
      if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(seen) << "the new rating did not show within 1 s on port " << s->port();
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, PagesTest, BothStores(), BackendName);

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
