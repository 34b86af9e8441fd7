#include "ingest_test_util.h"

namespace reel::ingest {
namespace {

class EpisodesCsvTest : public IngestTest {
 protected:
  Title Episode(int season, int number) {
    auto series = store_->FindTitleBySlug(TitleKind::kSeries, slug_).value();
    auto s = store_->FindChild(series.id, season);
    EXPECT_TRUE(s.ok()) << "no season " << season;
    auto e = store_->FindChild(s->id, number);
    EXPECT_TRUE(e.ok()) << "no episode " << season << "x" << number;
    return e.ok() ? *e : Title{};
  }
  std::string slug_ = "harbour-lights";
};

TEST_F(EpisodesCsvTest, FixtureBecomesSeriesSeasonsEpisodesAndCrew) {
  auto report = Run("episodes-csv", {Fixture("episodes/episodes.csv")}, "", "Harbour Lights");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->files[0].read, 5);
  EXPECT_EQ(report->files[0].inserted, 4);
  EXPECT_EQ(report->files[0].skipped, 1);  // The special.
  auto counts = store_->CountRows().value();
  EXPECT_EQ(counts["series"], 1);
  EXPECT_EQ(counts["seasons"], 2);
  EXPECT_EQ(counts["episodes"], 5);

  const Title pilot = Episode(1, 1);
  EXPECT_EQ(pilot.name, "The One Where It Starts");
  EXPECT_EQ(pilot.release->start.ToIso(), "1998-09-22");
  EXPECT_EQ(pilot.runtime_minutes, 22);
  EXPECT_EQ(pilot.synopsis, "The gang meets at the \"harbour\" café.");
  EXPECT_EQ(Credits(pilot.id), (std::vector<std::string>{"crew:Director:Ann Director", "crew:Writer:Bea Writer",
                                                         "crew:Writer:Cal Writer"}));
  EXPECT_EQ(Credits(Episode(1, 2).id),
            (std::vector<std::string>{"crew:Director:Ann Director", "crew:Story:Bea Writer", "crew:Story:Dan McWriter",
                                      "crew:Teleplay:Eve Writer"}));
  EXPECT_EQ(Episode(1, 2).synopsis, "A storm.\nEveryone stays in.");
  // The double episode: two episodes, the glued writers split between them.
  const Title a = Episode(1, 3), b = Episode(1, 4);
  EXPECT_EQ(a.name, "The One with the Two Parts");
  EXPECT_EQ(b.name, a.name);
  EXPECT_EQ(a.release->start.ToIso(), "2000-01-06");  // 00 is 2000.
  EXPECT_EQ(a.runtime_minutes, 22);
  EXPECT_EQ(Credits(a.id), (std::vector<std::string>{"crew:Director:Ann Director", "crew:Director:Fay Director",
                                                     "crew:Writer:Bea Writer", "crew:Writer:Dan McWriter"}));
  EXPECT_EQ(Credits(b.id), (std::vector<std::string>{"crew:Director:Ann Director", "crew:Director:Fay Director",
                                                     "crew:Story:Gil Writer"}));
  EXPECT_EQ(Episode(2, 1).runtime_minutes, 0);
  // Seasons start with their first episode, the series with its first season.
  auto series = store_->FindTitleBySlug(TitleKind::kSeries, slug_).value();
  EXPECT_EQ(series.release->start.ToIso(), "1998-09-22");
  EXPECT_EQ(store_->FindChild(series.id, 2)->release->start.ToIso(), "2000-10-12");

  const std::string before = Snapshot();
  auto again = Run("episodes-csv", {Fixture("episodes/episodes.csv")}, "", "Harbour Lights");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->files[0].unchanged, 4);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(EpisodesCsvTest, NeedsTheSeriesAndGoodCells) {
  EXPECT_NE(Error("episodes-csv", {Fixture("episodes/episodes.csv")}).find("--series"), std::string::npos);
  const std::string header = "Date,Episode,Title,Directed by,Written by,Duration,Summary,Rating/Share,U.S. viewers\n";
  const std::string before = Snapshot();
  EXPECT_NE(Error("episodes-csv", {Write("e.csv", header + "13/45/98,01-01,T,,,22,,,\n")}, "S")
                .find("e.csv:2: column Date: '13/45/98' is not a date like 09/22/94"),
            std::string::npos);
  EXPECT_NE(Error("episodes-csv", {Write("e.csv", header + "09/22/98,1x1,T,,,22,,,\n")}, "S")
                .find("e.csv:2: column Episode: '1x1' is not SEASON-EPISODE like 01-02"),
            std::string::npos);
  EXPECT_NE(Error("episodes-csv", {Write("e.csv", header + "09/22/98,01-01,T,,,22,,,lots\n")}, "S")
                .find("e.csv:2: column U.S. viewers: 'lots' is not a number of viewers"),
            std::string::npos);
  EXPECT_NE(Error("episodes-csv", {Write("e.csv", header + "09/22/98,01-01,T,,,22,,12,\n")}, "S")
                .find("e.csv:2: column Rating/Share: '12' is not RATING/SHARE"),
            std::string::npos);
  EXPECT_NE(Error("episodes-csv", {Write("e.csv", "Date,Name\n1,2\n")}, "S").find("e.csv:1: no column 'episode'"),
            std::string::npos);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(EpisodesCsvTest, SharedFriendsList) {
  const std::string path = testing::SharedDataPath("tv-friends-episodes-wasitali7364/friends_info.csv");
  REEL_REQUIRE_SHARED_DATA(path);
  slug_ = "friends";
  auto report = Run("episodes-csv", {path}, "", "Friends");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->files[0].read, 229);
  EXPECT_EQ(report->files[0].skipped, 2);  // Two clip-show specials.
  auto counts = store_->CountRows().value();
  EXPECT_EQ(counts["seasons"], 10);
  EXPECT_EQ(counts["episodes"], 236);  // 227 rows, 9 of them double episodes.
  EXPECT_EQ(counts["people"], 79);
  EXPECT_EQ(Episode(1, 1).name, "The Pilot");
  EXPECT_EQ(Episode(1, 1).release->start.ToIso(), "1994-09-22");
  EXPECT_EQ(Episode(10, 17).name, "The Last One");
  EXPECT_EQ(Episode(10, 18).name, "The Last One");
  EXPECT_EQ(Episode(10, 18).release->start.ToIso(), "2004-05-06");
  EXPECT_EQ(Credits(Episode(2, 12).id), (std::vector<std::string>{"crew:Director:Michael Lembeck",
                                                                  "crew:Writer:Jeffrey Astrof",
                                                                  "crew:Writer:Mike Sikowitz"}));
  EXPECT_EQ(Credits(Episode(2, 13).id),
            (std::vector<std::string>{"crew:Director:Michael Lembeck", "crew:Writer:Michael Borkow"}));
  EXPECT_EQ(Credits(Episode(1, 23).id),
            (std::vector<std::string>{"crew:Director:James Burrows", "crew:Story:David Crane",
                                      "crew:Story:Marta Kauffman", "crew:Teleplay:Jeff Greenstein",
                                      "crew:Teleplay:Jeff Strauss"}));
}

}  // namespace
}  // namespace reel::ingest
