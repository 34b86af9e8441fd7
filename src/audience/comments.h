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
// comment without replies goes at once. A closed account's comments stay, shown as
// by "Deleted user". Any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "audience/moderation.h"
#include "core/status.h"
#include "storage/records.h"

namespace reel {
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
Result<Comment> StandingComment(Store& store, Id comment_id);

// Posts a comment (a reply when parent_id is set) after the spam check; the stored
// comment with the status the filter gave.
Result<Comment> PostComment(Store& store, SpamModel& model, const Poster& poster, const CommentThread& thread,
                            Id parent_id, std::string_view body);
// Replaces the text of `user`'s own comment (PermissionDenied for anyone else's);
// the new text is checked again.
Status EditComment(Store& store, SpamModel& model, const User& user, Id comment_id, std::string_view body);
// Deletes `user`'s own comment, or any comment when `user` is an editor or admin
// (replies stay, under a placeholder).
Status DeleteComment(Store& store, const User& user, Id comment_id);

// A top-level comment and its replies, as a viewer sees them.
struct CommentNode {
  CommentRow row;
  std::vector<CommentRow> replies;  // Oldest first.
};
// The thread as `viewer_id` (0: anonymous) sees it: top comments oldest first,
// replies under their parent, a placeholder where a deleted comment holds replies.
// Replies whose parent is hidden are not shown.
Result<std::vector<CommentNode>> LoadThread(Store& store, const CommentThread& thread, Id viewer_id);

}  // namespace reel::audience
