#include "web/http/router.h"

#include <gtest/gtest.h>

#include "catalog/catalog.h"

namespace reel::web {
namespace {

HttpResponse Named(std::string name) {
  HttpResponse r;
  r.body = std::move(name);
  return r;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/tv/{slug}/episodes", [](auto&, auto&) { return Named("episodes"); });
    router_.Add("GET", "/tv/{slug}/s{season}", [](auto&, auto&) { return Named("season"); });
    router_.Add("GET", "/tv/{slug}", [](auto&, auto&) { return Named("series"); });
    router_.Add("POST", "/tv/{slug}/rating", [](auto&, auto&) { return Named("rate"); });
  }
  std::string Match(std::string_view method, std::string_view path, RouteParams* out = nullptr) {
    const Handler* h = nullptr;
    RouteParams p;
    auto r = router_.Match(method, path, h, p);
    if (r == Router::MatchResult::kNoPath) return "404";
    if (r == Router::MatchResult::kWrongMethod) return "405";
    if (out) *out = p;
    return (*h)(HttpRequest{}, p).body;
  }
  Router router_;
};

TEST_F(RouterTest, LiteralBeatsCaptureByOrder) {
  EXPECT_EQ(Match("GET", "/tv/picard/episodes"), "episodes");
  RouteParams p;
  EXPECT_EQ(Match("GET", "/tv/picard/s01", &p), "season");
  EXPECT_EQ(p.at("slug"), "picard");
  EXPECT_EQ(p.at("season"), "01");
}

TEST_F(RouterTest, TrailingSlashAndHead) {
  EXPECT_EQ(Match("GET", "/tv/picard/"), "series");
  EXPECT_EQ(Match("HEAD", "/tv/picard"), "series");
}

TEST_F(RouterTest, UnknownAndWrongMethod) {
  EXPECT_EQ(Match("GET", "/nope"), "404");
  EXPECT_EQ(Match("GET", "/tv/picard/x01"), "404");
  EXPECT_EQ(Match("GET", "/tv/picard/s"), "404");  // The capture must not be empty.
  EXPECT_EQ(Match("DELETE", "/tv/picard"), "405");
  EXPECT_EQ(Match("GET", "/tv/picard/rating"), "405");
}

TEST_F(RouterTest, AllowedMethodsOfAPath) {
  EXPECT_EQ(router_.AllowedMethods("/tv/picard/rating"), "POST");
  EXPECT_EQ(router_.AllowedMethods("/tv/picard"), "GET, HEAD");
  EXPECT_EQ(router_.AllowedMethods("/nope"), "");
}

TEST(ParseTargetTest, DecodesPathAndQuery) {
  std::string path;
  std::multimap<std::string, std::string> q;
  ASSERT_TRUE(ParseTarget("/celebrity/patrick%20stewart?critics=top&x=a%26b", path, q));
  EXPECT_EQ(path, "/celebrity/patrick stewart");
  EXPECT_EQ(q.find("critics")->second, "top");
  EXPECT_EQ(q.find("x")->second, "a&b");
  EXPECT_FALSE(ParseTarget("no-slash", path, q));
}

TEST(CatalogTest, SegmentsAndCodes) {
  EXPECT_EQ(catalog::EpisodeCode(2, 2), "S02E02");
  EXPECT_EQ(catalog::SeasonSegment(1), "s01");
  EXPECT_EQ(catalog::ParseNumberSegment("s01", 's'), 1);
  EXPECT_EQ(catalog::ParseNumberSegment("S12", 's'), 12);
  EXPECT_EQ(catalog::ParseNumberSegment("e2", 'e'), 2);
  EXPECT_EQ(catalog::ParseNumberSegment("s1x", 's'), 0);
  EXPECT_EQ(catalog::ParseNumberSegment("s", 's'), 0);
  EXPECT_EQ(catalog::ParseNumberSegment("s12345", 's'), 0);
  Title series;
  series.kind = TitleKind::kSeries;
  series.release = FuzzyDate::Make("2020-01-23", "day").value();
  EXPECT_EQ(catalog::YearSpan(series), "2020–");
  series.end_year = 2023;
  EXPECT_EQ(catalog::YearSpan(series), "2020–2023");
}

}  // namespace
}  // namespace reel::web
