// What critics, editors and admins do on the site: a critic account's review of a
// title, an editor's critics consensus, and the admin pages for accounts (roles,
// critic profiles) and the outbox. Every handler checks on the server that the
// signed-in user may do what the request asks (PermissionDenied -> 403), and every
// form carries the session's CSRF token.
#include <spdlog/spdlog.h>

#include "audience/accounts.h"
#include "audience/critic_posts.h"
#include "core/text.h"
#include "storage/store.h"
#include "web/html/pages.h"
#include "web/titles.h"

namespace reel::web {
namespace {

constexpr int kUsersPerPage = 50;

// A form page of its own for a staff form sent back with an error.
HttpResponse FormPage(const Pages& pages, std::string_view name, const View& v, PageFrame frame, int status) {
  auto html = RenderPage(name, v, frame);
  if (!html.ok()) return pages.Error(html.status());
  HttpResponse res;
  res.status = status;
  res.body = std::move(*html);
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

}  // namespace

View Pages::StaffTools(const HttpRequest& req, const Title& title, const std::string& page_path) const {
  View s;
  auto viewer = ViewerOf(req);
  if (!viewer) return s;
  const User& u = viewer->user;
  const bool critic = audience::CanPostCriticReviews(u) && title.kind != TitleKind::kSeries;
  const bool editor = audience::IsEditor(u) && title.kind != TitleKind::kEpisode;
  if (!critic && !editor) return s;
  s.Set("csrf", viewer->session.csrf_token);
  if (critic) {
    View c;
    c.Set("action", page_path + "/critic-review");
    if (auto critic_row = store_.GetCritic(u.critic_id); critic_row.ok()) c.Set("critic_name", critic_row->name);
    auto mine = store_.GetCriticReview(title.id, u.critic_id);
    c.Set("has_review", mine.ok());
    if (mine.ok()) {
      c.Set("quote", mine->quote);
      c.Set("grade", mine->grade_raw);
      c.Set("url", mine->url);
      c.Set("fresh", mine->sentiment == Sentiment::kFresh);
      c.Set("rotten", mine->sentiment == Sentiment::kRotten);
    }
    s.Set("critic_form", std::move(c));
  }
  if (editor) {
    View e;
    e.Set("action", page_path + "/consensus");
    e.Set("consensus", title.consensus);
    s.Set("consensus_form", std::move(e));
  }
  return s;
}

HttpResponse Pages::PostCriticReview(const HttpRequest& req, const RouteParams& p) {
  auto routed = FindRoutedTitle(store_, p);
  if (!routed.ok()) return Error(routed.status());
  auto viewer = ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=" + routed->path);
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return Error(403);
  audience::CriticPost post{FormValue(form, "quote"), FormValue(form, "grade"), FormValue(form, "verdict"),
                            FormValue(form, "url")};
  Status st = FormValue(form, "action") == "delete"
                  ? audience::WithdrawCriticReview(store_, viewer->user, routed->title)
                  : audience::PostCriticReview(store_, viewer->user, routed->title, post, today_());
  if (st.code() == StatusCode::kInvalidArgument) {
    View v;
    v.Set("error", st.message());
    v.Set("title_path", routed->path);
    View staff = StaffTools(req, routed->title, routed->path);
    View c;
    c.Set("action", routed->path + "/critic-review");
    c.Set("quote", post.quote);
    c.Set("grade", post.grade);
    c.Set("url", post.url);
    c.Set("fresh", post.verdict == "fresh");
    c.Set("rotten", post.verdict == "rotten");
    staff.Set("critic_form", std::move(c));
    staff.Set("consensus_form", false);
    v.Set("staff", std::move(staff));
    PageFrame frame{"Review " + routed->title.name, "", "", ""};
    AddViewer(req, frame);
    return FormPage(*this, "staff_form", v, frame, 400);
  }
  if (!st.ok()) return Error(st);
  spdlog::info("critic review of title {} by user {}", routed->title.id, viewer->user.id);
  return HttpResponse::Redirect(303, routed->path + "#critic-reviews");
}

HttpResponse Pages::PostConsensus(const HttpRequest& req, const RouteParams& p) {
  auto routed = FindRoutedTitle(store_, p);
  if (!routed.ok()) return Error(routed.status());
  auto viewer = ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=" + routed->path);
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return Error(403);
  const std::string text = FormValue(form, "consensus");
  Status st = audience::WriteConsensus(store_, viewer->user, routed->title, text);
  if (st.code() == StatusCode::kInvalidArgument) {
    View v;
    v.Set("error", st.message());
    v.Set("title_path", routed->path);
    View staff;
    staff.Set("csrf", viewer->session.csrf_token);
    View e;
    e.Set("action", routed->path + "/consensus");
    e.Set("consensus", text);
    staff.Set("consensus_form", std::move(e));
    v.Set("staff", std::move(staff));
    PageFrame frame{"Consensus for " + routed->title.name, "", "", ""};
    AddViewer(req, frame);
    return FormPage(*this, "staff_form", v, frame, 400);
  }
  if (!st.ok()) return Error(st);
  spdlog::info("consensus of title {} set by user {}", routed->title.id, viewer->user.id);
  return HttpResponse::Redirect(303, routed->path);
}

// ---- Admin -----------------------------------------------------------------------------

namespace {

// The signed-in admin, or the response to send instead (sign in, or 403).
std::variant<Pages::Viewer, HttpResponse> RequireAdmin(const Pages& pages, const HttpRequest& req,
                                                      const std::string& here) {
  auto viewer = pages.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=" + here);
  if (viewer->user.role != Role::kAdmin) return pages.Error(403);
  return *viewer;
}

}  // namespace

HttpResponse Pages::AdminUsers(const HttpRequest& req, const RouteParams&) {
  auto admin = RequireAdmin(*this, req, "/admin/users");
  if (auto* res = std::get_if<HttpResponse>(&admin)) return std::move(*res);
  const auto& viewer = std::get<Viewer>(admin);
  const std::string query(Trim(req.Query("q")));
  int page = 1;
  try {
    page = std::max(1, std::stoi(req.Query("page").empty() ? "1" : req.Query("page")));
  } catch (...) {
    return Error(400);
  }
  auto users = store_.ListUsers(query, kUsersPerPage + 1, (page - 1) * kUsersPerPage);
  if (!users.ok()) return Error(users.status());
  View v;
  v.Set("q", query);
  v.Set("csrf", viewer.session.csrf_token);
  View rows = View::MakeList();
  for (size_t i = 0; i < users->size() && i < static_cast<size_t>(kUsersPerPage); ++i) {
    const User& u = (*users)[i];
    View r;
    r.Set("id", std::to_string(u.id));
    r.Set("username", u.username);
    r.Set("email", u.email);
    r.Set("since", u.created_at.substr(0, 10));
    r.Set("self", u.id == viewer.user.id);
    View roles = View::MakeList();
    for (Role role : {Role::kReader, Role::kCritic, Role::kEditor, Role::kAdmin}) {
      View o;
      o.Set("name", RoleName(role));
      o.Set("selected", role == u.role);
      roles.Push(std::move(o));
    }
    r.Set("roles", std::move(roles));
    r.Set("role", RoleName(u.role));
    if (u.critic_id != 0) {
      if (auto c = store_.GetCritic(u.critic_id); c.ok()) r.Set("critic", c->slug);
    }
    rows.Push(std::move(r));
  }
  v.Set("users", std::move(rows));
  v.Set("empty", users->empty());
  if (page > 1) v.Set("prev", "/admin/users?page=" + std::to_string(page - 1) + (query.empty() ? "" : "&q=" + query));
  if (users->size() > static_cast<size_t>(kUsersPerPage)) {
    v.Set("next", "/admin/users?page=" + std::to_string(page + 1) + (query.empty() ? "" : "&q=" + query));
  }
  const std::string done = req.Query("saved");
  if (!done.empty()) v.Set("notice", "Saved " + done + ".");
  if (!req.Query("error").empty()) v.Set("error", req.Query("error"));
  PageFrame frame{"Accounts", "", "", "/admin/users"};
  AddViewer(req, frame);
  return FormPage(*this, "admin_users", v, frame, 200);
}

HttpResponse Pages::AdminUpdateUser(const HttpRequest& req, const RouteParams& p) {
  auto admin = RequireAdmin(*this, req, "/admin/users");
  if (auto* res = std::get_if<HttpResponse>(&admin)) return std::move(*res);
  const auto& viewer = std::get<Viewer>(admin);
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer.session.csrf_token)) return Error(403);
  Id id = 0;
  try {
    id = std::stoll(p.at("id"));
  } catch (...) {
    return Error(404);
  }
  auto user = store_.GetUser(id);
  if (!user.ok()) return Error(user.status());
  auto back_with = [](const std::string& error) {
    std::string q;
    for (unsigned char c : error) {
      if (std::isalnum(c)) q += static_cast<char>(c);
      else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        q += buf;
      }
    }
    return HttpResponse::Redirect(303, "/admin/users?error=" + q);
  };
  auto role = ParseRole(FormValue(form, "role"));
  if (!role) return back_with("role: choose reader, critic, editor or admin");
  // An admin cannot demote themselves: the site would be left without a way back.
  if (id == viewer.user.id && *role != Role::kAdmin) return back_with("role: you cannot take away your own admin role");
  Id critic_id = 0;
  const std::string critic_slug(Trim(FormValue(form, "critic")));
  if (!critic_slug.empty()) {
    auto critic = audience::EnsureCriticProfile(
        store_, critic_slug, user->display_name.empty() ? user->username : user->display_name);
    if (!critic.ok()) {
      if (critic.status().code() == StatusCode::kInvalidArgument) return back_with(critic.status().message());
      return Error(critic.status());
    }
    critic_id = *critic;
  }
  if (Status st = store_.SetUserRole(id, *role); !st.ok()) return Error(st);
  if (Status st = store_.SetUserCritic(id, critic_id); !st.ok()) return Error(st);
  spdlog::info("admin {} set user {} to role {} critic {}", viewer.user.id, id, RoleName(*role), critic_id);
  return HttpResponse::Redirect(303, "/admin/users?saved=" + user->username);
}

HttpResponse Pages::AdminOutbox(const HttpRequest& req, const RouteParams&) {
  auto admin = RequireAdmin(*this, req, "/admin/outbox");
  if (auto* res = std::get_if<HttpResponse>(&admin)) return std::move(*res);
  auto messages = store_.ListOutbox(100);
  if (!messages.ok()) return Error(messages.status());
  View v;
  View list = View::MakeList();
  for (const auto& m : *messages) {
    View o;
    o.Set("to", m.recipient);
    o.Set("subject", m.subject);
    o.Set("body", m.body);
    o.Set("at", m.created_at);
    list.Push(std::move(o));
  }
  v.Set("messages", std::move(list));
  v.Set("empty", messages->empty());
  PageFrame frame{"Outbox", "", "", "/admin/outbox"};
  AddViewer(req, frame);
  return FormPage(*this, "admin_outbox", v, frame, 200);
}

}  // namespace reel::web
