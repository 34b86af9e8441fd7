// SqlStore's comments and moderation: comments on articles and titles, the spam
// checks of comment and review texts (the spam model's training examples), readers'
// reports, audience reviews' moderation status, and held ratings. Every method may
// be called from any thread (each leases its own connection).
#include <algorithm>
#include <cstdint>

#include "core/text.h"
#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

#define REEL_COMMENT_COLS                                                                                        \
  "c.id, COALESCE(c.article_id, 0), COALESCE(c.title_id, 0), COALESCE(c.parent_id, 0), COALESCE(c.user_id, 0), " \
  "c.guest_name, c.guest_email, c.body, c.status, c.created_at, COALESCE(c.updated_at, ''), "                    \
  "COALESCE(u.username, ''), COALESCE(u.display_name, ''), COALESCE(c.deleted_at, '')"
#define REEL_COMMENT_FROM " FROM comments c LEFT JOIN users u ON u.id = c.user_id AND u.deleted_at IS NULL "

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

#define REEL_CHECK_COLS                                                                                       \
  "id, kind, item_id, COALESCE(user_id, 0), address, text, text_key, author_name, author_url, guest, "        \
  "account_age_days, posts_last_hour, same_text_recent, probability, reasons, COALESCE(label, ''), "          \
  "COALESCE(decided_by, 0), COALESCE(decided_at, ''), created_at"

SpamCheck ReadCheck(const SqlStmt& s, int c) {
  SpamCheck k;
  k.id = s.Int(c);
  k.kind = s.Text(c + 1);
  k.item_id = s.Int(c + 2);
  k.user_id = s.Int(c + 3);
  k.address = s.Text(c + 4);
  k.text = s.Text(c + 5);
  k.text_key = s.Text(c + 6);
  k.author_name = s.Text(c + 7);
  k.author_url = s.Text(c + 8);
  k.guest = s.Int(c + 9) != 0;
  k.account_age_days = s.Double(c + 10);
  k.posts_last_hour = static_cast<int>(s.Int(c + 11));
  k.same_text_recent = static_cast<int>(s.Int(c + 12));
  k.probability = s.Double(c + 13);
  k.reasons = s.Text(c + 14);
  k.label = s.Text(c + 15);
  k.decided_by = s.Int(c + 16);
  k.decided_at = s.Text(c + 17);
  k.created_at = s.Text(c + 18);
  return k;
}

// The newest check of an item (id 0 when it has none).
Result<SpamCheck> LatestCheck(SqlDb& db, std::string_view kind, Id item_id) {
  REEL_ASSIGN_OR_RETURN(auto q,
                        db.Prepare("SELECT " REEL_CHECK_COLS " FROM spam_checks WHERE kind = ? AND item_id = ? ORDER BY id DESC LIMIT 1"));
  q.Bind(1, kind).Bind(2, item_id);
  SpamCheck out;
  if (q.Step()) out = ReadCheck(q, 0);
  REEL_TRY(q.Run());
  return out;
}

// The count and reasons of an item's open reports; `column` is "comment_id" or "rating_id".
Status OpenReports(SqlDb& db, const char* column, Id item_id, ModerationRow& row) {
  REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(std::string("SELECT reason FROM reports WHERE ") + column +
                                           " = ? AND resolved_at IS NULL ORDER BY id"));
  q.Bind(1, item_id);
  while (q.Step()) {
    ++row.open_reports;
    const std::string reason = q.Text(0);
    if (!reason.empty()) row.report_reasons += (row.report_reasons.empty() ? "" : "; ") + reason;
  }
  return q.status();
}

// Where a moderation queue's items are chosen, for comments (c) and ratings (r). A
// deleted comment's placeholder has nothing left to moderate.
const char* QueueWhere(Store::ModerationQueue queue, bool comments) {
  switch (queue) {
    case Store::ModerationQueue::kPending:
      return comments ? "c.deleted_at IS NULL AND c.status = 'pending'" : "r.review_status = 'pending' AND r.review <> ''";
    case Store::ModerationQueue::kSpam:
      return comments ? "c.deleted_at IS NULL AND c.status = 'spam'" : "r.review_status = 'spam' AND r.review <> ''";
    case Store::ModerationQueue::kReported:
      return comments ? "c.deleted_at IS NULL AND "
                        "EXISTS (SELECT 1 FROM reports p WHERE p.comment_id = c.id AND p.resolved_at IS NULL)"
                      : "EXISTS (SELECT 1 FROM reports p WHERE p.rating_id = r.id AND p.resolved_at IS NULL)";
  }
  return "1 = 0";
}

#define REEL_REVIEW_ROW_COLS                                                                              \
  "r.id, r.user_id, r.title_id, r.stars, r.review, r.verified, r.status, r.created_at, r.review_status, " \
  "CASE WHEN u.deleted_at IS NULL THEN u.username ELSE '' END, "                                          \
  "CASE WHEN u.deleted_at IS NULL THEN u.display_name ELSE '' END"

AudienceReviewRow ReadReviewRow(const SqlStmt& s) {
  AudienceReviewRow row;
  row.rating = ReadRating(s, 0);
  row.username = s.Text(9);
  row.display_name = s.Text(10);
  return row;
}

// Runs "UPDATE ... SET column = ? WHERE id = ? RETURNING id"; NotFound when no row has the id.
Status SetById(SqlDb& db, const char* sql, std::string_view value, Id id, const std::string& not_found) {
  auto q = db.Prepare(sql);
  if (q.ok()) q->Bind(1, value).Bind(2, id);
  return ExpectOneChanged(q, not_found);
}

// A spam check that is the first of its item: the post itself, not an edit of it.
#define REEL_FIRST_VERSION \
  "NOT EXISTS (SELECT 1 FROM spam_checks o WHERE o.kind = s.kind AND o.item_id = s.item_id AND o.id < s.id)"

// Which checks are an author's: a member's by account, a guest's by address (of
// guests only: members' posts do not count against an address).
const char* AuthorWhere(Id user_id) { return user_id != 0 ? "s.user_id = ?" : "s.user_id IS NULL AND s.address = ?"; }

void BindAuthor(SqlStmt& q, int i, Id user_id, std::string_view address) {
  if (user_id != 0) q.Bind(i, user_id);
  else q.Bind(i, address);
}

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

// A listed row as its viewer (or -1) may read it: a comment they do not see for itself
// is listed only as a placeholder over replies they see (VisibleTo), and one still
// standing (spam, another's pending) is withheld: its text, author and edit time left out.
CommentRow ListedRow(const SqlStmt& s, Id viewer) {
  CommentRow row = ReadCommentRow(s, 0);
  Comment& c = row.comment;
  const bool seen = c.status == ModerationStatus::kApproved ||
                    (c.status == ModerationStatus::kPending && c.user_id != 0 && c.user_id == viewer);
  if (!c.deleted_at.empty() || seen) return row;
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
  REEL_ASSIGN_OR_RETURN(auto q, db->Prepare("SELECT " REEL_COMMENT_COLS REEL_COMMENT_FROM
                                            "WHERE COALESCE(c.article_id, 0) = ? AND COALESCE(c.title_id, 0) = ? AND " +
                                            VisibleTo("c") + " ORDER BY c.created_at, c.id"));
  const Id viewer = viewer_id == 0 ? Id{-1} : viewer_id;
  q.Bind(1, thread.article_id).Bind(2, thread.title_id).Bind(3, viewer).Bind(4, viewer);
  std::vector<CommentRow> out;
  while (q.Step()) out.push_back(ListedRow(q, viewer));
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
                        db->Prepare("SELECT " REEL_COMMENT_COLS REEL_COMMENT_FROM "WHERE " + InThread(thread, "c") + " AND " +
                                    VisibleTo("c") + " AND COALESCE(c.parent_id, c.id) IN (SELECT t.id FROM comments t WHERE " +
                                    InThread(thread, "t") + " AND t.parent_id IS NULL AND " + VisibleTo("t") +
                                    " ORDER BY t.created_at, t.id LIMIT ? OFFSET ?) ORDER BY c.created_at, c.id"));
  q.Bind(1, key).Bind(2, viewer).Bind(3, viewer).Bind(4, key).Bind(5, viewer).Bind(6, viewer).Bind(7, limit).Bind(8, offset);
  while (q.Step()) out.rows.push_back(ListedRow(q, viewer));
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

Result<std::vector<ModerationRow>> SqlStore::ListModerationQueue(ModerationQueue queue, int limit) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  std::vector<ModerationRow> out;
  {
    REEL_ASSIGN_OR_RETURN(auto q,
                          db->Prepare(std::string("SELECT " REEL_COMMENT_COLS REEL_COMMENT_FROM "WHERE ") +
                                      QueueWhere(queue, true) + " ORDER BY c.created_at DESC, c.id DESC LIMIT ?"));
    q.Bind(1, limit);
    while (q.Step()) out.push_back(ModerationRow{ReadCommentRow(q, 0), std::nullopt, {}, 0, ""});
    if (!q.status().ok()) return q.status();
  }
  {
    REEL_ASSIGN_OR_RETURN(auto q,
                          db->Prepare(std::string("SELECT " REEL_REVIEW_ROW_COLS " FROM ratings r JOIN users u ON u.id = r.user_id WHERE ") +
                                      QueueWhere(queue, false) + " ORDER BY r.updated_at DESC, r.id DESC LIMIT ?"));
    q.Bind(1, limit);
    while (q.Step()) out.push_back(ModerationRow{std::nullopt, ReadReviewRow(q), {}, 0, ""});
    if (!q.status().ok()) return q.status();
  }
  for (auto& row : out) {
    const bool comment = row.comment.has_value();
    const Id id = comment ? row.comment->comment.id : row.review->rating.id;
    REEL_ASSIGN_OR_RETURN(row.check, LatestCheck(*db, comment ? "comment" : "review", id));
    REEL_TRY(OpenReports(*db, comment ? "comment_id" : "rating_id", id, row));
  }
  auto when = [](const ModerationRow& r) { return r.comment ? r.comment->comment.created_at : r.check.created_at; };
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return when(a) > when(b); });
  return out;
}

Result<std::vector<AudienceReviewRow>> SqlStore::ListHeldRatings(int limit) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  REEL_ASSIGN_OR_RETURN(auto q,
                        db->Prepare("SELECT " REEL_REVIEW_ROW_COLS " FROM ratings r JOIN users u ON u.id = r.user_id "
                                    "WHERE r.status = 'held' ORDER BY r.updated_at DESC, r.id DESC LIMIT ?"));
  q.Bind(1, limit);
  std::vector<AudienceReviewRow> out;
  while (q.Step()) out.push_back(ReadReviewRow(q));
  if (!q.status().ok()) return q.status();
  return out;
}

Result<Rating> SqlStore::GetRatingById(Id rating_id) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  auto q = db->Prepare("SELECT " REEL_RATING_COLS " FROM ratings WHERE id = ?");
  if (q.ok()) q->Bind(1, rating_id);
  return One<Rating>(q, [](auto& s) { return ReadRating(s, 0); }, "no rating " + std::to_string(rating_id));
}

Status SqlStore::SetReviewStatus(Id rating_id, ModerationStatus status) {
  return WriteChange([&](SqlDb& db) {
    return SetById(db, "UPDATE ratings SET review_status = ? WHERE id = ? RETURNING id", ModerationStatusName(status),
                   rating_id, "no rating " + std::to_string(rating_id));
  });
}

Result<Id> SqlStore::AddReport(const Report& r) {
  if ((r.comment_id == 0) == (r.rating_id == 0)) return InvalidArgument("report: of one comment or one review");
  Id id = 0;
  REEL_TRY(WriteChange([&](SqlDb& db) -> Status {
    if (r.comment_id != 0) {
      REEL_ASSIGN_OR_RETURN(auto c, db.Prepare("SELECT 1 FROM comments WHERE id = ? AND deleted_at IS NULL"));
      c.Bind(1, r.comment_id);
      const bool standing = c.Step();
      REEL_TRY(c.Run());
      if (!standing) return NotFound("no comment " + std::to_string(r.comment_id));
    }
    REEL_ASSIGN_OR_RETURN(auto open, db.Prepare(
        "SELECT id FROM reports WHERE COALESCE(comment_id, 0) = ? AND COALESCE(rating_id, 0) = ? AND "
        "COALESCE(user_id, 0) = ? AND resolved_at IS NULL"));
    open.Bind(1, r.comment_id).Bind(2, r.rating_id).Bind(3, r.user_id);
    if (open.Step()) {
      id = open.Int(0);
      return open.Run();
    }
    REEL_TRY(open.status());
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "INSERT INTO reports (comment_id, rating_id, user_id, reason, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id"));
    q.BindIdOrNull(1, r.comment_id).BindIdOrNull(2, r.rating_id).BindIdOrNull(3, r.user_id).Bind(4, r.reason)
        .Bind(5, r.created_at.empty() ? UtcTimestamp() : r.created_at);
    if (!q.Step()) return q.status().ok() ? Internal("insert returned no id") : q.status();
    id = q.Int(0);
    return q.Run();
  }));
  return id;
}

Status SqlStore::ResolveReports(Id comment_id, Id rating_id, Id resolved_by) {
  return WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
        "UPDATE reports SET resolved_at = ?, resolved_by = ? WHERE COALESCE(comment_id, 0) = ? AND "
        "COALESCE(rating_id, 0) = ? AND resolved_at IS NULL"));
    return q.Bind(1, UtcTimestamp()).BindIdOrNull(2, resolved_by).Bind(3, comment_id).Bind(4, rating_id).Run();
  });
}

Result<Store::SpamActivity> SqlStore::CountSpamActivity(Id user_id, std::string_view address,
                                                       std::string_view text_key, std::string_view hour_ago,
                                                       std::string_view day_ago) {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  SpamActivity out;
  // New posts only: an edited review or comment adds a check of its new text, but
  // it is still the one post (a rating's stars alone add no check at all).
  REEL_ASSIGN_OR_RETURN(auto q,
                        db->Prepare(std::string("SELECT COUNT(*) FROM spam_checks s WHERE ") + AuthorWhere(user_id) +
                                    " AND s.created_at >= ? AND " REEL_FIRST_VERSION));
  BindAuthor(q, 1, user_id, address);
  q.Bind(2, hour_ago);
  if (q.Step()) out.posts_last_hour = static_cast<int>(q.Int(0));
  REEL_TRY(q.Run());
  REEL_ASSIGN_OR_RETURN(auto same, db->Prepare(
      "SELECT COUNT(*) FROM (SELECT DISTINCT kind, item_id FROM spam_checks WHERE text_key = ? AND created_at >= ?) d"));
  same.Bind(1, text_key).Bind(2, day_ago);
  if (same.Step()) out.same_text_recent = static_cast<int>(same.Int(0));
  REEL_TRY(same.Run());
  return out;
}

Status SqlStore::LabelSpamCheck(std::string_view kind, Id item_id, std::string_view label, Id decided_by) {
  if (label != "" && label != "ham" && label != "spam") return InvalidArgument("label: ham, spam or empty");
  return WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(auto latest, LatestCheck(db, kind, item_id));
    if (latest.id == 0) return NotFound("no spam check of " + std::string(kind) + " " + std::to_string(item_id));
    REEL_ASSIGN_OR_RETURN(auto q,
                          db.Prepare("UPDATE spam_checks SET label = ?, decided_by = ?, decided_at = ? WHERE id = ?"));
    q.BindTextOrNull(1, label);
    if (label.empty()) q.BindNull(2).BindNull(3);
    else q.BindIdOrNull(2, decided_by).Bind(3, UtcTimestamp());
    return q.Bind(4, latest.id).Run();
  });
}

Result<std::vector<SpamCheck>> SqlStore::ListSpamExamples() {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  REEL_ASSIGN_OR_RETURN(auto q,
                        db->Prepare("SELECT " REEL_CHECK_COLS " FROM spam_checks WHERE label IS NOT NULL ORDER BY id"));
  std::vector<SpamCheck> out;
  while (q.Step()) out.push_back(ReadCheck(q, 0));
  if (!q.status().ok()) return q.status();
  return out;
}

Result<std::string> SqlStore::SpamExamplesStamp() {
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  // The count and a sum that moves with every label set, changed or taken back.
  REEL_ASSIGN_OR_RETURN(auto q, db->Prepare(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN label = 'spam' THEN 2 * id ELSE id END), 0), "
      "COALESCE(MAX(decided_at), '') FROM spam_checks WHERE label IS NOT NULL"));
  std::string out;
  if (q.Step()) out = std::to_string(q.Int(0)) + ":" + std::to_string(q.Int(1)) + ":" + q.Text(2);
  REEL_TRY(q.Run());
  return out;
}

}  // namespace reel
