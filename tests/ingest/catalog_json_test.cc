#include "ingest/catalog_json.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "storage/store.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

class CatalogJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("reel-catalog-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = std::move(Store::Open((dir_ / "t.db").string()).value());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(CatalogJsonTest, DemoCatalogHoldsTheSeedFacts) {
  auto stats = LoadDemoCatalog(*store_);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  auto picard = store_->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard");
  ASSERT_TRUE(picard.ok());
  auto s1 = store_->FindChild(picard->id, 1);
  ASSERT_TRUE(s1.ok());
  auto eps = store_->ListChildren(s1->id);
  ASSERT_EQ(eps->size(), 10u);
  EXPECT_EQ((*eps)[0].release->start.ToIso(), "2020-01-23");
  EXPECT_EQ((*eps)[9].release->start.ToIso(), "2020-03-26");
  auto s2 = store_->FindChild(picard->id, 2);
  auto s2eps = store_->ListChildren(s2->id);
  ASSERT_EQ(s2eps->size(), 10u);
  EXPECT_EQ((*s2eps)[1].name, "Penance");
  EXPECT_EQ((*s2eps)[1].runtime_minutes, 46);
  EXPECT_EQ((*s2eps)[1].release->start.ToIso(), "2022-03-10");
  EXPECT_EQ((*s2eps)[9].release->start.ToIso(), "2022-05-05");
  // Season 2 was announced for "early 2022" before its date was known.
  auto history = store_->ListReleaseDates(s2->id);
  ASSERT_GE(history->size(), 2u);
  EXPECT_EQ((*history)[0].date.ToText(), "early 2022");

  auto reviews = store_->ListCriticReviews(s1->id, CriticFilter::kAll);
  ASSERT_EQ(reviews->size(), 12u);
  int graded_3_5 = 0;
  for (const auto& r : *reviews) graded_3_5 += r.review.grade_raw == "3/5";
  EXPECT_EQ(graded_3_5, 2);
  EXPECT_EQ(store_->ListAudienceReviews(s1->id, 50)->size(), 10u);

  auto credits = store_->ListCredits(s1->id);
  bool pill = false;
  for (const auto& c : *credits) pill |= c.person.name == "Alison Pill" && c.credit.role == "Agnes Jurati";
  EXPECT_TRUE(pill);
}

TEST_F(CatalogJsonTest, LoadingTwiceChangesNothing) {
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  auto before = store_->CountRows().value();
  auto picard = store_->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard").value();
  ASSERT_TRUE(LoadDemoCatalog(*store_).ok());
  EXPECT_EQ(store_->CountRows().value(), before);
  EXPECT_EQ(store_->FindTitleBySlug(TitleKind::kSeries, "star-trek-picard")->id, picard.id);
}

// Loads `json` into the store and returns the error message ("" on success).
std::string LoadError(Store& store, const std::string& json) {
  auto r = LoadCatalogJson(store, json, "c.json");
  return r.ok() ? "" : r.status().message();
}

TEST_F(CatalogJsonTest, BadInputNamesThePlaceAndChangesNothing) {
  const std::string good_person = R"({"slug":"a-b","name":"A B"})";
  EXPECT_NE(LoadError(*store_, "{").find("c.json: not valid JSON"), std::string::npos);
  EXPECT_EQ(LoadError(*store_, R"({"titles":[{"kind":"opera","slug":"x","name":"X"}]})"),
            "c.json: titles[0].kind: must be \"film\" or \"series\", not \"opera\"");
  EXPECT_EQ(LoadError(*store_, R"({"titles":[{"kind":"film","slug":"Bad Slug","name":"X"}]})"),
            "c.json: titles[0].slug: 'Bad Slug' is not lowercase words joined by hyphens");
  EXPECT_EQ(LoadError(*store_, R"({"titles":[{"kind":"series","slug":"s","name":"S","seasons":[
              {"number":1,"episodes":[{"number":1,"release":{"date":"2020-02-30"}}]}]}]})"),
            "c.json: titles[0].seasons[0].episodes[0].release: '2020-02-30' is not a day of the calendar");
  EXPECT_EQ(LoadError(*store_, R"({"people":[)" + good_person + R"(],"titles":[{"kind":"film","slug":"f","name":"F",
              "credits":[{"person":"nobody","kind":"cast"}]}]})"),
            "c.json: titles[0].credits[0].person: no person with slug 'nobody' in people");
  EXPECT_EQ(LoadError(*store_, R"({"titles":[{"kind":"film","slug":"f","name":"F",
              "audience_reviews":[{"user":"u","stars":3.3,"date":"2021-01-01"}]}]})"),
            "c.json: titles[0].audience_reviews[0].stars: must be 0.5 to 5 in halves");
  EXPECT_EQ(LoadError(*store_, R"({"titles":[{"kind":"film","slug":"f","name":"F","runtime_minutes":"long"}]})"),
            "c.json: titles[0].runtime_minutes: must be a whole number");
  // The first title was good, the second bad: neither is stored.
  EXPECT_NE(LoadError(*store_, R"({"titles":[{"kind":"film","slug":"good","name":"Good"},
              {"kind":"film","slug":"bad","name":""}]})"), "");
  EXPECT_EQ(store_->CountRows()->at("films"), 0);
  EXPECT_EQ(store_->CountRows()->at("people"), 0);
}

}  // namespace
}  // namespace reel
