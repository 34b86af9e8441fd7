#include "web/html/blocks/comments.h"

#include <cstdlib>

#include <spdlog/spdlog.h>

#include "audience/comments.h"
#include "core/parse.h"
#include "core/text.h"
#include "web/html/page.h"

namespace reel::web {

namespace {

std::string AuthorName(const CommentRow& row) {
  if (row.comment.user_id == 0) return row.comment.guest_name;
  if (row.username.empty()) return "Deleted user";
  return row.display_name.empty() ? row.username : row.display_name;
}

View CommentView(const CommentRow& row, const std::optional<Viewer>& viewer, Date today) {
  const Comment& c = row.comment;
  View v;
  v.Set("id", std::to_string(c.id));
  // A deleted or a withheld comment's place over its replies, shown alike.
  const bool deleted = !c.deleted_at.empty() || row.withheld;
  v.Set("deleted", deleted);
  if (deleted) {
    // No author, no text, nothing to do.
    for (const char* no : {"guest", "pending", "edited", "mine", "can_delete", "can_report"}) v.Set(no, false);
    return v;
  }
  v.Set("author", AuthorName(row));
  v.Set("guest", c.user_id == 0);
  v.Set("paragraphs", ParagraphsView(c.body));
  v.Set("body", c.body);
  v.Set("pending", c.status == ModerationStatus::kPending);
  v.Set("edited", !c.updated_at.empty());
  auto d = DateOf(c.created_at);
  v.Set("when", d ? RelativeDate(*d, today) : "");
  v.Set("date_iso", c.created_at);
  const bool mine = viewer && c.user_id != 0 && viewer->user.id == c.user_id;
  v.Set("mine", mine);
  v.Set("can_delete", mine || (viewer && audience::CanModerate(viewer->user)));
  v.Set("can_report", viewer.has_value() && !mine);
  return v;
}

}  // namespace

// The URL of a page of a thread's comments: page 1 is the page itself.
std::string CommentPagePath(const std::string& path, int64_t page) {
  return page <= 1 ? path : path + "?comments_page=" + std::to_string(page);
}

namespace {

// A page number from a query string: from 1; 0 when it is not one.
int64_t ParsePageNumber(const std::string& s) {
  const auto n = ParsePositive(s);
  return n && *n <= 1000000000 ? *n : 0;
}

// Links to the pages of a thread's comments: the first and the last, and two on
// each side of the current one, with gaps between.
View CommentPager(const std::string& path, int page, int pages) {
  View pager;
  if (page > 1) pager.Set("older_href", CommentPagePath(path, page - 1) + "#comments");
  if (page < pages) pager.Set("newer_href", CommentPagePath(path, page + 1) + "#comments");
  View links = View::MakeList();
  int shown = 0;
  for (int n = 1; n <= pages; ++n) {
    if (n != 1 && n != pages && std::abs(n - page) > 2) continue;
    if (shown != 0 && n > shown + 1) {
      View gap;
      gap.Set("gap", true);
      links.Push(std::move(gap));
    }
    View link;
    link.Set("number", std::to_string(n));
    link.Set("href", CommentPagePath(path, n) + "#comments");
    link.Set("current", n == page);
    links.Push(std::move(link));
    shown = n;
  }
  pager.Set("links", std::move(links));
  return pager;
}

}  // namespace

Result<int64_t> CommentsPageAsked(const HttpRequest& req) {
  int64_t number = 1;
  if (const std::string asked = req.Query("comments_page"); !asked.empty()) {
    number = ParsePageNumber(asked);
    if (number < 1) return NotFound("comments_page: no such page of comments");
  }
  return number;
}

Status AddComments(const Site& site, const HttpRequest& req, View& page, const catalog::CommentsPart& comments,
                   int64_t number, const std::string& path) {
  auto viewer = site.ViewerOf(req);
  View block;
  // Forms on the page come back to this page of comments.
  block.Set("path", CommentPagePath(path, number));
  block.Set("action", path + "/comments");
  block.Set("signed_in", viewer.has_value());
  block.Set("signin_href", "/account/signin?next=" + path + "%23comments");
  block.Set("guest_href", site.guest_comments() == GuestComments::kOn ? path + "/comments/guest" : "");
  if (viewer) {
    block.Set("csrf", viewer->session.csrf_token);
    page.Set("report_csrf", viewer->session.csrf_token);
    page.Set("report_next", path);
  }
  if (!comments.status.ok()) {
    // The page is still worth showing without its comments.
    spdlog::error("comments of {}: {}", path, comments.status.ToString());
    block.Set("unavailable", true);
    page.Set("comments", std::move(block));
    return Status::Ok();
  }
  if (number > comments.page.pages) return NotFound("comments_page: the comments have " + std::to_string(comments.page.pages) + " pages");
  View items = View::MakeList();
  for (const auto& node : comments.page.nodes) {
    View item = CommentView(node.row, viewer, site.today());
    View replies = View::MakeList();
    for (const auto& r : node.replies) replies.Push(CommentView(r, viewer, site.today()));
    item.Set("has_replies", !node.replies.empty());
    item.Set("replies", std::move(replies));
    item.Set("reply_guest_href", site.guest_comments() == GuestComments::kOn
                                     ? path + "/comments/guest?reply_to=" + std::to_string(node.row.comment.id)
                                     : "");
    items.Push(std::move(item));
  }
  block.Set("count", comments.page.total ? std::to_string(comments.page.total) : "");
  block.Set("empty", comments.page.total == 0);
  block.Set("items", std::move(items));
  if (comments.page.pages > 1) block.Set("comment_pager", CommentPager(path, comments.page.page, comments.page.pages));
  page.Set("comments", std::move(block));
  return Status::Ok();
}

}  // namespace reel::web
