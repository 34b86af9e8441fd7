// GET and POST .../comments of a season, an episode or a film: a page of the
// title's approved comments with their replies, and posting a comment or a reply.
#include <algorithm>

#include "audience/comments.h"
#include "audience/moderation.h"
#include "core/parse.h"
#include "storage/store.h"
#include "web/api/api.h"
#include "web/api/json.h"

namespace reel::web::api {

namespace {

// A comment as the API shows it (never a guest's email). The placeholder of a
// deleted or a withheld comment (spam, another's pending) has no author, no status and
// the body "[deleted]"; a closed account's comment shows as by "Deleted user" with no
// username.
Json CommentJson(const CommentRow& row) {
  const Comment& c = row.comment;
  const bool deleted = !c.deleted_at.empty() || row.withheld;
  Json author = deleted            ? Json(nullptr)
                : c.user_id == 0   ? Json{{"guest", true}, {"name", c.guest_name}}
                : row.username.empty()
                    ? Json{{"guest", false}, {"username", nullptr}, {"name", "Deleted user"}}
                    : Json{{"guest", false}, {"username", row.username},
                           {"name", row.display_name.empty() ? row.username : row.display_name}};
  return {{"id", c.id},
          {"parent_id", c.parent_id ? Json(c.parent_id) : Json(nullptr)},
          {"deleted", deleted},
          {"author", author},
          {"body", deleted ? "[deleted]" : c.body},
          {"status", deleted ? Json(nullptr) : Json(ModerationStatusName(c.status))},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at.empty() ? Json(nullptr) : Json(c.updated_at)}};
}

// A positive number from the query string; `fallback` when absent, -1 when it is
// not digits (the range is checked where it is used).
int64_t QueryNumber(const HttpRequest& req, const char* name, int64_t fallback) {
  const std::string s = req.Query(name);
  if (s.empty()) return fallback;
  const auto n = ParseInt(s);
  return n && *n >= 0 && *n <= 1000000000 ? *n : -1;
}

}  // namespace

HttpResponse ListComments(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto routed = FindRoutedTitle(site.store(), p);
  if (!routed.ok()) return ErrorReply(routed.status());
  const int64_t per_page = QueryNumber(req, "per_page", audience::kCommentsPerPage);
  auto page = audience::LoadThreadPage(site.store(), CommentThread{0, routed->title.id}, 0, QueryNumber(req, "page", 1),
                                       per_page > audience::kMaxCommentsPerPage ? 0 : static_cast<int>(per_page));
  if (!page.ok()) return ErrorReply(page.status());
  Json list = Json::array();
  for (const auto& node : page->nodes) {
    list.push_back(CommentJson(node.row));
    for (const auto& reply : node.replies) list.push_back(CommentJson(reply));
  }
  return Reply(200, {{"path", routed->path},
                     {"page", page->page},
                     {"per_page", per_page},
                     {"pages", page->pages},
                     {"top_level", page->top_level},
                     {"total", page->total},
                     {"comments", list}});
}

HttpResponse PostComment(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto w = StartTitleWrite(site.store(), req, p);
  if (!w.ok()) return ErrorReply(w.status());
  auto text = Field(w->body, "body", true);
  if (!text.ok()) return ErrorReply(text.status());
  Id parent = 0;
  if (auto it = w->body.find("parent_id"); it != w->body.end() && !it->is_null()) {
    if (!it->is_number_integer()) return ErrorReply(InvalidArgument("parent_id: must be a comment id"));
    parent = it->get<Id>();
  }
  audience::Poster poster{&w->user, "", "", req.ClientAddress()};
  int64_t retry_after = 0;
  auto posted =
      audience::PostComment(site.store(), site.spam(), poster, CommentThread{0, w->routed.title.id}, parent, *text, &retry_after);
  if (!posted.ok()) {
    if (posted.status().code() != StatusCode::kResourceExhausted) return ErrorReply(posted.status());
    HttpResponse r = ErrorReply(posted.status(), "too_many_requests");
    r.headers.emplace_back("Retry-After", std::to_string(std::max<int64_t>(1, retry_after)));
    return r;
  }
  return Reply(201, {{"path", w->routed.path},
                     {"comment", CommentJson(CommentRow{*posted, w->user.username, w->user.display_name})}});
}

}  // namespace reel::web::api
