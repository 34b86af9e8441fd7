#include "ingest_test_util.h"

namespace reel::ingest {
namespace {

using TvmazeTest = IngestTest;

TEST_F(TvmazeTest, ShowBecomesSeriesSeasonsEpisodesCastAndCrew) {
  auto report = Run("tvmaze", {Fixture("tvmaze/show.json")});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  // The show, 2 seasons, 4 episodes (one a special, skipped), 2 cast, 1 crew.
  EXPECT_EQ(report->files[0].read, 10);
  EXPECT_EQ(report->files[0].inserted, 9);
  EXPECT_EQ(report->files[0].skipped, 1);

  const Title show = Film("tvmaze", "90001");
  EXPECT_EQ(show.kind, TitleKind::kSeries);
  EXPECT_EQ(show.name, "Harbour Lights");
  EXPECT_EQ(show.slug, "harbour-lights");
  EXPECT_EQ(show.synopsis, "A lighthouse keeper & her brother reopen a cold case.\n\nTwo seasons.");
  EXPECT_EQ(show.release->start.ToIso(), "2019-03-04");
  EXPECT_EQ(show.end_year, 2020);
  EXPECT_EQ(show.network, "Coast TV");
  EXPECT_EQ(show.country, "GB");
  EXPECT_EQ(show.language, "English");
  EXPECT_EQ(show.runtime_minutes, 60);
  EXPECT_EQ(Genres(show.id), (std::vector<std::string>{"Drama", "Mystery"}));
  auto ids = store_->ListTitleExternalIds(show.id).value();
  EXPECT_EQ(ids["imdb"], "tt9900001");
  EXPECT_EQ(ids["thetvdb"], "390001");
  EXPECT_EQ(ids.count("tvrage"), 0u);

  auto seasons = store_->ListChildren(show.id).value();
  ASSERT_EQ(seasons.size(), 2u);
  EXPECT_EQ(seasons[0].name, "Season 1");
  EXPECT_EQ(seasons[1].name, "The Return");
  EXPECT_EQ(seasons[1].synopsis, "A year later.");
  auto episodes = store_->ListChildren(seasons[0].id).value();
  ASSERT_EQ(episodes.size(), 2u);
  EXPECT_EQ(episodes[0].name, "The Lamp");
  EXPECT_EQ(episodes[0].runtime_minutes, 58);
  EXPECT_EQ(episodes[0].release->start.ToIso(), "2019-03-04");
  EXPECT_EQ(Film("tvmaze-episode", "92004").synopsis, "She's back.");

  EXPECT_EQ(Credits(show.id), (std::vector<std::string>{"cast:Nell Ward:Mara Quill", "cast:Owen Ward:Tom Reed",
                                                        "crew:Creator:Ida Lane"}));
  auto mara = store_->FindPersonBySlug("mara-quill").value();
  EXPECT_EQ(mara.born->ToIso(), "1985-06-02");
  EXPECT_EQ(PersonExternalId(mara.id, "tvmaze"), "93001");

  const std::string before = Snapshot();
  auto again = Run("tvmaze", {Fixture("tvmaze/show.json")});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->files[0].unchanged, 9);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(TvmazeTest, BadValuesNameTheirPathAndCanBeSkipped) {
  std::string json = Read(Fixture("tvmaze/show.json"));
  json.replace(json.find("\"airdate\": \"2019-03-11\""), 23, "\"airdate\": \"2019-02-30\"");
  const std::string path = Write("show.json", json);
  const std::string before = Snapshot();
  const std::string error = Error("tvmaze", {path});
  EXPECT_NE(error.find("show.json: column show._embedded.episodes[1].airdate: '2019-02-30' is not a day of the "
                       "calendar"),
            std::string::npos)
      << error;
  EXPECT_EQ(Snapshot(), before);

  auto skipped = Run("tvmaze", {path}, Path("rejects.tsv"));
  ASSERT_TRUE(skipped.ok()) << skipped.status().ToString();
  EXPECT_EQ(skipped->files[0].rejected, 1);
  EXPECT_EQ(store_->CountRows()->at("episodes"), 2);
  EXPECT_NE(Read(Path("rejects.tsv")).find("show._embedded.episodes[1].airdate\t'2019-02-30' is not a day"),
            std::string::npos);

  EXPECT_NE(Error("tvmaze", {Write("broken.json", "{\n  \"id\": 1,\n  \"name\": \n}")}).find("broken.json:4: not valid JSON"),
            std::string::npos);
  EXPECT_NE(Error("tvmaze", {Write("noname.json", "{\"id\": 5}")}).find("noname.json: show.name: is required"),
            std::string::npos);
}

}  // namespace
}  // namespace reel::ingest
