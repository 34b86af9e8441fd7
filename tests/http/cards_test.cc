// Title cards over HTTP against the real binary, on SQLite and on PostgreSQL: every
// card (home page lists, "You might also like", the series index, a person's credits)
// shows the same critic and audience scores, with the same counts, as the page it
// links to; and the "Best" lists of the home page hold only titles whose score is good.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "ingest/catalog_json.h"
#include "site_test.h"
#include "storage/store.h"

namespace reel::testing {
namespace {

// One score as a page or a card shows it: "100%" and "12 reviews".
struct Shown {
  std::string percent;
  std::string count;
  bool operator==(const Shown& o) const { return percent == o.percent && count == o.count; }
};

std::ostream& operator<<(std::ostream& os, const Shown& s) { return os << s.percent << " / " << s.count; }

// The text of the element after `marker` up to `end`, with tags removed.
std::string TextAfter(const std::string& html, size_t from, const std::string& marker, const std::string& end,
                      size_t* next) {
  const size_t at = html.find(marker, from);
  if (at == std::string::npos) {
    *next = std::string::npos;
    return "";
  }
  const size_t stop = html.find(end, at + marker.size());
  std::string inner = html.substr(at + marker.size(), stop - at - marker.size());
  *next = stop;
  return std::regex_replace(inner, std::regex("<[^>]*>"), "");
}

class CardsTest : public SiteTest {
 protected:
  CardsTest() : SiteTest("cards") {}

  void SetUp() override {
    SiteTest::SetUp();
    if (HasFatalFailure()) return;
    // A film with critic and audience scores, sharing a genre with the demo's films,
    // written before any page is rendered (and cached).
    nlohmann::json reviews = nlohmann::json::array(), ratings = nlohmann::json::array();
    for (int i = 0; i < 6; ++i) {
      reviews.push_back({{"critic", "Card Critic " + std::to_string(i)}, {"publication", "Card Weekly"},
                         {"quote", "Card review " + std::to_string(i) + "."}, {"sentiment", i < 5 ? "fresh" : "rotten"}});
      ratings.push_back({{"user", "card-viewer-" + std::to_string(i)}, {"stars", i < 5 ? 4.5 : 2},
                         {"date", "2019-05-01"}});
    }
    nlohmann::json catalog = {
        {"titles", {{{"kind", "film"}, {"slug", "card-film"}, {"name", "Card Film"},
                     {"genres", {"Science Fiction", "Drama", "Action"}},
                     {"release", {{"date", "2019-04-01"}, {"precision", "day"}}},
                     {"critic_reviews", reviews}, {"audience_reviews", ratings}}}}};
    auto store = Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE(LoadCatalogJson(**store, catalog.dump(), "card-film.json").ok());
  }

  // The critic and audience scores at the top of a title page.
  static std::vector<Shown> PageScores(const std::string& page) {
    std::vector<Shown> out;
    // The overview's badges, before its side column (films, seasons) or synopsis (series).
    const size_t start = page.find("<div class=\"overview\">");
    if (start == std::string::npos) return out;
    const std::string html =
        page.substr(start, std::min(page.find("overview-side", start), page.find("class=\"synopsis\"", start)) - start);
    size_t at = 0;
    for (int i = 0; i < 2 && at != std::string::npos; ++i) {
      Shown s;
      s.percent = TextAfter(html, at, "<span class=\"score-percent\">", "</span>", &at);
      if (at == std::string::npos) break;
      std::string count = TextAfter(html, at, "<p class=\"score-count\">", "</p>", &at);
      if (const size_t dot = count.find(" · shown from"); dot != std::string::npos) count.resize(dot);
      s.count = count;
      out.push_back(s);
    }
    return out;
  }

  // The scores on the card (or index row) that links to `href`, after `from`.
  static std::vector<Shown> CardScores(const std::string& html, const std::string& href, size_t from = 0) {
    std::vector<Shown> out;
    const size_t link = html.find("href=\"" + href + "\"", from);
    if (link == std::string::npos) return out;
    const size_t end = std::min(html.find("</li>", link), html.find("</tr>", link));
    const std::string card = html.substr(link, end - link);
    size_t at = 0;
    while (true) {
      Shown s;
      std::string percent = TextAfter(card, at, "<span class=\"card-percent\">", "</span></span>", &at);
      if (at == std::string::npos) break;
      s.percent = percent.substr(0, percent.find(' '));
      std::string count = TextAfter(card, at, "<span class=\"card-count\">", "</span>", &at);
      if (const size_t dot = count.find(" · "); count.rfind("± ", 0) == 0 && dot != std::string::npos) {
        count = count.substr(dot + std::string(" · ").size());
      }
      s.count = count;
      out.push_back(s);
    }
    return out;
  }

  // The HTML of the home page's section headed `heading`.
  static std::string Section(const std::string& html, const std::string& heading) {
    const size_t at = html.find("<h2>" + heading + "</h2>");
    if (at == std::string::npos) return "";
    return html.substr(at, html.find("</section>", at) - at);
  }
};

TEST_P(CardsTest, EveryCardShowsThePageScores) {
  const std::string home = HttpGet(port(), "/").body;
  struct Case {
    std::string path;
    std::string where;  // The page whose card links to it.
    std::string html;
  };
  const std::string picard = HttpGet(port(), "/tv/star-trek-picard").body;
  const std::string logan = HttpGet(port(), "/m/logan").body;
  const std::vector<Case> cases = {
      {"/tv/star-trek-picard", "home: TV series", Section(home, "TV series")},
      {"/tv/star-trek-picard/s01", "home: Newest seasons", Section(home, "Newest seasons")},
      {"/m/card-film", "home: Films", Section(home, "Films")},
      {"/m/card-film", "home: Best critic scores", Section(home, "Best critic scores")},
      {"/m/card-film", "home: Best audience ratings", Section(home, "Best audience ratings")},
      {"/tv/star-trek-discovery", "series page: You might also like", picard},
      {"/m/card-film", "film page: You might also like", logan},
      {"/tv/star-trek-picard", "series index", HttpGet(port(), "/tv").body},
      {"/tv/star-trek-picard", "person page", HttpGet(port(), "/celebrity/patrick-stewart").body},
      {"/tv/star-trek-picard/s01", "person page", HttpGet(port(), "/celebrity/patrick-stewart").body},
  };
  for (const auto& c : cases) {
    auto page = HttpGet(port(), c.path);
    ASSERT_EQ(page.status, 200) << c.path;
    const auto expected = PageScores(page.body);
    ASSERT_EQ(expected.size(), 2u) << c.path << ": the page shows a critic and an audience score";
    // The card is found after the page's own header, so a title's link to itself is skipped.
    const size_t from = c.html.find("<main");
    EXPECT_EQ(CardScores(c.html, c.path, from == std::string::npos ? 0 : from), expected) << c.path << " on " << c.where;
  }
  // The numbers themselves: the series is the mean of its one scored season (critics
  // 100%, audience 20%); the film has its own counts.
  EXPECT_EQ(PageScores(picard), (std::vector<Shown>{{"100%", "Mean of 1 season with a score"},
                                                   {"20%", "Mean of 1 season with a score"}}));
  EXPECT_EQ(PageScores(HttpGet(port(), "/m/card-film").body),
            (std::vector<Shown>{{"83%", "6 reviews"}, {"83%", "6 ratings"}}));
}

TEST_P(CardsTest, TheAudienceListShowsAudienceScores) {
  const std::string list = Section(HttpGet(port(), "/").body, "Best audience ratings");
  ASSERT_FALSE(list.empty());
  const auto card = CardScores(list, "/m/card-film");
  ASSERT_EQ(card.size(), 2u);
  EXPECT_EQ(card[1], (Shown{"83%", "6 ratings"}));
  EXPECT_NE(list.find("<span class=\"visually-hidden\"> audience score</span>"), std::string::npos);
  EXPECT_NE(list.find("score-hot"), std::string::npos);
}

TEST_P(CardsTest, BestListsHoldOnlyGoodScores) {
  const std::string home = HttpGet(port(), "/").body;
  // Picard's first season: 100% from critics, but 20% (1.9 stars) from its audience.
  const std::string audience = Section(home, "Best audience ratings");
  EXPECT_EQ(audience.find("href=\"/tv/star-trek-picard/s01\""), std::string::npos);
  EXPECT_EQ(audience.find("score-stale"), std::string::npos);
  EXPECT_NE(audience.find("href=\"/m/card-film\""), std::string::npos);
  const std::string critics = Section(home, "Best critic scores");
  EXPECT_NE(critics.find("href=\"/tv/star-trek-picard/s01\""), std::string::npos);
  EXPECT_EQ(critics.find("score-rotten"), std::string::npos);
  // The rule is on /about/scores.
  const std::string about = HttpGet(port(), "/about/scores").body;
  EXPECT_NE(about.find("id=\"best-lists\""), std::string::npos);
  EXPECT_NE(about.find("lists only films and seasons whose audience score is shown (at least 5 ratings) and hot"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Stores, CardsTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
