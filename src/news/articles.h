// Articles as editors write them: news and interviews about titles (seed 001), each
// with a headline, a slug for its address (/news/<slug>) and a body; drafts until
// published. Readers comment on published articles like on titles. Authorisation
// is checked here: only editors and admins write articles. Any thread.
#pragma once

#include <string>

#include "core/status.h"
#include "model/accounts.h"

namespace reel {
class ArticleStore;
}

namespace reel::news {

inline constexpr size_t kMaxHeadlineLength = 200;
inline constexpr size_t kMaxBodyLength = 100000;

struct ArticleDraft {
  std::string slug;      // Empty: made from the headline.
  std::string headline;
  std::string body;      // Paragraphs separated by blank lines.
  bool publish = false;  // Published articles are public; unticking makes a draft again.
};

// Creates (`id` 0) or rewrites an article; returns its id. Errors name the form
// field ("slug: ...", "headline: ..."); PermissionDenied for readers and critics.
// Publishing stamps the time once; it is kept when an article is edited.
Result<Id> SaveArticle(ArticleStore& store, const User& editor, Id id, const ArticleDraft& draft);

}  // namespace reel::news
