// Readers' comments and what guards them: the threads comments hang under, spam
// checks of their text, reports, and the rows of a thread page and of the
// moderation queue. Plain structs; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/id.h"
#include "model/ratings.h"

namespace reel {

// What comments hang under: an article or a title (film, season, episode). Exactly
// one of the two is set.
struct CommentThread {
  Id article_id = 0;
  Id title_id = 0;
  bool operator==(const CommentThread&) const = default;
};

// A reader's comment. A reply has the id of a top-level comment as its parent (one
// level of replies). A member's comment has user_id; a guest's has user_id 0 and the
// name and email the guest typed (the email is never shown). A deleted comment that
// had replies stays as a placeholder over them: deleted_at set, and no text, user or
// guest name.
struct Comment {
  Id id = 0;
  CommentThread thread;
  Id parent_id = 0;
  Id user_id = 0;
  std::string guest_name;
  std::string guest_email;
  std::string body;           // Plain text with paragraphs.
  ModerationStatus status = ModerationStatus::kPending;
  std::string created_at;     // ISO 8601 UTC.
  std::string updated_at;     // Last edit by its author; empty when never edited.
  std::string deleted_at;     // When it became a placeholder; empty while it stands.
};

// What the spam filter saw and said of one version of a comment's or a review's
// text (storage table spam_checks). The behavioural facts are those at posting time;
// `label` is a moderator's decision ("ham", "spam"), empty until one is made, and a
// labelled check is a training example of the model.
struct SpamCheck {
  Id id = 0;
  std::string kind;           // "comment" or "review".
  Id item_id = 0;             // The comment's or the rating's id.
  Id user_id = 0;             // 0 for a guest.
  std::string address;        // The poster's network address.
  std::string text;
  std::string text_key;       // audience::SpamTextKey(text).
  std::string author_name;
  std::string author_url;
  bool guest = false;
  double account_age_days = 0;
  int posts_last_hour = 0;
  int same_text_recent = 0;
  double probability = 0;
  std::string reasons;        // "; "-separated.
  std::string label;
  Id decided_by = 0;
  std::string decided_at;
  std::string created_at;
};

// One of an author's earlier comments as the flood limits count it: when it was
// posted and with what text (its first spam check: edits are not new posts), and its
// thread ({0, 0} once the comment is gone).
struct RecentComment {
  std::string at;             // ISO 8601 UTC.
  CommentThread thread;
  std::string text_key;
};

// A reader's report of a comment or of an audience review (exactly one id is set).
struct Report {
  Id id = 0;
  Id comment_id = 0;
  Id rating_id = 0;
  Id user_id = 0;
  std::string reason;
  std::string created_at;
  std::string resolved_at;    // Empty while open.
  Id resolved_by = 0;
};

// A comment with its author's names (empty for a guest or a deleted account). A
// top-level comment the viewer may not see (spam, or another's pending) that has
// replies they see is listed withheld: a placeholder over them, as a deleted one,
// its text, author and edit time left out.
struct CommentRow {
  Comment comment;
  std::string username;
  std::string display_name;
  bool withheld = false;
};

// One page of a thread: some of its top-level comments with their replies, and how
// many comments the whole thread shows.
struct CommentPage {
  std::vector<CommentRow> rows;  // The page's top-level comments and their replies, oldest first.
  int64_t top_level = 0;         // Top-level comments in the thread.
  int64_t total = 0;             // Comments in the thread, replies included.
};

// A comment or an audience review waiting in the moderation queue, with the newest
// spam check of its text (id 0 when it has none) and the number of open reports.
struct ModerationRow {
  std::optional<CommentRow> comment;       // Exactly one of comment and review is set.
  std::optional<AudienceReviewRow> review;
  SpamCheck check;
  int64_t open_reports = 0;
  std::string report_reasons;              // The open reports' reasons, "; "-separated.
};

}  // namespace reel
