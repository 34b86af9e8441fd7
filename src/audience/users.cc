#include "audience/users.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "audience/accounts.h"
#include "core/date.h"
#include "core/log.h"
#include "core/text.h"
#include "storage/store.h"

namespace reel::audience {
namespace {

// A hash to check when the account does not exist, so an unknown name costs the
// same argon2id work as a known one.
const std::string& DummyHash() {
  static const std::string hash = HashPassword("not a real password, for timing").value();
  return hash;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Seconds still to wait under `key`, 0 when none.
Result<int64_t> WaitLeft(Store& store, const std::string& key, int free_failures, int64_t now) {
  auto f = store.GetSigninFailures(key);
  if (!f.ok()) return f.status();
  if (f->failures == 0) return int64_t{0};
  auto last = ParseUtcTimestamp(f->last_at);
  if (!last.ok() || now - *last > kForgetFailuresSeconds) return int64_t{0};
  return std::max<int64_t>(0, *last + SigninDelaySeconds(f->failures, free_failures) - now);
}

}  // namespace

int64_t SigninDelaySeconds(int64_t failures, int free_failures) {
  if (failures < free_failures) return 0;
  int64_t delay = kFirstDelaySeconds;
  for (int64_t i = free_failures; i < failures && delay < kMaxDelaySeconds; ++i) delay *= 2;
  return std::min(delay, kMaxDelaySeconds);
}

Result<User> SignIn(Store& store, std::string_view username, std::string_view password, std::string_view address,
                    int64_t* retry_after) {
  *retry_after = 0;
  const std::string name_key = "user:" + Lower(Trim(username));
  const std::string addr_key = address.empty() ? "" : "addr:" + std::string(address);
  const std::string now_text = UtcTimestamp();
  const int64_t now = ParseUtcTimestamp(now_text).value();
  auto wait = WaitLeft(store, name_key, kAccountFreeFailures, now);
  if (!wait.ok()) return wait.status();
  int64_t left = *wait;
  if (!addr_key.empty()) {
    auto addr_wait = WaitLeft(store, addr_key, kAddressFreeFailures, now);
    if (!addr_wait.ok()) return addr_wait.status();
    left = std::max(left, *addr_wait);
  }
  if (left > 0) {
    *retry_after = left;
    return ResourceExhausted("too many sign-in attempts: try again in " + std::to_string(left) + " seconds");
  }
  auto user = store.FindUserByName(Trim(username));
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
  const bool ok = VerifyPassword(user.ok() ? user->password_hash : DummyHash(), password) && user.ok();
  if (!ok) {
    const std::string forget = UtcTimestampOf(now - kForgetFailuresSeconds);
    REEL_RETURN_IF_ERROR(store.AddSigninFailure(name_key, now_text, forget));
    if (!addr_key.empty()) REEL_RETURN_IF_ERROR(store.AddSigninFailure(addr_key, now_text, forget));
    spdlog::info("sign-in failed for '{}' from {}", LogText(Trim(username)), LogText(address));
    return Unauthenticated("wrong username or password");
  }
  REEL_RETURN_IF_ERROR(store.ClearSigninFailures(name_key));
  return *user;
}

Status ChangePassword(Store& store, const User& user, std::string_view current, std::string_view next,
                      std::string_view keep_session_hash) {
  auto fresh = store.GetUser(user.id);
  if (!fresh.ok()) return fresh.status();
  if (!VerifyPassword(fresh->password_hash, current)) {
    return InvalidArgument("current_password: is not your current password");
  }
  REEL_RETURN_IF_ERROR(ValidatePassword(next));
  auto hash = HashPassword(next);
  if (!hash.ok()) return hash.status();
  return store.SetPassword(user.id, *hash, keep_session_hash);
}

Result<std::string> RequestPasswordReset(Store& store, const User& user, std::string_view base_url) {
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
  REEL_RETURN_IF_ERROR(store.CreatePasswordReset(reset, m));
  return link;
}

Result<bool> AllowResetRequest(Store& store, std::string_view who) {
  const std::string key = "reset:" + Lower(Trim(who));
  const std::string now = UtcTimestamp();
  const int64_t now_secs = ParseUtcTimestamp(now).value();
  const std::string forget = UtcTimestampOf(now_secs - 24 * 3600);
  auto f = store.GetSigninFailures(key);
  if (!f.ok()) return f.status();
  if (f->failures >= kResetRequestsPerDay && f->last_at >= forget) return false;
  REEL_RETURN_IF_ERROR(store.AddSigninFailure(key, now, forget));
  return true;
}

Status ResetPassword(Store& store, std::string_view token, std::string_view new_password) {
  REEL_RETURN_IF_ERROR(ValidatePassword(new_password));
  auto hash = HashPassword(new_password);
  if (!hash.ok()) return hash.status();
  auto user = store.UsePasswordReset(TokenHash(token), UtcTimestamp(), *hash);
  if (!user.ok()) return user.status();
  spdlog::info("password reset used by user {}", *user);
  return Status::Ok();
}

Status CloseAccount(Store& store, const User& user, std::string_view password) {
  auto fresh = store.GetUser(user.id);
  if (!fresh.ok()) return fresh.status();
  if (!VerifyPassword(fresh->password_hash, password)) return InvalidArgument("password: is not your password");
  REEL_RETURN_IF_ERROR(store.DeleteUser(user.id));
  spdlog::info("account closed: user {}", user.id);
  return Status::Ok();
}

}  // namespace reel::audience
