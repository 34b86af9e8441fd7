// SqlStore's comments: comments on articles and titles (posting under the flood
// guard, editing, deleting to a placeholder, the threads and their pages as each
// reader may see them), and the spam check recorded with each text. Moderation
// (queues, reports, spam labels) is in moderation.cc. Every method may be called
// from any thread (each leases its own connection).
#include <algorithm>
#include <cstdint>

#include "core/text.h"
#include "storage/sql/comment_rows.h"
#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {

CommentRow ReadCommentRow(const SqlStmt& s, int c) {
  CommentRow row;
  Comment& m = row.comment;
  m.id = s.Int(c);
  m.thread.article_id = s.Int(c + 1);
  m.thread.title_id = s.Int(c + 2);
  m.parent_id = s.Int(c + 3);
  m.user_id = s.Int(c + 4);
  m.guest_name = s.Text(c + 5);
  m.guest_email = s.Text(c + 6);
  m.body = s.Text(c + 7);
  m.status = ParseModerationStatus(s.Text(c + 8)).value_or(ModerationStatus::kPending);
  m.created_at = s.Text(c + 9);
  m.updated_at = s.Text(c + 10);
  row.username = s.Text(c + 11);
  row.display_name = s.Text(c + 12);
  m.deleted_at = s.Text(c + 13);
  return row;
}

Status SetById(SqlDb& db, const char* sql, std::string_view value, Id id, const std::string& not_found) {
  auto q = db.Prepare(sql);
  if (q.ok()) q->Bind(1, value).Bind(2, id);
  return ExpectOneChanged(q, not_found);
}

const char* AuthorWhere(Id user_id) { return user_id != 0 ? "s.user_id = ?" : "s.user_id IS NULL AND s.address = ?"; }

void BindAuthor(SqlStmt& q, int i, Id user_id, std::string_view address) {
  if (user_id != 0) q.Bind(i, user_id);
  else q.Bind(i, address);
}

namespace {

// The key of an author's posting lock: the account's id, or for a guest a hash of
// the address (FNV-1a, the same on every server) made negative so the two never meet.
int64_t PosterLockKey(Id user_id, std::string_view address) {
  if (user_id != 0) return user_id;
  uint32_t h = 2166136261u;
  for (unsigned char c : address) {
    h ^= c;
    h *= 16777619u;
  }
  return -static_cast<int64_t>(h & 0x3fffffff) - 1;
}

// The author's comments posted since `since`, oldest first, each from its first check.
Result<std::vector<RecentComment>> RecentComments(SqlDb& db, Id user_id, std::string_view address,
                                                  std::string_view since) {
  REEL_ASSIGN_OR_RETURN(auto q,
                        db.Prepare(std::string("SELECT s.created_at, s.text_key, COALESCE(c.article_id, 0), COALESCE(c.title_id, 0) "
                                               "FROM spam_checks s LEFT JOIN comments c ON c.id = s.item_id "
                                               "WHERE s.kind = 'comment' AND ") +
                                   AuthorWhere(user_id) + " AND s.created_at >= ? AND " REEL_FIRST_VERSION
                                   " ORDER BY s.created_at, s.id"));
  BindAuthor(q, 1, user_id, address);
  q.Bind(2, since);
  std::vector<RecentComment> out;
  while (q.Step()) out.push_back(RecentComment{q.Text(0), CommentThread{q.Int(2), q.Int(3)}, q.Text(1)});
  if (!q.status().ok()) return q.status();
  return out;
}

// Whether a viewer sees a comment (table `c`) for itself (bound: the viewer's id, or
// -1): standing, and approved or their own pending one.
std::string SeenBy(const char* c) {
  const std::string t(c);
  return "(" + t + ".deleted_at IS NULL AND (" + t + ".status = 'approved' OR (" + t + ".status = 'pending' AND " + t +
         ".user_id = ?)))";
}

// Which comments of a thread a viewer sees (bound twice: the viewer's id, or -1): those
// SeenBy them, and as a placeholder any other top-level comment (deleted, spam, another's
// pending) while they see one of its replies. `c` names the comments table.
std::string VisibleTo(const char* c) {
  const std::string t(c);
  return "(" + SeenBy(c) + " OR (" + t + ".parent_id IS NULL AND EXISTS (SELECT 1 FROM comments vr WHERE " +
         "vr.parent_id = " + t + ".id AND " + SeenBy("vr") + ")))";
}

// The columns of a listed comment: REEL_COMMENT_COLS, then whether its viewer sees it
// for itself (SeenBy, bound: the viewer's id, or -1).
std::string ListedCols() { return "SELECT " REEL_COMMENT_COLS ", CASE WHEN " + SeenBy("c") + " THEN 1 ELSE 0 END"; }

// A row of ListedCols as its viewer may read it: a comment they do not see for itself
// is listed only as a placeholder over replies they see (VisibleTo), and one still
// standing (spam, another's pending) is withheld: its text, author and edit time left out.
CommentRow ListedRow(const SqlStmt& s) {
  CommentRow row = ReadCommentRow(s, 0);
  Comment& c = row.comment;
  if (!c.deleted_at.empty() || s.Int(14) != 0) return row;
  row.withheld = true;
  c.user_id = 0;
  c.guest_name.clear();
  c.guest_email.clear();
  c.body.clear();
  c.updated_at.clear();
  row.username.clear();
  row.display_name.clear();
  return row;
}

// The condition that a comment (table `c`) is in the thread (bound: its id); a
// plain equality, so the thread's index serves it.
std::string InThread(const CommentThread& thread, const char* c) {
  return std::string(c) + (thread.title_id != 0 ? ".title_id = ?" : ".article_id = ?");
}

Id ThreadKey(const CommentThread& thread) { return thread.title_id != 0 ? thread.title_id : thread.article_id; }

}  // namespace

Status ExpectOneChanged(Result<SqlStmt>& q, const std::string& not_found) {
  REEL_TRY(q);
  const bool found = q->Step();
  REEL_TRY(q->Run());
  return found ? Status::Ok() : NotFound(not_found);
}

Result<Id> InsertSpamCheck(SqlDb& db, const SpamCheck& k) {
  if (k.kind != "comment" && k.kind != "review") return InvalidArgument("spam check kind '" + k.kind + "'");
  REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
      "INSERT INTO spam_checks (kind, item_id, user_id, address, text, text_key, author_name, author_url, guest, "
      "account_age_days, posts_last_hour, same_text_recent, probability, reasons, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  q.Bind(1, k.kind).Bind(2, k.item_id).BindIdOrNull(3, k.user_id).Bind(4, k.address).Bind(5, k.text)
      .Bind(6, k.text_key).Bind(7, k.author_name).Bind(8, k.author_url).Bind(9, k.guest ? 1 : 0)
      .Bind(10, k.account_age_days).Bind(11, k.posts_last_hour).Bind(12, k.same_text_recent)
      .Bind(13, k.probability).Bind(14, k.reasons).Bind(15, k.created_at.empty() ? UtcTimestamp() : k.created_at);
  if (!q.Step()) return q.status().ok() ? Internal("insert returned no id") : q.status();
  const Id id = q.Int(0);
  REEL_TRY(q.Run());
  return id;
}

Status SqlStore::WriteChange(const std::function<Status(SqlDb&)>& body) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  REEL_TRY(WriteOne(*db, [&]() -> Status {
    REEL_TRY(body(*db));
    return db->AnnounceChange();
  }));
  ++generation_;
  return Status::Ok();
}

Result<Id> SqlStore::AddComment(const Comment& comment, const SpamCheck& check, const CommentGuard& guard) {
  if ((comment.thread.article_id == 0) == (comment.thread.title_id == 0)) {
    return InvalidArgument("thread: a comment belongs to one article or one title");
  }
  Id id = 0;
  REEL_TRY(WriteChange([&](SqlDb& db) -> Status {
    Comment c = comment;
    SpamCheck k = check;
    k.kind = "comment";
    k.user_id = c.user_id;
    if (guard.admit) {
      REEL_TRY(db.Lock(LockSpace::kPosters, PosterLockKey(c.user_id, k.address)));
      REEL_ASSIGN_OR_RETURN(auto recent, RecentComments(db, c.user_id, k.address, guard.since));
      REEL_TRY(guard.admit(recent, c, k));
    }
    if (c.parent_id != 0) {
      REEL_ASSIGN_OR_RETURN(auto p, db.Prepare(
          "SELECT 1 FROM comments WHERE id = ? AND parent_id IS NULL AND "
          "COALESCE(article_id, 0) = ? AND COALESCE(title_id, 0) = ?"));
      p.Bind(1, c.parent_id).Bind(2, c.thread.article_id).Bind(3, c.thread.title_id);
      const bool found = p.Step();
      REEL_TRY(p.Run());
      if (!found) return InvalidArgument("parent_id: no such top-level comment in this thread");
    }
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO comments (article_id, title_id, parent_id, user_id, guest_name, guest_email, body, status, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.BindIdOrNull(1, c.thread.article_id).BindIdOrNull(2, c.thread.title_id).BindIdOrNull(3, c.parent_id)
        .BindIdOrNull(4, c.user_id).Bind(5, c.guest_name).Bind(6, c.guest_email).Bind(7, c.body)
        .Bind(8, ModerationStatusName(c.status)).Bind(9, c.created_at.empty() ? UtcTimestamp() : c.created_at);
    if (!q.Step()) return q.status().ok() ? Internal("insert returned no id") : q.status();
    id = q.Int(0);
    REEL_TRY(q.Run());
    k.item_id = id;
    return InsertSpamCheck(db, k).status();
  }));
  return id;
}

Result<Comment> SqlStore::GetComment(Id id) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  auto q = db->Prepare("SELECT " REEL_COMMENT_COLS REEL_COMMENT_FROM "WHERE c.id = ?");
  if (q.ok()) q->Bind(1, id);
  return One<Comment>(q, [](auto& s) { return ReadCommentRow(s, 0).comment; },
                         "no comment " + std::to_string(id));
}

Status SqlStore::EditComment(Id id, std::string_view body, ModerationStatus status, const SpamCheck& check) {
  return WriteChange([&](SqlDb& db) -> Status {
    auto q = db.Prepare(
        "UPDATE comments SET body = ?, status = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL RETURNING id");
    if (q.ok()) q->Bind(1, body).Bind(2, ModerationStatusName(status)).Bind(3, UtcTimestamp()).Bind(4, id);
    REEL_TRY(ExpectOneChanged(q, "no comment " + std::to_string(id)));
    SpamCheck k = check;
    k.kind = "comment";
    k.item_id = id;
    return InsertSpamCheck(db, k).status();
  });
}

Status SqlStore::DeleteComment(Id id) {
  return WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "SELECT COALESCE(c.parent_id, 0), CASE WHEN EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id) "
        "THEN 1 ELSE 0 END "
        "FROM comments c WHERE c.id = ? AND c.deleted_at IS NULL"));
    q.Bind(1, id);
    if (!q.Step()) return q.status().ok() ? NotFound("no comment " + std::to_string(id)) : q.status();
    const Id parent = q.Int(0);
    const bool answered = q.Int(1) != 0;
    REEL_TRY(q.Run());
    const std::string now = UtcTimestamp();
    if (answered) {
      // Other readers' replies keep their place under a placeholder; the text and
      // who wrote it go, and so do the open reports of that text.
      REEL_ASSIGN_OR_RETURN(auto erase, db.Prepare(
          "UPDATE comments SET body = '', user_id = NULL, guest_name = '', guest_email = '', updated_at = NULL, "
          "deleted_at = ? WHERE id = ?"));
      REEL_TRY(erase.Bind(1, now).Bind(2, id).Run());
      REEL_ASSIGN_OR_RETURN(auto settle,
                            db.Prepare("UPDATE reports SET resolved_at = ? WHERE comment_id = ? AND resolved_at IS NULL"));
      return settle.Bind(1, now).Bind(2, id).Run();
    }
    // Unanswered: the comment goes with its reports; a placeholder whose last reply
    // this was goes too, as nothing is left under it.
    for (const char* sql : {"DELETE FROM reports WHERE comment_id = ?", "DELETE FROM comments WHERE id = ?"}) {
      REEL_ASSIGN_OR_RETURN(auto d, db.Prepare(sql));
      REEL_TRY(d.Bind(1, id).Run());
    }
    if (parent == 0) return Status::Ok();
    REEL_ASSIGN_OR_RETURN(auto emptied, db.Prepare(
        "SELECT 1 FROM comments p WHERE p.id = ? AND p.deleted_at IS NOT NULL AND "
        "NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = p.id)"));
    emptied.Bind(1, parent);
    const bool gone = emptied.Step();
    REEL_TRY(emptied.Run());
    if (!gone) return Status::Ok();
    for (const char* sql : {"DELETE FROM reports WHERE comment_id = ?", "DELETE FROM comments WHERE id = ?"}) {
      REEL_ASSIGN_OR_RETURN(auto d, db.Prepare(sql));
      REEL_TRY(d.Bind(1, parent).Run());
    }
    return Status::Ok();
  });
}

Status SqlStore::SetCommentStatus(Id id, ModerationStatus status) {
  return WriteChange([&](SqlDb& db) {
    return SetById(db, "UPDATE comments SET status = ? WHERE id = ? AND deleted_at IS NULL RETURNING id",
                   ModerationStatusName(status), id, "no comment " + std::to_string(id));
  });
}

Result<std::vector<CommentRow>> SqlStore::ListComments(const CommentThread& thread, Id viewer_id) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  // A placeholder is listed while the viewer may see one of its replies.
  REEL_ASSIGN_OR_RETURN(auto q, db->Prepare(ListedCols() + REEL_COMMENT_FROM
                                            "WHERE COALESCE(c.article_id, 0) = ? AND COALESCE(c.title_id, 0) = ? AND " +
                                            VisibleTo("c") + " ORDER BY c.created_at, c.id"));
  const Id viewer = viewer_id == 0 ? Id{-1} : viewer_id;
  q.Bind(1, viewer).Bind(2, thread.article_id).Bind(3, thread.title_id).Bind(4, viewer).Bind(5, viewer);
  std::vector<CommentRow> out;
  while (q.Step()) out.push_back(ListedRow(q));
  if (!q.status().ok()) return q.status();
  return out;
}

Result<CommentPage> SqlStore::ListCommentPage(const CommentThread& thread, Id viewer_id, int64_t offset, int limit) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  const Id viewer = viewer_id == 0 ? Id{-1} : viewer_id;
  const Id key = ThreadKey(thread);
  CommentPage out;
  // Replies are counted only under a top-level comment the viewer sees.
  // A placeholder (deleted or withheld) takes its place among the top-level comments
  // but is not a comment in the total.
  REEL_ASSIGN_OR_RETURN(auto counts,
                        db->Prepare("SELECT COALESCE(SUM(CASE WHEN " + SeenBy("c") + " THEN 1 ELSE 0 END), 0), "
                                    "COALESCE(SUM(CASE WHEN c.parent_id IS NULL THEN 1 ELSE 0 END), 0) "
                                    "FROM comments c LEFT JOIN comments p ON p.id = c.parent_id WHERE " +
                                    InThread(thread, "c") + " AND " + VisibleTo("c") + " AND (c.parent_id IS NULL OR " +
                                    VisibleTo("p") + ")"));
  counts.Bind(1, viewer).Bind(2, key).Bind(3, viewer).Bind(4, viewer).Bind(5, viewer).Bind(6, viewer);
  if (counts.Step()) {
    out.total = counts.Int(0);
    out.top_level = counts.Int(1);
  }
  REEL_TRY(counts.Run());
  REEL_ASSIGN_OR_RETURN(auto q,
                        db->Prepare(ListedCols() + REEL_COMMENT_FROM "WHERE " + InThread(thread, "c") + " AND " +
                                    VisibleTo("c") + " AND COALESCE(c.parent_id, c.id) IN (SELECT t.id FROM comments t WHERE " +
                                    InThread(thread, "t") + " AND t.parent_id IS NULL AND " + VisibleTo("t") +
                                    " ORDER BY t.created_at, t.id LIMIT ? OFFSET ?) ORDER BY c.created_at, c.id"));
  q.Bind(1, viewer).Bind(2, key).Bind(3, viewer).Bind(4, viewer).Bind(5, key).Bind(6, viewer).Bind(7, viewer);
  q.Bind(8, limit).Bind(9, offset);
  while (q.Step()) out.rows.push_back(ListedRow(q));
  if (!q.status().ok()) return q.status();
  return out;
}

Result<int64_t> SqlStore::CountCommentsBefore(Id comment_id, Id viewer_id) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  REEL_ASSIGN_OR_RETURN(auto top, db->Prepare(
      "SELECT t.id, t.created_at, COALESCE(t.article_id, 0), COALESCE(t.title_id, 0) FROM comments c "
      "JOIN comments t ON t.id = COALESCE(c.parent_id, c.id) WHERE c.id = ?"));
  top.Bind(1, comment_id);
  if (!top.Step()) {
    if (!top.status().ok()) return top.status();
    return NotFound("no comment " + std::to_string(comment_id));
  }
  const Id top_id = top.Int(0);
  const std::string at = top.Text(1);
  const CommentThread thread{top.Int(2), top.Int(3)};
  REEL_TRY(top.Run());
  REEL_ASSIGN_OR_RETURN(auto q, db->Prepare("SELECT COUNT(*) FROM comments t WHERE " + InThread(thread, "t") +
                                            " AND t.parent_id IS NULL AND " + VisibleTo("t") +
                                            " AND (t.created_at < ? OR (t.created_at = ? AND t.id < ?))"));
  const Id viewer = viewer_id == 0 ? Id{-1} : viewer_id;
  q.Bind(1, ThreadKey(thread)).Bind(2, viewer).Bind(3, viewer).Bind(4, at).Bind(5, at).Bind(6, top_id);
  int64_t before = 0;
  if (q.Step()) before = q.Int(0);
  REEL_TRY(q.Run());
  return before;
}

}  // namespace reel
