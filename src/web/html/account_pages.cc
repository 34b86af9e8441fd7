// Sign-up, sign-in, sign-out and the rating form: the HTML side of accounts.
//
// Sessions live in the store (several servers share them); the browser holds the
// token in an HttpOnly, SameSite=Lax cookie (Secure behind TLS). Every form carries
// a CSRF token: the session's own once signed in, and before that a random value
// that must match a SameSite=Strict cookie set with the form (double submit). A
// failed form is shown again with what was typed (never the password) and the error
// beside its field.
#include <spdlog/spdlog.h>

#include <cmath>

#include "audience/accounts.h"
#include "audience/ratings.h"
#include "catalog/catalog.h"
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

// The labels of the rate-and-review widget, per whole star (seed 000).
constexpr const char* kStarLabels[] = {"Oof, that was Rotten.", "Meh, it passed the time.",
                                       "It's good – I'd recommend it.", "Awesome!",
                                       "So Fresh: Absolute Must See!"};

bool Secure(const HttpRequest& req) { return req.Header("x-forwarded-proto") == "https"; }

std::string ExpiryFromNow(int64_t seconds) {
  const std::string now = UtcTimestamp();
  const int64_t days = seconds / 86400;
  const Date d = Date::FromDays(Date::Parse(now.substr(0, 10))->ToDays() + days);
  return d.ToIso() + now.substr(10);
}



}  // namespace

std::string SafeNext(const std::string& next) {
  if (next.empty() || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) return "/";
  return next;
}

bool FormTokenOk(const HttpRequest& req, const std::multimap<std::string, std::string>& form) {
  return audience::SameSecret(FormValue(form, "csrf"), req.Cookie(kFormCookie));
}

std::string NewFormToken(const HttpRequest& req, HttpResponse& res) {
  const std::string token = audience::NewToken();
  res.SetCookie(kFormCookie, token, 3600, SameSite::kStrict, Secure(req));
  return token;
}

std::optional<Pages::Viewer> Pages::ViewerOf(const HttpRequest& req) const {
  const std::string token = req.Cookie(kSessionCookie);
  if (token.empty()) return std::nullopt;
  auto found = store_.FindSession(audience::TokenHash(token), UtcTimestamp());
  if (!found.ok()) return std::nullopt;
  return Viewer{found->second, found->first};
}

void Pages::AddViewer(const HttpRequest& req, PageFrame& frame) const {
  if (auto v = ViewerOf(req)) {
    frame.user_name = v->user.display_name.empty() ? v->user.username : v->user.display_name;
    frame.csrf = v->session.csrf_token;
  }
}

View Pages::RatingWidget(const HttpRequest& req, const Title& title, const std::string& page_path) const {
  View w;
  w.Set("action", page_path + "/rating");
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

// The account form page: a fresh double-submit token in the page and its cookie.
HttpResponse AccountForm(const Pages& pages, const HttpRequest& req, std::string_view which, View v, int status) {
  const std::string token = audience::NewToken();
  v.Set("csrf", token);
  v.Set("next", SafeNext(req.Query("next").empty() ? FormValue(ParseForm(req.body), "next") : req.Query("next")));
  auto html = RenderPage(which, v, {which == "signup" ? "Sign up" : "Sign in", "", "", ""});
  if (!html.ok()) return pages.Error(html.status());
  HttpResponse res;
  res.status = status;
  res.body = std::move(*html);
  res.headers.emplace_back("Cache-Control", "no-store");
  res.SetCookie(kFormCookie, token, 3600, SameSite::kStrict, Secure(req));
  return res;
}


// Signs `user` in: a new session (new token at every sign-in), cookie, redirect.
HttpResponse StartSession(Store& store, const Pages& pages, const HttpRequest& req, Id user_id, const std::string& next) {
  const std::string token = audience::NewToken();
  Session s{audience::TokenHash(token), user_id, "web", audience::NewToken(), UtcTimestamp(),
            ExpiryFromNow(kSessionSeconds)};
  if (Status st = store.CreateSession(s); !st.ok()) return pages.Error(st);
  HttpResponse res = HttpResponse::Redirect(303, SafeNext(next));
  res.SetCookie(kSessionCookie, token, kSessionSeconds, SameSite::kLax, Secure(req));
  res.SetCookie(kFormCookie, "", 0, SameSite::kStrict, Secure(req));
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
  spdlog::info("account created: {}", username);
  return StartSession(store_, *this, req, id, FormValue(form, "next"));
}

HttpResponse Pages::SigninForm(const HttpRequest& req, const RouteParams&) {
  return AccountForm(*this, req, "signin", View(), 200);
}

HttpResponse Pages::Signin(const HttpRequest& req, const RouteParams&) {
  const auto form = ParseForm(req.body);
  if (!FormTokenOk(req, form)) return Error(403);
  const std::string username(Trim(FormValue(form, "username")));
  auto user = store_.FindUserByName(username);
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return Error(user.status());
  // The same answer (and the same work: a hash) whether or not the account exists.
  static const std::string kDummy = audience::HashPassword("not a real password, for timing").value();
  const bool ok = audience::VerifyPassword(user.ok() ? user->password_hash : kDummy, FormValue(form, "password")) &&
                  user.ok();
  if (!ok) {
    View v;
    v.Set("username", username);
    v.Set("error", "Wrong username or password.");
    return AccountForm(*this, req, "signin", std::move(v), 401);
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
  res.SetCookie(kSessionCookie, "", 0, SameSite::kLax, Secure(req));
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
    st = audience::Unrate(store_, viewer->user.id, title);
  } else {
    auto stars = audience::ParseStars(FormValue(form, "stars"));
    st = stars.ok() ? audience::RateTitle(store_, viewer->user.id, title, *stars, FormValue(form, "review"), today_(),
                                          spam_.get(), req.remote)
                    : stars.status();
  }
  if (st.code() == StatusCode::kInvalidArgument) {
    // Shown again with what was typed, on a page of its own.
    View v;
    v.Set("error", st.message());
    v.Set("title_path", page);
    View w = RatingWidget(req, title, page);
    w.Set("review", FormValue(form, "review"));
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

}  // namespace reel::web
