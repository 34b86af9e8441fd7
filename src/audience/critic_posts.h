// What signed-in critics and editors write on a title: a critic account (role
// critic, linked to a critic profile) posts its critic review with its own grade and
// its fresh/rotten verdict; an editor (or admin) writes the critics consensus.
// Authorisation is checked here, on the server, for every write: PermissionDenied
// when the user's role does not allow it. Errors about input name the form field.
// Any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"
#include "storage/records.h"

namespace reel {
class Store;
}

namespace reel::audience {

inline constexpr size_t kMaxQuoteLength = 1000;
inline constexpr size_t kMaxConsensusLength = 600;

struct CriticPost {
  std::string quote;    // Required: the sentence readers see.
  std::string grade;    // As the critic writes it ("3/5", "B+", "★★★½"); optional.
  std::string verdict;  // "fresh" or "rotten": the critic's own call, which counts.
  std::string url;      // The full review; optional, http(s).
};

// True when `user` may post critic reviews (a critic or admin account with a profile).
bool CanPostCriticReviews(const User& user);
// True for editors and admins.
bool IsEditor(const User& user);

// The critic profile with `slug`, made (named `name`, no publication, not a top
// critic) when there is none yet: what an admin links a critic account to.
// InvalidArgument ("critic: ...") for a slug that is not lowercase words and hyphens.
Result<Id> EnsureCriticProfile(Store& store, std::string_view slug, std::string_view name);

// Posts or replaces the user's critic review of `title` (a film, season or episode),
// dated `today`, under their profile and its publication.
Status PostCriticReview(Store& store, const User& user, const Title& title, const CriticPost& post, Date today);
// Removes it (Ok when there was none).
Status WithdrawCriticReview(Store& store, const User& user, const Title& title);

// Sets the critics consensus of a film, series or season ("" removes it).
Status WriteConsensus(Store& store, const User& user, const Title& title, std::string_view text);

}  // namespace reel::audience
