// Sign-up, sign-in, sign-out, the reader's account page (password, closing the
// account, sessions) and password resets: the HTML side of accounts.
//
// Sessions live in the store (several servers share them); the browser holds the
// token in an HttpOnly, SameSite=Lax cookie (Secure behind TLS). Every form carries
// a CSRF token: the session's own once signed in, and before that a random value
// that must match a SameSite=Strict cookie set with the form (double submit). A
// failed form is shown again with what was typed (never the password) and the error
// beside its field.
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <spdlog/spdlog.h>

#include <cmath>

#include "audience/accounts.h"
#include "audience/ratings.h"
#include "audience/users.h"
#include "catalog/catalog.h"
#include "core/log.h"
#include "core/text.h"
#include "storage/store.h"
#include "web/html/blocks/release_blocks.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

constexpr int64_t kSessionSeconds = 30 * 86400;
// How much of a session's token hash the account page shows to name it.
constexpr size_t kSessionIdLength = 16;

std::string ExpiryFromNow(int64_t seconds) {
  const std::string now = UtcTimestamp();
  const int64_t days = seconds / 86400;
  const Date d = Date::FromDays(Date::Parse(now.substr(0, 10))->ToDays() + days);
  return d.ToIso() + now.substr(10);
}

}  // namespace

// ---- Sign up, sign in, sign out ------------------------------------------------------

namespace {

std::string FormTitle(std::string_view which) {
  if (which == "signup") return "Sign up";
  if (which == "signin") return "Sign in";
  return "Reset your password";
}

// The account form page: a fresh double-submit token in the page and its cookie.
HttpResponse AccountForm(const Site& site, const HttpRequest& req, std::string_view which, View v, int status) {
  HttpResponse res;
  v.Set("csrf", NewFormToken(site, req, res));
  v.Set("next", SafeNext(req.Query("next").empty() ? FormValue(ParseForm(req.body), "next") : req.Query("next")));
  auto html = RenderPage(which, v, {FormTitle(which), "", "", ""});
  if (!html.ok()) return ErrorPage(html.status());
  res.status = status;
  res.body = std::move(*html);
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}


// Signs `user` in: a new session (new token at every sign-in), cookie, redirect.
// The session the browser's old cookie held, if any, ends: one browser, one session.
HttpResponse StartSession(Store& store, const Site& site, const HttpRequest& req, Id user_id, const std::string& next) {
  const std::string token = audience::NewToken();
  Session s{audience::TokenHash(token), user_id, kWebSession, audience::NewToken(), UtcTimestamp(),
            ExpiryFromNow(kSessionSeconds)};
  if (Status st = store.CreateSession(s); !st.ok()) return ErrorPage(st);
  if (const std::string old = req.Cookie(kSessionCookie); !old.empty()) {
    auto found = store.FindSession(audience::TokenHash(old), UtcTimestamp());
    if (found.ok() && found->first.kind == kWebSession) {
      if (Status st = store.DeleteSession(found->first.token_hash); !st.ok()) return ErrorPage(st);
    }
  }
  HttpResponse res = HttpResponse::Redirect(303, SafeNext(next));
  res.SetCookie(kSessionCookie, token, kSessionSeconds, SameSite::kLax, site.SecureCookies(req));
  res.SetCookie(kFormCookie, "", 0, SameSite::kStrict, site.SecureCookies(req));
  return res;
}

}  // namespace

HttpResponse SignupForm(const Site& site, const HttpRequest& req, const RouteParams&) {
  return AccountForm(site, req, "signup", View(), 200);
}

HttpResponse Signup(const Site& site, const HttpRequest& req, const RouteParams&) {
  const auto form = ParseForm(req.body);
  if (!FormTokenOk(req, form)) return ErrorPage(BadFormToken());
  const std::string username(Trim(FormValue(form, "username")));
  const std::string email(Trim(FormValue(form, "email")));
  const std::string password = FormValue(form, "password");
  View v;
  v.Set("username", username);
  v.Set("email", email);
  Status st = audience::ValidateUsername(username);
  if (st.ok()) st = audience::ValidateEmail(email);
  if (st.ok()) st = audience::ValidatePassword(password);
  Id id = 0;
  if (st.ok()) {
    auto hash = audience::HashPassword(password);
    if (!hash.ok()) return ErrorPage(hash.status());
    User u;
    u.username = username;
    u.email = email;
    u.password_hash = *hash;
    auto created = site.store().CreateUser(u);
    if (created.ok()) id = *created;
    else st = created.status();
  }
  if (!st.ok()) {
    if (st.code() != StatusCode::kInvalidArgument && st.code() != StatusCode::kAlreadyExists) return ErrorPage(st);
    v.Set("error", st.message());
    return AccountForm(site, req, "signup", std::move(v), HttpStatusFor(st));
  }
  spdlog::info("account created: {}", LogText(username));
  return StartSession(site.store(), site, req, id, FormValue(form, "next"));
}

HttpResponse SigninForm(const Site& site, const HttpRequest& req, const RouteParams&) {
  View v;
  if (req.Query("reset") == "1") v.Set("notice", "Your password has been changed. Sign in with the new one.");
  return AccountForm(site, req, "signin", std::move(v), 200);
}

HttpResponse Signin(const Site& site, const HttpRequest& req, const RouteParams&) {
  const auto form = ParseForm(req.body);
  if (!FormTokenOk(req, form)) return ErrorPage(BadFormToken());
  const std::string username(Trim(FormValue(form, "username")));
  int64_t retry_after = 0;
  auto user = audience::SignIn(site.store(), username, FormValue(form, "password"), req.ClientAddress(), &retry_after);
  if (!user.ok()) {
    const StatusCode code = user.status().code();
    if (code != StatusCode::kUnauthenticated && code != StatusCode::kResourceExhausted) return ErrorPage(user.status());
    View v;
    v.Set("username", username);
    v.Set("error", code == StatusCode::kUnauthenticated
                       ? std::string("Wrong username or password.")
                       : "Too many sign-in attempts. Try again in " + std::to_string(retry_after) + " seconds.");
    HttpResponse res = AccountForm(site, req, "signin", std::move(v), HttpStatusFor(user.status()));
    if (retry_after > 0) res.headers.emplace_back("Retry-After", std::to_string(retry_after));
    return res;
  }
  return StartSession(site.store(), site, req, user->id, FormValue(form, "next"));
}

HttpResponse Signout(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto viewer = site.ViewerOf(req);
  HttpResponse res = HttpResponse::Redirect(303, "/");
  if (viewer) {
    if (!audience::SameSecret(FormValue(ParseForm(req.body), "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());
    if (Status st = site.store().DeleteSession(viewer->session.token_hash); !st.ok()) return ErrorPage(st);
  }
  res.SetCookie(kSessionCookie, "", 0, SameSite::kLax, site.SecureCookies(req));
  return res;
}

// ---- The reader's account --------------------------------------------------------------

namespace {

// The account page of `viewer`, with `error` beside the form its key names
// ("password_error", "close_error") when one is given.
HttpResponse AccountPage(const Site& site, Store& store, const HttpRequest& req, const Viewer& viewer,
                         int status, const std::string& error_key = "", const std::string& error = "") {
  View v;
  const User& u = viewer.user;
  v.Set("username", u.username);
  v.Set("email", u.email);
  v.Set("role", RoleName(u.role));
  v.Set("since", u.created_at.substr(0, 10));
  v.Set("csrf", viewer.session.csrf_token);
  if (u.critic_id != 0) {
    if (auto critic = store.GetCritic(u.critic_id); critic.ok()) v.Set("critic_name", critic->name);
  }
  if (req.Query("done") == "password") {
    v.Set("notice", "Your password has been changed. Your other sessions were signed out.");
  }
  if (!error_key.empty()) v.Set(error_key, error);
  // The reader's sessions: this browser, other browsers, API tokens; each but this
  // one can be ended here.
  auto sessions = store.ListSessions(u.id, UtcTimestamp());
  if (!sessions.ok()) return ErrorPage(sessions.status());
  View list = View::MakeList();
  for (const Session& s : *sessions) {
    const bool current = s.token_hash == viewer.session.token_hash;
    const bool api = s.kind == kApiSession;
    View item;
    item.Set("label", current ? "This browser" : api ? "API token" : "Another browser");
    item.Set("current", current);
    item.Set("id", s.token_hash.substr(0, kSessionIdLength));
    item.Set("created", s.created_at.substr(0, 10));
    item.Set("last_used", s.last_used_at.empty() ? s.created_at.substr(0, 10) : s.last_used_at.substr(0, 10));
    item.Set("expires", s.expires_at.substr(0, 10));
    item.Set("end_label", api ? "Revoke this token" : "Sign that browser out");
    item.Set("csrf", viewer.session.csrf_token);
    list.Push(std::move(item));
  }
  v.Set("sessions", std::move(list));
  v.Set("calendar", CalendarAccountView(store, viewer));
  HttpResponse res = Page(site, req, "account", v, {"Your account", "", "", "/account"}, "no-store");
  res.status = status;
  return res;
}

}  // namespace

HttpResponse AccountSettings(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=/account");
  return AccountPage(site, site.store(), req, *viewer, 200);
}

HttpResponse ChangePassword(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=/account");
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());
  Status st = audience::ChangePassword(site.store(), viewer->user, FormValue(form, "current_password"),
                                       FormValue(form, "password"), viewer->session.token_hash);
  if (st.code() == StatusCode::kInvalidArgument) {
    return AccountPage(site, site.store(), req, *viewer, HttpStatusFor(st), "password_error", st.message());
  }
  if (!st.ok()) return ErrorPage(st);
  return HttpResponse::Redirect(303, "/account?done=password");
}

HttpResponse CloseAccount(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=/account");
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());
  Status st = FormValue(form, "confirm") == "yes"
                  ? audience::CloseAccount(site.store(), viewer->user, FormValue(form, "password"))
                  : InvalidArgument("confirm: tick the box to confirm");
  if (st.code() == StatusCode::kInvalidArgument) {
    return AccountPage(site, site.store(), req, *viewer, HttpStatusFor(st), "close_error", st.message());
  }
  if (!st.ok()) return ErrorPage(st);
  HttpResponse res = HttpResponse::Redirect(303, "/?closed=1");
  res.SetCookie(kSessionCookie, "", 0, SameSite::kLax, site.SecureCookies(req));
  return res;
}

HttpResponse EndSession(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=/account");
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());
  // Only the reader's own sessions (the store matches the user too).
  Status st = site.store().EndUserSession(viewer->user.id, p.at("id"));
  if (!st.ok()) return ErrorPage(st);
  spdlog::info("user {} ended one of their sessions", viewer->user.id);
  return HttpResponse::Redirect(303, "/account#sessions");
}

HttpResponse ResetRequestForm(const Site& site, const HttpRequest& req, const RouteParams&) {
  return AccountForm(site, req, "reset_request", View(), 200);
}

HttpResponse ResetRequest(const Site& site, const HttpRequest& req, const RouteParams&) {
  const auto form = ParseForm(req.body);
  if (!FormTokenOk(req, form)) return ErrorPage(BadFormToken());
  const std::string who(Trim(FormValue(form, "who")));
  if (who.empty()) {
    const Status missing = InvalidArgument("who: enter your username or email");
    View v;
    v.Set("error", missing.message());
    return AccountForm(site, req, "reset_request", std::move(v), HttpStatusFor(missing));
  }
  // Limited per name or email typed, so the form cannot flood a reader's mailbox; the
  // answer is the same whether or not the account exists.
  auto allowed = audience::AllowResetRequest(site.store(), who);
  if (!allowed.ok()) return ErrorPage(allowed.status());
  auto user = who.find('@') != std::string::npos ? site.store().FindUserByEmail(who) : site.store().FindUserByName(who);
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return ErrorPage(user.status());
  if (*allowed && user.ok() && !user->email.empty()) {
    auto link = audience::RequestPasswordReset(site.store(), *user, site.options().public_url);
    if (!link.ok()) return ErrorPage(link.status());
    spdlog::info("password reset requested for user {}", user->id);
  }
  View v;
  v.Set("sent", true);
  return AccountForm(site, req, "reset_request", std::move(v), 200);
}

HttpResponse ResetForm(const Site& site, const HttpRequest& req, const RouteParams& p) {
  View v;
  v.Set("token", p.at("token"));
  HttpResponse res = AccountForm(site, req, "reset", std::move(v), 200);
  res.headers.emplace_back("Referrer-Policy", "no-referrer");
  return res;
}

HttpResponse Reset(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const auto form = ParseForm(req.body);
  if (!FormTokenOk(req, form)) return ErrorPage(BadFormToken());
  Status st = audience::ResetPassword(site.store(), p.at("token"), FormValue(form, "password"));
  if (st.code() == StatusCode::kInvalidArgument || st.code() == StatusCode::kNotFound) {
    View v;
    v.Set("token", p.at("token"));
    v.Set("error", st.code() == StatusCode::kNotFound
                       ? std::string("This link is not valid any more (it was used, or it expired). Ask for a new one.")
                       : st.message());
    v.Set("expired", st.code() == StatusCode::kNotFound);
    HttpResponse res = AccountForm(site, req, "reset", std::move(v), HttpStatusFor(st));
    res.headers.emplace_back("Referrer-Policy", "no-referrer");
    return res;
  }
  if (!st.ok()) return ErrorPage(st);
  return HttpResponse::Redirect(303, "/account/signin?reset=1");
}

}  // namespace reel::web::pages
