// AccountStore: users, roles, sessions, passwords and their resets, the outbox, and
// counts of failed sign-ins. Each write is one method and one transaction of its
// own (not through Store::Write()). Any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "model/accounts.h"

namespace reel {

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // A new user; AlreadyExists names the field that clashes ("username", "email").
  virtual Result<Id> CreateUser(const User& user) = 0;
  virtual Result<User> GetUser(Id id) = 0;
  virtual Result<User> FindUserByName(std::string_view username) = 0;  // NotFound when none.
  virtual Status CreateSession(const Session& session) = 0;
  // The live session with this token hash and its user; NotFound when there is none
  // or it expired before `now` (ISO 8601 UTC).
  virtual Result<std::pair<Session, User>> FindSession(std::string_view token_hash, std::string_view now) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  // A user's live sessions at `now`, of both kinds, the most recently used first.
  virtual Result<std::vector<Session>> ListSessions(Id user_id, std::string_view now) = 0;
  // Ends the session of `user_id` whose token hash begins with `hash_prefix` (at
  // least 16 characters, as the account page shows it); NotFound when the user has
  // no such session.
  virtual Status EndUserSession(Id user_id, std::string_view hash_prefix) = 0;
  // Records that a session was used at `now`.
  virtual Status TouchSession(std::string_view token_hash, std::string_view now) = 0;
  // An account by its email, case-insensitively; NotFound when none.
  virtual Result<User> FindUserByEmail(std::string_view email) = 0;
  // Accounts whose username or email contains `query` (every account when it is
  // empty), newest first.
  virtual Result<std::vector<User>> ListUsers(std::string_view query, int limit, int offset) = 0;
  // Sets a user's role and links the critic profile a critic account posts as (0
  // unlinks), in one transaction; nullopt leaves that one as it is. NotFound when
  // the user or the critic does not exist.
  virtual Status SetUserAccess(Id user_id, std::optional<Role> role, std::optional<Id> critic_id) = 0;
  // Replaces a user's password hash and ends every session of theirs except the one
  // with `keep_session_hash` ("" ends them all), with any pending reset tokens.
  virtual Status SetPassword(Id user_id, std::string_view password_hash, std::string_view keep_session_hash) = 0;
  // Closes an account: its name, email and password are erased (the name is free
  // again), its sessions and reset tokens end; its ratings and reviews stay, shown as
  // by a deleted user.
  virtual Status DeleteUser(Id user_id) = 0;
  // Stores a reset token and the message that carries its link, in one transaction.
  virtual Status CreatePasswordReset(const PasswordReset& reset, const OutboxMessage& message) = 0;
  // Uses a reset token: sets the user's password hash, marks the token used and ends
  // every session of the user. Returns the user; NotFound when the token is unknown,
  // used or expired at `now`.
  virtual Result<Id> UsePasswordReset(std::string_view token_hash, std::string_view now,
                                      std::string_view password_hash) = 0;
  // The newest messages first.
  virtual Result<std::vector<OutboxMessage>> ListOutbox(int limit) = 0;
  virtual Status ClearSigninFailures(std::string_view key) = 0;
  // One attempt under each of `keys` ("user:NAME", "addr:ADDRESS"), checked and
  // counted in one transaction, so concurrent attempts under one key take turns and
  // none is checked on a stale count. `wait_seconds` gets each key's failures so far
  // (a count last bumped before `forget_before` as none) and says how long the next
  // attempt must still wait under it. When it says 0 for every key, each count goes
  // up by one at `now` (the attempt is reserved before its password is checked) and
  // 0 is returned; otherwise nothing changes and the longest wait is returned.
  virtual Result<int64_t> ReserveSigninAttempt(
      const std::vector<std::string>& keys, std::string_view now, std::string_view forget_before,
      const std::function<int64_t(std::string_view key, const SigninFailures& so_far)>& wait_seconds) = 0;
  // Gives back one attempt reserved under `key` (a sign-in that succeeded, from an
  // address many readers may share).
  virtual Status ReleaseSigninAttempt(std::string_view key) = 0;
  // Removes sessions and reset links expired at `now`, used reset links, and sign-in
  // failure counts last bumped before `failures_before`; says how many of each.
  struct Purged {
    int64_t sessions = 0;
    int64_t resets = 0;
    int64_t signin_failures = 0;
  };
  virtual Result<Purged> PurgeExpired(std::string_view now, std::string_view failures_before) = 0;
};

}  // namespace reel
