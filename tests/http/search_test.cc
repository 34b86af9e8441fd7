// Search over HTTP, served by the real binary on SQLite and PostgreSQL: the box in
// every page's header, /search (grouped results, help for an empty query, paging,
// bad input refused with the field named, the query escaped), /api/v1/search and
// /api/v1/search/suggest, the suggestion script and the CSP that lets it run; and,
// on the shared MovieLens titles, typo queries finding the right film.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "site_test.h"
#include "support/shared_data.h"

namespace reel::testing {
namespace {

using Json = nlohmann::json;

class SearchHttpTest : public SiteTest {
 protected:
  SearchHttpTest() : SiteTest("search-http") {}
  HttpResult Get(const std::string& target) { return HttpGet(port(), target); }
  Json GetJson(const std::string& target, int status = 200) {
    auto r = Get(target);
    EXPECT_EQ(r.status, status) << target << "\n" << r.body.substr(0, 300);
    return Json::parse(r.body, nullptr, false);
  }
  // The name of the first result of the API for `q`.
  std::string Top(const std::string& q) {
    Json j = GetJson("/api/v1/search?q=" + q);
    return j.is_object() && !j["results"].empty() ? j["results"][0]["name"].get<std::string>() : "";
  }
};

TEST_P(SearchHttpTest, EveryPageHasTheSearchBox) {
  for (const char* path : {"/", "/tv", "/tv/star-trek-picard", "/tv/star-trek-picard/s01", "/about/scores",
                           "/account/signin", "/no/such/page"}) {
    auto r = Get(path);
    EXPECT_NE(r.body.find("<form class=\"site-search\" method=\"get\" action=\"/search\" role=\"search\">"),
              std::string::npos)
        << path;
    EXPECT_NE(r.body.find("<script src=\"/static/search.js\" defer></script>"), std::string::npos) << path;
  }
  auto js = Get("/static/search.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.headers["content-type"].rfind("text/javascript", 0), 0u);
  EXPECT_NE(js.body.find("/api/v1/search/suggest"), std::string::npos);
  const std::string csp = Get("/").headers["content-security-policy"];
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("connect-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
}

TEST_P(SearchHttpTest, ResultsGroupedByKindWithYearsAndScores) {
  auto r = Get("/search?q=picard");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<a class=\"search-hit-name\" href=\"/tv/star-trek-picard\">Star Trek: Picard</a>"),
            std::string::npos);
  EXPECT_NE(r.body.find("<h2 id=\"search-group-series\">TV series</h2>"), std::string::npos);
  EXPECT_NE(r.body.find("<h2 id=\"search-group-character\">Characters</h2>"), std::string::npos);
  EXPECT_NE(r.body.find("TV season · 2020"), std::string::npos);
  EXPECT_NE(r.body.find("card-score"), std::string::npos);
  // The series group comes before the characters: its best hit ranks higher.
  EXPECT_LT(r.body.find("search-group-series"), r.body.find("search-group-character"));
  auto only = Get("/search?q=picard&type=character");
  EXPECT_EQ(only.body.find("search-group-series"), std::string::npos);
  EXPECT_NE(only.body.find("Jean-Luc Picard"), std::string::npos);
}

TEST_P(SearchHttpTest, EmptyQueryHelpsAndDidYouMeanLinks) {
  auto empty = Get("/search");
  EXPECT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("What you can search"), std::string::npos);
  auto typo = Get("/search?q=bicard");
  EXPECT_EQ(typo.status, 200);
  EXPECT_NE(typo.body.find("Did you mean <a href=\"/search?q=picard\">picard</a>?"), std::string::npos);
}

TEST_P(SearchHttpTest, BadInputIsRefusedAndEscaped) {
  auto xss = Get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27");
  EXPECT_EQ(xss.status, 200);
  EXPECT_EQ(xss.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(xss.body.find("&lt;script&gt;alert(1)"), std::string::npos);
  auto huge = Get("/search?q=picard&page=99999999999999999999");
  EXPECT_EQ(huge.status, 400);
  EXPECT_NE(huge.body.find("page: a whole number"), std::string::npos);
  auto past = Get("/search?q=picard&page=1000000");
  EXPECT_EQ(past.status, 200);
  EXPECT_NE(past.body.find("No results on page 1000000"), std::string::npos);
  auto long_q = Get("/search?q=" + std::string(1000, 'a'));
  EXPECT_EQ(long_q.status, 400);
  EXPECT_NE(long_q.body.find("q: at most 200 characters"), std::string::npos);
  EXPECT_EQ(Get("/search?q=" + std::string(10240, 'a')).status, 400);  // The server refuses so long a line.
  auto kind = Get("/search?q=picard&type=%3Cb%3E");
  EXPECT_EQ(kind.status, 400);
  Json api = GetJson("/api/v1/search?q=picard&per_page=0", 400);
  EXPECT_EQ(api["error"]["field"], "per_page");
  Json api_q = GetJson("/api/v1/search?q=" + std::string(1000, 'a'), 400);
  EXPECT_EQ(api_q["error"]["field"], "q");
}

TEST_P(SearchHttpTest, ApiPagesAndSuggests) {
  EXPECT_EQ(Top("patrik+stewart"), "Patrick Stewart");
  EXPECT_EQ(Top("startrek+picard"), "Star Trek: Picard");
  Json j = GetJson("/api/v1/search?q=star&per_page=3&page=2");
  EXPECT_EQ(j["page"], 2);
  EXPECT_EQ(j["per_page"], 3);
  EXPECT_EQ(j["results"].size(), 3u);
  EXPECT_GT(j["pages"].get<int>(), 2);
  EXPECT_GT(j["kinds"]["series"].get<int>(), 0);
  Json s = GetJson("/api/v1/search/suggest?q=star+trek+pi");
  ASSERT_TRUE(s["results"].is_array());
  EXPECT_LE(s["results"].size(), 8u);
  ASSERT_FALSE(s["results"].empty());
  EXPECT_EQ(s["results"][0]["name"], "Star Trek: Picard");
  EXPECT_EQ(s["results"][0]["path"], "/tv/star-trek-picard");
  EXPECT_EQ(s["results"][0]["kind_label"], "TV series");
}

TEST_P(SearchHttpTest, AnImportedTitleIsFindableAndTyposFindTheRightFilm) {
  const std::string movies = SharedDataPath("movielens-ml-latest-small/movies.csv");
  REEL_REQUIRE_SHARED_DATA(movies);
  auto [status, out] = RunReel("import movielens " + movies + " --db " + db_);
  ASSERT_EQ(status, 0) << out;
  // The server learns of another process's writes within moments.
  std::string top;
  for (int i = 0; i < 50 && top != "The Shawshank Redemption"; ++i) {
    top = Top("shawshank+redemtion");
    if (top != "The Shawshank Redemption") std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(top, "The Shawshank Redemption");
  EXPECT_EQ(Top("godfather+2"), "The Godfather: Part II");
  EXPECT_EQ(Top("godfahter+part+iii"), "The Godfather: Part III");
  EXPECT_EQ(Top("amelie"), "Amelie (Fabuleux destin d'Amélie Poulain, Le)");
  EXPECT_EQ(Top("fabuleux+destin+damelie"), "Amelie (Fabuleux destin d'Amélie Poulain, Le)");
  EXPECT_EQ(Top("jumanij"), "Jumanji");
  EXPECT_EQ(Top("spiderman"), "Spider-Man");
  EXPECT_EQ(Top("star+trek+frist+contact"), "Star Trek: First Contact");
}

INSTANTIATE_TEST_SUITE_P(Stores, SearchHttpTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
