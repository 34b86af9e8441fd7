// Audience ratings and the reviews written with them, and the moderation status a
// reader's text (a review, a comment) carries. Plain structs; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/id.h"

namespace reel {

enum class RatingStatus { kCounted, kPreRelease, kHeld };
const char* RatingStatusName(RatingStatus s);
RatingStatus ParseRatingStatus(std::string_view name);  // kCounted for anything else.

// Where a comment or a review's text stands with moderation: shown, waiting for an
// editor, or hidden as spam.
enum class ModerationStatus { kApproved, kPending, kSpam };
const char* ModerationStatusName(ModerationStatus s);  // "approved", "pending", "spam"
std::optional<ModerationStatus> ParseModerationStatus(std::string_view name);

// An audience rating, with the optional review the user wrote with it. One per
// user and title.
struct Rating {
  Id id = 0;
  Id user_id = 0;
  Id title_id = 0;
  double stars = 0;           // 0.5 .. 5 in halves.
  std::string review;         // Plain text with paragraphs; may be empty.
  bool verified = false;
  RatingStatus status = RatingStatus::kCounted;
  std::string created_at;     // ISO 8601 UTC, or a date "2021-06-13".
  // The review text's moderation: a review that is not approved is hidden, while its
  // stars count as `status` says.
  ModerationStatus review_status = ModerationStatus::kApproved;
};

// A rating as the review-bombing guard sees it.
struct RecentRating {
  Id user_id = 0;
  std::string at;  // updated_at, ISO 8601 UTC.
  double stars = 0;
  RatingStatus status = RatingStatus::kCounted;
};

struct AudienceReviewRow {
  Rating rating;
  std::string username;       // Empty for a deleted account.
  std::string display_name;
};

}  // namespace reel
