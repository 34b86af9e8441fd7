// CommentStore: readers' comments, the moderation queue, reports, audience reviews'
// moderation status and the spam filter's checks and training examples. Each write
// is one method and one transaction of its own (not through Store::Write()). Any
// thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/comments.h"
#include "model/ratings.h"

namespace reel {

class CommentStore {
 public:
  virtual ~CommentStore() = default;

  // What AddComment asks before it writes: `admit` sees the author's comments posted
  // since `since` (RecentComment, oldest first) and the new comment and its check. It
  // refuses with a Status (the transaction ends, nothing is written) or admits,
  // possibly changing the comment and the check (holding it as pending, with a reason).
  struct CommentGuard {
    std::string since;
    std::function<Status(const std::vector<RecentComment>& recent, Comment& comment, SpamCheck& check)> admit;
  };
  // A new comment and the spam check of its text (whose item_id and user_id are set
  // here), in one transaction; the comment's id. InvalidArgument when the thread does
  // not name exactly one article or title, or the parent is not a top-level comment of
  // the same thread. With a guard, the author's earlier comments are read and the
  // guard asked inside that transaction, under a lock on the author (their account,
  // or a guest's address), so concurrent posts of one author are counted one by one
  // on every server sharing the database.
  Result<Id> AddComment(const Comment& comment, const SpamCheck& check) { return AddComment(comment, check, {}); }
  virtual Result<Id> AddComment(const Comment& comment, const SpamCheck& check, const CommentGuard& guard) = 0;
  // NotFound when there is no such comment; a placeholder (deleted_at set) is found.
  virtual Result<Comment> GetComment(Id id) = 0;
  // Replaces a comment's text (its author's edit) with the new status the filter gave
  // and records the new text's check; updated_at moves. NotFound for a placeholder.
  virtual Status EditComment(Id id, std::string_view body, ModerationStatus status, const SpamCheck& check) = 0;
  // Deletes a comment without touching anyone else's words. One with replies becomes
  // a placeholder (text, user and guest name erased, deleted_at set; its open reports
  // resolved) and the replies stay under it; one without replies is removed with its
  // reports, and so is the placeholder above it when that was its last reply.
  // NotFound when there is no such comment or it is a placeholder already. Its spam
  // checks stay: a decided one is still a training example.
  virtual Status DeleteComment(Id id) = 0;
  virtual Status SetCommentStatus(Id id, ModerationStatus status) = 0;  // NotFound for a placeholder.
  // A thread's comments as `viewer_id` may see them: approved ones, plus the viewer's
  // own pending ones (0: none), plus the placeholders above a reply so listed; oldest
  // first, replies in the same list.
  virtual Result<std::vector<CommentRow>> ListComments(const CommentThread& thread, Id viewer_id) = 0;
  // The same comments a page at a time: the top-level comments number offset + 1 to
  // offset + limit (oldest first) with their replies, and the thread's counts.
  virtual Result<CommentPage> ListCommentPage(const CommentThread& thread, Id viewer_id, int64_t offset,
                                              int limit) = 0;
  // How many top-level comments `viewer_id` sees before the comment, or before its
  // parent for a reply (so the page it is on); NotFound when there is no such comment.
  virtual Result<int64_t> CountCommentsBefore(Id comment_id, Id viewer_id) = 0;

  // What waits for an editor: comments and audience reviews that are pending, or
  // hidden as spam, or reported (open reports, whatever their status); newest first,
  // at most `limit` of each kind. Placeholders are never listed.
  enum class ModerationQueue { kPending, kSpam, kReported };
  virtual Result<std::vector<ModerationRow>> ListModerationQueue(ModerationQueue queue, int limit) = 0;
  // Ratings the review-bombing guard holds (status 'held'), newest first.
  virtual Result<std::vector<AudienceReviewRow>> ListHeldRatings(int limit) = 0;
  // A rating by its id; NotFound when there is none.
  virtual Result<Rating> GetRatingById(Id rating_id) = 0;
  // Sets an audience review's moderation status (its stars are not touched).
  virtual Status SetReviewStatus(Id rating_id, ModerationStatus status) = 0;

  // A reader's report of a comment or a review; reporting the same item again while
  // the first report is open returns that report's id. NotFound for a comment that is
  // not there or is a placeholder.
  virtual Result<Id> AddReport(const Report& report) = 0;
  // Resolves every open report of a comment (or of a rating: comment_id 0).
  virtual Status ResolveReports(Id comment_id, Id rating_id, Id resolved_by) = 0;

  // What the spam filter needs to know of recent activity: new posts (comments and
  // reviews; an edit of one is not a new post) since `hour_ago` by the user (or, for
  // user 0, by guests from the address), and posts by anyone with a version since
  // `day_ago` whose text has this key.
  struct SpamActivity {
    int posts_last_hour = 0;
    int same_text_recent = 0;
  };
  virtual Result<SpamActivity> CountSpamActivity(Id user_id, std::string_view address, std::string_view text_key,
                                                 std::string_view hour_ago, std::string_view day_ago) = 0;
  // Puts a moderator's label ("ham", "spam", or "" to take a decision back) on the
  // newest check of the item (kind "comment" or "review"); NotFound when it has none.
  virtual Status LabelSpamCheck(std::string_view kind, Id item_id, std::string_view label, Id decided_by) = 0;
  // Every labelled check, by id: the training set of the spam model.
  virtual Result<std::vector<SpamCheck>> ListSpamExamples() = 0;
  // A short text that changes whenever the training set does (cheap to read), so a
  // server rebuilds its model only when a decision was made, here or elsewhere.
  virtual Result<std::string> SpamExamplesStamp() = 0;
};

}  // namespace reel
