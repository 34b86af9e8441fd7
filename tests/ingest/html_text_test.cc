// HTML character references and tags in imported text: decoded once on import
// with libxml2's HTML parser (RT's "Sacramento News &amp; Review"), tags of TVmaze
// summaries dropped by the same parser.
#include "ingest/html_text.h"

#include <nlohmann/json.hpp>

#include "ingest_test_util.h"

namespace reel::ingest {
namespace {

TEST(HtmlTextTest, DecodeEntitiesDecodesOnceAndKeepsEverythingElse) {
  EXPECT_EQ(DecodeEntities("Sacramento News &amp; Review"), "Sacramento News & Review");
  EXPECT_EQ(DecodeEntities("&Eacute;t&eacute; &#233;t&#xE9; &hellip;"), "Été été …");
  EXPECT_EQ(DecodeEntities("&amp;amp; is how one writes &amp;"), "&amp; is how one writes &");
  EXPECT_EQ(DecodeEntities("a < b &amp; <b>not a tag</b>"), "a < b & <b>not a tag</b>");
  EXPECT_EQ(DecodeEntities("  two  spaces\nand a line  "), "  two  spaces\nand a line  ");
  EXPECT_EQ(DecodeEntities("AT&T, R&D &c."), "AT&T, R&D &c.");
}

TEST(HtmlTextTest, HtmlToTextKeepsParagraphsAndDropsTags) {
  EXPECT_EQ(HtmlToText("<p>A <b>bold</b> &amp; true story.</p><p>More.</p>"), "A bold & true story.\n\nMore.");
  EXPECT_EQ(HtmlToText("One<br>two<br/>three"), "One\ntwo\nthree");
  EXPECT_EQ(HtmlToText("<p>Caf&eacute; &#x27;quoted&#x27; &lt;i&gt;</p>"), "Café 'quoted' <i>");
  EXPECT_EQ(HtmlToText("<script>alert(1)</script><p>Shown\n  text</p>"), "Shown text");
  EXPECT_EQ(HtmlToText(""), "");
}

class HtmlImportTest : public IngestTest {};

TEST_F(HtmlImportTest, RtTextIsStoredDecoded) {
  const std::string reviews =
      "id\treview\trating\tfresh\tcritic\ttop_critic\tpublisher\tdate\n"
      "5\tBold &amp; brash.\t3/4\tfresh\tJo &amp; Co\t0\tSacramento News &amp; Review\tNovember 10, 2018\n";
  const std::string movies =
      "id\tsynopsis\trating\tgenre\tdirector\twriter\ttheater_date\tdvd_date\tcurrency\tbox_office\truntime\tstudio\n"
      "5\tTom &amp; Jerry&#39;s day.\t\tDrama\tA &amp; B\t\t\t\t\t\t\tWarner Bros. &amp; Co\n";
  ASSERT_TRUE(Run("rt-movies", {Write("rt.movie_info.tsv", movies)}).ok());
  ASSERT_TRUE(Run("rt-reviews", {Write("rt.reviews.tsv", reviews)}).ok());
  const Title film = Film("rt", "5");
  EXPECT_EQ(film.synopsis, "Tom & Jerry's day.");
  EXPECT_EQ(film.network, "Warner Bros. & Co");
  EXPECT_EQ(Credits(film.id), (std::vector<std::string>{"crew:Director:A & B"}));
  auto rows = store_->ListCriticReviews(film.id, CriticFilter::kAll).value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].review.quote, "Bold & brash.");
  ASSERT_TRUE(rows[0].publication);
  EXPECT_EQ(rows[0].publication->name, "Sacramento News & Review");
  ASSERT_TRUE(rows[0].critic);
  EXPECT_EQ(rows[0].critic->name, "Jo & Co");
}

TEST_F(HtmlImportTest, TvmazeSummariesGoThroughTheParser) {
  nlohmann::json show = nlohmann::json::parse(Read(Fixture("tvmaze/show.json")));
  show["summary"] = "<p>Caf&eacute; &#x27;quoted&#x27;</p><p>Second&nbsp;part.</p>";
  ASSERT_TRUE(Run("tvmaze", {Write("show.json", show.dump())}).ok());
  EXPECT_EQ(Film("tvmaze", std::to_string(show["id"].get<int64_t>())).synopsis,
            "Café 'quoted'\n\nSecond\u00a0part.");
}

}  // namespace
}  // namespace reel::ingest
