// Account operations over the store, shared by the web forms, the JSON API and the
// `reel users` command: signing in under attempt limits, changing and resetting a
// password, closing an account.
//
// Sign-in limits. Failed attempts are counted per account name as typed (whether
// or not such an account exists, so the limit says nothing about existence) and per
// client address, in the store, so several servers share the counts. The first
// kAccountFreeFailures failures of a name (kAddressFreeFailures of an address: many
// readers may share one address behind a NAT) cost nothing; each further failure
// makes the next attempt wait kFirstDelaySeconds, doubled per failure, at most
// kMaxDelaySeconds. Counts are forgotten kForgetFailuresSeconds after the last
// failure, and a successful sign-in clears its name's count. While a wait runs, the
// password is not even checked: the answer is ResourceExhausted with the seconds
// left, the same for every name. Each attempt is counted before its password is
// checked, in the same store transaction that checks the limits
// (Store::ReserveSigninAttempt), so concurrent attempts cannot get more passwords
// checked than the limits allow; a success then clears the name's count and gives
// the address its attempt back.
//
// Any thread; each call does its own store transactions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "model/accounts.h"

namespace reel {
class AccountStore;
}

namespace reel::audience {

inline constexpr int kAccountFreeFailures = 5;
inline constexpr int kAddressFreeFailures = 20;
inline constexpr int64_t kFirstDelaySeconds = 15;
inline constexpr int64_t kMaxDelaySeconds = 3600;
inline constexpr int64_t kForgetFailuresSeconds = 24 * 3600;
// A reset link is good for this long, and once.
inline constexpr int64_t kResetSeconds = 2 * 3600;

// The wait before the next attempt after `failures` failures (0 while free).
int64_t SigninDelaySeconds(int64_t failures, int free_failures);

// Checks a name and password. Unauthenticated "wrong username or password" for a
// wrong password, an unknown name and an account without a password alike (each
// costs one argon2id check, so the time taken tells nothing);
// ResourceExhausted while a wait runs, with the seconds left in *retry_after.
// `address` is the client's address ("" skips the per-address limit).
Result<User> SignIn(AccountStore& store, std::string_view username, std::string_view password, std::string_view address,
                    int64_t* retry_after);

// Changes the password of a signed-in user who gives the current one (errors name
// the field: "current_password", "password"); every other session of the user ends.
Status ChangePassword(AccountStore& store, const User& user, std::string_view current, std::string_view next,
                      std::string_view keep_session_hash);

// Makes a one-time reset link for `user` and puts the message carrying it in the
// outbox. `base_url` is the site's public address ("http://127.0.0.1:8080"); the
// link is base_url + "/account/reset/" + token. Returns the link.
Result<std::string> RequestPasswordReset(AccountStore& store, const User& user, std::string_view base_url);

// At most kResetRequestsPerDay reset messages per name or email typed in a day;
// false when this request is over the limit (then nothing should be sent).
inline constexpr int kResetRequestsPerDay = 3;
Result<bool> AllowResetRequest(AccountStore& store, std::string_view who);

// Sets a new password from a reset link's token; every session of the user ends.
// NotFound ("token: ...") when the link is unknown, used or expired.
Status ResetPassword(AccountStore& store, std::string_view token, std::string_view new_password);

// Records that `session` is being used, at most once a day (the account page shows
// the day it was last used). Best effort: a failure is logged, never the caller's.
void NoteSessionUse(AccountStore& store, const Session& session);

// Closes the account of a user who confirms with their password.
Status CloseAccount(AccountStore& store, const User& user, std::string_view password);

}  // namespace reel::audience
