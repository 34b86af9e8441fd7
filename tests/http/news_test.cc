// News and editorial over HTTP against the real binary, on SQLite and PostgreSQL,
// with the demo catalog (its seed 001 article, facts and editorial list): the
// article page (release-date table from the catalog, cast, facts, rating, author,
// share links, related), /news paged and filtered, an author's page, title pages'
// News & Interviews, /lists, Atom feeds, and every editor form: refused without
// its CSRF token, refused for a reader, bad input named by its field.
#include <gtest/gtest.h>

#include <fstream>

#include "site_test.h"

namespace reel::testing {
namespace {

constexpr const char* kArticle = "/news/when-will-star-trek-picard-season-2-be-released";
constexpr const char* kPassword = "a long passphrase";

class NewsTest : public SiteTest {
 protected:
  NewsTest() : SiteTest("news") {}

  void StaffSignIn(Browser& b, const std::string& name, const std::string& role) {
    const auto input = dir_ / "stdin.txt";
    std::ofstream(input) << kPassword << "\n";
    auto [status, out] = RunReel("users add " + name + " --role " + role + " --email " + name +
                                 "@example.org --password-stdin --db " + db_ + " < " + input.string());
    ASSERT_EQ(status, 0) << out;
    auto form = b.Get("/account/signin");
    ASSERT_EQ(b.Post("/account/signin", Form({{"csrf", Browser::Csrf(form.body)}, {"username", name},
                                               {"password", kPassword}})).status, 303);
  }
  std::string CsrfAfter(Browser& b, const std::string& target, const std::string& marker) {
    auto page = b.Get(target);
    const size_t at = page.body.find(marker);
    return at == std::string::npos ? "" : Browser::Csrf(page.body.substr(at));
  }
  static bool Has(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }
};

TEST_P(NewsTest, TheSeedArticleShowsWhatSeed001Shows) {
  auto page = HttpGet(port(), kArticle);
  ASSERT_EQ(page.status, 200);
  const std::string& b = page.body;
  EXPECT_TRUE(Has(b, "<h2>When does season 2 come out?</h2>"));  // Markdown rendered.
  // The release-date table comes from the catalog's episodes of season 2.
  EXPECT_TRUE(Has(b, "<td>2x01</td>"));
  EXPECT_TRUE(Has(b, "<td>2x10</td>"));
  EXPECT_TRUE(Has(b, "datetime=\"2022-03-03\""));
  EXPECT_TRUE(Has(b, "datetime=\"2022-05-05\""));
  EXPECT_TRUE(Has(b, "Patrick Stewart</a> as Jean-Luc Picard"));
  EXPECT_TRUE(Has(b, "Interesting facts"));
  EXPECT_EQ(Count(b, "class=\"fact-source\"") + Count(b, "<li>Much of the crew"), 1);
  EXPECT_TRUE(Has(b, "( No ratings yet )"));
  EXPECT_TRUE(Has(b, "href=\"/news/author/newsdesk\""));
  EXPECT_TRUE(Has(b, "The best space sci-fi series and films"));
  EXPECT_TRUE(Has(b, "mailto:?subject="));
  EXPECT_EQ(Count(b, "<script"), Count(b, "<script src=\"/static/search.js\""));  // Our own script only.
  EXPECT_TRUE(Has(b, "id=\"comments\""));
  EXPECT_EQ(HttpGet(port(), "/news/no-such-article").status, 404);
}

TEST_P(NewsTest, ReadersRateAnArticleOnceAndMayChange) {
  Browser ann(port()), bob(port()), anon(port());
  SignUp(ann, "ann_lee");
  SignUp(bob, "bob_ray");
  const std::string action = std::string(kArticle) + "/rating";
  EXPECT_EQ(anon.Post(action, Form({{"stars", "5"}})).status, 303);  // Sign in first.
  EXPECT_EQ(ann.Post(action, Form({{"stars", "5"}})).status, 403);   // No token.
  const std::string csrf = CsrfAfter(ann, kArticle, "class=\"article-stars\"");
  ASSERT_FALSE(csrf.empty());
  auto bad = ann.Post(action, Form({{"csrf", csrf}, {"stars", "9"}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Has(bad.body, "stars:"));
  ASSERT_EQ(ann.Post(action, Form({{"csrf", csrf}, {"stars", "5"}})).status, 303);
  ASSERT_EQ(ann.Post(action, Form({{"csrf", csrf}, {"stars", "4"}})).status, 303);  // Changed.
  ASSERT_EQ(bob.Post(action, Form({{"csrf", CsrfAfter(bob, kArticle, "class=\"article-stars\"")}, {"stars", "1"}}))
                .status, 303);
  auto page = anon.Get(kArticle);
  EXPECT_TRUE(Has(page.body, "2.5 / 5</span> from 2 ratings")) << page.body.substr(page.body.find("id=\"rating\""), 400);
  EXPECT_TRUE(Has(ann.Get(kArticle).body, "Your rating: 4 of 5 stars"));
}

TEST_P(NewsTest, NewsIndexAuthorAndTitlePages) {
  auto index = HttpGet(port(), "/news");
  ASSERT_EQ(index.status, 200);
  EXPECT_TRUE(Has(index.body, std::string("href=\"") + kArticle + "\""));
  EXPECT_TRUE(Has(HttpGet(port(), "/news?tag=sci-fi").body, kArticle));
  EXPECT_FALSE(Has(HttpGet(port(), "/news?tag=cooking").body, kArticle));
  EXPECT_TRUE(Has(HttpGet(port(), "/news?title=/tv/star-trek-picard/s02").body, kArticle));
  auto bad_title = HttpGet(port(), "/news?title=/tv/nothing-here");
  EXPECT_EQ(bad_title.status, 400);
  EXPECT_TRUE(Has(bad_title.body, "title:"));
  EXPECT_EQ(HttpGet(port(), "/news?page=0").status, 400);
  EXPECT_EQ(HttpGet(port(), "/news?page=99999999999").status, 400);
  EXPECT_EQ(HttpGet(port(), "/news?page=5").status, 404);
  auto author = HttpGet(port(), "/news/author/newsdesk");
  ASSERT_EQ(author.status, 200);
  EXPECT_TRUE(Has(author.body, "The reel news desk"));
  EXPECT_TRUE(Has(author.body, kArticle));
  EXPECT_EQ(HttpGet(port(), "/news/author/nobody-here").status, 404);
  // Title pages: the season and its series show the article and the facts.
  for (const char* title : {"/tv/star-trek-picard/s02", "/tv/star-trek-picard", "/tv/star-trek-picard/s02/e01"}) {
    auto t = HttpGet(port(), title);
    ASSERT_EQ(t.status, 200) << title;
    EXPECT_TRUE(Has(t.body, "News &amp; Interviews for")) << title;
    EXPECT_TRUE(Has(t.body, kArticle)) << title;
  }
  EXPECT_TRUE(Has(HttpGet(port(), "/tv/star-trek-picard").body, "Interesting facts"));
  EXPECT_TRUE(Has(HttpGet(port(), "/tv/the-expanse").body, "href=\"/lists/best-space-sci-fi-series-and-films\""));
}

TEST_P(NewsTest, EditorialListsShowScoresAndBlurbs) {
  auto index = HttpGet(port(), "/lists");
  ASSERT_EQ(index.status, 200);
  EXPECT_TRUE(Has(index.body, "/lists/best-space-sci-fi-series-and-films"));
  auto list = HttpGet(port(), "/lists/best-space-sci-fi-series-and-films");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(list.body, "href=\"/tv/the-expanse\""));
  EXPECT_TRUE(Has(list.body, "Hard science fiction"));
  EXPECT_TRUE(Has(list.body, "class=\"card-scores\""));
  EXPECT_LT(list.body.find("/tv/the-expanse"), list.body.find("/tv/star-trek-discovery"));  // Ranked.
  EXPECT_EQ(HttpGet(port(), "/lists/nothing").status, 404);
  EXPECT_EQ(HttpGet(port(), "/lists?page=x").status, 400);
}

TEST_P(NewsTest, AtomFeedsAreServed) {
  for (const char* feed : {"/news.atom", "/tv/star-trek-picard/news.atom", "/tv/star-trek-picard/reviews.atom"}) {
    auto res = HttpGet(port(), feed);
    ASSERT_EQ(res.status, 200) << feed;
    EXPECT_EQ(res.Header("content-type"), "application/atom+xml; charset=utf-8");
    EXPECT_TRUE(Has(res.body, "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    EXPECT_TRUE(Has(res.body, "rel=\"self\""));
    EXPECT_EQ(Count(res.body, "<entry>"), Count(res.body, "</entry>"));
    EXPECT_GE(Count(res.body, "<entry>"), 1) << feed;
  }
  EXPECT_TRUE(Has(HttpGet(port(), "/news.atom").body, "<content type=\"html\">&lt;p&gt;"));
  EXPECT_EQ(HttpGet(port(), "/tv/no-such-series/news.atom").status, 404);
}

TEST_P(NewsTest, EditorsWriteArticlesWithPreviewAndXssComesOutInert) {
  Browser editor(port()), reader(port());
  StaffSignIn(editor, "ed_itor", "editor");
  SignUp(reader, "rea_der");
  EXPECT_EQ(reader.Get("/admin/articles").status, 403);
  const std::string csrf = CsrfAfter(editor, "/admin/articles/new", "action=\"/admin/articles\"");
  ASSERT_FALSE(csrf.empty());
  const std::string body =
      "Hi <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n[x](javascript:alert(3)) "
      "[y](data:text/html,boom)\n\n| a | b |\n|---|---|\n| 1 | 2 |";
  auto fields = [&](const std::string& token, const std::string& action, const std::string& cover) {
    return Form({{"csrf", token}, {"headline", "XSS test"}, {"body", body}, {"cover", cover}, {"tags", "Tests"},
                 {"titles", "/tv/star-trek-picard/s02"}, {"people", "patrick-stewart"}, {"publish", "yes"},
                 {"action", action}});
  };
  EXPECT_EQ(editor.Post("/admin/articles", fields("", "save", "")).status, 403);
  auto as_reader = reader.Post("/admin/articles", fields(CsrfAfter(reader, "/account", "name=\"csrf\""), "save", ""));
  EXPECT_EQ(as_reader.status, 403);
  auto preview = editor.Post("/admin/articles", fields(csrf, "preview", ""));
  ASSERT_EQ(preview.status, 200);
  EXPECT_TRUE(Has(preview.body, "<td>1</td>"));
  EXPECT_FALSE(Has(preview.body, "<script>alert"));
  auto bad = editor.Post("/admin/articles", fields(csrf, "save", "javascript:alert(1)"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Has(bad.body, "cover:"));
  EXPECT_TRUE(Has(bad.body, "XSS test"));  // What was typed stays.
  auto bad_title = editor.Post("/admin/articles",
                               Form({{"csrf", csrf}, {"headline", "T"}, {"titles", "/tv/nothing"}, {"action", "save"}}));
  EXPECT_EQ(bad_title.status, 400);
  EXPECT_TRUE(Has(bad_title.body, "titles: line 1"));
  ASSERT_EQ(editor.Post("/admin/articles", fields(csrf, "save", "https://example.org/c.jpg")).status, 303);
  auto page = HttpGet(port(), "/news/xss-test");
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(Has(page.body, "<script>alert"));
  EXPECT_FALSE(Has(page.body, "<img src=x"));
  EXPECT_FALSE(Has(page.body, "javascript:"));
  EXPECT_FALSE(Has(page.body, "data:text/html"));
  EXPECT_TRUE(Has(page.body, "&lt;script&gt;"));
  EXPECT_TRUE(Has(page.body, "src=\"https://example.org/c.jpg\""));
  EXPECT_TRUE(Has(page.body, "href=\"/news?tag=tests\""));
  // Related: it shares a title with the seed article.
  EXPECT_TRUE(Has(HttpGet(port(), kArticle).body, "href=\"/news/xss-test\""));
}

TEST_P(NewsTest, EditorsManageFactsVideosAndListsOnTheServer) {
  Browser editor(port()), reader(port());
  StaffSignIn(editor, "ed_itor", "editor");
  SignUp(reader, "rea_der");
  const std::string film = "/m/arrival";
  const std::string csrf = CsrfAfter(editor, film, "id=\"editorial-tools\"");
  ASSERT_FALSE(csrf.empty());
  EXPECT_FALSE(Has(reader.Get(film).body, "id=\"editorial-tools\""));
  EXPECT_EQ(editor.Post(film + "/facts", Form({{"body", "No token."}})).status, 403);
  const std::string reader_csrf = CsrfAfter(reader, "/account", "name=\"csrf\"");
  EXPECT_EQ(reader.Post(film + "/facts", Form({{"csrf", reader_csrf}, {"body", "A reader's fact."}})).status, 403);
  auto bad = editor.Post(film + "/facts", Form({{"csrf", csrf}, {"body", "Fact."}, {"source", "javascript:x"}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Has(bad.body, "source:"));
  ASSERT_EQ(editor.Post(film + "/facts", Form({{"csrf", csrf}, {"body", "First fact."}})).status, 303);
  ASSERT_EQ(editor.Post(film + "/facts", Form({{"csrf", csrf}, {"body", "Second fact."},
                                               {"source", "https://example.org/src"}})).status, 303);
  auto page = editor.Get(film);
  EXPECT_LT(page.body.find("First fact."), page.body.find("Second fact."));
  const size_t second = page.body.find("Second fact.");
  const std::string key = "action=\"" + film + "/facts/";
  const size_t form_at = page.body.find(key, second);
  ASSERT_NE(form_at, std::string::npos);
  const std::string fact_path = page.body.substr(form_at + 8, page.body.find('"', form_at + 8) - form_at - 8);
  ASSERT_EQ(editor.Post(fact_path, Form({{"csrf", csrf}, {"action", "up"}})).status, 303);
  page = HttpGet(port(), film);
  EXPECT_LT(page.body.find("Second fact."), page.body.find("First fact."));
  ASSERT_EQ(editor.Post(fact_path, Form({{"csrf", csrf}, {"action", "delete"}})).status, 303);
  EXPECT_FALSE(Has(HttpGet(port(), film).body, "Second fact."));
  // Videos.
  auto bad_video = editor.Post(film + "/videos", Form({{"csrf", csrf}, {"name", "T"}, {"url", "https://youtu.be/x"},
                                                       {"kind", "movie"}}));
  EXPECT_EQ(bad_video.status, 400);
  EXPECT_TRUE(Has(bad_video.body, "kind:"));
  ASSERT_EQ(editor.Post(film + "/videos", Form({{"csrf", csrf}, {"name", "Official trailer"},
                                                {"url", "https://www.youtube.com/watch?v=tFMo3UJ4B4g"},
                                                {"kind", "trailer"}, {"duration", "2:31"}})).status, 303);
  page = HttpGet(port(), film);
  EXPECT_TRUE(Has(page.body, "href=\"https://www.youtube.com/watch?v=tFMo3UJ4B4g\""));
  EXPECT_TRUE(Has(page.body, "2:31"));
  EXPECT_FALSE(Has(page.body, "<iframe"));  // No third-party frame by default.
  EXPECT_EQ(Count(page.body, "<script"), Count(page.body, "<script src=\"/static/search.js\""));
  // Lists.
  EXPECT_EQ(reader.Get("/admin/lists").status, 403);
  const std::string list_csrf = CsrfAfter(editor, "/admin/lists/new", "action=\"/admin/lists\"");
  EXPECT_EQ(editor.Post("/admin/lists", Form({{"name", "N"}})).status, 403);
  auto bad_list = editor.Post("/admin/lists", Form({{"csrf", list_csrf}, {"name", "Films"},
                                                    {"entries", "/m/arrival | Best.\n/m/nothing | x"}}));
  EXPECT_EQ(bad_list.status, 400);
  EXPECT_TRUE(Has(bad_list.body, "entries: line 2"));
  ASSERT_EQ(editor.Post("/admin/lists", Form({{"csrf", list_csrf}, {"name", "Two films"}, {"ranked", "yes"},
                                              {"published", "yes"}, {"entries", "/m/logan | Grim.\n/m/arrival | Wise."}}))
                .status, 303);
  auto list = HttpGet(port(), "/lists/two-films");
  ASSERT_EQ(list.status, 200);
  EXPECT_LT(list.body.find("/m/logan"), list.body.find("/m/arrival"));
  EXPECT_TRUE(Has(HttpGet(port(), "/m/logan").body, "href=\"/lists/two-films\""));
}

INSTANTIATE_TEST_SUITE_P(Stores, NewsTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
