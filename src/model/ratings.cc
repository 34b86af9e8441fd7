// The names of rating and moderation statuses, as the store spells them.
#include "model/ratings.h"

namespace reel {

const char* RatingStatusName(RatingStatus s) {
  switch (s) {
    case RatingStatus::kCounted: return "counted";
    case RatingStatus::kPreRelease: return "pre_release";
    case RatingStatus::kHeld: return "held";
  }
  return "counted";
}

RatingStatus ParseRatingStatus(std::string_view name) {
  if (name == "pre_release") return RatingStatus::kPreRelease;
  if (name == "held") return RatingStatus::kHeld;
  return RatingStatus::kCounted;
}

const char* ModerationStatusName(ModerationStatus s) {
  switch (s) {
    case ModerationStatus::kApproved: return "approved";
    case ModerationStatus::kPending: return "pending";
    case ModerationStatus::kSpam: return "spam";
  }
  return "pending";
}

std::optional<ModerationStatus> ParseModerationStatus(std::string_view name) {
  for (auto s : {ModerationStatus::kApproved, ModerationStatus::kPending, ModerationStatus::kSpam}) {
    if (name == ModerationStatusName(s)) return s;
  }
  return std::nullopt;
}

}  // namespace reel
