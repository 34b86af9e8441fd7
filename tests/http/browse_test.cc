// The browsing pages over HTTP, against the real binary on the demo catalog plus a
// film with 45 critic reviews, on both stores: the film and series indexes with
// filters, sorts and page numbers, /genre and /year, bad parameters (a 400 naming
// the parameter, never a crash), parameters echoed escaped, pages past the end,
// critic reviews paged with full counts on a film page, and the critic and
// publication pages every review links to.
#include <gtest/gtest.h>

#include <string>

#include "catalog/title_paths.h"
#include "site_test.h"
#include "storage/store.h"
#include "support/shared_data.h"

namespace reel::testing {
namespace {

class BrowseTest : public SiteTest {
 protected:
  BrowseTest() : SiteTest("browse") {}

  // "paged-film": 45 critic reviews of "The Paged Paper" (30 fresh, the first 10 by
  // top critics, graded 4/5 or 1/5), made before the server reads them.
  void AddPagedFilm() {
    auto store = Store::Open(db_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Write([&](StoreWriter& w) -> Status {
      Title t;
      t.kind = TitleKind::kFilm;
      t.slug = "paged-film";
      t.name = "Paged Film";
      t.release = FuzzyDate::Make("1997-05-01", "day").value();
      REEL_ASSIGN_OR_RETURN(Id film, w.UpsertTitle(t));
      REEL_TRY(w.SetTitleGenres(film, {"Drama"}));
      REEL_ASSIGN_OR_RETURN(Id pub, w.UpsertPublication({0, "the-paged-paper", "The Paged Paper", ""}));
      for (int i = 0; i < 45; ++i) {
        const std::string slug = "paged-critic-" + std::to_string(i);
        REEL_ASSIGN_OR_RETURN(Id critic, w.UpsertCritic({0, slug, "Paged Critic " + std::to_string(i), pub, i < 10}));
        CriticReview r;
        r.title_id = film;
        r.critic_id = critic;
        r.publication_id = pub;
        r.quote = "Paged quote " + std::to_string(i) + ".";
        r.grade_raw = i < 30 ? "4/5" : "1/5";
        r.grade_score = i < 30 ? 80 : 20;
        r.sentiment = i < 30 ? Sentiment::kFresh : Sentiment::kRotten;
        r.sentiment_source = SentimentSource::kCritic;
        r.date = Date{2020, 1 + i / 28, 1 + i % 28};
        REEL_TRY(w.UpsertCriticReview(r, "critic:" + slug).status());
      }
      return Status::Ok();
    }).ok());
  }

  HttpResult Get(const std::string& target) { return HttpGet(port(), target); }
};

TEST_P(BrowseTest, IndexesFilterSortAndPage) {
  AddPagedFilm();
  auto films = Get("/m");
  ASSERT_EQ(films.status, 200);
  EXPECT_NE(films.body.find("<h1>All films</h1>"), std::string::npos);
  EXPECT_NE(films.body.find("href=\"/m/paged-film\""), std::string::npos);  // The most reviewed first.
  EXPECT_NE(films.body.find("href=\"/m\""), std::string::npos);              // The header's link.
  auto drama = Get("/m?sort=critic&genre=drama&decade=1990");
  ASSERT_EQ(drama.status, 200);
  EXPECT_NE(drama.body.find("Drama films of the 1990s"), std::string::npos);
  EXPECT_NE(drama.body.find("href=\"/m/paged-film\""), std::string::npos);
  // Links keep every filter, in the canonical order.
  EXPECT_NE(drama.body.find("href=\"/m?genre=drama&amp;decade=1990&amp;sort=newest\""), std::string::npos);
  auto none = Get("/m?decade=1900");
  ASSERT_EQ(none.status, 200);
  EXPECT_NE(none.body.find("Nothing matches these filters"), std::string::npos);
  auto genre = Get("/genre/drama");
  ASSERT_EQ(genre.status, 200);
  EXPECT_NE(genre.body.find("href=\"/m/paged-film\""), std::string::npos);
  auto year = Get("/year/1997");
  ASSERT_EQ(year.status, 200);
  EXPECT_NE(year.body.find("Films from 1997"), std::string::npos);
  EXPECT_NE(year.body.find("href=\"/m/paged-film\""), std::string::npos);
  auto tv = Get("/tv?sort=az");
  ASSERT_EQ(tv.status, 200);
  EXPECT_NE(tv.body.find("href=\"/tv/star-trek-picard\""), std::string::npos);
  auto past = Get("/m?page=99999999999");
  ASSERT_EQ(past.status, 200);
  EXPECT_NE(past.body.find("past the last page"), std::string::npos);
  EXPECT_EQ(Get("/genre/no-such-genre").status, 404);
}

TEST_P(BrowseTest, BadParametersAreA400NamingThem) {
  for (const auto& [target, says] : std::vector<std::pair<std::string, std::string>>{
           {"/m?page=-1", "page: must be a page number"},
           {"/m?page=0", "page: must be a page number"},
           {"/m?year=abc", "year: must be a year"},
           {"/year/abc", "year: must be a year"},
           {"/m?critic=90-60", "critic: the lower end 90 is above the upper end 60"},
           {"/tv?audience=50", "audience: must be a range"},
           {"/m?sort=best", "sort: must be"},
           {"/m?decade=1995", "decade: must be a decade"},
           {"/m?year=1985&decade=1990", "year: 1985 is not in the 1990s"},
           {"/m/paged-film?page=-1", "page: must be a page number"},
           {"/m/paged-film?verdict=meh", "verdict: must be"},
       }) {
    auto r = Get(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find(says), std::string::npos) << target << "\n" << r.body.substr(0, 2000);
  }
  // What a reader typed comes back escaped, never as markup.
  auto xss = Get("/m?genre=%3Cscript%3Ealert(1)%3C/script%3E");
  EXPECT_EQ(xss.status, 400);
  EXPECT_EQ(xss.body.find("<script>"), std::string::npos);
  auto xss2 = Get("/m?critic=%3Cb%3E-1");
  EXPECT_EQ(xss2.status, 400);
  EXPECT_EQ(xss2.body.find("<b>"), std::string::npos);
}

TEST_P(BrowseTest, ReviewsPageWithFullCountsAndLinkToCriticsAndPublications) {
  AddPagedFilm();
  auto first = Get("/m/paged-film");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(Count(first.body, "class=\"review critic-review\""), 20);
  EXPECT_NE(first.body.find("All critics (45)"), std::string::npos);
  EXPECT_NE(first.body.find("Top critics (10)"), std::string::npos);
  EXPECT_NE(first.body.find("Fresh (30)"), std::string::npos);
  EXPECT_NE(first.body.find("Rotten (15)"), std::string::npos);
  EXPECT_NE(first.body.find("href=\"/critics/paged-critic-44\""), std::string::npos);  // Newest first.
  EXPECT_NE(first.body.find("href=\"/critics/source/the-paged-paper\""), std::string::npos);
  EXPECT_NE(first.body.find("href=\"/m/paged-film?page=3#critic-reviews\""), std::string::npos);
  auto third = Get("/m/paged-film?page=3");
  ASSERT_EQ(third.status, 200);
  EXPECT_EQ(Count(third.body, "class=\"review critic-review\""), 5);
  EXPECT_NE(third.body.find("All critics (45)"), std::string::npos);  // Full counts on every page.
  auto rotten = Get("/m/paged-film?verdict=rotten&order=grade");
  ASSERT_EQ(rotten.status, 200);
  EXPECT_EQ(Count(rotten.body, "class=\"review critic-review\""), 15);
  auto beyond = Get("/m/paged-film?page=99999999999");
  ASSERT_EQ(beyond.status, 200);
  EXPECT_NE(beyond.body.find("this page is past the last"), std::string::npos);

  auto critic = Get("/critics/paged-critic-3");
  ASSERT_EQ(critic.status, 200);
  EXPECT_NE(critic.body.find("Paged Critic 3"), std::string::npos);
  EXPECT_NE(critic.body.find("href=\"/critics/source/the-paged-paper\""), std::string::npos);
  EXPECT_NE(critic.body.find("href=\"/m/paged-film\""), std::string::npos);
  EXPECT_NE(critic.body.find("4/5"), std::string::npos);
  EXPECT_NE(critic.body.find("= 80/100"), std::string::npos);
  EXPECT_NE(critic.body.find("<strong>100%</strong> of 1 verdicts agree"), std::string::npos);
  auto publication = Get("/critics/source/the-paged-paper");
  ASSERT_EQ(publication.status, 200);
  EXPECT_NE(publication.body.find("Critics (45)"), std::string::npos);
  EXPECT_NE(publication.body.find("Fresh from"), std::string::npos);
  EXPECT_NE(publication.body.find("/5"), std::string::npos);
  EXPECT_EQ(Count(publication.body, "class=\"review critic-review\""), 20);
  EXPECT_EQ(Get("/critics/nobody").status, 404);
  EXPECT_EQ(Get("/critics/source/nothing").status, 404);
  EXPECT_EQ(Get("/critics/source/the-paged-paper?cpage=-1").status, 400);
}

// The RT extract, imported as an operator does: its most reviewed film shows 20
// reviews a page, and the switch counts all of them on every page.
TEST_P(BrowseTest, SharedRtExtractMostReviewedFilmPages) {
  // The import itself is the ingest tests' on both stores; here on SQLite alone, where
  // it takes seconds (on PostgreSQL over a minute).
  if (GetParam() != Backend::kSqlite) GTEST_SKIP() << "the shared extract's pages are checked on SQLite";
  const std::string dir = SharedDataPath("rotten-tomatoes-flatiron-rt-reviews");
  REEL_REQUIRE_SHARED_DATA(dir + "/rt.reviews.tsv.gz");
  for (const char* format : {"rt-movies", "rt-reviews"}) {
    auto [status, out] = RunReel(std::string("import ") + format + " " + dir + " --db " + db_);
    ASSERT_EQ(status, 0) << out;
  }
  auto store = Store::Open(db_);
  ASSERT_TRUE(store.ok());
  std::vector<Id> ids;
  for (Id id = 1; id <= 20000; ++id) ids.push_back(id);
  auto keys = (*store)->GetListingKeys(ids);
  ASSERT_TRUE(keys.ok());
  Id most = 0;
  for (const auto& [id, k] : *keys) {
    if (!most || k.critic_reviews > keys->at(most).critic_reviews) most = id;
  }
  auto film = (*store)->GetTitle(most);
  ASSERT_TRUE(film.ok());
  CriticReviewQuery q;
  q.title_id = most;
  auto tally = (*store)->TallyCriticReviews(q, 60);
  ASSERT_TRUE(tally.ok());
  ASSERT_GT(tally->all, 40);
  const std::string path = catalog::FilmPath(*film);
  const int64_t last = (tally->all + 19) / 20;
  for (int64_t page : {int64_t{1}, last}) {
    auto r = Get(path + (page > 1 ? "?page=" + std::to_string(page) : ""));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(Count(r.body, "class=\"review critic-review\""), page == 1 ? 20 : tally->all - 20 * (last - 1));
    EXPECT_NE(r.body.find("All critics (" + std::to_string(tally->all) + ")"), std::string::npos);
    EXPECT_NE(r.body.find("Top critics (" + std::to_string(tally->top) + ")"), std::string::npos);
    EXPECT_NE(r.body.find("Fresh (" + std::to_string(tally->fresh) + ")"), std::string::npos);
  }
  // Its critics' and publications' pages answer.
  auto first = Get(path);
  const size_t at = first.body.find("href=\"/critics/source/");
  ASSERT_NE(at, std::string::npos);
  const size_t end = first.body.find('"', at + 6);
  EXPECT_EQ(Get(first.body.substr(at + 6, end - at - 6)).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Stores, BrowseTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
