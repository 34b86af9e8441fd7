// ArticleStore: news articles. Each write is one method and one transaction of its
// own (not through Store::Write()). Any thread.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/articles.h"

namespace reel {

class ArticleStore {
 public:
  virtual ~ArticleStore() = default;

  // A new article (the news feature writes them later); its id. By slug:
  virtual Result<Id> AddArticle(const Article& article) = 0;
  virtual Result<Article> FindArticleBySlug(std::string_view slug) = 0;
  virtual Result<Article> GetArticle(Id id) = 0;
  // Rewrites an article's slug, headline, body and publication time (by id);
  // NotFound when there is none, AlreadyExists when the slug is another's.
  virtual Status UpdateArticle(const Article& article) = 0;
  // Articles, drafts included, newest first.
  virtual Result<std::vector<Article>> ListArticles(int limit) = 0;
};

}  // namespace reel
