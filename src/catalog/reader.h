// What a title page shows its reader beside the title's own data: the reader's
// rating, a critic's own review and critic profile (for the critic-review form), and
// the page of the title's comments the reader asked for. Part of each title page's
// read model, so a page does all its reads in its loader. Plain data; the loaders
// read the store; any thread.
#pragma once

#include <optional>

#include "audience/comments.h"
#include "catalog/browse_query.h"
#include "core/status.h"
#include "model/accounts.h"
#include "model/comments.h"
#include "model/id.h"
#include "model/ratings.h"
#include "model/reviews.h"
#include "model/titles.h"

namespace reel {
class Store;
}

namespace reel::catalog {

// Who reads the page (nullptr: nobody signed in) and which page of comments (from 1).
struct PageReader {
  const User* user = nullptr;
  int64_t comments_page = 1;
  ReviewListQuery reviews;  // Which page of the title's reviews.
};

// Whether `user` may post a critic review of `title` (critics, on anything but a series).
bool ShowsCriticForm(const User& user, const Title& title);

// A page of a comment thread; a failed load is kept in `status` (the page is still
// worth showing without its comments).
struct CommentsPart {
  Status status;
  audience::ThreadPage page;
};
CommentsPart LoadComments(Store& store, const CommentThread& thread, Id viewer_id, int64_t page);

struct ReaderParts {
  std::optional<Rating> rating;               // The reader's own rating of the title.
  std::optional<Critic> critic;               // The critic a critic account posts as.
  std::optional<CriticReview> critic_review;  // That critic's review of the title.
  CommentsPart comments;
};
ReaderParts LoadReaderParts(Store& store, const Title& title, const PageReader& reader);

}  // namespace reel::catalog
