#include "audience/comments.h"

#include <map>

#include "audience/accounts.h"
#include "core/text.h"
#include "storage/store.h"

namespace reel::audience {
namespace {

bool HasControlCharacters(std::string_view s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

Result<Comment> StandingComment(Store& store, Id comment_id) {
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

Result<Comment> PostComment(Store& store, SpamModel& model, const Poster& poster, const CommentThread& thread,
                            Id parent_id, std::string_view body) {
  REEL_RETURN_IF_ERROR(ValidateCommentBody(body));
  if (!poster.user) REEL_RETURN_IF_ERROR(ValidateGuest(poster.guest_name, poster.guest_email));
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
  auto checked = CheckText(store, model, poster, "comment", text);
  if (!checked.ok()) return checked.status();
  c.user_id = poster.user ? poster.user->id : 0;
  if (!poster.user) {
    c.guest_name = std::string(Trim(poster.guest_name));
    c.guest_email = std::string(Trim(poster.guest_email));
  }
  c.body = text;
  c.status = checked->status;
  c.created_at = UtcTimestamp();
  auto id = store.AddComment(c, checked->check);
  if (!id.ok()) return id.status();
  c.id = *id;
  return c;
}

Status EditComment(Store& store, SpamModel& model, const User& user, Id comment_id, std::string_view body) {
  auto comment = StandingComment(store, comment_id);
  if (!comment.ok()) return comment.status();
  if (comment->user_id != user.id) return PermissionDenied("only its author edits a comment");
  REEL_RETURN_IF_ERROR(ValidateCommentBody(body));
  const std::string text(Trim(body));
  if (text == comment->body) return Status::Ok();
  // A comment an editor hid as spam stays hidden, whatever its new text.
  Poster poster{&user, "", "", ""};
  auto checked = CheckText(store, model, poster, "comment", text);
  if (!checked.ok()) return checked.status();
  const ModerationStatus status =
      comment->status == ModerationStatus::kSpam ? ModerationStatus::kSpam : checked->status;
  return store.EditComment(comment_id, text, status, checked->check);
}

Status DeleteComment(Store& store, const User& user, Id comment_id) {
  auto comment = StandingComment(store, comment_id);
  if (!comment.ok()) return comment.status();
  if (comment->user_id != user.id && !CanModerate(user)) {
    return PermissionDenied("only its author or an editor deletes a comment");
  }
  return store.DeleteComment(comment_id);
}

Result<std::vector<CommentNode>> LoadThread(Store& store, const CommentThread& thread, Id viewer_id) {
  auto rows = store.ListComments(thread, viewer_id);
  if (!rows.ok()) return rows.status();
  std::vector<CommentNode> out;
  std::map<Id, size_t> top;
  for (auto& row : *rows) {
    if (row.comment.parent_id == 0) {
      top[row.comment.id] = out.size();
      out.push_back({std::move(row), {}});
    }
  }
  for (auto& row : *rows) {
    if (row.comment.parent_id == 0) continue;
    auto it = top.find(row.comment.parent_id);
    if (it != top.end()) out[it->second].replies.push_back(std::move(row));
  }
  return out;
}

}  // namespace reel::audience
