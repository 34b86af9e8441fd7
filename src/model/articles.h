// News articles (src/news/ writes them; comments attach to them), their ratings
// and their authors' profiles. Plain structs; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/id.h"

namespace reel {

struct Article {
  Id id = 0;
  std::string slug;
  std::string headline;
  std::string body_markdown;
  Id author_id = 0;
  std::string published_at;  // ISO 8601 UTC; empty while a draft.
  std::string created_at;
  std::string cover_url;   // An https image URL, or empty.
  std::string updated_at;  // Last saved, ISO 8601 UTC (the Atom feed's <updated>).
  // What the article is linked to. Filled by GetArticle and FindArticleBySlug (not
  // by the list reads) and written by AddArticle and UpdateArticle.
  std::vector<Id> title_ids;
  std::vector<Id> person_ids;
  std::vector<std::string> tags;  // Lowercase words joined by hyphens ("sci-fi").
};

// Which published articles a list read returns, newest first.
struct ArticleQuery {
  std::string tag;            // Only those with this tag, when not empty.
  std::vector<Id> title_ids;  // Only those linked to one of these titles, when not empty.
  Id author_id = 0;           // Only this author's, when not 0.
  int limit = 20;
  int64_t offset = 0;
};

// A published article as lists show it, with its author's name.
struct ArticleCard {
  Article article;
  std::string author_username;
  std::string author_name;
};

// Readers' star ratings of an article.
struct ArticleRatingSummary {
  int64_t count = 0;
  double average = 0;  // Mean stars (1..5); 0 when count is 0.
  int mine = 0;        // The asking reader's stars, 0 when none.
};

// What an author's profile says of them (any editor may be one).
struct AuthorProfile {
  Id user_id = 0;
  std::string display_name;
  std::string bio;
};

}  // namespace reel
