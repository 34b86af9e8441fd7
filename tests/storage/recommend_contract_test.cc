// The store contract, recommendations slice (storage/recommend_store.h;
// sql/recommend.cc), on both stores: ratings and features roll up to films and
// series, untitled titles stay out, the stored lists are replaced whole and read
// back in order, and a build over the store gives titles neighbours with reasons.
#include <gtest/gtest.h>

#include "recommend/build.h"
#include "store_contract.h"

namespace reel {
namespace {

class RecommendContract : public StoreContractTest {
 protected:
  Id AddFilm(const std::string& slug, const std::string& name, bool untitled = false) {
    Title t;
    t.kind = TitleKind::kFilm;
    t.slug = slug;
    t.name = name;
    t.untitled = untitled;
    return AddTitle(t);
  }
  void Rate(Id user, Id title, double stars, const std::string& at) {
    Rating r;
    r.user_id = user;
    r.title_id = title;
    r.stars = stars;
    r.created_at = at;
    ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.UpsertRating(r).status(); }).ok());
  }
  void Credit(Id title, const std::string& person) {
    ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
      Person p;
      p.slug = person;
      p.name = "Name of " + person;
      REEL_ASSIGN_OR_RETURN(Id pid, w.UpsertPerson(p));
      reel::Credit c;
      c.title_id = title;
      c.person_id = pid;
      return w.UpsertCredit(c).status();
    }).ok());
  }
};

TEST_P(RecommendContract, RatingsAndFeaturesRollUpToFilmsAndSeries) {
  Id film = AddFilm("logan", "Logan");
  Id hidden = AddFilm("hidden", "Hidden", true);
  Id series = AddSeries("picard", "Star Trek: Picard");
  Id season = AddChild(series, TitleKind::kSeason, 1, "2020-01-23");
  Id episode = AddChild(season, TitleKind::kEpisode, 1, "2020-01-23");
  Id ann = AddUser("ann");
  Rate(ann, film, 4.5, "2024-01-01T10:00:00Z");
  Rate(ann, episode, 4, "2024-01-02T10:00:00Z");
  Rate(ann, hidden, 3, "2024-01-03T10:00:00Z");
  auto events = store_->ListRatingEvents();
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 2u);  // The untitled film's rating stays out.
  EXPECT_EQ((*events)[0].title_id, film);
  EXPECT_EQ((*events)[1].title_id, series);  // An episode's rating counts for its series.
  auto mine = store_->ListUserRatingEvents(ann);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].title_id, series);  // Newest first.
  EXPECT_EQ(store_->CountRatingEvents().value(), 3);

  Credit(season, "patrick-stewart");
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.SetTitleGenres(film, {"Drama"}); }).ok());
  auto features = store_->ListTitleFeatures();
  ASSERT_TRUE(features.ok()) << features.status().ToString();
  bool cast = false, genre = false;
  for (const auto& f : *features) {
    if (f.kind == 'c' && f.title_id == series && f.label == "Name of patrick-stewart") cast = true;
    if (f.kind == 'g' && f.title_id == film && f.label == "Drama") genre = true;
  }
  EXPECT_TRUE(cast);
  EXPECT_TRUE(genre);
  auto popular = store_->ListPopularTitles({}, 10, 0);
  ASSERT_TRUE(popular.ok()) << popular.status().ToString();
  ASSERT_EQ(popular->size(), 2u);  // Films and series, never the untitled one.
}

TEST_P(RecommendContract, StoredListsAreReplacedWholeAndReadInOrder) {
  Id a = AddFilm("a", "A"), b = AddFilm("b", "B"), c = AddFilm("c", "C");
  Id hidden = AddFilm("hidden", "Hidden", true);
  EXPECT_FALSE(store_->LatestRecommendBuild().value().has_value());
  std::vector<TitleNeighbour> rows = {
      {a, c, 0, 0.9, NeighbourReason::kAudience, ""},
      {a, hidden, 1, 0.8, NeighbourReason::kAudience, ""},
      {a, b, 2, 0.5, NeighbourReason::kCast, "Patrick Stewart"},
      {b, a, 0, 0.5, NeighbourReason::kGenre, "Drama"},
  };
  RecommendBuild build;
  build.ratings = 7;
  build.titles = 2;
  build.model = "blend";
  ASSERT_TRUE(store_->ReplaceNeighbours(rows, build).ok());
  auto got = store_->ListNeighbours({a, b}, 10);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 3u);  // The untitled neighbour is left out.
  EXPECT_EQ((*got)[0].neighbour_id, c);
  EXPECT_EQ((*got)[1].neighbour_id, b);
  EXPECT_EQ((*got)[1].reason, NeighbourReason::kCast);
  EXPECT_EQ((*got)[1].detail, "Patrick Stewart");
  EXPECT_EQ((*got)[2].title_id, b);
  auto latest = store_->LatestRecommendBuild();
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->ratings, 7);
  // A new build replaces every list.
  ASSERT_TRUE(store_->ReplaceNeighbours({{c, a, 0, 1.0, NeighbourReason::kAudience, ""}}, build).ok());
  EXPECT_TRUE(store_->ListNeighbours({a, b}, 10).value().empty());
  EXPECT_EQ(store_->ListNeighbours({c}, 10).value().size(), 1u);
}

TEST_P(RecommendContract, ABuildGivesNeighboursWithReasons) {
  Id a = AddFilm("a", "A"), b = AddFilm("b", "B"), c = AddFilm("c", "C"), lonely = AddFilm("lonely", "Lonely");
  Credit(c, "kate");
  Credit(lonely, "kate");
  for (int u = 0; u < 30; ++u) {
    Id user = AddUser("user" + std::to_string(u));
    Rate(user, a, 4, "2024-01-01T10:00:" + std::string(u < 10 ? "0" : "") + std::to_string(u) + "Z");
    Rate(user, b, 4, "2024-01-02T10:00:00Z");
  }
  auto sum = recommend::RebuildStored(*store_, [](const std::string&, int64_t, int64_t) {});
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  auto of_a = store_->ListNeighbours({a}, 5).value();
  ASSERT_FALSE(of_a.empty());
  EXPECT_EQ(of_a[0].neighbour_id, b);
  EXPECT_EQ(of_a[0].reason, NeighbourReason::kAudience);
  // A title no one rated still gets a neighbour from shared cast.
  auto of_lonely = store_->ListNeighbours({lonely}, 5).value();
  ASSERT_FALSE(of_lonely.empty());
  EXPECT_EQ(of_lonely[0].neighbour_id, c);
  EXPECT_EQ(of_lonely[0].reason, NeighbourReason::kCast);
  EXPECT_EQ(of_lonely[0].detail, "Name of kate");
  for (const auto& n : store_->ListNeighbours({a, b, c, lonely}, 30).value()) EXPECT_NE(n.title_id, n.neighbour_id);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecommendContract, testing::BothStores(), testing::BackendName);

}  // namespace
}  // namespace reel
