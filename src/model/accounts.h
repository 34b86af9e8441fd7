// Accounts: users and their roles, sessions, password resets, the outbox of mail
// the site would send, and counts of failed sign-ins. Plain structs; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/id.h"

namespace reel {

enum class Role { kReader, kCritic, kEditor, kAdmin };
const char* RoleName(Role r);
std::optional<Role> ParseRole(std::string_view name);

struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  std::string email;
  std::string password_hash;  // argon2id string; empty for accounts that cannot sign in.
  Role role = Role::kReader;
  std::string created_at;     // ISO 8601 UTC.
  Id critic_id = 0;           // The critic profile a critic account posts as; 0 if none.
};

// A one-time password-reset token (the store keeps its hash) of a user.
struct PasswordReset {
  std::string token_hash;
  Id user_id = 0;
  std::string created_at;  // ISO 8601 UTC.
  std::string expires_at;
};

// A message the site would mail; kept in the outbox for admins (there is no mail
// server here).
struct OutboxMessage {
  Id id = 0;
  Id user_id = 0;          // 0 when the account is gone.
  std::string recipient;   // Email address.
  std::string subject;
  std::string body;
  std::string created_at;  // ISO 8601 UTC.
};

// Failed sign-ins under one key ("user:NAME", "addr:ADDRESS").
struct SigninFailures {
  int64_t failures = 0;
  std::string last_at;  // ISO 8601 UTC of the last one; "" when none.
};

// The kinds of session: a browser's, behind a cookie, and an API client's, behind
// a bearer token. A token of one kind is never accepted as the other.
inline constexpr const char* kWebSession = "web";
inline constexpr const char* kApiSession = "api";

// A signed-in session (a browser's cookie or an API token). The store keeps a hash
// of the token, never the token.
struct Session {
  std::string token_hash;
  Id user_id = 0;
  std::string kind = kWebSession;  // kWebSession or kApiSession.
  std::string csrf_token;          // The token forms of this session must carry.
  std::string created_at;          // ISO 8601 UTC.
  std::string expires_at;
  std::string last_used_at;        // ISO 8601 UTC, to the day; "" until first recorded.
};

}  // namespace reel
