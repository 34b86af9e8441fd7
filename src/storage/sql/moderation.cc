// SqlStore's moderation: the queues an editor works through (pending, spam and
// reported comments and audience reviews), held ratings, readers' reports, audience
// reviews' moderation status, and the spam checks of texts as the spam model sees
// them (recent activity, moderators' labels, the training examples). Every method
// may be called from any thread (each leases its own connection).
#include <string>

#include "storage/sql/comment_rows.h"
#include "storage/sql/rows.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

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

}  // namespace

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
