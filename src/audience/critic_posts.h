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
#include "model/accounts.h"
#include "model/titles.h"

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

inline constexpr size_t kMaxCriticNameLength = 120;

// The critic profile an admin links a critic account to, as the admin form and
// `reel users critic` give it: its slug, and the name and publication readers see
// beside the account's reviews.
struct CriticProfile {
  std::string slug;
  std::string name;         // Required for a new profile; replaces an existing one's when given.
  std::string publication;  // A publication's name, made if new; optional; replaces when given.
};

// The id of the profile with `profile.slug`, made (not a top critic) when there is
// none yet, with the name and publication given. Errors name the form field:
// "critic: ..." for a slug that is not lowercase words and hyphens, "critic_name: ..."
// for a new profile without a name, "publication: ..." for a name with no letters or
// digits. Nothing is written when it fails.
Result<Id> EnsureCriticProfile(Store& store, const CriticProfile& profile);

// Posts or replaces the user's critic review of `title` (a film, season or episode),
// dated `today`, under their profile and its publication.
Status PostCriticReview(Store& store, const User& user, const Title& title, const CriticPost& post, Date today);
// Removes it (Ok when there was none).
Status WithdrawCriticReview(Store& store, const User& user, const Title& title);

// Sets the critics consensus of a film, series or season ("" removes it). A
// consensus sums up the critics, so a title no critic has reviewed (no counted
// review; for a series, none of its seasons') takes none: InvalidArgument
// ("consensus: ..."), nothing changed.
Status WriteConsensus(Store& store, const User& user, const Title& title, std::string_view text);

}  // namespace reel::audience
