// What the comments and moderation files of the SQL store share (comments.cc,
// moderation.cc): the columns a comment row is read from and its reader, the
// condition that a spam check is a post's first version, how a check's author is
// matched, and a one-row update. Internal to storage/sql/.
#pragma once

#include <string>
#include <string_view>

#include "model/comments.h"
#include "storage/sql_db.h"

namespace reel {

#define REEL_COMMENT_COLS                                                                                        \
  "c.id, COALESCE(c.article_id, 0), COALESCE(c.title_id, 0), COALESCE(c.parent_id, 0), COALESCE(c.user_id, 0), " \
  "c.guest_name, c.guest_email, c.body, c.status, c.created_at, COALESCE(c.updated_at, ''), "                    \
  "COALESCE(u.username, ''), COALESCE(u.display_name, ''), COALESCE(c.deleted_at, '')"
#define REEL_COMMENT_FROM " FROM comments c LEFT JOIN users u ON u.id = c.user_id AND u.deleted_at IS NULL "


// A spam check that is the first of its item: the post itself, not an edit of it.
#define REEL_FIRST_VERSION \
  "NOT EXISTS (SELECT 1 FROM spam_checks o WHERE o.kind = s.kind AND o.item_id = s.item_id AND o.id < s.id)"

// A comment row read from REEL_COMMENT_COLS, starting at column `c`.
CommentRow ReadCommentRow(const SqlStmt& s, int c);

// Runs "UPDATE ... SET column = ? WHERE id = ? RETURNING id"; NotFound when no row has the id.
Status SetById(SqlDb& db, const char* sql, std::string_view value, Id id, const std::string& not_found);

// Which checks (table `s`) are an author's: a member's by account, a guest's by
// address (of guests only: members' posts do not count against an address); and
// binding that author at parameter `i`.
const char* AuthorWhere(Id user_id);
void BindAuthor(SqlStmt& q, int i, Id user_id, std::string_view address);

}  // namespace reel
