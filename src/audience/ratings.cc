#include "audience/ratings.h"

#include <cmath>
#include <cstdlib>

#include <spdlog/spdlog.h>

#include "audience/bombing.h"
#include "audience/verification.h"
#include "audience/moderation.h"
#include "core/text.h"
#include "storage/store.h"

namespace reel::audience {

Result<double> ParseStars(std::string_view text) {
  const std::string s(Trim(text));
  char* end = nullptr;
  const double stars = s.empty() ? 0 : std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !(stars >= 0.5 && stars <= 5) || stars * 2 != std::floor(stars * 2)) {
    return InvalidArgument("stars: choose from half a star to five stars, in halves");
  }
  return stars;
}

Status RateTitle(Store& store, Id user_id, const Title& title, double stars, std::string_view review, Date today,
                 const RatingContext& context) {
  if (!(stars >= 0.5 && stars <= 5) || stars * 2 != std::floor(stars * 2)) {
    return InvalidArgument("stars: choose from half a star to five stars, in halves");
  }
  const std::string text(Trim(review));
  if (text.size() > kMaxReviewLength) {
    return InvalidArgument("review: at most " + std::to_string(kMaxReviewLength) + " characters");
  }
  if (!IsValidUtf8(text)) return InvalidArgument("review: is not valid text (UTF-8)");
  std::string code_hash;
  if (!Trim(context.verification_code).empty()) {
    REEL_ASSIGN_OR_RETURN(auto code, NormalizeCode(context.verification_code));
    code_hash = CodeHash(code);
  }
  // The reader's earlier rating of the title, if any: its review's verdict and its
  // verified badge carry over.
  auto before = store.GetRating(user_id, title.id);
  if (!before.ok() && before.status().code() != StatusCode::kNotFound) return before.status();
  // The review text passes the spam filter; a text already checked (the same review
  // with new stars) keeps its status.
  std::optional<CheckedText> checked;
  ModerationStatus review_status = ModerationStatus::kApproved;
  if (!text.empty()) {
    if (before.ok() && before->review == text) {
      review_status = before->review_status;
    } else {
      REEL_ASSIGN_OR_RETURN(auto user, store.GetUser(user_id));
      SpamModel fresh;
      REEL_ASSIGN_OR_RETURN(auto c,
                            CheckText(store, context.spam ? *context.spam : fresh,
                                      Poster{&user, "", "", std::string(context.address)}, "review", text));
      checked = std::move(c);
      review_status = checked->status;
    }
  }
  Rating r;
  r.review_status = review_status;
  r.user_id = user_id;
  r.title_id = title.id;
  r.stars = stars;
  r.review = text;
  if (title.release && title.release->start > today) {
    r.status = RatingStatus::kPreRelease;
  } else {
    // A burst far above the title's usual rate with shifted stars is held for
    // moderation instead of counted (bombing.h).
    const std::string now = UtcTimestamp();
    const int64_t now_secs = ParseUtcTimestamp(now).value();
    REEL_ASSIGN_OR_RETURN(
        auto recent, store.ListRecentRatings(title.id, UtcTimestampOf(now_secs - kHistorySeconds - 3600)));
    std::vector<TimedRating> others;
    for (const auto& x : recent) {
      if (x.user_id == user_id) continue;
      auto at = ParseUtcTimestamp(x.at);
      if (at.ok()) others.push_back({*at, x.stars, x.status});
    }
    const BurstCheck check = CheckRatingBurst(others, {now_secs, stars, RatingStatus::kCounted});
    if (check.action == BurstAction::kHold) {
      r.status = RatingStatus::kHeld;
      spdlog::warn("rating of title {} held for moderation: {}", title.id, check.reason);
    }
  }
  r.verified = before.ok() && before->verified;
  return store.Write([&](StoreWriter& w) -> Status {
    if (!code_hash.empty()) {
      Status used = w.UseVerificationCode(code_hash, title.id, user_id);
      // The reader typed it: say what is wrong beside the field.
      if (used.code() == StatusCode::kNotFound || used.code() == StatusCode::kFailedPrecondition) {
        return InvalidArgument(used.message());
      }
      REEL_TRY(used);
      r.verified = true;
    }
    REEL_ASSIGN_OR_RETURN(auto id, w.UpsertRating(r));
    if (!checked) return Status::Ok();
    checked->check.item_id = id;
    return w.RecordSpamCheck(checked->check).status();
  });
}

Status Unrate(Store& store, Id user_id, const Title& title) {
  Status st = store.Write([&](StoreWriter& w) { return w.DeleteRating(user_id, title.id); });
  return st.code() == StatusCode::kNotFound ? Status::Ok() : st;
}

}  // namespace reel::audience
