#include "audience/moderation.h"

#include <spdlog/spdlog.h>

#include <functional>

#include "audience/comments.h"
#include "core/date.h"
#include "core/text.h"
#include "storage/store.h"

namespace reel::audience {
namespace {

constexpr int64_t kHourSeconds = 3600;
constexpr int64_t kDaySeconds = 86400;

ModerationStatus StatusFor(SpamVerdict v) {
  switch (v) {
    case SpamVerdict::kApproved: return ModerationStatus::kApproved;
    case SpamVerdict::kPending: return ModerationStatus::kPending;
    case SpamVerdict::kSpam: return ModerationStatus::kSpam;
  }
  return ModerationStatus::kPending;
}

Status NeedModerator(const User& user) {
  return CanModerate(user) ? Status::Ok() : PermissionDenied("only editors and admins moderate");
}

// Approves or hides an item (kind "comment" or "review"): the model learns the label
// (items written before the filter ran have no check: nothing to learn), the status
// changes through `set_status`, and the item's open reports are resolved.
Status Settle(Store& store, const User& editor, std::string_view kind, Id id, Decision decision,
              const std::function<Status(ModerationStatus)>& set_status) {
  const bool spam = decision == Decision::kSpam;
  Status labelled = store.LabelSpamCheck(kind, id, spam ? "spam" : "ham", editor.id);
  if (!labelled.ok() && labelled.code() != StatusCode::kNotFound) return labelled;
  REEL_TRY(set_status(spam ? ModerationStatus::kSpam : ModerationStatus::kApproved));
  return kind == "comment" ? store.ResolveReports(id, 0, editor.id) : store.ResolveReports(0, id, editor.id);
}

}  // namespace

Status SpamModel::Refresh(Store& store) {
  const uint64_t generation = store.ChangeGeneration();
  {
    std::shared_lock lock(mu_);
    if (generation == generation_) return Status::Ok();
  }
  std::lock_guard rebuild(rebuild_mu_);
  REEL_ASSIGN_OR_RETURN(auto stamp, store.SpamExamplesStamp());
  {
    std::unique_lock lock(mu_);
    if (stamp == stamp_) {
      generation_ = generation;
      return Status::Ok();
    }
  }
  REEL_ASSIGN_OR_RETURN(auto examples, store.ListSpamExamples());
  SpamFilter fresh;
  for (const auto& e : examples) fresh.Train(SpamInputOf(e), e.label == "spam" ? SpamLabel::kSpam : SpamLabel::kHam);
  std::unique_lock lock(mu_);
  filter_ = std::move(fresh);
  stamp_ = stamp;
  generation_ = generation;
  return Status::Ok();
}

Result<SpamScore> SpamModel::Score(Store& store, const SpamInput& input) {
  REEL_TRY(Refresh(store));
  std::shared_lock lock(mu_);
  return filter_.Score(input);
}

int64_t SpamModel::examples() {
  std::shared_lock lock(mu_);
  return filter_.spam_texts() + filter_.ham_texts();
}

Result<SpamInput> BuildSpamInput(Store& store, const Poster& poster, std::string_view text) {
  SpamInput in;
  in.text = std::string(text);
  const int64_t now = ParseUtcTimestamp(UtcTimestamp()).value();
  if (poster.user) {
    in.author_name = poster.user->display_name.empty() ? poster.user->username : poster.user->display_name;
    // An account whose age is unknown counts as new.
    auto created = ParseUtcTimestamp(poster.user->created_at);
    in.account_age_days = created.ok() ? static_cast<double>(now - *created) / kDaySeconds : 0;
  } else {
    in.guest = true;
    in.author_name = poster.guest_name;
  }
  REEL_ASSIGN_OR_RETURN(
      auto activity,
      store.CountSpamActivity(poster.user ? poster.user->id : 0, poster.address, SpamTextKey(text),
                              UtcTimestampOf(now - kHourSeconds), UtcTimestampOf(now - kDaySeconds)));
  in.posts_last_hour = activity.posts_last_hour;
  in.same_text_recent = activity.same_text_recent;
  return in;
}

Result<CheckedText> CheckText(Store& store, SpamModel& model, const Poster& poster, std::string_view kind,
                              std::string_view text) {
  REEL_ASSIGN_OR_RETURN(auto input, BuildSpamInput(store, poster, text));
  REEL_ASSIGN_OR_RETURN(auto score, model.Score(store, input));
  CheckedText out;
  out.score = score;
  out.status = StatusFor(score.verdict);
  SpamCheck& k = out.check;
  k.kind = std::string(kind);
  k.user_id = poster.user ? poster.user->id : 0;
  k.address = poster.address;
  k.text = input.text;
  k.text_key = SpamTextKey(text);
  k.author_name = input.author_name;
  k.author_url = input.author_url;
  k.guest = input.guest;
  k.account_age_days = input.account_age_days;
  k.posts_last_hour = input.posts_last_hour;
  k.same_text_recent = input.same_text_recent;
  k.probability = score.probability;
  for (const auto& r : score.reasons) k.reasons += (k.reasons.empty() ? "" : "; ") + r.what;
  return out;
}

SpamInput SpamInputOf(const SpamCheck& k) {
  SpamInput in;
  in.text = k.text;
  in.author_name = k.author_name;
  in.author_url = k.author_url;
  in.guest = k.guest;
  in.account_age_days = k.account_age_days;
  in.posts_last_hour = k.posts_last_hour;
  in.same_text_recent = k.same_text_recent;
  return in;
}

bool CanModerate(const User& user) { return user.role == Role::kEditor || user.role == Role::kAdmin; }

std::optional<Decision> ParseDecision(std::string_view name) {
  if (name == "approve") return Decision::kApprove;
  if (name == "spam") return Decision::kSpam;
  if (name == "delete") return Decision::kDelete;
  return std::nullopt;
}

Status DecideComment(Store& store, SpamModel& model, const User& editor, Id comment_id, Decision decision) {
  REEL_TRY(NeedModerator(editor));
  REEL_TRY(StandingComment(store, comment_id));
  if (decision == Decision::kDelete) {
    // Its reports are settled by this editor; replies stay, under a placeholder.
    REEL_TRY(store.ResolveReports(comment_id, 0, editor.id));
    REEL_TRY(store.DeleteComment(comment_id));
  } else {
    REEL_TRY(Settle(store, editor, "comment", comment_id, decision,
                                [&](ModerationStatus st) { return store.SetCommentStatus(comment_id, st); }));
  }
  spdlog::info("moderation: {} {} comment {}", editor.username,
               decision == Decision::kApprove ? "approved" : decision == Decision::kSpam ? "marked spam" : "deleted",
               comment_id);
  return model.Refresh(store);
}

Status DecideReview(Store& store, SpamModel& model, const User& editor, Id rating_id, Decision decision) {
  REEL_TRY(NeedModerator(editor));
  REEL_ASSIGN_OR_RETURN(auto rating, store.GetRatingById(rating_id));
  if (decision == Decision::kDelete) {
    REEL_TRY(store.Write([&](StoreWriter& w) { return w.DeleteRating(rating.user_id, rating.title_id); }));
  } else {
    REEL_TRY(Settle(store, editor, "review", rating_id, decision,
                                [&](ModerationStatus st) { return store.SetReviewStatus(rating_id, st); }));
  }
  spdlog::info("moderation: {} decided review {}", editor.username, rating_id);
  return model.Refresh(store);
}

Status DecideHeldRating(Store& store, const User& editor, Id rating_id, HeldDecision decision) {
  REEL_TRY(NeedModerator(editor));
  REEL_ASSIGN_OR_RETURN(auto rating, store.GetRatingById(rating_id));
  if (rating.status != RatingStatus::kHeld) return FailedPrecondition("rating " + std::to_string(rating_id) + " is not held");
  spdlog::info("moderation: {} {} held rating {}", editor.username,
               decision == HeldDecision::kCount ? "counted" : "removed", rating_id);
  return store.Write([&](StoreWriter& w) -> Status {
    if (decision == HeldDecision::kRemove) return w.DeleteRating(rating.user_id, rating.title_id);
    Rating counted = rating;
    counted.status = RatingStatus::kCounted;
    return w.UpsertRating(counted).status();  // Keeps created_at; the aggregates move.
  });
}

Status ReportItem(Store& store, const User& reader, Id comment_id, Id rating_id, std::string_view reason) {
  const std::string text(Trim(reason));
  if (text.size() > kMaxReportReasonLength) {
    return InvalidArgument("reason: at most " + std::to_string(kMaxReportReasonLength) + " characters");
  }
  if (!IsValidUtf8(text)) return InvalidArgument("reason: is not valid text (UTF-8)");
  // Only what exists can be reported (a 404 otherwise).
  if (comment_id != 0) {
    REEL_TRY(StandingComment(store, comment_id));
  } else {
    REEL_TRY(store.GetRatingById(rating_id));
  }
  Report r;
  r.comment_id = comment_id;
  r.rating_id = rating_id;
  r.user_id = reader.id;
  r.reason = text;
  return store.AddReport(r).status();
}

}  // namespace reel::audience
