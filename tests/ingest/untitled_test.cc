// Films an import makes without a name (the RT extract's "RT movie N") are untitled:
// reachable by address, listed nowhere, until `reel titles rename` or an import that
// matches them names them. And what an episode list says beyond names and dates (the
// production code, US viewers) is kept.
#include "ingest/title_names.h"

#include "ingest_test_util.h"

namespace reel::ingest {
namespace {

class UntitledTest : public IngestTest {
 protected:
  void ImportRt() {
    ASSERT_TRUE(Run("rt-movies", {Fixture("rt/rt.movie_info.tsv")}).ok());
    ASSERT_TRUE(Run("rt-reviews", {Fixture("rt/rt.reviews.tsv")}).ok());
  }
  std::vector<Id> Ids(const std::vector<Title>& titles) {
    std::vector<Id> out;
    for (const auto& t : titles) out.push_back(t.id);
    return out;
  }
  bool Has(const std::vector<Id>& ids, Id id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }
  std::vector<Id> Films() {
    TitleQuery q;
    q.kinds = {TitleKind::kFilm};
    return Ids(store_->ListTitles(q).value());
  }
  std::vector<Id> Credited(const std::string& person_slug) {
    std::vector<Id> out;
    auto person = store_->FindPersonBySlug(person_slug).value();
    for (const auto& row : store_->ListPersonCredits(person.id).value()) out.push_back(row.title.id);
    return out;
  }
};

TEST_F(UntitledTest, RtFilmsAreListedNowhereUntilRenamed) {
  ImportRt();
  const Title film = Film("rt", "1");
  EXPECT_EQ(film.name, "RT movie 1");
  EXPECT_TRUE(film.untitled);
  // Not in the lists: films, best critic scores, audience lists, credits, similar.
  EXPECT_FALSE(Has(Films(), film.id));
  EXPECT_FALSE(Has(store_->ListTitlesWithReviews(1).value(), film.id));
  EXPECT_FALSE(Has(Credited("william-friedkin"), film.id));
  EXPECT_FALSE(Has(Ids(store_->ListSimilarByGenre(Film("rt", "3").id, 10).value()), film.id));
  // Its page's lookup still finds it.
  EXPECT_EQ(store_->FindTitleBySlug(TitleKind::kFilm, "rt-1")->id, film.id);

  auto renamed = RenameTitle(*store_, "/m/rt-1", "The French Connection", 1971);
  ASSERT_TRUE(renamed.ok()) << renamed.status().ToString();
  EXPECT_EQ(renamed->path, "/m/rt-1");
  EXPECT_EQ(renamed->before.name, "RT movie 1");
  const Title named = Film("rt", "1");
  EXPECT_EQ(named.name, "The French Connection");
  EXPECT_FALSE(named.untitled);
  EXPECT_EQ(named.slug, "rt-1");                       // The address stays.
  EXPECT_EQ(named.release->ToText(), "Oct 9, 1971");  // A date in that year is kept.
  EXPECT_TRUE(Has(Films(), film.id));
  EXPECT_TRUE(Has(store_->ListTitlesWithReviews(1).value(), film.id));
  EXPECT_TRUE(Has(Credited("william-friedkin"), film.id));
  // Importing the extract again keeps the name.
  ImportRt();
  EXPECT_EQ(Film("rt", "1").name, "The French Connection");
  EXPECT_FALSE(Film("rt", "1").untitled);
  // A bare slug works too; a year outside the stored date replaces it.
  ASSERT_TRUE(RenameTitle(*store_, "rt-5", "Untitled No More", 1990).ok());
  EXPECT_EQ(Film("rt", "5").release->ToText(), "1990");
}

TEST_F(UntitledTest, AnImportThatMatchesAnUntitledFilmNamesIt) {
  ImportRt();
  Status st = store_->Write([&](StoreWriter& w) {
    ImportReport report;
    ImportOptions options;
    Session s(*store_, w, options, report);
    s.StartFile("test", "films");
    Session::TitleFacts f;
    f.source = "imdb";
    f.id = "tt1480656";
    f.other_ids = {{"rt", "3"}};
    f.name = "Cosmopolis";
    StoreWriter::Change change;
    return s.UpsertTitle(f, &change).status();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  const Title film = Film("rt", "3");
  EXPECT_EQ(film.name, "Cosmopolis");
  EXPECT_FALSE(film.untitled);
  EXPECT_EQ(Film("imdb", "tt1480656").id, film.id);
  EXPECT_TRUE(Has(Films(), film.id));
}

TEST_F(UntitledTest, RenameRefusesBadInput) {
  ImportRt();
  ASSERT_TRUE(Run("episodes-csv", {Fixture("episodes/episodes.csv")}, "", "Harbour Lights").ok());
  const std::string before = Snapshot();
  struct Case {
    std::string which, name;
    std::optional<int> year;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"/m/rt-1", "  ", std::nullopt, "name: is empty"},
      {"/m/rt-1", std::string(1001, 'n'), std::nullopt, "name: is 1,001 characters long"},
      {"/m/rt-1", "Fine", 3000, "--year: 3000 is not a year from 1800 to 2200"},
      {"/tv/harbour-lights/s01", "Fine", std::nullopt, "is a season or an episode"},
      {"no-such-film", "Fine", std::nullopt, "no film or series has the slug 'no-such-film'"},
      {"/m/no-such-film", "Fine", std::nullopt, "no-such-film"},
  };
  for (const auto& c : cases) {
    auto r = RenameTitle(*store_, c.which, c.name, c.year);
    ASSERT_FALSE(r.ok()) << c.which;
    EXPECT_NE(r.status().message().find(c.expected), std::string::npos) << r.status().message();
  }
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(UntitledTest, EpisodeListKeepsProductionCodesAndViewers) {
  ASSERT_TRUE(Run("episodes-csv", {Fixture("episodes/episodes.csv")}, "", "Harbour Lights").ok());
  auto episode = [&](int season, int number) {
    auto series = store_->FindTitleBySlug(TitleKind::kSeries, "harbour-lights").value();
    return store_->FindChild(store_->FindChild(series.id, season)->id, number).value();
  };
  EXPECT_EQ(episode(1, 1).production_code, "456650");
  EXPECT_EQ(episode(1, 1).us_viewers, 21500000);
  EXPECT_EQ(episode(1, 2).us_viewers, 20200000);
  // A double episode's glued codes are split; both parts had the one airing's viewers.
  EXPECT_EQ(episode(1, 3).production_code, "456653");
  EXPECT_EQ(episode(1, 4).production_code, "456654");
  EXPECT_EQ(episode(1, 4).us_viewers, 52900000);
  EXPECT_EQ(episode(2, 1).production_code, "");
  EXPECT_EQ(episode(2, 1).us_viewers, 0);
  // Importing again changes nothing.
  auto again = Run("episodes-csv", {Fixture("episodes/episodes.csv")}, "", "Harbour Lights");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Total().updated, 0);
}

}  // namespace
}  // namespace reel::ingest
