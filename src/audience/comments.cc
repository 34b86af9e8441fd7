#include "audience/comments.h"

#include <algorithm>
#include <map>

#include "audience/accounts.h"
#include "core/date.h"
#include "core/text.h"
#include "storage/store.h"

namespace reel::audience {
namespace {

constexpr int64_t kMinuteSeconds = 60;
constexpr int64_t kHourSeconds = 3600;
constexpr int64_t kDaySeconds = 86400;

bool HasControlCharacters(std::string_view s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return true;
  }
  return false;
}

// "40 seconds", "12 minutes", "23 hours": a wait as a reader reads it, rounded up.
std::string WaitText(int64_t seconds) {
  if (seconds < 90) return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
  const int64_t minutes = (seconds + 59) / 60;
  if (minutes < 90) return std::to_string(minutes) + " minutes";
  const int64_t hours = (seconds + 3599) / 3600;
  return std::to_string(hours) + (hours == 1 ? " hour" : " hours");
}

// The seconds until fewer than `limit` of `times` (ascending Unix seconds) lie in the
// `window` seconds before the moment; 0 when that is so already at `now`.
int64_t WaitFor(const std::vector<int64_t>& times, int limit, int64_t window, int64_t now) {
  std::vector<int64_t> inside;
  for (int64_t t : times) {
    if (now - t < window) inside.push_back(t);
  }
  if (limit <= 0 || static_cast<int64_t>(inside.size()) < limit) return 0;
  return std::max<int64_t>(1, inside[inside.size() - limit] + window - now);
}

// A thread's rows (ListComments or ListCommentPage) as nodes: top-level comments in
// order, each with its replies; replies whose parent is not among the rows are left out.
std::vector<CommentNode> Nodes(std::vector<CommentRow> rows) {
  std::vector<CommentNode> out;
  std::map<Id, size_t> top;
  for (auto& row : rows) {
    if (row.comment.parent_id == 0) {
      top[row.comment.id] = out.size();
      out.push_back({std::move(row), {}});
    }
  }
  for (auto& row : rows) {
    if (row.comment.parent_id == 0) continue;
    auto it = top.find(row.comment.parent_id);
    if (it != top.end()) out[it->second].replies.push_back(std::move(row));
  }
  return out;
}

}  // namespace

Result<Comment> StandingComment(CommentStore& store, Id comment_id) {
  auto comment = store.GetComment(comment_id);
  if (comment.ok() && !comment->deleted_at.empty()) return NotFound("comment " + std::to_string(comment_id) + " was deleted");
  return comment;
}

Status ValidateCommentBody(std::string_view body) {
  const std::string_view text = Trim(body);
  if (text.empty()) return InvalidArgument("body: write something first");
  if (text.size() > kMaxCommentLength) {
    return InvalidArgument("body: at most " + std::to_string(kMaxCommentLength) + " characters");
  }
  if (!IsValidUtf8(text)) return InvalidArgument("body: is not valid text (UTF-8)");
  if (HasControlCharacters(text)) return InvalidArgument("body: contains control characters");
  return Status::Ok();
}

Status ValidateGuest(std::string_view name, std::string_view email) {
  const std::string_view n = Trim(name);
  if (n.empty()) return InvalidArgument("guest_name: give a name to comment as a guest");
  if (n.size() > kMaxGuestNameLength || !IsValidUtf8(n) || HasControlCharacters(n)) {
    return InvalidArgument("guest_name: at most " + std::to_string(kMaxGuestNameLength) + " characters of text");
  }
  if (!ValidateEmail(Trim(email)).ok()) return InvalidArgument("guest_email: is not an email address");
  return Status::Ok();
}

std::string DescribeFloodLimits(const FloodLimits& l) {
  auto rate = [](const PostingRate& r) {
    return std::to_string(r.per_minute) + " comments a minute and " + std::to_string(r.per_hour) + " an hour";
  };
  return "An account may post " + rate(l.member) + " (" + rate(l.new_member) + " in its first " +
         (l.new_account_days == 1 ? std::string("day") : std::to_string(l.new_account_days) + " days") +
         "), and all guests from one address together " + rate(l.guest) + ". The same text is refused after " +
         std::to_string(l.same_text_per_thread) + (l.same_text_per_thread == 1 ? " copy" : " copies") +
         " in one thread and " + std::to_string(l.same_text_per_day) + " in all within a day. More than " +
         std::to_string(l.thread_burst) + " comments from one author in one thread within " +
         WaitText(l.thread_burst_seconds) + " wait here.";
}

FloodCheck CheckFlood(const FloodLimits& limits, const std::vector<RecentComment>& recent, bool guest,
                      double account_age_days, const CommentThread& thread, std::string_view text_key, int64_t now) {
  const bool young = !guest && account_age_days < limits.new_account_days;
  const PostingRate& rate = guest ? limits.guest : young ? limits.new_member : limits.member;
  const char* who = guest ? "from one address" : young ? "from a new account" : "from one account";
  std::vector<int64_t> all, here, same_here, same_anywhere;
  for (const RecentComment& r : recent) {
    auto at = ParseUtcTimestamp(r.at);
    if (!at.ok()) continue;
    all.push_back(*at);
    const bool in_thread = r.thread == thread;
    if (in_thread) here.push_back(*at);
    // Texts with no words ("!!!") have an empty key: they are not the same text.
    if (!text_key.empty() && r.text_key == text_key) {
      same_anywhere.push_back(*at);
      if (in_thread) same_here.push_back(*at);
    }
  }
  FloodCheck out;
  // The first limit reached names the reason; the wait is the longest of all reached.
  std::string first;
  auto refuse = [&](int64_t wait, const std::string& message) {
    if (wait <= 0) return;
    if (first.empty()) first = message;
    out.action = FloodAction::kRefuse;
    out.retry_after = std::max(out.retry_after, wait);
  };
  refuse(WaitFor(same_here, limits.same_text_per_thread, kDaySeconds, now),
         "You already posted this comment here: write something new, or post it again");
  refuse(WaitFor(same_anywhere, limits.same_text_per_day, kDaySeconds, now),
         "You already posted this comment " + std::to_string(limits.same_text_per_day) +
             (limits.same_text_per_day == 1 ? " time" : " times") + " today: write something new, or post it again");
  refuse(WaitFor(all, rate.per_minute, kMinuteSeconds, now),
         "You are posting too fast (at most " + std::to_string(rate.per_minute) + " comments a minute " + who +
             "): try again");
  refuse(WaitFor(all, rate.per_hour, kHourSeconds, now),
         "You are posting too fast (at most " + std::to_string(rate.per_hour) + " comments an hour " + who +
             "): try again");
  if (out.action == FloodAction::kRefuse) {
    out.reason = first + " in " + WaitText(out.retry_after) + ".";
    return out;
  }
  if (WaitFor(here, limits.thread_burst, limits.thread_burst_seconds, now) > 0) {
    out.action = FloodAction::kHold;
    out.reason = "a burst: more than " + std::to_string(limits.thread_burst) + " comments in this thread within " +
                 WaitText(limits.thread_burst_seconds);
  }
  return out;
}

Result<Comment> PostComment(Store& store, SpamModel& model, const Poster& poster, const CommentThread& thread,
                            Id parent_id, std::string_view body, int64_t* retry_after) {
  REEL_TRY(ValidateCommentBody(body));
  if (!poster.user) REEL_TRY(ValidateGuest(poster.guest_name, poster.guest_email));
  Comment c;
  c.thread = thread;
  if (parent_id != 0) {
    auto parent = store.GetComment(parent_id);
    if (!parent.ok()) {
      if (parent.status().code() == StatusCode::kNotFound) return InvalidArgument("parent_id: no such comment");
      return parent.status();
    }
    if (!(parent->thread == thread)) return InvalidArgument("parent_id: that comment is in another thread");
    // One level of replies: answering a reply answers its top comment.
    c.parent_id = parent->parent_id != 0 ? parent->parent_id : parent->id;
  }
  const std::string text(Trim(body));
  REEL_ASSIGN_OR_RETURN(auto checked, CheckText(store, model, poster, "comment", text));
  c.user_id = poster.user ? poster.user->id : 0;
  if (!poster.user) {
    c.guest_name = std::string(Trim(poster.guest_name));
    c.guest_email = std::string(Trim(poster.guest_email));
  }
  c.body = text;
  c.status = checked.status;
  const int64_t now = ParseUtcTimestamp(UtcTimestamp()).value();
  c.created_at = UtcTimestampOf(now);
  checked.check.created_at = c.created_at;
  // The flood limits are applied by the store, inside the transaction that adds the
  // comment, to the author's comments of the last day.
  FloodCheck flood;
  Store::CommentGuard guard;
  guard.since = UtcTimestampOf(now - kDaySeconds);
  guard.admit = [&](const std::vector<RecentComment>& recent, Comment& comment, SpamCheck& check) -> Status {
    flood = CheckFlood(kFloodLimits, recent, poster.user == nullptr, check.account_age_days, thread, check.text_key, now);
    if (flood.action == FloodAction::kRefuse) return ResourceExhausted(flood.reason);
    if (flood.action == FloodAction::kHold) {
      if (comment.status == ModerationStatus::kApproved) comment.status = ModerationStatus::kPending;
      check.reasons = flood.reason + (check.reasons.empty() ? "" : "; " + check.reasons);
    }
    return Status::Ok();
  };
  auto id = store.AddComment(c, checked.check, guard);
  if (!id.ok()) {
    if (retry_after && flood.action == FloodAction::kRefuse) *retry_after = flood.retry_after;
    return id.status();
  }
  if (flood.action == FloodAction::kHold && c.status == ModerationStatus::kApproved) c.status = ModerationStatus::kPending;
  c.id = *id;
  return c;
}

Status EditComment(Store& store, SpamModel& model, const User& user, Id comment_id, std::string_view body) {
  REEL_ASSIGN_OR_RETURN(auto comment, StandingComment(store, comment_id));
  if (comment.user_id != user.id) return PermissionDenied("only its author edits a comment");
  REEL_TRY(ValidateCommentBody(body));
  const std::string text(Trim(body));
  if (text == comment.body) return Status::Ok();
  // A comment an editor hid as spam stays hidden, whatever its new text.
  Poster poster{&user, "", "", ""};
  REEL_ASSIGN_OR_RETURN(auto checked, CheckText(store, model, poster, "comment", text));
  const ModerationStatus status =
      comment.status == ModerationStatus::kSpam ? ModerationStatus::kSpam : checked.status;
  return store.EditComment(comment_id, text, status, checked.check);
}

Status DeleteComment(CommentStore& store, const User& user, Id comment_id) {
  REEL_ASSIGN_OR_RETURN(auto comment, StandingComment(store, comment_id));
  if (comment.user_id != user.id && !CanModerate(user)) {
    return PermissionDenied("only its author or an editor deletes a comment");
  }
  return store.DeleteComment(comment_id);
}

Result<std::vector<CommentNode>> LoadThread(CommentStore& store, const CommentThread& thread, Id viewer_id) {
  REEL_ASSIGN_OR_RETURN(auto rows, store.ListComments(thread, viewer_id));
  return Nodes(std::move(rows));
}

Result<ThreadPage> LoadThreadPage(CommentStore& store, const CommentThread& thread, Id viewer_id, int64_t page, int per_page) {
  // Pages beyond a billion are refused before their offset could overflow.
  if (page < 1 || page > 1'000'000'000) return InvalidArgument("page: a page number from 1");
  if (per_page < 1 || per_page > kMaxCommentsPerPage) {
    return InvalidArgument("per_page: from 1 to " + std::to_string(kMaxCommentsPerPage));
  }
  REEL_ASSIGN_OR_RETURN(auto listed,
                        store.ListCommentPage(thread, viewer_id, (page - 1) * per_page, per_page));
  ThreadPage out;
  out.page = static_cast<int>(page);
  out.top_level = listed.top_level;
  out.total = listed.total;
  out.pages = static_cast<int>(std::max<int64_t>(1, (listed.top_level + per_page - 1) / per_page));
  out.nodes = Nodes(std::move(listed.rows));
  return out;
}

Result<int64_t> CommentPageOf(CommentStore& store, Id comment_id, Id viewer_id, int per_page) {
  REEL_ASSIGN_OR_RETURN(auto before, store.CountCommentsBefore(comment_id, viewer_id));
  return before / std::max(1, per_page) + 1;
}

}  // namespace reel::audience
