#include "ingest_test_util.h"

namespace reel::ingest {
namespace {

class RtTest : public IngestTest {
 protected:
  // The reviews fixture gzip-compressed, as the extract ships it.
  std::string ReviewsGz() { return WriteGzip("rt.reviews.tsv.gz", Read(Fixture("rt/rt.reviews.tsv"))); }

  std::vector<CriticReviewRow> Reviews(const std::string& rt_id) {
    return store_->ListCriticReviews(Film("rt", rt_id).id, CriticFilter::kAll).value();
  }
  const CriticReviewRow* ByQuote(const std::vector<CriticReviewRow>& rows, const std::string& quote) {
    for (const auto& r : rows) {
      if (r.review.quote == quote) return &r;
    }
    ADD_FAILURE() << "no review quoting '" << quote << "'";
    return nullptr;
  }
};

TEST_F(RtTest, MoviesBecomeFilmsWithCrewDatesRuntimeAndStudio) {
  auto report = Run("rt-movies", {Fixture("rt/rt.movie_info.tsv")});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->files[0].inserted, 3);
  const Title one = Film("rt", "1");
  EXPECT_EQ(one.name, "RT movie 1");  // The extract names no films.
  EXPECT_EQ(one.slug, "rt-1");
  EXPECT_EQ(one.synopsis, "A detective hunts a smuggler across \"the city\"; he says \"no\".");
  EXPECT_EQ(one.release->start.ToIso(), "1971-10-09");
  EXPECT_EQ(one.runtime_minutes, 104);
  EXPECT_EQ(Genres(one.id), (std::vector<std::string>{"Action and Adventure", "Drama"}));
  EXPECT_EQ(Credits(one.id), (std::vector<std::string>{"crew:Director:William Friedkin", "crew:Writer:Ernest Tidyman"}));
  auto dates = store_->ListReleaseDates(one.id).value();
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].date.start.ToIso(), "2001-09-25");
  EXPECT_EQ(dates[0].label, "DVD");

  const Title three = Film("rt", "3");
  EXPECT_EQ(three.synopsis, "A young billionaire crosses town in a limousine.\tTwice.");
  EXPECT_EQ(three.network, "Entertainment One");
  EXPECT_EQ(Credits(three.id), (std::vector<std::string>{"crew:Director:David Cronenberg",
                                                         "crew:Writer:David Cronenberg", "crew:Writer:Don DeLillo"}));
  const Title five = Film("rt", "5");  // Nothing but its id.
  EXPECT_FALSE(five.release);
  EXPECT_TRUE(Genres(five.id).empty());
}

TEST_F(RtTest, ReviewsWithGradesLabelsCriticsAndPublications) {
  ASSERT_TRUE(Run("rt-movies", {Fixture("rt/rt.movie_info.tsv")}).ok());
  auto report = Run("rt-reviews", {ReviewsGz()});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->files[0].inserted, 9);
  auto counts = store_->CountRows().value();
  EXPECT_EQ(counts["critic_reviews"], 9);
  EXPECT_EQ(counts["critics"], 4);
  EXPECT_EQ(counts["publications"], 5);
  EXPECT_EQ(counts["films"], 4);  // Film 99 has reviews but no movie info: made.
  EXPECT_EQ(Film("rt", "99").name, "RT movie 99");

  auto one = Reviews("1");
  ASSERT_EQ(one.size(), 4u);
  const auto* gritty = ByQuote(one, "Gritty and fast.");
  ASSERT_TRUE(gritty);
  EXPECT_EQ(gritty->review.grade_raw, "3/4");
  EXPECT_DOUBLE_EQ(*gritty->review.grade_score, 75);
  EXPECT_EQ(gritty->review.sentiment, Sentiment::kFresh);
  EXPECT_EQ(gritty->review.sentiment_source, SentimentSource::kCritic);
  EXPECT_EQ(gritty->review.date->ToIso(), "2018-11-10");
  EXPECT_EQ(gritty->publication->name, "Daily Planet");
  EXPECT_EQ(gritty->critic->name, "Ann Example");
  const auto* classic = ByQuote(one, "She calls it \"a classic.\"");
  ASSERT_TRUE(classic);
  EXPECT_NEAR(*classic->review.grade_score, 91.7, 0.05);
  EXPECT_TRUE(classic->critic->top_critic);
  // Two unattributed Film Threat reviews of the same day are two reviews.
  EXPECT_TRUE(ByQuote(one, "Too loud by half."));
  EXPECT_TRUE(ByQuote(one, "Another angle."));

  auto three = Reviews("3");
  const auto* cold = ByQuote(three, "Cold, clever\u00a0and long.");  // Latin-1 0xA0 in the file.
  ASSERT_TRUE(cold);
  // A bare 8 takes the /10 scale of the publication's other grades in the file.
  const auto* bare = ByQuote(three, "A quiet triumph.");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->review.grade_raw, "8");
  EXPECT_DOUBLE_EQ(*bare->review.grade_score, 80);
  const auto* ungraded = ByQuote(three, "Later, at a bigger paper.");
  ASSERT_TRUE(ungraded);
  EXPECT_FALSE(ungraded->review.grade_score);
  // A critic takes the flag and publication of their latest review.
  EXPECT_TRUE(cold->critic->top_critic);
  EXPECT_EQ(Sql("SELECT p.name = 'Metro Times' FROM critics c JOIN publications p ON p.id = c.publication_id "
                "WHERE c.slug = 'ann-example'"),
            1);
  EXPECT_EQ(store_->ListCriticReviews(Film("rt", "3").id, CriticFilter::kTopOnly)->size(), 2u);

  auto agg = store_->GetScoreCounts(Film("rt", "1").id).value();
  EXPECT_EQ(agg.fresh, 2);
  EXPECT_EQ(agg.rotten, 2);
  EXPECT_EQ(agg.top_fresh, 2);  // Ann Example is a top critic now (her latest review).
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
}

TEST_F(RtTest, ImportingAgainChangesNothingInEitherOrder) {
  ASSERT_TRUE(Run("rt-reviews", {ReviewsGz()}).ok());
  ASSERT_TRUE(Run("rt-movies", {Fixture("rt/rt.movie_info.tsv")}).ok());
  EXPECT_EQ(Film("rt", "1").synopsis.substr(0, 12), "A detective ");
  const std::string before = Snapshot();
  auto movies = Run("rt-movies", {Fixture("rt/rt.movie_info.tsv")});
  auto reviews = Run("rt-reviews", {ReviewsGz()});
  ASSERT_TRUE(movies.ok() && reviews.ok());
  EXPECT_EQ(movies->Total().unchanged, 3);
  EXPECT_EQ(reviews->Total().unchanged, 9);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(RtTest, BadRowsNameTheirPlace) {
  const std::string header = "id\treview\trating\tfresh\tcritic\ttop_critic\tpublisher\tdate\r\n";
  const std::string before = Snapshot();
  EXPECT_NE(Error("rt-reviews", {Write("r.tsv", header + "1\tGood.\t3/4\tfresh\tA B\t0\tP\tNovember 31, 2018\r\n")})
                .find("r.tsv:2: column date: 'November 31, 2018' is not a date like \"November 10, 2018\""),
            std::string::npos);
  EXPECT_NE(Error("rt-reviews", {Write("r.tsv", header + "1\tGood.\t3/4\tsplat\tA B\t0\tP\tMay 1, 2018\r\n")})
                .find("r.tsv:2: column fresh: 'splat' is not fresh or rotten"),
            std::string::npos);
  EXPECT_NE(Error("rt-reviews", {Write("r.tsv", header + "1\tGood.\t3/4\tfresh\tA B\t2\tP\tMay 1, 2018\r\n")})
                .find("r.tsv:2: column top_critic: '2' is not 0 or 1"),
            std::string::npos);
  EXPECT_NE(Error("rt-reviews", {Write("r.tsv", header + "1\tGood.\t3/4\tfresh\tA B\t0\r\n")})
                .find("r.tsv:2: column publisher: missing"),
            std::string::npos);
  EXPECT_NE(Error("rt-reviews", {Write("r.tsv", "id\treview\n1\tx\n")}).find("r.tsv:1: not rt.reviews.tsv"),
            std::string::npos);
  const std::string movies = "id\tsynopsis\trating\tgenre\tdirector\twriter\ttheater_date\tdvd_date\tcurrency\t"
                             "box_office\truntime\tstudio\n";
  EXPECT_NE(Error("rt-movies", {Write("m.tsv", movies + "1\ts\tR\tDrama\t\t\t\t\t\t\tlong\t\n")})
                .find("m.tsv:2: column runtime: 'long' is not \"N minutes\""),
            std::string::npos);
  // A review file whose rows of one film are not together.
  EXPECT_NE(Error("rt-reviews", {Write("r.tsv", header + "1\ta\t\tfresh\t\t0\tP\tMay 1, 2018\r\n" +
                                                    "2\tb\t\tfresh\t\t0\tP\tMay 1, 2018\r\n" +
                                                    "1\tc\t\tfresh\t\t0\tP\tMay 2, 2018\r\n")})
                .find("r.tsv:4: column id: the reviews of film 1 must be together"),
            std::string::npos);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(RtTest, SharedExtractExactCounts) {
  const std::string dir = testing::SharedDataPath("rotten-tomatoes-flatiron-rt-reviews");
  REEL_REQUIRE_SHARED_DATA(dir + "/rt.reviews.tsv.gz");
  auto movies = Run("rt-movies", {dir});
  ASSERT_TRUE(movies.ok()) << movies.status().ToString();
  auto reviews = Run("rt-reviews", {dir});
  ASSERT_TRUE(reviews.ok()) << reviews.status().ToString();
  auto counts = store_->CountRows().value();
  EXPECT_EQ(counts["films"], 1560);
  EXPECT_EQ(counts["critic_reviews"], 43074);
  EXPECT_EQ(counts["critics"], 3225);
  EXPECT_EQ(counts["publications"], 1248);
  EXPECT_EQ(counts["people"], 2410);
  EXPECT_EQ(counts["credits"], 3355);
  EXPECT_EQ(counts["release_dates"], 1201);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM critic_reviews WHERE grade_score IS NOT NULL"), 32297);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM critic_reviews WHERE sentiment = 'fresh'"), 26221);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM critic_reviews WHERE sentiment = 'rotten'"), 16853);
  EXPECT_EQ(store_->RecomputeAggregates()->drifted, 0);
  const std::string before = Snapshot();
  auto again = Run("rt-reviews", {dir});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Total().unchanged, 43074);
  auto movies_again = Run("rt-movies", {dir});
  ASSERT_TRUE(movies_again.ok());
  EXPECT_EQ(movies_again->Total().unchanged, 1560);
  EXPECT_EQ(Snapshot(), before);
}

}  // namespace
}  // namespace reel::ingest
