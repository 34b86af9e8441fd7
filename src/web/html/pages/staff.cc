// What critics, editors and admins do on the site: a critic account's review of a
// title, an editor's critics consensus, and the admin pages for accounts (roles,
// critic profiles) and the outbox. Every handler checks on the server that the
// signed-in user may do what the request asks (PermissionDenied -> 403), and every
// form carries the session's CSRF token.
#include <spdlog/spdlog.h>

#include "audience/accounts.h"
#include "audience/critic_posts.h"
#include "core/parse.h"
#include "core/text.h"
#include "catalog/title_paths.h"
#include "storage/store.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"
#include "web/titles.h"

namespace reel::web::pages {
namespace {

constexpr int kUsersPerPage = 50;

// A staff form post on a title: the title, the signed-in user and the form, or the
// response to send instead (sign in first; 403 for a missing or wrong token).
struct StaffPost {
  RoutedTitle routed;
  std::optional<Viewer> viewer;
  std::multimap<std::string, std::string> form;
  std::optional<HttpResponse> refused;
};

StaffPost CheckStaffPost(const Site& site, Store& store, const HttpRequest& req, const RouteParams& p) {
  StaffPost out;
  auto routed = FindRoutedTitle(store, p);
  if (!routed.ok()) {
    out.refused = ErrorPage(routed.status());
    return out;
  }
  out.routed = std::move(*routed);
  out.viewer = site.ViewerOf(req);
  if (!out.viewer) {
    out.refused = HttpResponse::Redirect(303, "/account/signin?next=" + out.routed.path);
    return out;
  }
  out.form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(out.form, "csrf"), out.viewer->session.csrf_token)) out.refused = ErrorPage(BadFormToken());
  return out;
}

// The form sent back with its error and what was typed, on a page of its own.
HttpResponse StaffFormPage(const Site& site, const HttpRequest& req, const StaffPost& post, const Status& error,
                           View staff, const std::string& title) {
  View v;
  v.Set("error", error.message());
  v.Set("title_path", post.routed.path);
  staff.Set("csrf", post.viewer->session.csrf_token);
  v.Set("staff", std::move(staff));
  HttpResponse res = Page(site, req, "staff_form", v, {title, "", "", ""}, "no-store");
  res.status = HttpStatusFor(error);
  return res;
}


}  // namespace

HttpResponse PostCriticReview(const Site& site, const HttpRequest& req, const RouteParams& p) {
  StaffPost post = CheckStaffPost(site, site.store(), req, p);
  if (post.refused) return std::move(*post.refused);
  const Title& title = post.routed.title;
  const auto& form = post.form;
  audience::CriticPost review{FormValue(form, "quote"), FormValue(form, "grade"), FormValue(form, "verdict"),
                              FormValue(form, "url")};
  Status st = FormValue(form, "action") == "delete"
                  ? audience::WithdrawCriticReview(site.store(), post.viewer->user, title)
                  : audience::PostCriticReview(site.store(), post.viewer->user, title, review, site.today());
  if (st.code() == StatusCode::kInvalidArgument) {
    View c;
    c.Set("action", post.routed.path + "/critic-review");
    c.Set("quote", review.quote);
    c.Set("grade", review.grade);
    c.Set("url", review.url);
    c.Set("fresh", review.verdict == "fresh");
    c.Set("rotten", review.verdict == "rotten");
    View staff;
    staff.Set("critic_form", std::move(c));
    return StaffFormPage(site, req, post, st, std::move(staff), "Review " + title.name);
  }
  if (!st.ok()) return ErrorPage(st);
  spdlog::info("critic review of title {} by user {}", title.id, post.viewer->user.id);
  return HttpResponse::Redirect(303, post.routed.path + "#critic-reviews");
}

HttpResponse PostConsensus(const Site& site, const HttpRequest& req, const RouteParams& p) {
  StaffPost post = CheckStaffPost(site, site.store(), req, p);
  if (post.refused) return std::move(*post.refused);
  const Title& title = post.routed.title;
  const std::string text = FormValue(post.form, "consensus");
  Status st = audience::WriteConsensus(site.store(), post.viewer->user, title, text);
  if (st.code() == StatusCode::kInvalidArgument) {
    View e;
    e.Set("action", post.routed.path + "/consensus");
    e.Set("consensus", text);
    View staff;
    staff.Set("consensus_form", std::move(e));
    return StaffFormPage(site, req, post, st, std::move(staff), "Consensus for " + title.name);
  }
  if (!st.ok()) return ErrorPage(st);
  spdlog::info("consensus of title {} set by user {}", title.id, post.viewer->user.id);
  return HttpResponse::Redirect(303, post.routed.path);
}

// ---- Admin -----------------------------------------------------------------------------

namespace {

// The signed-in staff member, or the response to send instead (sign in, or 403
// when `allowed` says no).
std::variant<Viewer, HttpResponse> RequireStaff(const Site& site, const HttpRequest& req,
                                                      const std::string& here, bool (*allowed)(const User&)) {
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=" + here);
  if (!allowed(viewer->user)) return ErrorPage(PermissionDenied("role: not allowed for your role"));
  return *viewer;
}

bool IsAdmin(const User& u) { return u.role == Role::kAdmin; }

std::variant<Viewer, HttpResponse> RequireAdmin(const Site& site, const HttpRequest& req,
                                                      const std::string& here) {
  return RequireStaff(site, req, here, IsAdmin);
}

}  // namespace

namespace {

// The accounts page: a search, a page of accounts with their role and critic
// profile, and a notice or an error from the last save.
HttpResponse AdminUsersPage(const Site& site, Store& store, const HttpRequest& req, const Viewer& admin,
                            const std::string& error, int status) {
  const std::string query(Trim(req.Query("q")));
  int64_t page = 1;
  if (!req.Query("page").empty()) {
    auto asked = ParsePositive(req.Query("page"));
    if (!asked || *asked > 1000000) return ErrorPage(InvalidArgument("page: not a page number"));
    page = *asked;
  }
  auto users = store.ListUsers(query, kUsersPerPage + 1, (page - 1) * kUsersPerPage);
  if (!users.ok()) return ErrorPage(users.status());
  View v;
  v.Set("q", query);
  v.Set("csrf", admin.session.csrf_token);
  View rows = View::MakeList();
  for (size_t i = 0; i < users->size() && i < static_cast<size_t>(kUsersPerPage); ++i) {
    const User& u = (*users)[i];
    View r;
    r.Set("id", std::to_string(u.id));
    r.Set("username", u.username);
    r.Set("email", u.email);
    r.Set("since", u.created_at.substr(0, 10));
    r.Set("self", u.id == admin.user.id);
    View roles = View::MakeList();
    for (Role role : {Role::kReader, Role::kCritic, Role::kEditor, Role::kAdmin}) {
      View o;
      o.Set("name", RoleName(role));
      o.Set("selected", role == u.role);
      roles.Push(std::move(o));
    }
    r.Set("roles", std::move(roles));
    if (u.critic_id != 0) {
      if (auto c = store.GetCritic(u.critic_id); c.ok()) {
        r.Set("critic", c->slug);
        r.Set("critic_name", c->name);
        if (c->publication_id != 0) {
          if (auto pub = store.GetPublication(c->publication_id); pub.ok()) r.Set("publication", pub->name);
        }
      }
    }
    rows.Push(std::move(r));
  }
  v.Set("users", std::move(rows));
  v.Set("empty", users->empty());
  const std::string q = query.empty() ? "" : "&q=" + EncodeUrlValue(query);
  if (page > 1) v.Set("prev", "/admin/users?page=" + std::to_string(page - 1) + q);
  if (users->size() > static_cast<size_t>(kUsersPerPage)) v.Set("next", "/admin/users?page=" + std::to_string(page + 1) + q);
  if (req.Query("saved") == "1") v.Set("notice", "Saved.");
  if (!error.empty()) v.Set("error", error);
  HttpResponse res = Page(site, req, "admin_users", v, {"Accounts", "", "", "/admin/users"}, "no-store");
  res.status = status;
  return res;
}

}  // namespace

HttpResponse AdminUsers(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto admin = RequireAdmin(site, req, "/admin/users");
  if (auto* res = std::get_if<HttpResponse>(&admin)) return std::move(*res);
  return AdminUsersPage(site, site.store(), req, std::get<Viewer>(admin), "", 200);
}

HttpResponse AdminUpdateUser(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto admin = RequireAdmin(site, req, "/admin/users");
  if (auto* res = std::get_if<HttpResponse>(&admin)) return std::move(*res);
  const auto& viewer = std::get<Viewer>(admin);
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer.session.csrf_token)) return ErrorPage(BadFormToken());
  const auto parsed = ParsePositive(p.at("id"));
  if (!parsed) return ErrorPage(NotFound("id: not an id"));
  const Id id = *parsed;
  auto user = site.store().GetUser(id);
  if (!user.ok()) return ErrorPage(user.status());
  // Refused: the list again, with the reason.
  const auto refuse = [&](const Status& error) {
    return AdminUsersPage(site, site.store(), req, viewer, error.message(), HttpStatusFor(error));
  };
  auto role = ParseRole(FormValue(form, "role"));
  if (!role) return refuse(InvalidArgument("role: choose reader, critic, editor or admin"));
  // An admin cannot demote themselves: the site would be left without a way back.
  if (id == viewer.user.id && *role != Role::kAdmin) return refuse(InvalidArgument("role: you cannot take away your own admin role"));
  Id critic_id = 0;
  const std::string critic_slug(Trim(FormValue(form, "critic")));
  if (!critic_slug.empty()) {
    auto critic = audience::EnsureCriticProfile(
        site.store(), {critic_slug, FormValue(form, "critic_name"), FormValue(form, "publication")});
    if (!critic.ok()) {
      if (critic.status().code() == StatusCode::kInvalidArgument) return refuse(critic.status());
      return ErrorPage(critic.status());
    }
    critic_id = *critic;
  }
  if (Status st = site.store().SetUserAccess(id, *role, critic_id); !st.ok()) return ErrorPage(st);
  spdlog::info("admin {} set user {} to role {} critic {}", viewer.user.id, id, RoleName(*role), critic_id);
  return HttpResponse::Redirect(303, "/admin/users?saved=1");
}

HttpResponse AdminOutbox(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto admin = RequireAdmin(site, req, "/admin/outbox");
  if (auto* res = std::get_if<HttpResponse>(&admin)) return std::move(*res);
  auto messages = site.store().ListOutbox(100);
  if (!messages.ok()) return ErrorPage(messages.status());
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
  return Page(site, req, "admin_outbox", v, {"Outbox", "", "", "/admin/outbox"}, "no-store");
}

}  // namespace reel::web::pages
