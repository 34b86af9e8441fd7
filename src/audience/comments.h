// Readers' comments on a thread (an article, or a film, season or episode): the
// rules of writing, replying, editing and deleting, shared by the web forms and the
// API.
//
// A comment is plain text with paragraphs, 1 to kMaxCommentLength bytes of UTF-8
// without control characters. Members comment under their account; guests (where
// the operator allows them) give a name and an email, which is never shown. Every
// text passes the spam filter (moderation.h) before it is shown: approved texts
// appear at once, pending ones wait for an editor (their author sees them, marked
// "awaiting moderation"), spam is hidden. There is one level of replies: a reply to a
// reply attaches to the top comment. Authors edit and delete their own comments
// (an edit is checked again); editors and admins may delete any. Deleting never
// removes another reader's words: a comment with replies stays as a "[deleted]"
// placeholder (no text, no author) over them, and goes when its last reply goes; a
// comment without replies goes at once. Hiding does not either: a comment a reader
// may not see (spam, another's pending) shows the same placeholder over the replies
// they see. A closed account's comments stay, shown as by "Deleted user".
//
// Flood limits (kFloodLimits) hold whatever the filter says: an author (an
// account; guests by network address) may post only so many comments a minute and
// an hour, fewer from a new account, and the same text (SpamTextKey) once per thread
// and a few times a day in all; past a limit a comment is refused (ResourceExhausted,
// with the seconds to wait). An author's burst of comments in one thread is held for
// an editor. The store counts an author's comments and adds the new one in one
// transaction under a lock on the author, so concurrent posts cannot slip past a
// limit, on any number of servers sharing the database.
//
// Threads are shown a page at a time: kCommentsPerPage top-level comments, oldest
// first, each with all its replies. Any thread may call these functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "audience/moderation.h"
#include "core/status.h"
#include "model/accounts.h"
#include "model/comments.h"

namespace reel {
class CommentStore;
class Store;
}

namespace reel::audience {

inline constexpr size_t kMaxCommentLength = 5000;
inline constexpr size_t kMaxGuestNameLength = 60;

// Trimmed text that is not empty, at most kMaxCommentLength bytes of UTF-8, with no
// control characters but newlines and tabs; errors name the field "body".
Status ValidateCommentBody(std::string_view body);
// A guest's name (1..kMaxGuestNameLength, no control characters) and email.
Status ValidateGuest(std::string_view name, std::string_view email);

// The comment `comment_id` while it stands: NotFound when there is none or only its
// placeholder is left (nothing of it to edit, delete, report or moderate).
Result<Comment> StandingComment(CommentStore& store, Id comment_id);


// How many comments one author may post in a minute and in an hour.
struct PostingRate {
  int per_minute = 0;
  int per_hour = 0;
};

struct FloodLimits {
  PostingRate member;          // An account at least new_account_days old.
  PostingRate new_member;      // A younger account.
  PostingRate guest;           // All guests posting from one network address together.
  int new_account_days = 0;
  // Comments with one text (SpamTextKey) an author may have posted in the last day:
  // in one thread, and anywhere.
  int same_text_per_thread = 0;
  int same_text_per_day = 0;
  // An author's comment in a thread where they already posted this many in the last
  // thread_burst_seconds waits for an editor.
  int thread_burst = 0;
  int64_t thread_burst_seconds = 0;
};

// The limits reel applies: generous for a reader in a lively discussion, tight for a
// script. WordPress refuses a second comment from one address within 15 seconds;
// Stack Exchange allows one comment every 15 seconds; an established member here
// gets 5 a minute and 60 an hour, a new account or a guest address 3 and 20.
inline constexpr FloodLimits kFloodLimits{.member = {.per_minute = 5, .per_hour = 60},
                                          .new_member = {.per_minute = 3, .per_hour = 20},
                                          .guest = {.per_minute = 3, .per_hour = 20},
                                          .new_account_days = 1,
                                          .same_text_per_thread = 1,
                                          .same_text_per_day = 3,
                                          .thread_burst = 5,
                                          .thread_burst_seconds = 600};

// The limits in a sentence or two, for editors and readers ("An account may post 5
// comments a minute ...").
std::string DescribeFloodLimits(const FloodLimits& limits);

// What the flood limits say of a new comment.
enum class FloodAction { kAllow, kHold, kRefuse };
struct FloodCheck {
  FloodAction action = FloodAction::kAllow;
  std::string reason;       // For the author when refused; for the editors when held.
  int64_t retry_after = 0;  // When refused: seconds until the comment would be accepted.
};

// Applies `limits` to a new comment with text key `text_key` in `thread`, posted at
// `now` (Unix seconds) by an author whose comments of the last day are `recent`
// (RecentComment: oldest first, one per comment). `account_age_days` is ignored for
// guests. Refusals come first (the same text in the thread, then anywhere, then the
// rates); a burst in the thread holds. Pure.
FloodCheck CheckFlood(const FloodLimits& limits, const std::vector<RecentComment>& recent, bool guest,
                      double account_age_days, const CommentThread& thread, std::string_view text_key, int64_t now);

// Posts a comment (a reply when parent_id is set) after the spam check and within
// kFloodLimits; the stored comment with the status the filter (or a hold) gave. Past
// a limit: ResourceExhausted, with the seconds to wait in *retry_after (when given).
Result<Comment> PostComment(Store& store, SpamModel& model, const Poster& poster, const CommentThread& thread,
                            Id parent_id, std::string_view body, int64_t* retry_after = nullptr);
// Replaces the text of `user`'s own comment (PermissionDenied for anyone else's);
// the new text is checked again.
Status EditComment(Store& store, SpamModel& model, const User& user, Id comment_id, std::string_view body);
// Deletes `user`'s own comment, or any comment when `user` is an editor or admin
// (replies stay, under a placeholder).
Status DeleteComment(CommentStore& store, const User& user, Id comment_id);

// A top-level comment and its replies, as a viewer sees them.
struct CommentNode {
  CommentRow row;
  std::vector<CommentRow> replies;  // Oldest first.
};
// The thread as `viewer_id` (0: anonymous) sees it: top comments oldest first,
// replies under their parent, a placeholder where a deleted comment holds replies.
// Replies whose parent is hidden are not shown.
Result<std::vector<CommentNode>> LoadThread(CommentStore& store, const CommentThread& thread, Id viewer_id);

inline constexpr int kCommentsPerPage = 50;
inline constexpr int kMaxCommentsPerPage = 100;

// One page of a thread as `viewer_id` sees it.
struct ThreadPage {
  std::vector<CommentNode> nodes;  // The page's top-level comments with their replies.
  int page = 1;                    // From 1.
  int pages = 1;                   // At least 1: an empty thread has one empty page.
  int64_t top_level = 0;           // Top-level comments in the whole thread.
  int64_t total = 0;               // Comments in the whole thread, replies included.
};
// Page `page` (from 1) of `per_page` top-level comments (1..kMaxCommentsPerPage);
// a page past the last is empty. InvalidArgument names "page" or "per_page".
Result<ThreadPage> LoadThreadPage(CommentStore& store, const CommentThread& thread, Id viewer_id, int64_t page,
                                  int per_page = kCommentsPerPage);
// The page (from 1, of `per_page`) that shows the comment to `viewer_id`: its own,
// or its parent's for a reply.
Result<int64_t> CommentPageOf(CommentStore& store, Id comment_id, Id viewer_id, int per_page = kCommentsPerPage);

}  // namespace reel::audience
