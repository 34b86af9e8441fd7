// Articles as editors write them: news and interviews about titles (seed 001), each
// with a headline, a slug for its address (/news/<slug>), a Markdown body
// (news/markdown.h), an optional https cover image, tags, and the titles and
// people it is about; drafts until published. Readers comment on published
// articles like on titles and rate them with 1 to 5 stars. Authorisation is
// checked here: only editors and admins write articles, any signed-in reader
// rates them. Any thread.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/accounts.h"

namespace reel {
class Store;
}

namespace reel::news {

inline constexpr size_t kMaxHeadlineLength = 200;
inline constexpr size_t kMaxBodyLength = 100000;
inline constexpr size_t kMaxTags = 12;
inline constexpr size_t kMaxLinks = 50;
inline constexpr size_t kMaxBioLength = 2000;

struct ArticleDraft {
  std::string slug;      // Empty: made from the headline.
  std::string headline;
  std::string body;      // Markdown.
  bool publish = false;  // Published articles are public; unticking makes a draft again.
  std::string cover_url;  // Empty or an https URL.
  std::string tags;       // Comma-separated words: "sci-fi, release dates".
  std::string titles;     // Title page addresses, one a line: "/tv/star-trek-picard/s02".
  std::string people;     // Person slugs or /celebrity/ addresses, one a line or comma-separated.
};

// Creates (`id` 0) or rewrites an article; returns its id. Errors name the form
// field ("slug: ...", "cover: ...", "titles: line 2: ..."); PermissionDenied for
// readers and critics. Publishing stamps the time once; it is kept when an article
// is edited.
Result<Id> SaveArticle(Store& store, const User& editor, Id id, const ArticleDraft& draft);

// The draft form of a stored article (addresses of its titles, slugs of its people).
Result<ArticleDraft> DraftOf(Store& store, Id id);

// "Sci-Fi,  release dates" -> {"release-dates", "sci-fi"}; InvalidArgument naming
// "tags" for too many or a tag with no letters or digits.
Result<std::vector<std::string>> ParseTags(std::string_view text);

// Whether `url` is an absolute https URL without spaces or quotes (a cover image,
// a video's thumbnail).
bool IsHttpsUrl(std::string_view url);
// The same for http or https (a fact's source, a video).
bool IsHttpUrl(std::string_view url);

// A signed-in reader's rating of a published article (1..5 stars, "stars: ..."
// when out of range); rating again replaces it.
Status RateArticle(Store& store, const User& reader, Id article_id, int stars);

// Sets an author's bio (editors, for themselves; admins, for anyone).
Status SaveAuthorBio(Store& store, const User& editor, Id author_id, std::string_view display_name,
                     std::string_view bio);

}  // namespace reel::news
