// Comments on title and article pages (the block itself is html/blocks/comments):
// posting by members and, where the operator allows it, by guests; editing and
// deleting; readers' reports of comments and audience reviews.
//
// Every form carries a CSRF token: the session's own for members; for guests a
// random value matching a SameSite=Strict cookie set by the guest form's page (which
// is never cached: it sets a cookie). Writes are authorised here and again in the
// domain (audience/comments.h). Handlers hold no state between requests; any thread.
#include <algorithm>
#include <cstdlib>

#include <spdlog/spdlog.h>

#include "audience/accounts.h"
#include "audience/comments.h"
#include "audience/moderation.h"
#include "core/parse.h"
#include "core/text.h"
#include "catalog/title_paths.h"
#include "storage/store.h"
#include "web/html/blocks/comments.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"
#include "web/titles.h"

namespace reel::web::pages {


namespace {

// The form page shown again after a refused comment, with what was typed.
HttpResponse CommentErrorPage(const Site& site, const HttpRequest& req, const Status& st, View v) {
  v.Set("error", st.message());
  HttpResponse res = Page(site, req, "comment_error", v, {"Your comment", "", "", ""}, "no-store");
  if (res.status == 200) res.status = HttpStatusFor(st);
  return res;
}

// Where a posted or edited comment is shown to its author: its page of the thread.
std::string CommentLocation(Store& store, const std::string& path, Id comment_id, Id viewer_id) {
  auto page = audience::CommentPageOf(store, comment_id, viewer_id);
  return CommentPagePath(path, page.ok() ? *page : 1) + "#comment-" + std::to_string(comment_id);
}

Id ParseId(const std::string& s) {
  Id id = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || id > (INT64_MAX - 9) / 10) return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

}  // namespace

HttpResponse GuestCommentForm(const Site& site, const HttpRequest& req, const RouteParams& p) {
  if (site.guest_comments() != GuestComments::kOn) return ErrorPage(NotFound("guest comments are off"));
  auto routed = FindRoutedThread(site.store(), req, p);
  if (!routed.ok()) return ErrorPage(routed.status());
  HttpResponse res;
  View v;
  v.Set("csrf", NewFormToken(site, req, res));
  v.Set("action", routed->path + "/comments");
  v.Set("title_path", routed->path);
  v.Set("title_name", routed->name);
  v.Set("parent_id", std::to_string(ParseId(req.Query("reply_to"))));
  auto html = RenderPage("guest_comment", v, {"Comment as a guest", "", "", ""});
  if (!html.ok()) return ErrorPage(html.status());
  res.body = std::move(*html);
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

HttpResponse PostComment(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto routed = FindRoutedThread(site.store(), req, p);
  if (!routed.ok()) return ErrorPage(routed.status());
  const std::string& page = routed->path;
  const auto form = ParseForm(req.body);
  auto viewer = site.ViewerOf(req);
  audience::Poster poster;
  poster.address = req.ClientAddress();
  if (viewer) {
    if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());
    poster.user = &viewer->user;
  } else if (site.guest_comments() == GuestComments::kOn && !FormValue(form, "guest_name").empty()) {
    if (!FormTokenOk(req, form)) return ErrorPage(BadFormToken());
    poster.guest_name = FormValue(form, "guest_name");
    poster.guest_email = FormValue(form, "guest_email");
  } else {
    return HttpResponse::Redirect(303, "/account/signin?next=" + page + "%23comments");
  }
  const Id parent = ParseId(FormValue(form, "parent_id"));
  int64_t retry_after = 0;
  auto posted =
      audience::PostComment(site.store(), site.spam(), poster, routed->thread, parent, FormValue(form, "body"), &retry_after);
  if (!posted.ok()) {
    const StatusCode code = posted.status().code();
    if (code != StatusCode::kInvalidArgument && code != StatusCode::kResourceExhausted) return ErrorPage(posted.status());
    View v;
    v.Set("action", page + "/comments");
    v.Set("title_path", page);
    v.Set("title_name", routed->name);
    v.Set("body", FormValue(form, "body"));
    v.Set("parent_id", std::to_string(parent));
    v.Set("guest", !viewer.has_value());
    v.Set("guest_name", poster.guest_name);
    v.Set("guest_email", poster.guest_email);
    HttpResponse res;
    v.Set("csrf", viewer ? viewer->session.csrf_token : NewFormToken(site, req, res));
    const bool flood = code == StatusCode::kResourceExhausted;
    HttpResponse page_res = CommentErrorPage(site, req, posted.status(), std::move(v));
    for (auto& h : res.headers) page_res.headers.push_back(h);
    if (flood) {
      page_res.headers.emplace_back("Retry-After", std::to_string(std::max<int64_t>(1, retry_after)));
      spdlog::info("comment on {} refused: posting limit", page);
    }
    return page_res;
  }
  spdlog::info("comment {} on {}: {}", posted->id, page, ModerationStatusName(posted->status));
  return HttpResponse::Redirect(303, CommentLocation(site.store(), page, posted->id, viewer ? viewer->user.id : 0));
}

namespace {

// A signed-in reader's form post: the reader, the form and (for comment_id != 0) the
// comment it acts on; or the response that ends the request (anonymous: to sign in;
// a missing or wrong token: 403; no such comment, or only its placeholder: 404).
struct SignedInPost {
  std::optional<Viewer> viewer;
  std::multimap<std::string, std::string> form;
  std::optional<Comment> comment;
  std::optional<HttpResponse> refused;
};

SignedInPost CheckSignedInPost(const Site& site, Store& store, const HttpRequest& req, Id comment_id) {
  SignedInPost out;
  out.viewer = site.ViewerOf(req);
  if (!out.viewer) {
    out.refused = HttpResponse::Redirect(303, "/account/signin");
    return out;
  }
  out.form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(out.form, "csrf"), out.viewer->session.csrf_token)) {
    out.refused = ErrorPage(BadFormToken());
  } else if (comment_id != 0) {
    auto c = audience::StandingComment(store, comment_id);
    if (c.ok()) out.comment = std::move(*c);
    else out.refused = ErrorPage(c.status());
  }
  return out;
}

}  // namespace

HttpResponse EditComment(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const Id id = ParseId(p.at("id"));
  auto post = CheckSignedInPost(site, site.store(), req, id);
  if (post.refused) return *post.refused;
  const auto& viewer = post.viewer;
  const auto& form = post.form;
  const auto& comment = post.comment;
  const std::string page = ThreadPath(site.store(), comment->thread);
  Status st = audience::EditComment(site.store(), site.spam(), viewer->user, id, FormValue(form, "body"));
  if (st.code() == StatusCode::kInvalidArgument) {
    View v;
    v.Set("action", "/comments/" + std::to_string(id) + "/edit");
    v.Set("title_path", page);
    v.Set("body", FormValue(form, "body"));
    v.Set("csrf", viewer->session.csrf_token);
    v.Set("editing", true);
    return CommentErrorPage(site, req, st, std::move(v));
  }
  if (!st.ok()) return ErrorPage(st);
  return HttpResponse::Redirect(303, CommentLocation(site.store(), page, id, viewer->user.id));
}

HttpResponse DeleteComment(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const Id id = ParseId(p.at("id"));
  auto post = CheckSignedInPost(site, site.store(), req, id);
  if (post.refused) return *post.refused;
  if (FormValue(post.form, "confirm") != "1") {
    // Asked first (only of those who may delete it), on a page whose form posts the
    // same request confirmed.
    const Comment& c = *post.comment;
    const bool mine = c.user_id != 0 && c.user_id == post.viewer->user.id;
    if (!mine && !audience::CanModerate(post.viewer->user)) return ErrorPage(PermissionDenied("comment: not yours to delete"));
    View v;
    v.Set("question", mine ? "Delete your comment?" : "Delete this comment?");
    v.Set("has_quote", true);
    v.Set("quote", ParagraphsView(c.body));
    v.Set("detail", "This cannot be undone.");
    v.Set("action", "/comments/" + std::to_string(id) + "/delete");
    v.Set("csrf", post.viewer->session.csrf_token);
    v.Set("fields", View::List{View().Set("name", "next").Set("value", FormValue(post.form, "next"))});
    v.Set("cancel_href", ThreadPath(site.store(), c.thread) + "#comment-" + std::to_string(id));
    return Page(site, req, "confirm_delete", v, {"Delete a comment", "", "", ""}, "no-store");
  }
  if (Status st = audience::DeleteComment(site.store(), post.viewer->user, id); !st.ok()) return ErrorPage(st);
  const std::string next = FormValue(post.form, "next");
  return HttpResponse::Redirect(303, next.empty() ? ThreadPath(site.store(), post.comment->thread) + "#comments" : SafeNext(next));
}

namespace {

// A report of a comment (comment_id) or a review (rating_id) by the signed-in reader.
HttpResponse Report(Store& store, const Site& site, const HttpRequest& req, Id comment_id, Id rating_id) {
  auto post = CheckSignedInPost(site, store, req, 0);
  if (post.refused) return *post.refused;
  const auto& viewer = post.viewer;
  const auto& form = post.form;
  Status st = audience::ReportItem(store, viewer->user, comment_id, rating_id, FormValue(form, "reason"));
  if (!st.ok()) return ErrorPage(st);
  spdlog::info("report by {} of {} {}", viewer->user.username, comment_id ? "comment" : "review",
               comment_id ? comment_id : rating_id);
  View v;
  v.Set("reported", true);
  v.Set("title_path", SafeNext(FormValue(form, "next")));
  return Page(site, req, "comment_error", v, {"Thank you", "", "", ""}, "no-store");
}

}  // namespace

HttpResponse ReportComment(const Site& site, const HttpRequest& req, const RouteParams& p) {
  return Report(site.store(), site, req, ParseId(p.at("id")), 0);
}

HttpResponse ReportReview(const Site& site, const HttpRequest& req, const RouteParams& p) {
  return Report(site.store(), site, req, 0, ParseId(p.at("id")));
}

}  // namespace reel::web::pages
