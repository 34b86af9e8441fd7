// A reader's rating of a title: the rules of rating, reviewing and deleting, shared
// by the web form and the API.
//
// Stars are 0.5 to 5 in halves; the review is optional plain text (paragraphs kept)
// of at most kMaxReviewLength bytes of UTF-8. A rating made before the title's
// release is kept as "want to see" and not counted. A review text is checked by the
// spam filter like a comment. One rating per user and title:
// rating again replaces it. The scores move at once (the store updates the
// aggregates in the same transaction). Any thread.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/status.h"
#include "model/titles.h"

namespace reel {
class Store;
}

namespace reel::audience {

inline constexpr size_t kMaxReviewLength = 5000;

// Parses "4.5" into stars; InvalidArgument naming the field "stars" otherwise.
Result<double> ParseStars(std::string_view text);

class SpamModel;

// What a rating write knows besides the rating: the spam model to check a review
// with (nullptr: one built from the store for this call), the client's address, and
// a verification code the reader typed.
struct RatingContext {
  SpamModel* spam = nullptr;
  std::string_view address;
  std::string_view verification_code;
};

// Rates (or re-rates) `title` as `user`; errors name the field. A new review text
// passes the spam filter (moderation.h); a review judged spam or pending is hidden
// until an editor approves it, while its stars count. A rating keeps the verified
// badge it had; a verification code, when given, must be an unused code for this
// title (verification.h) and earns it, in the same transaction.
Status RateTitle(Store& store, Id user_id, const Title& title, double stars, std::string_view review, Date today,
                 const RatingContext& context = {});
// Removes the user's rating of `title` (Ok when there was none).
Status Unrate(Store& store, Id user_id, const Title& title);

}  // namespace reel::audience
