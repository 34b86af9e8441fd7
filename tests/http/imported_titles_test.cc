// What imported titles look like on the site, on SQLite and on PostgreSQL: films the
// RT extract leaves untitled are listed nowhere until `reel titles rename` names
// them (their pages stay reachable); imported HTML references are shown as text;
// an episode shows the production code and US viewers of its episode list; a film
// links to its IMDb and TMDB pages and shows its MovieLens tags.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "site_test.h"

namespace reel::testing {
namespace {

class ImportedTitlesTest : public SiteTest {
 protected:
  ImportedTitlesTest() : SiteTest("imported-titles") {}
  std::string Fixture(const std::string& rel) { return std::string(REEL_SOURCE_DIR) + "/tests/fixtures/ingest/" + rel; }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream((dir_ / name).string(), std::ios::binary) << text;
    return (dir_ / name).string();
  }
  void Reel(const std::string& args) {
    auto [status, out] = RunReel(args + " --db " + db_);
    ASSERT_EQ(status, 0) << args << "\n" << out;
  }
  // The page once it reflects writes made by other processes (the server's page
  // cache learns of them within moments), or as it last was.
  std::string PageWhere(const std::string& path, const std::function<bool(const std::string&)>& ready) {
    std::string body;
    for (int i = 0; i < 50; ++i) {
      auto r = HttpGet(port(), path);
      EXPECT_EQ(r.status, 200) << path;
      body = r.body;
      if (ready(body)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return body;
  }
  static bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
};

TEST_P(ImportedTitlesTest, UntitledFilmsAreListedNowhereUntilRenamed) {
  Reel("import rt-movies " + Fixture("rt/rt.movie_info.tsv"));
  Reel("import rt-reviews " + Fixture("rt/rt.reviews.tsv"));
  const std::string home = PageWhere("/", [](const std::string&) { return true; });
  EXPECT_FALSE(Contains(home, "RT movie")) << "the home page lists an untitled film";
  EXPECT_FALSE(Contains(PageWhere("/celebrity/william-friedkin", [](const std::string&) { return true; }), "RT movie"));
  auto film = HttpGet(port(), "/m/rt-1");
  EXPECT_EQ(film.status, 200);
  EXPECT_TRUE(Contains(film.body, "RT movie 1"));

  const std::string before = RunReel("export --db " + db_).second;
  auto [bad, said] = RunReel("titles rename /m/rt-1 ' ' --db " + db_);
  EXPECT_EQ(bad, 1);
  EXPECT_TRUE(Contains(said, "name: is empty")) << said;
  EXPECT_EQ(RunReel("export --db " + db_).second, before);

  auto [status, out] = RunReel("titles rename /m/rt-1 'The French Connection' --year 1971 --db " + db_);
  ASSERT_EQ(status, 0) << out;
  EXPECT_TRUE(Contains(out, "renamed /m/rt-1: \"RT movie 1\" (1971) (untitled) -> \"The French Connection\" (1971)"))
      << out;
  const std::string person = PageWhere("/celebrity/william-friedkin",
                                       [](const std::string& b) { return Contains(b, "The French Connection"); });
  EXPECT_TRUE(Contains(person, "The French Connection"));
  EXPECT_TRUE(Contains(HttpGet(port(), "/m/rt-1").body, "The French Connection"));
  auto [help_status, help] = RunReel("titles rename --help");
  EXPECT_EQ(help_status, 0);
  EXPECT_TRUE(Contains(help, "--year")) << help;
}

TEST_P(ImportedTitlesTest, HtmlReferencesAreShownAsText) {
  Reel("import rt-movies " + Fixture("rt/rt.movie_info.tsv"));
  Reel("import rt-reviews " +
       Write("rt.reviews.tsv", "id\treview\trating\tfresh\tcritic\ttop_critic\tpublisher\tdate\n"
                               "1\tBold &amp; brash.\t3/4\tfresh\tJo Critic\t0\tSacramento News &amp; Review\t"
                               "November 10, 2018\n"));
  const std::string page = HttpGet(port(), "/m/rt-1").body;
  EXPECT_TRUE(Contains(page, "Sacramento News &amp; Review")) << page.substr(0, 200);
  EXPECT_TRUE(Contains(page, "Bold &amp; brash."));
  EXPECT_FALSE(Contains(page, "&amp;amp;"));
}

TEST_P(ImportedTitlesTest, EpisodeAndFilmPagesShowWhatImportsBring) {
  Reel("import episodes-csv " + Fixture("episodes/episodes.csv") + " --series 'Harbour Lights'");
  const std::string episode = HttpGet(port(), "/tv/harbour-lights/s01/e01").body;
  EXPECT_TRUE(Contains(episode, "<dt>Production code</dt><dd>456650</dd>")) << episode;
  EXPECT_TRUE(Contains(episode, "<dt>US viewers</dt><dd>21.5 million</dd>"));

  Reel("import movielens " + Fixture("movielens"));
  const std::string film = HttpGet(port(), "/m/toy-story").body;
  EXPECT_TRUE(Contains(film, "href=\"https://www.imdb.com/title/tt0114709/\"")) << film;
  EXPECT_TRUE(Contains(film, "href=\"https://www.themoviedb.org/movie/862\""));
  EXPECT_TRUE(Contains(film, ">pixar</li>"));
  EXPECT_TRUE(Contains(film, ">funny, clever</li>"));
}

INSTANTIATE_TEST_SUITE_P(Stores, ImportedTitlesTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
