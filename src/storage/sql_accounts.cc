// SqlStore's accounts: users, sessions, a user's own rating.
#include "storage/sql_store.h"

namespace reel {
namespace {

constexpr const char* kUserCols = "id, username, display_name, COALESCE(email, ''), password_hash, role, created_at";

User ReadUser(const SqlStmt& q, int c) {
  User u;
  u.id = q.Int(c);
  u.username = q.Text(c + 1);
  u.display_name = q.Text(c + 2);
  u.email = q.Text(c + 3);
  u.password_hash = q.Text(c + 4);
  u.role = ParseRole(q.Text(c + 5)).value_or(Role::kReader);
  u.created_at = q.Text(c + 6);
  return u;
}

}  // namespace

Status WriteOne(SqlDb& db, const std::function<Status()>& body) {
  REEL_RETURN_IF_ERROR(db.BeginWrite());
  Status st = body();
  if (st.ok()) st = db.Exec("COMMIT");
  if (!st.ok()) (void)db.Exec("ROLLBACK");
  return st;
}

Rating ReadRating(const SqlStmt& s, int c) {
  Rating r;
  r.id = s.Int(c);
  r.user_id = s.Int(c + 1);
  r.title_id = s.Int(c + 2);
  r.stars = s.Double(c + 3);
  r.review = s.Text(c + 4);
  r.verified = s.Int(c + 5) != 0;
  r.status = ParseRatingStatus(s.Text(c + 6));
  r.created_at = s.Text(c + 7);
  r.review_status = ParseModerationStatus(s.Text(c + 8)).value_or(ModerationStatus::kApproved);
  return r;
}

Result<Id> SqlStore::CreateUser(const User& u) {
  auto db = Acquire();
  if (!db.ok()) return db.status();
  Id id = 0;
  Status st = WriteOne(**db, [&]() -> Status {
    // Say which field clashes, case-insensitively, before the constraint would. (A
    // CASE, not a comparison, in the select list: PostgreSQL returns booleans as t/f.)
    auto clash = (*db)->Prepare(
        "SELECT CASE WHEN lower(username) = lower(?) THEN 1 ELSE 0 END FROM users WHERE lower(username) = lower(?) OR "
        "(email IS NOT NULL AND lower(email) = lower(?))");
    if (!clash.ok()) return clash.status();
    clash->Bind(1, u.username).Bind(2, u.username).Bind(3, u.email);
    if (clash->Step()) {
      const bool name = clash->Int(0) != 0;
      (void)clash->Run();
      return AlreadyExists(name ? "username: '" + u.username + "' is taken" : "email: already has an account");
    }
    REEL_RETURN_IF_ERROR(clash->status());
    auto q = (*db)->Prepare(
        "INSERT INTO users (username, display_name, email, password_hash, role, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    if (!q.ok()) return q.status();
    q->Bind(1, u.username).Bind(2, u.display_name).BindTextOrNull(3, u.email).Bind(4, u.password_hash)
        .Bind(5, RoleName(u.role)).Bind(6, u.created_at.empty() ? UtcTimestamp() : u.created_at);
    if (!q->Step()) return q->status().ok() ? Internal("insert returned no id") : q->status();
    id = q->Int(0);
    REEL_RETURN_IF_ERROR(q->Run());
    return (*db)->AnnounceChange();
  });
  if (!st.ok()) return st;
  return id;
}

Result<User> SqlStore::GetUser(Id id) {
  auto db = Acquire();
  if (!db.ok()) return db.status();
  auto q = (*db)->Prepare(std::string("SELECT ") + kUserCols + " FROM users WHERE id = ? AND deleted_at IS NULL");
  if (q.ok()) q->Bind(1, id);
  return OneRow<User>(q, [](auto& s) { return ReadUser(s, 0); }, "no user " + std::to_string(id));
}

Result<User> SqlStore::FindUserByName(std::string_view username) {
  auto db = Acquire();
  if (!db.ok()) return db.status();
  auto q = (*db)->Prepare(std::string("SELECT ") + kUserCols +
                          " FROM users WHERE lower(username) = lower(?) AND deleted_at IS NULL");
  if (q.ok()) q->Bind(1, username);
  return OneRow<User>(q, [](auto& s) { return ReadUser(s, 0); }, "no such user");
}

Status SqlStore::CreateSession(const Session& s) {
  auto db = Acquire();
  if (!db.ok()) return db.status();
  return WriteOne(**db, [&]() -> Status {
    auto q = (*db)->Prepare(
        "INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    return q->Bind(1, s.token_hash).Bind(2, s.user_id).Bind(3, s.kind).Bind(4, s.csrf_token)
        .Bind(5, s.created_at).Bind(6, s.expires_at).Run();
  });
}

Result<std::pair<Session, User>> SqlStore::FindSession(std::string_view token_hash, std::string_view now) {
  auto db = Acquire();
  if (!db.ok()) return db.status();
  auto q = (*db)->Prepare(
      "SELECT s.token_hash, s.user_id, s.kind, s.csrf_token, s.created_at, s.expires_at, "
      "u.id, u.username, u.display_name, COALESCE(u.email, ''), u.password_hash, u.role, u.created_at "
      "FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.token_hash = ? AND s.expires_at > ? AND u.deleted_at IS NULL");
  if (q.ok()) q->Bind(1, token_hash).Bind(2, now);
  return OneRow<std::pair<Session, User>>(q, [](auto& s) {
    Session session{s.Text(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)};
    return std::make_pair(session, ReadUser(s, 6));
  }, "no session");
}

Status SqlStore::DeleteSession(std::string_view token_hash) {
  auto db = Acquire();
  if (!db.ok()) return db.status();
  return WriteOne(**db, [&]() -> Status {
    auto q = (*db)->Prepare("DELETE FROM sessions WHERE token_hash = ?");
    if (!q.ok()) return q.status();
    return q->Bind(1, token_hash).Run();
  });
}

Result<Rating> SqlStore::GetRating(Id user_id, Id title_id) {
  auto db = Acquire();
  if (!db.ok()) return db.status();
  auto q = (*db)->Prepare(
      "SELECT " REEL_RATING_COLS " FROM ratings WHERE user_id = ? AND title_id = ?");
  if (q.ok()) q->Bind(1, user_id).Bind(2, title_id);
  return OneRow<Rating>(q, [](auto& s) { return ReadRating(s, 0); }, "no rating");
}

Result<std::vector<RecentRating>> SqlStore::ListRecentRatings(Id title_id, std::string_view since) {
  auto db = Acquire();
  if (!db.ok()) return db.status();
  auto q = (*db)->Prepare(
      "SELECT user_id, updated_at, stars, status FROM ratings WHERE title_id = ? AND updated_at >= ? "
      "ORDER BY updated_at, id");
  if (!q.ok()) return q.status();
  q->Bind(1, title_id).Bind(2, since);
  std::vector<RecentRating> out;
  while (q->Step()) {
    out.push_back({q->Int(0), q->Text(1), q->Double(2), ParseRatingStatus(q->Text(3))});
  }
  if (!q->status().ok()) return q->status();
  return out;
}

}  // namespace reel
