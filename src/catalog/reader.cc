#include "catalog/reader.h"

#include "audience/critic_posts.h"
#include "storage/store.h"

namespace reel::catalog {

bool ShowsCriticForm(const User& user, const Title& title) {
  return audience::CanPostCriticReviews(user) && title.kind != TitleKind::kSeries;
}

CommentsPart LoadComments(Store& store, const CommentThread& thread, Id viewer_id, int64_t page) {
  CommentsPart out;
  auto loaded = audience::LoadThreadPage(store, thread, viewer_id, page);
  if (loaded.ok()) out.page = std::move(*loaded);
  else out.status = loaded.status();
  return out;
}

ReaderParts LoadReaderParts(Store& store, const Title& title, const PageReader& reader) {
  ReaderParts out;
  const User* user = reader.user;
  if (user) {
    // A failed read leaves the part out, as if there were none.
    if (auto mine = store.GetRating(user->id, title.id); mine.ok()) out.rating = std::move(*mine);
    if (ShowsCriticForm(*user, title)) {
      if (auto critic = store.GetCritic(user->critic_id); critic.ok()) out.critic = std::move(*critic);
      if (auto review = store.GetCriticReview(title.id, user->critic_id); review.ok()) out.critic_review = std::move(*review);
    }
  }
  out.comments = LoadComments(store, CommentThread{0, title.id}, user ? user->id : 0, reader.comments_page);
  return out;
}

}  // namespace reel::catalog
