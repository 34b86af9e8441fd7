// SqlStore's accounts: users, roles, sessions, passwords and their resets, the
// outbox, sign-in failures, a user's own rating, critics as accounts see them.
#include "storage/sql/rows.h"
#include "storage/sql_store.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace reel {
namespace {

#define REEL_USER_COLS(u)                                                                           \
  u ".id, " u ".username, " u ".display_name, COALESCE(" u ".email, ''), " u ".password_hash, " u ".role, " u \
  ".created_at, COALESCE(" u ".critic_id, 0)"
constexpr const char* kUserCols = REEL_USER_COLS("users");

User ReadUser(const SqlStmt& q, int c) {
  User u;
  u.id = q.Int(c);
  u.username = q.Text(c + 1);
  u.display_name = q.Text(c + 2);
  u.email = q.Text(c + 3);
  u.password_hash = q.Text(c + 4);
  u.role = ParseRole(q.Text(c + 5)).value_or(Role::kReader);
  u.created_at = q.Text(c + 6);
  u.critic_id = q.Int(c + 7);
  return u;
}

#define REEL_SESSION_COLS \
  "s.token_hash, s.user_id, s.kind, s.csrf_token, s.created_at, s.expires_at, s.last_used_at"

Session ReadSession(const SqlStmt& q, int c) {
  return Session{q.Text(c), q.Int(c + 1), q.Text(c + 2), q.Text(c + 3), q.Text(c + 4), q.Text(c + 5), q.Text(c + 6)};
}

}  // namespace

Result<Id> SqlStore::CreateUser(const User& u) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  Id id = 0;
  REEL_TRY(WriteOne(*db, [&]() -> Status {
    // Say which field clashes, case-insensitively, before the constraint would. (A
    // CASE, not a comparison, in the select list: PostgreSQL returns booleans as t/f.)
    REEL_ASSIGN_OR_RETURN(auto clash, db->Prepare(
        "SELECT CASE WHEN lower(username) = lower(?) THEN 1 ELSE 0 END FROM users WHERE lower(username) = lower(?) OR "
        "(email IS NOT NULL AND lower(email) = lower(?))"));
    clash.Bind(1, u.username).Bind(2, u.username).Bind(3, u.email);
    if (clash.Step()) {
      const bool name = clash.Int(0) != 0;
      (void)clash.Run();
      return AlreadyExists(name ? "username: '" + u.username + "' is taken" : "email: already has an account");
    }
    REEL_TRY(clash.status());
    REEL_ASSIGN_OR_RETURN(auto q, db->Prepare(
        "INSERT INTO users (username, display_name, email, password_hash, role, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    q.Bind(1, u.username).Bind(2, u.display_name).BindTextOrNull(3, u.email).Bind(4, u.password_hash)
        .Bind(5, RoleName(u.role)).Bind(6, u.created_at.empty() ? UtcTimestamp() : u.created_at);
    if (!q.Step()) return q.status().ok() ? Internal("insert returned no id") : q.status();
    id = q.Int(0);
    REEL_TRY(q.Run());
    return db->AnnounceChange();
  }));
  return id;
}

Result<User> SqlStore::GetUser(Id id) {
  return WithRetry([&](Result<Lease>& db) -> Result<User> {
    auto q = (*db)->Prepare(std::string("SELECT ") + kUserCols + " FROM users WHERE id = ? AND deleted_at IS NULL");
    if (q.ok()) q->Bind(1, id);
    return One<User>(q, [](auto& s) { return ReadUser(s, 0); }, "no user " + std::to_string(id));
  });
}

Result<User> SqlStore::FindUserByName(std::string_view username) {
  return WithRetry([&](Result<Lease>& db) -> Result<User> {
    auto q = (*db)->Prepare(std::string("SELECT ") + kUserCols +
                            " FROM users WHERE lower(username) = lower(?) AND deleted_at IS NULL");
    if (q.ok()) q->Bind(1, username);
    return One<User>(q, [](auto& s) { return ReadUser(s, 0); }, "no such user");
  });
}

Status SqlStore::CreateSession(const Session& s) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  return WriteOne(*db, [&]() -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db->Prepare(
        "INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_at, expires_at, last_used_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    return q.Bind(1, s.token_hash).Bind(2, s.user_id).Bind(3, s.kind).Bind(4, s.csrf_token)
        .Bind(5, s.created_at).Bind(6, s.expires_at).Bind(7, s.last_used_at.empty() ? s.created_at : s.last_used_at)
        .Run();
  });
}

Result<std::pair<Session, User>> SqlStore::FindSession(std::string_view token_hash, std::string_view now) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::pair<Session, User>> {
    auto q = (*db)->Prepare(
        "SELECT " REEL_SESSION_COLS ", " REEL_USER_COLS("u") " "
        "FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND s.expires_at > ? AND u.deleted_at IS NULL");
    if (q.ok()) q->Bind(1, token_hash).Bind(2, now);
    return One<std::pair<Session, User>>(q, [](auto& s) {
      return std::make_pair(ReadSession(s, 0), ReadUser(s, 7));
    }, "no session");
  });
}

Status SqlStore::DeleteSession(std::string_view token_hash) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  return WriteOne(*db, [&]() -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db->Prepare("DELETE FROM sessions WHERE token_hash = ?"));
    return q.Bind(1, token_hash).Run();
  });
}

Result<std::vector<Session>> SqlStore::ListSessions(Id user_id, std::string_view now) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<Session>> {
    REEL_ASSIGN_OR_RETURN(auto q,
                          (*db)->Prepare("SELECT " REEL_SESSION_COLS " FROM sessions s WHERE s.user_id = ? AND s.expires_at > ? "
                                         "ORDER BY s.last_used_at DESC, s.created_at DESC, s.token_hash"));
    q.Bind(1, user_id).Bind(2, now);
    std::vector<Session> out;
    while (q.Step()) out.push_back(ReadSession(q, 0));
    if (!q.status().ok()) return q.status();
    return out;
  });
}

Status SqlStore::EndUserSession(Id user_id, std::string_view hash_prefix) {
  if (hash_prefix.size() < 16) return NotFound("no such session");
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  return WriteOne(*db, [&]() -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db->Prepare(
        "DELETE FROM sessions WHERE user_id = ? AND substr(token_hash, 1, ?) = ? RETURNING token_hash"));
    q.Bind(1, user_id).Bind(2, static_cast<int64_t>(hash_prefix.size())).Bind(3, hash_prefix);
    int64_t ended = 0;
    while (q.Step()) ++ended;
    REEL_TRY(q.status());
    return ended > 0 ? Status::Ok() : NotFound("no such session");
  });
}

Status SqlStore::TouchSession(std::string_view token_hash, std::string_view now) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  return WriteOne(*db, [&]() -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db->Prepare("UPDATE sessions SET last_used_at = ? WHERE token_hash = ?"));
    return q.Bind(1, now).Bind(2, token_hash).Run();
  });
}

Result<Rating> SqlStore::GetRating(Id user_id, Id title_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<Rating> {
    auto q = (*db)->Prepare("SELECT " REEL_RATING_COLS " FROM ratings WHERE user_id = ? AND title_id = ?");
    if (q.ok()) q->Bind(1, user_id).Bind(2, title_id);
    return One<Rating>(q, [](auto& s) { return ReadRating(s, 0); }, "no rating");
  });
}

Result<std::vector<RecentRating>> SqlStore::ListRecentRatings(Id title_id, std::string_view since) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<RecentRating>> {
    REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(
        "SELECT user_id, updated_at, stars, status FROM ratings WHERE title_id = ? AND updated_at >= ? "
        "ORDER BY updated_at, id"));
    q.Bind(1, title_id).Bind(2, since);
    std::vector<RecentRating> out;
    while (q.Step()) {
      out.push_back({q.Int(0), q.Text(1), q.Double(2), ParseRatingStatus(q.Text(3))});
    }
    if (!q.status().ok()) return q.status();
    return out;
  });
}

// ---- Managing accounts --------------------------------------------------------------

Result<User> SqlStore::FindUserByEmail(std::string_view email) {
  return WithRetry([&](Result<Lease>& db) -> Result<User> {
    auto q = (*db)->Prepare(std::string("SELECT ") + kUserCols +
                            " FROM users WHERE email IS NOT NULL AND lower(email) = lower(?) AND deleted_at IS NULL");
    if (q.ok()) q->Bind(1, email);
    return One<User>(q, [](auto& s) { return ReadUser(s, 0); }, "no such user");
  });
}

Result<std::vector<User>> SqlStore::ListUsers(std::string_view query, int limit, int offset) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<User>> {
    // A LIKE pattern with its own wildcards escaped: the query is matched as text.
    std::string pattern = "%";
    for (char c : query) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    pattern += '%';
    REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(std::string("SELECT ") + kUserCols +
                                                 " FROM users WHERE deleted_at IS NULL AND (lower(username) LIKE ? ESCAPE '\\' OR "
                                                 "lower(COALESCE(email, '')) LIKE ? ESCAPE '\\') ORDER BY id DESC LIMIT ? OFFSET ?"));
    q.Bind(1, pattern).Bind(2, pattern).Bind(3, limit).Bind(4, offset);
    std::vector<User> out;
    while (q.Step()) out.push_back(ReadUser(q, 0));
    if (!q.status().ok()) return q.status();
    return out;
  });
}



Status SqlStore::SetUserAccess(Id user_id, std::optional<Role> role, std::optional<Id> critic_id) {
  return WriteChange([&](SqlDb& db) -> Status {
    if (critic_id && *critic_id != 0) {
      auto critic = db.Prepare("SELECT id FROM critics WHERE id = ?");
      if (critic.ok()) critic->Bind(1, *critic_id);
      REEL_TRY(One<Id>(critic, [](auto& s) { return s.Int(0); }, "critic: no critic " + std::to_string(*critic_id)));
    }
    auto q = db.Prepare(
        "UPDATE users SET role = COALESCE(?, role), critic_id = CASE WHEN ? = 1 THEN ? ELSE critic_id END "
        "WHERE id = ? AND deleted_at IS NULL RETURNING id");
    if (q.ok()) {
      if (role) q->Bind(1, RoleName(*role)); else q->BindNull(1);
      q->Bind(2, critic_id ? 1 : 0).BindIdOrNull(3, critic_id.value_or(0)).Bind(4, user_id);
    }
    return ExpectOneChanged(q, "no user " + std::to_string(user_id));
  });
}

Status SqlStore::SetPassword(Id user_id, std::string_view password_hash, std::string_view keep_session_hash) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  return WriteOne(*db, [&]() -> Status {
    REEL_ASSIGN_OR_RETURN(auto q,
                          db->Prepare("UPDATE users SET password_hash = ? WHERE id = ? AND deleted_at IS NULL RETURNING id"));
    q.Bind(1, password_hash).Bind(2, user_id);
    if (!q.Step()) return q.status().ok() ? NotFound("no user " + std::to_string(user_id)) : q.status();
    REEL_TRY(q.Run());
    REEL_ASSIGN_OR_RETURN(auto sessions,
                          db->Prepare("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?"));
    REEL_TRY(sessions.Bind(1, user_id).Bind(2, keep_session_hash).Run());
    REEL_ASSIGN_OR_RETURN(auto resets, db->Prepare("DELETE FROM password_resets WHERE user_id = ?"));
    return resets.Bind(1, user_id).Run();
  });
}

Status SqlStore::DeleteUser(Id user_id) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  Status st = WriteOne(*db, [&]() -> Status {
    // The name becomes one no one can sign up with (it has a character usernames
    // may not hold), so the old name is free and the row still holds the ratings.
    REEL_ASSIGN_OR_RETURN(auto q, db->Prepare(
        "UPDATE users SET username = ?, display_name = '', email = NULL, password_hash = '', role = 'reader', "
        "critic_id = NULL, deleted_at = ? WHERE id = ? AND deleted_at IS NULL RETURNING id"));
    q.Bind(1, "deleted user #" + std::to_string(user_id)).Bind(2, UtcTimestamp()).Bind(3, user_id);
    if (!q.Step()) return q.status().ok() ? NotFound("no user " + std::to_string(user_id)) : q.status();
    REEL_TRY(q.Run());
    for (const char* sql : {"DELETE FROM sessions WHERE user_id = ?", "DELETE FROM password_resets WHERE user_id = ?"}) {
      REEL_ASSIGN_OR_RETURN(auto d, db->Prepare(sql));
      REEL_TRY(d.Bind(1, user_id).Run());
    }
    return db->AnnounceChange();
  });
  // Pages show the name: cached ones must go.
  if (st.ok()) ++generation_;
  return st;
}

Status SqlStore::CreatePasswordReset(const PasswordReset& r, const OutboxMessage& m) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  return WriteOne(*db, [&]() -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db->Prepare(
        "INSERT INTO password_resets(token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"));
    REEL_TRY(q.Bind(1, r.token_hash).Bind(2, r.user_id).Bind(3, r.created_at).Bind(4, r.expires_at).Run());
    REEL_ASSIGN_OR_RETURN(auto o, db->Prepare(
        "INSERT INTO outbox(user_id, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?)"));
    return o.BindIdOrNull(1, m.user_id).Bind(2, m.recipient).Bind(3, m.subject).Bind(4, m.body)
        .Bind(5, m.created_at.empty() ? UtcTimestamp() : m.created_at).Run();
  });
}

Result<Id> SqlStore::UsePasswordReset(std::string_view token_hash, std::string_view now,
                                      std::string_view password_hash) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  Id user_id = 0;
  REEL_TRY(WriteOne(*db, [&]() -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db->Prepare(
        "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? "
        "RETURNING user_id"));
    q.Bind(1, now).Bind(2, token_hash).Bind(3, now);
    if (!q.Step()) return q.status().ok() ? NotFound("token: this link is not valid any more") : q.status();
    user_id = q.Int(0);
    REEL_TRY(q.Run());
    REEL_ASSIGN_OR_RETURN(auto u,
                          db->Prepare("UPDATE users SET password_hash = ? WHERE id = ? AND deleted_at IS NULL RETURNING id"));
    u.Bind(1, password_hash).Bind(2, user_id);
    if (!u.Step()) return u.status().ok() ? NotFound("token: this link is not valid any more") : u.status();
    REEL_TRY(u.Run());
    for (const char* sql : {"DELETE FROM sessions WHERE user_id = ?",
                            "DELETE FROM password_resets WHERE user_id = ? AND used_at IS NULL"}) {
      REEL_ASSIGN_OR_RETURN(auto d, db->Prepare(sql));
      REEL_TRY(d.Bind(1, user_id).Run());
    }
    return Status::Ok();
  }));
  return user_id;
}

Result<std::vector<OutboxMessage>> SqlStore::ListOutbox(int limit) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<OutboxMessage>> {
    REEL_ASSIGN_OR_RETURN(auto q, (*db)->Prepare(
        "SELECT id, COALESCE(user_id, 0), recipient, subject, body, created_at FROM outbox ORDER BY id DESC LIMIT ?"));
    q.Bind(1, limit);
    std::vector<OutboxMessage> out;
    while (q.Step()) out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5)});
    if (!q.status().ok()) return q.status();
    return out;
  });
}

Status SqlStore::ClearSigninFailures(std::string_view key) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  return WriteOne(*db, [&]() -> Status {
    REEL_ASSIGN_OR_RETURN(auto q, db->Prepare("DELETE FROM signin_failures WHERE key = ?"));
    return q.Bind(1, key).Run();
  });
}

Result<int64_t> SqlStore::ReserveSigninAttempt(
    const std::vector<std::string>& keys, std::string_view now, std::string_view forget_before,
    const std::function<int64_t(std::string_view key, const SigninFailures& so_far)>& wait_seconds) {
  // Keys in one order in every transaction, so two attempts never wait on each other
  // in a cycle.
  std::vector<std::string> sorted = keys;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  int64_t wait = 0;
  Status st = WriteOne(*db, [&]() -> Status {
    for (const auto& key : sorted) {
      // Makes the key's row if it is new and takes its lock either way (an update to
      // the same value), so an attempt under the same key waits here until this
      // transaction ends, then reads the count it left.
      REEL_ASSIGN_OR_RETURN(auto q, db->Prepare(
          "INSERT INTO signin_failures(key, failures, last_at) VALUES (?, 0, ?) ON CONFLICT (key) DO UPDATE SET "
          "failures = signin_failures.failures RETURNING failures, last_at"));
      q.Bind(1, key).Bind(2, now);
      if (!q.Step()) return q.status().ok() ? Internal("sign-in count: no row returned") : q.status();
      SigninFailures so_far{q.Int(0), q.Text(1)};
      REEL_TRY(q.Run());
      if (so_far.failures > 0 && so_far.last_at < forget_before) so_far = SigninFailures{};
      wait = std::max(wait, wait_seconds(key, so_far));
    }
    // Refused: the rollback leaves every count as it was.
    if (wait > 0) return ResourceExhausted("sign-in: wait");
    for (const auto& key : sorted) {
      REEL_ASSIGN_OR_RETURN(auto u, db->Prepare(
          "UPDATE signin_failures SET failures = CASE WHEN failures > 0 AND last_at < ? THEN 1 ELSE failures + 1 END, "
          "last_at = ? WHERE key = ?"));
      REEL_TRY(u.Bind(1, forget_before).Bind(2, now).Bind(3, key).Run());
    }
    return Status::Ok();
  });
  if (wait > 0) return wait;
  if (!st.ok()) return st;
  return int64_t{0};
}

Status SqlStore::ReleaseSigninAttempt(std::string_view key) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  return WriteOne(*db, [&]() -> Status {
    REEL_ASSIGN_OR_RETURN(auto q,
                          db->Prepare("UPDATE signin_failures SET failures = failures - 1 WHERE key = ? AND failures > 0"));
    return q.Bind(1, key).Run();
  });
}

Result<Store::Purged> SqlStore::PurgeExpired(std::string_view now, std::string_view failures_before) {
  REEL_ASSIGN_OR_RETURN(auto db, Begin());
  Purged purged;
  REEL_TRY(WriteOne(*db, [&]() -> Status {
    // Each DELETE returns one row per removed row, counted here (both dialects).
    const auto count = [&](const char* sql, std::string_view a, std::string_view b, int64_t& n) -> Status {
      REEL_ASSIGN_OR_RETURN(auto q, db->Prepare(sql));
      q.Bind(1, a);
      if (!b.empty()) q.Bind(2, b);
      while (q.Step()) ++n;
      return q.status();
    };
    REEL_TRY(count("DELETE FROM sessions WHERE expires_at <= ? RETURNING 1", now, "", purged.sessions));
    REEL_TRY(count("DELETE FROM password_resets WHERE expires_at <= ? OR used_at IS NOT NULL RETURNING 1",
                               now, "", purged.resets));
    return count("DELETE FROM signin_failures WHERE last_at < ? RETURNING 1", failures_before, "",
                 purged.signin_failures);
  }));
  return purged;
}

// ---- Critics ----------------------------------------------------------------------------

namespace {

constexpr const char* kCriticCols = "id, slug, name, COALESCE(publication_id, 0), top_critic";

Critic ReadCritic(const SqlStmt& q) { return {q.Int(0), q.Text(1), q.Text(2), q.Int(3), q.Int(4) != 0}; }

}  // namespace

Result<Critic> SqlStore::GetCritic(Id id) {
  return WithRetry([&](Result<Lease>& db) -> Result<Critic> {
    auto q = (*db)->Prepare(std::string("SELECT ") + kCriticCols + " FROM critics WHERE id = ?");
    if (q.ok()) q->Bind(1, id);
    return One<Critic>(q, ReadCritic, "no critic " + std::to_string(id));
  });
}

Result<Critic> SqlStore::FindCriticBySlug(std::string_view slug) {
  return WithRetry([&](Result<Lease>& db) -> Result<Critic> {
    auto q = (*db)->Prepare(std::string("SELECT ") + kCriticCols + " FROM critics WHERE slug = ?");
    if (q.ok()) q->Bind(1, slug);
    return One<Critic>(q, ReadCritic, "no critic '" + std::string(slug) + "'");
  });
}

Result<CriticReview> SqlStore::GetCriticReview(Id title_id, Id critic_id) {
  return WithRetry([&](Result<Lease>& db) -> Result<CriticReview> {
    auto q = (*db)->Prepare("SELECT " REEL_CRITIC_REVIEW_COLS " FROM critic_reviews WHERE title_id = ? AND review_key = ?");
    if (q.ok()) q->Bind(1, title_id).Bind(2, "critic:" + std::to_string(critic_id));
    return One<CriticReview>(q, [](auto& s) { return ReadCriticReview(s, 0); }, "no review");
  });
}

}  // namespace reel
