// The store contract, news and editorial slices (storage/article_store.h,
// trivia_store.h, list_store.h; sql/articles.cc, sql/article_reads.cc,
// sql/trivia.cc, sql/lists.cc), on SQLite and PostgreSQL: article links, published
// lists by tag and title, related articles, article ratings (average and count,
// one per reader), facts kept in order, editorial lists with unique slugs, videos.
#include <gtest/gtest.h>

#include "store_contract.h"

namespace reel {
namespace {

Article MakeArticle(const std::string& slug, const std::string& published, std::vector<Id> titles,
                    std::vector<std::string> tags) {
  Article a;
  a.slug = slug;
  a.headline = "About " + slug;
  a.body_markdown = "Text.";
  a.published_at = published;
  a.created_at = published.empty() ? "2026-01-01T00:00:00Z" : published;
  a.title_ids = std::move(titles);
  a.tags = std::move(tags);
  return a;
}

TEST_P(StoreContractTest, ArticlesKeepTheirLinksAndListByTagAndTitle) {
  const Id series = AddSeries("picard", "Picard");
  const Id season = AddChild(series, TitleKind::kSeason, 2, "2022-03-03");
  const Id other = AddSeries("expanse", "The Expanse");
  const Id author = AddUser("desk");
  ASSERT_TRUE(store_->SetAuthorProfile({author, "The Desk", "We write."}).ok());
  Article a = MakeArticle("s2-dates", "2026-02-01T00:00:00Z", {season, series}, {"dates", "sci-fi"});
  a.author_id = author;
  a.cover_url = "https://example.org/c.jpg";
  const Id first = store_->AddArticle(a).value();
  const Id second = store_->AddArticle(MakeArticle("expanse-news", "2026-03-01T00:00:00Z", {other}, {"sci-fi"})).value();
  store_->AddArticle(MakeArticle("draft", "", {season}, {"dates"})).value();
  Article got = store_->GetArticle(first).value();
  EXPECT_EQ(got.title_ids, (std::vector<Id>{std::min(series, season), std::max(series, season)}));
  EXPECT_EQ(got.tags, (std::vector<std::string>{"dates", "sci-fi"}));
  EXPECT_EQ(got.cover_url, "https://example.org/c.jpg");

  auto all = store_->ListPublishedArticles({}).value();
  ASSERT_EQ(all.size(), 2u);  // The draft is not listed.
  EXPECT_EQ(all[0].article.id, second);
  EXPECT_EQ(all[1].author_name, "The Desk");
  EXPECT_EQ(all[1].author_username, "desk");
  ArticleQuery by_tag;
  by_tag.tag = "dates";
  ASSERT_EQ(store_->ListPublishedArticles(by_tag).value().size(), 1u);
  ArticleQuery by_title;
  by_title.title_ids = {season};
  auto of_season = store_->ListPublishedArticles(by_title).value();
  ASSERT_EQ(of_season.size(), 1u);
  EXPECT_EQ(of_season[0].article.id, first);
  ArticleQuery paged;
  paged.limit = 1;
  paged.offset = 1;
  ASSERT_EQ(store_->ListPublishedArticles(paged).value().size(), 1u);
  EXPECT_EQ(store_->ListPublishedArticles(paged).value()[0].article.id, first);

  // Related: shares the sci-fi tag only.
  auto related = store_->ListRelatedArticles(first, 5).value();
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0].article.id, second);

  // A link to a title that does not exist changes nothing.
  Article broken = got;
  broken.title_ids.push_back(999999);
  EXPECT_EQ(store_->UpdateArticle(broken).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetArticle(first)->title_ids.size(), 2u);
}

TEST_P(StoreContractTest, ArticleRatingsAverageAndCountOnePerReader) {
  const Id id = store_->AddArticle(MakeArticle("rated", "2026-02-01T00:00:00Z", {}, {})).value();
  const Id ann = AddUser("ann");
  const Id bob = AddUser("bob");
  auto none = store_->GetArticleRating(id, ann).value();
  EXPECT_EQ(none.count, 0);
  EXPECT_EQ(none.mine, 0);
  ASSERT_TRUE(store_->RateArticle(id, ann, 5, "2026-02-02T00:00:00Z").ok());
  ASSERT_TRUE(store_->RateArticle(id, bob, 2, "2026-02-02T00:00:00Z").ok());
  ASSERT_TRUE(store_->RateArticle(id, ann, 4, "2026-02-03T00:00:00Z").ok());  // Changed, not added.
  auto r = store_->GetArticleRating(id, ann).value();
  EXPECT_EQ(r.count, 2);
  EXPECT_DOUBLE_EQ(r.average, 3.0);
  EXPECT_EQ(r.mine, 4);
  EXPECT_EQ(store_->RateArticle(id, ann, 6, "x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->RateArticle(999999, ann, 3, "x").code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, FactsKeepTheirOrder) {
  const Id series = AddSeries("picard", "Picard");
  const Id a = store_->AddTrivia({0, series, 0, "First.", ""}).value();
  const Id b = store_->AddTrivia({0, series, 0, "Second.", "https://example.org"}).value();
  const Id c = store_->AddTrivia({0, series, 0, "Third.", ""}).value();
  auto order = [&] {
    std::vector<Id> ids;
    for (const auto& f : store_->ListTrivia(series).value()) ids.push_back(f.id);
    return ids;
  };
  EXPECT_EQ(order(), (std::vector<Id>{a, b, c}));
  ASSERT_TRUE(store_->MoveTrivia(c, TriviaMove::kUp).ok());
  EXPECT_EQ(order(), (std::vector<Id>{a, c, b}));
  ASSERT_TRUE(store_->MoveTrivia(a, TriviaMove::kUp).ok());  // Already first.
  EXPECT_EQ(order(), (std::vector<Id>{a, c, b}));
  ASSERT_TRUE(store_->DeleteTrivia(a).ok());
  EXPECT_EQ(order(), (std::vector<Id>{c, b}));
  EXPECT_EQ(store_->ListTrivia(series)->front().position, 1);
  ASSERT_TRUE(store_->UpdateTrivia({b, series, 0, "Second, edited.", ""}).ok());
  EXPECT_EQ(store_->GetTrivia(b)->body, "Second, edited.");
  EXPECT_EQ(store_->DeleteTrivia(999999).code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, EditorialListsAreOneListMechanism) {
  const Id s1 = AddSeries("expanse", "The Expanse");
  const Id s2 = AddSeries("picard", "Picard");
  const Id editor = AddUser("ed");
  TitleList l;
  l.owner_id = editor;
  l.slug = "best-sci-fi";
  l.name = "Best sci-fi";
  l.editorial = true;
  const Id id = store_->CreateList(l, {{s1, 1, "Top."}, {s2, 2, ""}}).value();
  EXPECT_EQ(store_->CreateList(l, {}).status().code(), StatusCode::kAlreadyExists);
  TitleList mine = l;  // A reader's own list may reuse the slug: its namespace is theirs.
  mine.editorial = false;
  EXPECT_TRUE(store_->CreateList(mine, {{s2, 1, ""}}).ok());
  auto found = store_->FindEditorialList("best-sci-fi").value();
  EXPECT_EQ(found.id, id);
  EXPECT_TRUE(found.ranked);
  auto entries = store_->ListEntries(id).value();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].note, "Top.");
  EXPECT_EQ(store_->ListEditorialLists(10, 0)->size(), 1u);
  EXPECT_EQ(store_->ListListsWithTitle(s2, 10)->size(), 1u);  // Only the editorial one.
  found.name = "Best sci-fi, again";
  ASSERT_TRUE(store_->UpdateList(found, {{s2, 1, "Now first."}}).ok());
  EXPECT_EQ(store_->ListEntries(id)->size(), 1u);
  EXPECT_TRUE(store_->ListListsWithTitle(s1, 10)->empty());
  EXPECT_EQ(store_->UpdateList(found, {{999999, 1, ""}}).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListEntries(id)->size(), 1u);  // Nothing changed.
}

TEST_P(StoreContractTest, VideosCarryProviderAndThumbnail) {
  const Id series = AddSeries("picard", "Picard");
  Video v;
  v.title_id = series;
  v.name = "Trailer";
  v.url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
  v.kind = "trailer";
  v.duration_seconds = 151;
  v.provider = "youtube";
  v.thumbnail_url = "https://example.org/t.jpg";
  Id id = 0;
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) -> Status {
    REEL_ASSIGN_OR_RETURN(id, w.UpsertVideo(v));
    return Status::Ok();
  }).ok());
  auto videos = store_->ListVideos(series).value();
  ASSERT_EQ(videos.size(), 1u);
  EXPECT_EQ(videos[0].provider, "youtube");
  EXPECT_EQ(videos[0].thumbnail_url, "https://example.org/t.jpg");
  EXPECT_EQ(store_->Write([&](StoreWriter& w) { return w.DeleteVideo(series + 1000, id); }).code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.DeleteVideo(series, id); }).ok());
  EXPECT_TRUE(store_->ListVideos(series)->empty());
}

}  // namespace
}  // namespace reel
