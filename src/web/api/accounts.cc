// /api/v1/users and /api/v1/session: creating an account, and starting or ending
// an API session (a bearer token, good for kApiSessionDays).
#include "audience/accounts.h"
#include "audience/users.h"
#include "storage/store.h"
#include "web/api/api.h"
#include "web/api/json.h"

namespace reel::web::api {

namespace {

constexpr int64_t kApiSessionDays = 90;

}  // namespace

HttpResponse CreateUser(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto body = Body(req);
  if (!body.ok()) return ErrorReply(body.status());
  auto username = Field(*body, "username", true);
  auto email = Field(*body, "email", true);
  auto password = Field(*body, "password", true);
  for (const auto* f : {&username, &email, &password}) {
    if (!f->ok()) return ErrorReply(f->status());
  }
  for (Status st : {audience::ValidateUsername(*username), audience::ValidateEmail(*email),
                    audience::ValidatePassword(*password)}) {
    if (!st.ok()) return ErrorReply(st);
  }
  auto hash = audience::HashPassword(*password);
  if (!hash.ok()) return ErrorReply(hash.status());
  User u;
  u.username = *username;
  u.email = *email;
  u.password_hash = *hash;
  auto id = site.store().CreateUser(u);
  if (!id.ok()) return ErrorReply(id.status());
  return Reply(201, {{"id", *id}, {"username", *username}});
}

HttpResponse CreateSession(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto body = Body(req);
  if (!body.ok()) return ErrorReply(body.status());
  auto username = Field(*body, "username", true);
  auto password = Field(*body, "password", true);
  if (!username.ok()) return ErrorReply(username.status());
  if (!password.ok()) return ErrorReply(password.status());
  int64_t retry_after = 0;
  auto user = audience::SignIn(site.store(), *username, *password, req.ClientAddress(), &retry_after);
  if (!user.ok()) {
    HttpResponse r = ErrorReply(user.status());
    if (retry_after > 0) r.headers.emplace_back("Retry-After", std::to_string(retry_after));
    return r;
  }
  const std::string token = audience::NewToken();
  const std::string now = UtcTimestamp();
  const Date expires = Date::FromDays(Date::Today().ToDays() + kApiSessionDays);
  Session s{audience::TokenHash(token), user->id, kApiSession, audience::NewToken(), now,
            expires.ToIso() + now.substr(10)};
  if (Status st = site.store().CreateSession(s); !st.ok()) return ErrorReply(st);
  return Reply(201, {{"token", token}, {"expires_at", s.expires_at}});
}

HttpResponse DeleteSession(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto found = CallerSession(site.store(), req);
  if (!found.ok()) return ErrorReply(found.status());
  if (Status st = site.store().DeleteSession(found->first.token_hash); !st.ok()) return ErrorReply(st);
  HttpResponse r;
  r.status = 204;
  r.content_type = "application/json";
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace reel::web::api
