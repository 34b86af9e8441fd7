// Accounts: what a username, an email and a password must be; password hashing
// with argon2id (libsodium); session tokens and their hashes.
//
// Passwords are never stored or logged: only their argon2id hash string (which
// carries its own salt and parameters). Session tokens are 256 random bits given to
// the browser or API client once; the store keeps their BLAKE2b hash, so a leaked
// database does not hand out sessions. Pure functions apart from the random source;
// any thread (libsodium is initialised once, thread-safely).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace reel::audience {

// argon2id cost: 3 passes over 64 MiB (libsodium's "moderate" is 3 x 256 MiB, its
// "interactive" 2 x 64 MiB). Measured here at about 0.1 s per hash on one core: slow
// for a guesser, fine for a sign-in.
inline constexpr unsigned long long kPasswordOps = 3;
inline constexpr size_t kPasswordMemory = size_t{64} << 20;

inline constexpr size_t kMinPasswordLength = 10;
inline constexpr size_t kMaxPasswordLength = 256;

// Each returns InvalidArgument naming the field ("username: ...") or Ok.
Status ValidateUsername(std::string_view username);  // 3-30 of a-z A-Z 0-9 _ - .
Status ValidateEmail(std::string_view email);
Status ValidatePassword(std::string_view password);

Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);
// How many argon2id verifications VerifyPassword has run in this process (all
// threads), so tests can see that every sign-in path pays for one.
uint64_t PasswordChecks();

// A new random token (64 hex characters) and the hash the store keeps of one.
std::string NewToken();
std::string TokenHash(std::string_view token);

// Constant-time comparison of two strings (CSRF tokens).
bool SameSecret(std::string_view a, std::string_view b);

}  // namespace reel::audience
