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
#include "storage/records.h"

namespace reel {
class Store;
}

namespace reel::audience {

inline constexpr size_t kMaxReviewLength = 5000;

// Parses "4.5" into stars; InvalidArgument naming the field "stars" otherwise.
Result<double> ParseStars(std::string_view text);

class SpamModel;

// Rates (or re-rates) `title` as `user`; errors name the field. A new review text
// passes the spam filter (moderation.h) with `spam`'s model (nullptr: one built from
// the store for this call); a review judged spam or pending is hidden until an
// editor approves it, while its stars count. `address` is the client's address.
Status RateTitle(Store& store, Id user_id, const Title& title, double stars, std::string_view review, Date today,
                 SpamModel* spam = nullptr, std::string_view address = "");
// Removes the user's rating of `title` (Ok when there was none).
Status Unrate(Store& store, Id user_id, const Title& title);

}  // namespace reel::audience
