#include "audience/users.h"

#include <algorithm>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "audience/accounts.h"
#include "core/date.h"
#include "core/log.h"
#include "core/text.h"
#include "storage/store.h"

namespace reel::audience {
namespace {

// The hash checked when there is no password to check: the name is unknown, or the
// account has none yet (a demo viewer, an account waiting for its set-up link). It
// has the cost parameters of every stored hash (argon2id, 3 passes over 64 MiB), so
// those answers take as long as a wrong password; and such a sign-in fails whatever
// the check says.
constexpr const char* kDummyHash =
    "$argon2id$v=19$m=65536,t=3,p=1$B3P//ZloDA+5/vqgNDJgaQ$d6wgLRISCjtHNu9/IE6ZcbNKpbAuS4kmyqWsdJ7q6qM";

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Seconds still to wait after `f`, 0 when none.
int64_t WaitLeft(const SigninFailures& f, int free_failures, int64_t now) {
  const int64_t delay = SigninDelaySeconds(f.failures, free_failures);
  // While failures are free there is no wait, even when a concurrent attempt
  // stamped its failure a second after this one's `now`.
  if (delay == 0) return 0;
  auto last = ParseUtcTimestamp(f.last_at);
  if (!last.ok() || now - *last > kForgetFailuresSeconds) return 0;
  return std::max<int64_t>(0, *last + delay - now);
}

}  // namespace

int64_t SigninDelaySeconds(int64_t failures, int free_failures) {
  if (failures < free_failures) return 0;
  int64_t delay = kFirstDelaySeconds;
  for (int64_t i = free_failures; i < failures && delay < kMaxDelaySeconds; ++i) delay *= 2;
  return std::min(delay, kMaxDelaySeconds);
}

Result<User> SignIn(AccountStore& store, std::string_view username, std::string_view password, std::string_view address,
                    int64_t* retry_after) {
  *retry_after = 0;
  const std::string name_key = "user:" + Lower(Trim(username));
  const std::string addr_key = address.empty() ? "" : "addr:" + std::string(address);
  const std::string now_text = UtcTimestamp();
  const int64_t now = ParseUtcTimestamp(now_text).value();
  std::vector<std::string> keys = {name_key};
  if (!addr_key.empty()) keys.push_back(addr_key);
  // The attempt is counted before its password is checked, in the same step that
  // checks the limits: concurrent attempts cannot all read a count below the limit.
  REEL_ASSIGN_OR_RETURN(auto wait,
                        store.ReserveSigninAttempt(
                            keys, now_text, UtcTimestampOf(now - kForgetFailuresSeconds),
                            [&](std::string_view key, const SigninFailures& so_far) {
                              return WaitLeft(
                                  so_far, key == name_key ? kAccountFreeFailures : kAddressFreeFailures, now);
                            }));
  if (wait > 0) {
    *retry_after = wait;
    return ResourceExhausted("too many sign-in attempts: try again in " + std::to_string(wait) + " seconds");
  }
  auto user = store.FindUserByName(Trim(username));
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
  // One argon2id check on every path, so the time taken tells nothing.
  const bool has_password = user.ok() && !user->password_hash.empty();
  const bool matches = VerifyPassword(has_password ? std::string_view(user->password_hash) : kDummyHash, password);
  if (!matches || !has_password) {
    spdlog::info("sign-in failed for '{}' from {}", LogText(Trim(username)), LogText(address));
    return Unauthenticated("wrong username or password");
  }
  // The name's failures are forgiven; the address gets its attempt back (many
  // readers may share it).
  REEL_TRY(store.ClearSigninFailures(name_key));
  if (!addr_key.empty()) REEL_TRY(store.ReleaseSigninAttempt(addr_key));
  return *user;
}

Status ChangePassword(AccountStore& store, const User& user, std::string_view current, std::string_view next,
                      std::string_view keep_session_hash) {
  REEL_ASSIGN_OR_RETURN(auto fresh, store.GetUser(user.id));
  if (!VerifyPassword(fresh.password_hash, current)) {
    return InvalidArgument("current_password: is not your current password");
  }
  REEL_TRY(ValidatePassword(next));
  REEL_ASSIGN_OR_RETURN(auto hash, HashPassword(next));
  return store.SetPassword(user.id, hash, keep_session_hash);
}

Result<std::string> RequestPasswordReset(AccountStore& store, const User& user, std::string_view base_url) {
  const std::string token = NewToken();
  const std::string now = UtcTimestamp();
  const int64_t now_secs = ParseUtcTimestamp(now).value();
  std::string base(base_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string link = base + "/account/reset/" + token;
  PasswordReset reset{TokenHash(token), user.id, now, UtcTimestampOf(now_secs + kResetSeconds)};
  OutboxMessage m;
  m.user_id = user.id;
  m.recipient = user.email;
  m.subject = "Reset your password";
  m.body = "Someone (we hope you) asked to reset the password of the account '" + user.username +
           "'.\n\nTo choose a new password, open this link within " + std::to_string(kResetSeconds / 3600) +
           " hours:\n\n" + link + "\n\nIf you did not ask for this, ignore this message: your password stays as it is.\n";
  m.created_at = now;
  REEL_TRY(store.CreatePasswordReset(reset, m));
  return link;
}

Result<bool> AllowResetRequest(AccountStore& store, std::string_view who) {
  const std::string key = "reset:" + Lower(Trim(who));
  const std::string now = UtcTimestamp();
  const int64_t now_secs = ParseUtcTimestamp(now).value();
  const int64_t day = 24 * 3600;
  // Checked and counted in one step, like sign-in attempts.
  REEL_ASSIGN_OR_RETURN(auto wait, store.ReserveSigninAttempt(
                                       {key}, now, UtcTimestampOf(now_secs - day),
                                       [&](std::string_view, const SigninFailures& so_far) -> int64_t {
                                         if (so_far.failures < kResetRequestsPerDay) return 0;
                                         auto last = ParseUtcTimestamp(so_far.last_at);
                                         return last.ok() ? std::max<int64_t>(1, *last + day - now_secs) : 1;
                                       }));
  return wait == 0;
}

Status ResetPassword(AccountStore& store, std::string_view token, std::string_view new_password) {
  REEL_TRY(ValidatePassword(new_password));
  REEL_ASSIGN_OR_RETURN(auto hash, HashPassword(new_password));
  REEL_ASSIGN_OR_RETURN(auto user, store.UsePasswordReset(TokenHash(token), UtcTimestamp(), hash));
  spdlog::info("password reset used by user {}", user);
  return Status::Ok();
}

void NoteSessionUse(AccountStore& store, const Session& session) {
  const std::string now = UtcTimestamp();
  if (session.last_used_at.substr(0, 10) == now.substr(0, 10)) return;
  if (Status st = store.TouchSession(session.token_hash, now); !st.ok()) {
    spdlog::warn("recording a session's use: {}", st.ToString());
  }
}

Status CloseAccount(AccountStore& store, const User& user, std::string_view password) {
  REEL_ASSIGN_OR_RETURN(auto fresh, store.GetUser(user.id));
  if (!VerifyPassword(fresh.password_hash, password)) return InvalidArgument("password: is not your password");
  REEL_TRY(store.DeleteUser(user.id));
  spdlog::info("account closed: user {}", user.id);
  return Status::Ok();
}

}  // namespace reel::audience
