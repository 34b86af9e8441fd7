// Sign-up, sign-in, sign-out and the rating form: the HTML side of accounts.
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
#include "web/html/page_helpers.h"
#include "web/html/pages.h"
#include "web/titles.h"

namespace reel::web {
namespace {

constexpr const char* kSessionCookie = "reel_session";
constexpr const char* kFormCookie = "reel_form";
constexpr int64_t kSessionSeconds = 30 * 86400;
// How much of a session's token hash the account page shows to name it.
constexpr size_t kSessionIdLength = 16;

// The labels of the rate-and-review widget, per whole star (seed 000).
constexpr const char* kStarLabels[] = {"Oof, that was Rotten.", "Meh, it passed the time.",
                                       "It's good – I'd recommend it.", "Awesome!",
                                       "So Fresh: Absolute Must See!"};

std::string ExpiryFromNow(int64_t seconds) {
  const std::string now = UtcTimestamp();
  const int64_t days = seconds / 86400;
  const Date d = Date::FromDays(Date::Parse(now.substr(0, 10))->ToDays() + days);
  return d.ToIso() + now.substr(10);
}

}  // namespace

std::string SafeNext(const std::string& next) {
  // Only a path of this site, written plainly: no control characters or spaces
  // (a CR or LF would end the Location header), no backslash (browsers read it as
  // '/'), nothing over a sane length.
  constexpr size_t kMaxNext = 2000;
  if (next.empty() || next.size() > kMaxNext || next[0] != '/') return "/";
  for (unsigned char c : next) {
    if (c <= 0x20 || c >= 0x7f || c == '\\') return "/";
  }
  auto ref = boost::urls::parse_relative_ref(next);
  if (!ref || ref->has_scheme() || ref->has_authority() || !ref->is_path_absolute()) return "/";
  // No empty or dot segments, decoded or not ("//", "/./", "/%2e%2e/"): with them a
  // path could come to begin with "//", which a browser reads as another host. Nor
  // control characters or a backslash hidden behind percent-encoding.
  const std::string path = ref->path();
  if (path.find("//") != std::string::npos || ref->encoded_path().find("//") != std::string_view::npos) return "/";
  for (const auto& segment : ref->segments()) {
    if (segment == "." || segment == "..") return "/";
  }
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7f || c == '\\') return "/";
  }
  boost::urls::url url(*ref);
  url.normalize();
  return std::string(url.buffer());
}

bool FormTokenOk(const HttpRequest& req, const std::multimap<std::string, std::string>& form) {
  return audience::SameSecret(FormValue(form, "csrf"), req.Cookie(kFormCookie));
}

std::string NewFormToken(const Pages& pages, const HttpRequest& req, HttpResponse& res) {
  const std::string token = audience::NewToken();
  res.SetCookie(kFormCookie, token, 3600, SameSite::kStrict, pages.SecureCookies(req));
  return token;
}

bool Pages::SecureCookies(const HttpRequest& req) const {
  return options_.public_url.rfind("https://", 0) == 0 || req.Header("x-forwarded-proto") == "https";
}

std::optional<Pages::Viewer> Pages::ViewerOf(const HttpRequest& req) const {
  // A page asks several times (the frame, the rating widget, the staff forms, the
  // comments): the session is looked up once per request.
  if (const auto* known = std::any_cast<std::optional<Viewer>>(&req.memo)) return *known;
  std::optional<Viewer> viewer;
  const std::string token = req.Cookie(kSessionCookie);
  if (!token.empty()) {
    auto found = store_.FindSession(audience::TokenHash(token), UtcTimestamp());
    // Only a browser's session: an API token is not a cookie.
    if (found.ok() && found->first.kind == kWebSession) {
      audience::NoteSessionUse(store_, found->first);
      viewer = Viewer{found->second, found->first};
    }
  }
  req.memo = viewer;
  return viewer;
}

void Pages::AddViewer(const HttpRequest& req, PageFrame& frame) const {
  if (auto v = ViewerOf(req)) {
    frame.user_name = v->user.display_name.empty() ? v->user.username : v->user.display_name;
    frame.csrf = v->session.csrf_token;
    frame.editor = v->user.role == Role::kEditor || v->user.role == Role::kAdmin;
    frame.admin = v->user.role == Role::kAdmin;
  }
}

View Pages::RatingWidget(const HttpRequest& req, const Title& title, const std::string& page_path) const {
  View w;
  w.Set("action", page_path + "/rating");
  w.Set("kind_name", title.kind == TitleKind::kFilm ? "movie" : TitleKindName(title.kind));
  auto viewer = ViewerOf(req);
  w.Set("signed_in", viewer.has_value());
  w.Set("signin_href", "/account/signin?next=" + page_path);
  const bool upcoming = title.release && title.release->start > today_();
  w.Set("upcoming", upcoming);
  if (!viewer) return w;
  w.Set("csrf", viewer->session.csrf_token);
  auto mine = store_.GetRating(viewer->user.id, title.id);
  const double current = mine.ok() ? mine->stars : 0;
  w.Set("has_rating", mine.ok());
  w.Set("verified", mine.ok() && mine->verified);
  w.Set("review", mine.ok() ? mine->review : "");
  w.Set("review_pending", mine.ok() && !mine->review.empty() && mine->review_status != ModerationStatus::kApproved);
  w.Set("current", mine.ok() ? StarsNumber(current) : "");
  View options = View::MakeList();
  for (int half = 10; half >= 1; --half) {
    const double stars = half / 2.0;
    View o;
    o.Set("value", StarsNumber(stars));
    o.Set("id", "stars-" + std::to_string(half));
    o.Set("checked", std::fabs(stars - current) < 0.01);
    o.Set("label", half % 2 == 0 ? std::string(kStarLabels[half / 2 - 1]) : "");
    options.Push(std::move(o));
  }
  w.Set("options", std::move(options));
  return w;
}

// ---- Sign up, sign in, sign out ------------------------------------------------------

namespace {

std::string FormTitle(std::string_view which) {
  if (which == "signup") return "Sign up";
  if (which == "signin") return "Sign in";
  return "Reset your password";
}

// The account form page: a fresh double-submit token in the page and its cookie.
HttpResponse AccountForm(const Pages& pages, const HttpRequest& req, std::string_view which, View v, int status) {
  HttpResponse res;
  v.Set("csrf", NewFormToken(pages, req, res));
  v.Set("next", SafeNext(req.Query("next").empty() ? FormValue(ParseForm(req.body), "next") : req.Query("next")));
  auto html = RenderPage(which, v, {FormTitle(which), "", "", ""});
  if (!html.ok()) return pages.Error(html.status());
  res.status = status;
  res.body = std::move(*html);
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}


// Signs `user` in: a new session (new token at every sign-in), cookie, redirect.
// The session the browser's old cookie held, if any, ends: one browser, one session.
HttpResponse StartSession(Store& store, const Pages& pages, const HttpRequest& req, Id user_id, const std::string& next) {
  const std::string token = audience::NewToken();
  Session s{audience::TokenHash(token), user_id, kWebSession, audience::NewToken(), UtcTimestamp(),
            ExpiryFromNow(kSessionSeconds)};
  if (Status st = store.CreateSession(s); !st.ok()) return pages.Error(st);
  if (const std::string old = req.Cookie(kSessionCookie); !old.empty()) {
    auto found = store.FindSession(audience::TokenHash(old), UtcTimestamp());
    if (found.ok() && found->first.kind == kWebSession) {
      if (Status st = store.DeleteSession(found->first.token_hash); !st.ok()) return pages.Error(st);
    }
  }
  HttpResponse res = HttpResponse::Redirect(303, SafeNext(next));
  res.SetCookie(kSessionCookie, token, kSessionSeconds, SameSite::kLax, pages.SecureCookies(req));
  res.SetCookie(kFormCookie, "", 0, SameSite::kStrict, pages.SecureCookies(req));
  return res;
}

}  // namespace

HttpResponse Pages::SignupForm(const HttpRequest& req, const RouteParams&) {
  return AccountForm(*this, req, "signup", View(), 200);
}

HttpResponse Pages::Signup(const HttpRequest& req, const RouteParams&) {
  const auto form = ParseForm(req.body);
  if (!FormTokenOk(req, form)) return Error(403);
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
    if (!hash.ok()) return Error(hash.status());
    User u;
    u.username = username;
    u.email = email;
    u.password_hash = *hash;
    auto created = store_.CreateUser(u);
    if (created.ok()) id = *created;
    else st = created.status();
  }
  if (!st.ok()) {
    if (st.code() != StatusCode::kInvalidArgument && st.code() != StatusCode::kAlreadyExists) return Error(st);
    v.Set("error", st.message());
    return AccountForm(*this, req, "signup", std::move(v), st.code() == StatusCode::kAlreadyExists ? 409 : 400);
  }
  spdlog::info("account created: {}", LogText(username));
  return StartSession(store_, *this, req, id, FormValue(form, "next"));
}

HttpResponse Pages::SigninForm(const HttpRequest& req, const RouteParams&) {
  View v;
  if (req.Query("reset") == "1") v.Set("notice", "Your password has been changed. Sign in with the new one.");
  return AccountForm(*this, req, "signin", std::move(v), 200);
}

HttpResponse Pages::Signin(const HttpRequest& req, const RouteParams&) {
  const auto form = ParseForm(req.body);
  if (!FormTokenOk(req, form)) return Error(403);
  const std::string username(Trim(FormValue(form, "username")));
  int64_t retry_after = 0;
  auto user = audience::SignIn(store_, username, FormValue(form, "password"), req.ClientAddress(), &retry_after);
  if (!user.ok()) {
    const StatusCode code = user.status().code();
    if (code != StatusCode::kUnauthenticated && code != StatusCode::kResourceExhausted) return Error(user.status());
    View v;
    v.Set("username", username);
    v.Set("error", code == StatusCode::kUnauthenticated
                       ? std::string("Wrong username or password.")
                       : "Too many sign-in attempts. Try again in " + std::to_string(retry_after) + " seconds.");
    HttpResponse res = AccountForm(*this, req, "signin", std::move(v), code == StatusCode::kUnauthenticated ? 401 : 429);
    if (retry_after > 0) res.headers.emplace_back("Retry-After", std::to_string(retry_after));
    return res;
  }
  return StartSession(store_, *this, req, user->id, FormValue(form, "next"));
}

HttpResponse Pages::Signout(const HttpRequest& req, const RouteParams&) {
  auto viewer = ViewerOf(req);
  HttpResponse res = HttpResponse::Redirect(303, "/");
  if (viewer) {
    if (!audience::SameSecret(FormValue(ParseForm(req.body), "csrf"), viewer->session.csrf_token)) return Error(403);
    if (Status st = store_.DeleteSession(viewer->session.token_hash); !st.ok()) return Error(st);
  }
  res.SetCookie(kSessionCookie, "", 0, SameSite::kLax, SecureCookies(req));
  return res;
}

// ---- Rating ------------------------------------------------------------------------------

HttpResponse Pages::Rate(const HttpRequest& req, const RouteParams& p) {
  auto routed = FindRoutedTitle(store_, p);
  if (!routed.ok()) return Error(routed.status());
  const Title& title = routed->title;
  const std::string& page = routed->path;
  auto viewer = ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=" + page);
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return Error(403);

  Status st;
  if (FormValue(form, "action") == "delete") {
    if (FormValue(form, "confirm") != "1") {
      // Asked first, on a page whose form posts the same request confirmed.
      View v;
      v.Set("question", "Delete your rating of " + TitleDisplayName(store_, title) + "?");
      v.Set("detail", "Your stars and your review will be removed. This cannot be undone.");
      v.Set("action", page + "/rating");
      v.Set("csrf", viewer->session.csrf_token);
      v.Set("fields", View::List{View().Set("name", "action").Set("value", "delete")});
      v.Set("cancel_href", page + "#rate");
      return Page(*this, req, "confirm_delete", v, {"Delete your rating", "", "", ""}, "no-store");
    }
    st = audience::Unrate(store_, viewer->user.id, title);
  } else {
    auto stars = audience::ParseStars(FormValue(form, "stars"));
    st = stars.ok() ? audience::RateTitle(store_, viewer->user.id, title, *stars, FormValue(form, "review"), today_(),
                                          audience::RatingContext{spam_.get(), req.ClientAddress(), FormValue(form, "code")})
                    : stars.status();
  }
  if (st.code() == StatusCode::kInvalidArgument) {
    // Shown again with what was typed, on a page of its own.
    View v;
    v.Set("error", st.message());
    v.Set("title_path", page);
    View w = RatingWidget(req, title, page);
    w.Set("review", FormValue(form, "review"));
    w.Set("code", FormValue(form, "code"));
    v.Set("rating", std::move(w));
    PageFrame frame{"Rate " + title.name, "", "", ""};
    AddViewer(req, frame);
    auto html = RenderPage("rate", v, frame);
    if (!html.ok()) return Error(html.status());
    HttpResponse res;
    res.status = 400;
    res.body = std::move(*html);
    return res;
  }
  if (!st.ok()) return Error(st);
  return HttpResponse::Redirect(303, page + "#rate");
}

// ---- The reader's account --------------------------------------------------------------

namespace {


}  // namespace

namespace {

// The account page of `viewer`, with `error` beside the form its key names
// ("password_error", "close_error") when one is given.
HttpResponse AccountPage(const Pages& pages, Store& store, const HttpRequest& req, const Pages::Viewer& viewer,
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
  if (!sessions.ok()) return pages.Error(sessions.status());
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
  HttpResponse res = Page(pages, req, "account", v, {"Your account", "", "", "/account"}, "no-store");
  res.status = status;
  return res;
}

}  // namespace

HttpResponse Pages::AccountSettings(const HttpRequest& req, const RouteParams&) {
  auto viewer = ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=/account");
  return AccountPage(*this, store_, req, *viewer, 200);
}

HttpResponse Pages::ChangePassword(const HttpRequest& req, const RouteParams& p) {
  auto viewer = ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=/account");
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return Error(403);
  Status st = audience::ChangePassword(store_, viewer->user, FormValue(form, "current_password"),
                                       FormValue(form, "password"), viewer->session.token_hash);
  if (st.code() == StatusCode::kInvalidArgument) {
    return AccountPage(*this, store_, req, *viewer, 400, "password_error", st.message());
  }
  if (!st.ok()) return Error(st);
  return HttpResponse::Redirect(303, "/account?done=password");
}

HttpResponse Pages::CloseAccount(const HttpRequest& req, const RouteParams&) {
  auto viewer = ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=/account");
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return Error(403);
  Status st = FormValue(form, "confirm") == "yes"
                  ? audience::CloseAccount(store_, viewer->user, FormValue(form, "password"))
                  : InvalidArgument("confirm: tick the box to confirm");
  if (st.code() == StatusCode::kInvalidArgument) {
    return AccountPage(*this, store_, req, *viewer, 400, "close_error", st.message());
  }
  if (!st.ok()) return Error(st);
  HttpResponse res = HttpResponse::Redirect(303, "/?closed=1");
  res.SetCookie(kSessionCookie, "", 0, SameSite::kLax, SecureCookies(req));
  return res;
}

HttpResponse Pages::EndSession(const HttpRequest& req, const RouteParams& p) {
  auto viewer = ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=/account");
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return Error(403);
  // Only the reader's own sessions (the store matches the user too).
  Status st = store_.EndUserSession(viewer->user.id, p.at("id"));
  if (st.code() == StatusCode::kNotFound) return Error(404);
  if (!st.ok()) return Error(st);
  spdlog::info("user {} ended one of their sessions", viewer->user.id);
  return HttpResponse::Redirect(303, "/account#sessions");
}

HttpResponse Pages::ResetRequestForm(const HttpRequest& req, const RouteParams&) {
  return AccountForm(*this, req, "reset_request", View(), 200);
}

HttpResponse Pages::ResetRequest(const HttpRequest& req, const RouteParams&) {
  const auto form = ParseForm(req.body);
  if (!FormTokenOk(req, form)) return Error(403);
  const std::string who(Trim(FormValue(form, "who")));
  if (who.empty()) {
    View v;
    v.Set("error", "who: enter your username or email");
    return AccountForm(*this, req, "reset_request", std::move(v), 400);
  }
  // Limited per name or email typed, so the form cannot flood a reader's mailbox; the
  // answer is the same whether or not the account exists.
  auto allowed = audience::AllowResetRequest(store_, who);
  if (!allowed.ok()) return Error(allowed.status());
  auto user = who.find('@') != std::string::npos ? store_.FindUserByEmail(who) : store_.FindUserByName(who);
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return Error(user.status());
  if (*allowed && user.ok() && !user->email.empty()) {
    auto link = audience::RequestPasswordReset(store_, *user, options_.public_url);
    if (!link.ok()) return Error(link.status());
    spdlog::info("password reset requested for user {}", user->id);
  }
  View v;
  v.Set("sent", true);
  return AccountForm(*this, req, "reset_request", std::move(v), 200);
}

HttpResponse Pages::ResetForm(const HttpRequest& req, const RouteParams& p) {
  View v;
  v.Set("token", p.at("token"));
  HttpResponse res = AccountForm(*this, req, "reset", std::move(v), 200);
  res.headers.emplace_back("Referrer-Policy", "no-referrer");
  return res;
}

HttpResponse Pages::Reset(const HttpRequest& req, const RouteParams& p) {
  const auto form = ParseForm(req.body);
  if (!FormTokenOk(req, form)) return Error(403);
  Status st = audience::ResetPassword(store_, p.at("token"), FormValue(form, "password"));
  if (st.code() == StatusCode::kInvalidArgument || st.code() == StatusCode::kNotFound) {
    View v;
    v.Set("token", p.at("token"));
    v.Set("error", st.code() == StatusCode::kNotFound
                       ? std::string("This link is not valid any more (it was used, or it expired). Ask for a new one.")
                       : st.message());
    v.Set("expired", st.code() == StatusCode::kNotFound);
    HttpResponse res = AccountForm(*this, req, "reset", std::move(v), st.code() == StatusCode::kNotFound ? 404 : 400);
    res.headers.emplace_back("Referrer-Policy", "no-referrer");
    return res;
  }
  if (!st.ok()) return Error(st);
  return HttpResponse::Redirect(303, "/account/signin?reset=1");
}

}  // namespace reel::web
