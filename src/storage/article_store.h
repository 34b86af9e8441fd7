// ArticleStore: news articles, with the titles, people and tags they are linked
// to, readers' star ratings of them, their authors' profiles and the reads the
// news pages and feeds make (published lists, related articles, a series' newest
// critic reviews). Each write is one method and one transaction of its own (not
// through Store::Write()). Any thread.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/articles.h"
#include "model/reviews.h"

namespace reel {

// A critic review with the title (season or episode) it is of, for feeds.
struct TitledCriticReview {
  CriticReviewRow row;
  Id title_id = 0;
};

class ArticleStore {
 public:
  virtual ~ArticleStore() = default;

  // A new article with its links (title_ids, person_ids, tags); its id.
  // AlreadyExists when the slug is another's; NotFound for a linked title or
  // person that does not exist.
  virtual Result<Id> AddArticle(const Article& article) = 0;
  // By slug or id, with its links.
  virtual Result<Article> FindArticleBySlug(std::string_view slug) = 0;
  virtual Result<Article> GetArticle(Id id) = 0;
  // Rewrites an article (by id): slug, headline, body, publication time, cover,
  // links; NotFound when there is none, AlreadyExists when the slug is another's.
  virtual Status UpdateArticle(const Article& article) = 0;
  // Articles, drafts included, newest first.
  virtual Result<std::vector<Article>> ListArticles(int limit) = 0;

  // Published articles the query asks for, newest published first.
  virtual Result<std::vector<ArticleCard>> ListPublishedArticles(const ArticleQuery& query) = 0;
  // Other published articles sharing titles or tags with `article_id`, those
  // sharing most first, then newest.
  virtual Result<std::vector<ArticleCard>> ListRelatedArticles(Id article_id, int limit) = 0;

  // Sets `user_id`'s rating of an article to `stars` (1..5), replacing theirs.
  virtual Status RateArticle(Id article_id, Id user_id, int stars, std::string_view now) = 0;
  // The count and mean of an article's ratings, and `user_id`'s own (0: none).
  virtual Result<ArticleRatingSummary> GetArticleRating(Id article_id, Id user_id) = 0;

  // An author's profile; an empty one (no bio) for an author who has none.
  virtual Result<AuthorProfile> GetAuthorProfile(Id user_id) = 0;
  virtual Status SetAuthorProfile(const AuthorProfile& profile) = 0;

  // The newest critic reviews of a series' seasons and episodes (by review date,
  // then newest id), for its reviews feed.
  virtual Result<std::vector<TitledCriticReview>> ListSeriesCriticReviews(Id series_id, int limit) = 0;
};

}  // namespace reel
