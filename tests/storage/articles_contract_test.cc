// The store contract, articles slice (storage/article_store.h; sql/articles.cc):
// articles listed newest first and rewritten, with their slugs kept unique.
#include <gtest/gtest.h>

#include "store_contract.h"

namespace reel {
namespace {

TEST_P(StoreContractTest, ArticlesAreListedAndRewritten) {
  Article a;
  a.slug = "first";
  a.headline = "First";
  a.created_at = "2026-01-01T00:00:00Z";
  const Id first = store_->AddArticle(a).value();
  a.slug = "second";
  a.headline = "Second";
  a.created_at = "2026-02-01T00:00:00Z";
  const Id second = store_->AddArticle(a).value();
  auto list = store_->ListArticles(10).value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, second);
  Article edit = store_->GetArticle(first).value();
  edit.headline = "First, edited";
  edit.published_at = "2026-03-01T00:00:00Z";
  ASSERT_TRUE(store_->UpdateArticle(edit).ok());
  EXPECT_EQ(store_->FindArticleBySlug("first")->headline, "First, edited");
  EXPECT_EQ(store_->FindArticleBySlug("first")->published_at, "2026-03-01T00:00:00Z");
  edit.slug = "second";
  EXPECT_EQ(store_->UpdateArticle(edit).code(), StatusCode::kAlreadyExists);
  edit.id = 999999;
  edit.slug = "third";
  EXPECT_EQ(store_->UpdateArticle(edit).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace reel
