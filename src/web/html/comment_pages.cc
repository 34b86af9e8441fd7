// Comments on title and article pages: the comments block (list, reply, edit, delete and report
// forms), posting by members and, where the operator allows it, by guests, and
// readers' reports of comments and audience reviews.
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
#include "storage/store.h"
#include "web/html/page_helpers.h"
#include "web/html/pages.h"
#include "web/titles.h"

namespace reel::web {

Pages::Pages(Store& store, std::function<Date()> today, SiteOptions options)
    : store_(store),
      today_(std::move(today)),
      options_(std::move(options)),
      spam_(std::make_unique<audience::SpamModel>()) {}
Pages::~Pages() = default;

namespace {

std::string AuthorName(const CommentRow& row) {
  if (row.comment.user_id == 0) return row.comment.guest_name;
  if (row.username.empty()) return "Deleted user";
  return row.display_name.empty() ? row.username : row.display_name;
}

View CommentView(const CommentRow& row, const std::optional<Pages::Viewer>& viewer, Date today) {
  const Comment& c = row.comment;
  View v;
  v.Set("id", std::to_string(c.id));
  const bool deleted = !c.deleted_at.empty();
  v.Set("deleted", deleted);
  if (deleted) {
    // A deleted comment's place over its replies: no author, no text, nothing to do.
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

Status Pages::AddComments(const HttpRequest& req, View& page, const CommentThread& thread,
                          const std::string& path) const {
  int64_t number = 1;
  if (const std::string asked = req.Query("comments_page"); !asked.empty()) {
    number = ParsePageNumber(asked);
    if (number < 1) return NotFound("comments_page: no such page of comments");
  }
  auto viewer = ViewerOf(req);
  View block;
  // Forms on the page come back to this page of comments.
  block.Set("path", CommentPagePath(path, number));
  block.Set("action", path + "/comments");
  block.Set("signed_in", viewer.has_value());
  block.Set("signin_href", "/account/signin?next=" + path + "%23comments");
  block.Set("guest_href", guest_comments_ == GuestComments::kOn ? path + "/comments/guest" : "");
  if (viewer) {
    block.Set("csrf", viewer->session.csrf_token);
    page.Set("report_csrf", viewer->session.csrf_token);
    page.Set("report_next", path);
  }
  auto loaded = audience::LoadThreadPage(store_, thread, viewer ? viewer->user.id : 0, number);
  if (!loaded.ok()) {
    // The page is still worth showing without its comments.
    spdlog::error("comments of {}: {}", path, loaded.status().ToString());
    block.Set("unavailable", true);
    page.Set("comments", std::move(block));
    return Status::Ok();
  }
  if (number > loaded->pages) return NotFound("comments_page: the comments have " + std::to_string(loaded->pages) + " pages");
  View items = View::MakeList();
  for (const auto& node : loaded->nodes) {
    View item = CommentView(node.row, viewer, today_());
    View replies = View::MakeList();
    for (const auto& r : node.replies) replies.Push(CommentView(r, viewer, today_()));
    item.Set("has_replies", !node.replies.empty());
    item.Set("replies", std::move(replies));
    item.Set("reply_guest_href", guest_comments_ == GuestComments::kOn
                                     ? path + "/comments/guest?reply_to=" + std::to_string(node.row.comment.id)
                                     : "");
    items.Push(std::move(item));
  }
  block.Set("count", loaded->total ? std::to_string(loaded->total) : "");
  block.Set("empty", loaded->total == 0);
  block.Set("items", std::move(items));
  if (loaded->pages > 1) block.Set("comment_pager", CommentPager(path, loaded->page, loaded->pages));
  page.Set("comments", std::move(block));
  return Status::Ok();
}

namespace {

// The form page shown again after a refused comment, with what was typed.
HttpResponse CommentErrorPage(const Pages& pages, const HttpRequest& req, const Status& st, View v, int status) {
  v.Set("error", st.message());
  HttpResponse res = Page(pages, req, "comment_error", v, {"Your comment", "", "", ""}, "no-store");
  if (res.status == 200) res.status = status;
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

bool IsPublished(const Article& a) { return !a.published_at.empty() && a.published_at <= UtcTimestamp(); }

// The thread a route names: a title's (/tv/..., /m/...) or a published article's (/news/<slug>).
struct RoutedThread {
  CommentThread thread;
  std::string path;
  std::string name;
};

Result<RoutedThread> FindThread(Store& store, const HttpRequest& req, const RouteParams& p) {
  if (req.path.rfind("/news/", 0) == 0) {
    auto a = store.FindArticleBySlug(p.at("slug"));
    if (!a.ok()) return a.status();
    if (!IsPublished(*a)) return NotFound("article '" + a->slug + "' is not published");
    return RoutedThread{{a->id, 0}, "/news/" + a->slug, a->headline};
  }
  auto routed = FindRoutedTitle(store, p);
  if (!routed.ok()) return routed.status();
  return RoutedThread{{0, routed->title.id}, routed->path, routed->title.name};
}

}  // namespace

HttpResponse Pages::GuestCommentForm(const HttpRequest& req, const RouteParams& p) {
  if (guest_comments_ != GuestComments::kOn) return Error(404);
  auto routed = FindThread(store_, req, p);
  if (!routed.ok()) return Error(routed.status());
  HttpResponse res;
  View v;
  v.Set("csrf", NewFormToken(*this, req, res));
  v.Set("action", routed->path + "/comments");
  v.Set("title_path", routed->path);
  v.Set("title_name", routed->name);
  v.Set("parent_id", std::to_string(ParseId(req.Query("reply_to"))));
  auto html = RenderPage("guest_comment", v, {"Comment as a guest", "", "", ""});
  if (!html.ok()) return Error(html.status());
  res.body = std::move(*html);
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

HttpResponse Pages::PostComment(const HttpRequest& req, const RouteParams& p) {
  auto routed = FindThread(store_, req, p);
  if (!routed.ok()) return Error(routed.status());
  const std::string& page = routed->path;
  const auto form = ParseForm(req.body);
  auto viewer = ViewerOf(req);
  audience::Poster poster;
  poster.address = req.ClientAddress();
  if (viewer) {
    if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return Error(403);
    poster.user = &viewer->user;
  } else if (guest_comments_ == GuestComments::kOn && !FormValue(form, "guest_name").empty()) {
    if (!FormTokenOk(req, form)) return Error(403);
    poster.guest_name = FormValue(form, "guest_name");
    poster.guest_email = FormValue(form, "guest_email");
  } else {
    return HttpResponse::Redirect(303, "/account/signin?next=" + page + "%23comments");
  }
  const Id parent = ParseId(FormValue(form, "parent_id"));
  int64_t retry_after = 0;
  auto posted =
      audience::PostComment(store_, *spam_, poster, routed->thread, parent, FormValue(form, "body"), &retry_after);
  if (!posted.ok()) {
    const StatusCode code = posted.status().code();
    if (code != StatusCode::kInvalidArgument && code != StatusCode::kResourceExhausted) return Error(posted.status());
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
    v.Set("csrf", viewer ? viewer->session.csrf_token : NewFormToken(*this, req, res));
    const bool flood = code == StatusCode::kResourceExhausted;
    HttpResponse page_res = CommentErrorPage(*this, req, posted.status(), std::move(v), flood ? 429 : 400);
    for (auto& h : res.headers) page_res.headers.push_back(h);
    if (flood) {
      page_res.headers.emplace_back("Retry-After", std::to_string(std::max<int64_t>(1, retry_after)));
      spdlog::info("comment on {} refused: posting limit", page);
    }
    return page_res;
  }
  spdlog::info("comment {} on {}: {}", posted->id, page, ModerationStatusName(posted->status));
  return HttpResponse::Redirect(303, CommentLocation(store_, page, posted->id, viewer ? viewer->user.id : 0));
}

std::string ThreadPath(Store& store, const CommentThread& thread) {
  if (thread.title_id == 0) {
    auto a = store.GetArticle(thread.article_id);
    return a.ok() ? "/news/" + a->slug : "/";
  }
  auto t = store.GetTitle(thread.title_id);
  if (!t.ok()) return "/";
  std::optional<Title> season, series;
  if (t->kind == TitleKind::kEpisode) {
    auto s = store.GetTitle(t->parent_id);
    if (s.ok()) season = *s;
  }
  const Id series_id = t->kind == TitleKind::kSeason ? t->parent_id : season ? season->parent_id : 0;
  if (series_id) {
    auto s = store.GetTitle(series_id);
    if (s.ok()) series = *s;
  }
  const std::string path = TitlePagePath(*t, season ? &*season : nullptr, series ? &*series : nullptr);
  return path.empty() ? "/" : path;
}

namespace {

// A signed-in reader's form post: the reader, the form and (for comment_id != 0) the
// comment it acts on; or the response that ends the request (anonymous: to sign in;
// a missing or wrong token: 403; no such comment, or only its placeholder: 404).
struct SignedInPost {
  std::optional<Pages::Viewer> viewer;
  std::multimap<std::string, std::string> form;
  std::optional<Comment> comment;
  std::optional<HttpResponse> refused;
};

SignedInPost CheckSignedInPost(const Pages& pages, Store& store, const HttpRequest& req, Id comment_id) {
  SignedInPost out;
  out.viewer = pages.ViewerOf(req);
  if (!out.viewer) {
    out.refused = HttpResponse::Redirect(303, "/account/signin");
    return out;
  }
  out.form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(out.form, "csrf"), out.viewer->session.csrf_token)) {
    out.refused = pages.Error(403);
  } else if (comment_id != 0) {
    auto c = audience::StandingComment(store, comment_id);
    if (c.ok()) out.comment = std::move(*c);
    else out.refused = pages.Error(c.status());
  }
  return out;
}

}  // namespace

HttpResponse Pages::EditComment(const HttpRequest& req, const RouteParams& p) {
  const Id id = ParseId(p.at("id"));
  auto post = CheckSignedInPost(*this, store_, req, id);
  if (post.refused) return *post.refused;
  const auto& viewer = post.viewer;
  const auto& form = post.form;
  const auto& comment = post.comment;
  const std::string page = ThreadPath(store_, comment->thread);
  Status st = audience::EditComment(store_, *spam_, viewer->user, id, FormValue(form, "body"));
  if (st.code() == StatusCode::kInvalidArgument) {
    View v;
    v.Set("action", "/comments/" + std::to_string(id) + "/edit");
    v.Set("title_path", page);
    v.Set("body", FormValue(form, "body"));
    v.Set("csrf", viewer->session.csrf_token);
    v.Set("editing", true);
    return CommentErrorPage(*this, req, st, std::move(v), 400);
  }
  if (!st.ok()) return Error(st);
  return HttpResponse::Redirect(303, CommentLocation(store_, page, id, viewer->user.id));
}

HttpResponse Pages::DeleteComment(const HttpRequest& req, const RouteParams& p) {
  const Id id = ParseId(p.at("id"));
  auto post = CheckSignedInPost(*this, store_, req, id);
  if (post.refused) return *post.refused;
  if (FormValue(post.form, "confirm") != "1") {
    // Asked first (only of those who may delete it), on a page whose form posts the
    // same request confirmed.
    const Comment& c = *post.comment;
    const bool mine = c.user_id != 0 && c.user_id == post.viewer->user.id;
    if (!mine && !audience::CanModerate(post.viewer->user)) return Error(403);
    View v;
    v.Set("question", mine ? "Delete your comment?" : "Delete this comment?");
    v.Set("has_quote", true);
    v.Set("quote", ParagraphsView(c.body));
    v.Set("detail", "This cannot be undone.");
    v.Set("action", "/comments/" + std::to_string(id) + "/delete");
    v.Set("csrf", post.viewer->session.csrf_token);
    v.Set("fields", View::List{View().Set("name", "next").Set("value", FormValue(post.form, "next"))});
    v.Set("cancel_href", ThreadPath(store_, c.thread) + "#comment-" + std::to_string(id));
    return Page(*this, req, "confirm_delete", v, {"Delete a comment", "", "", ""}, "no-store");
  }
  if (Status st = audience::DeleteComment(store_, post.viewer->user, id); !st.ok()) return Error(st);
  const std::string next = FormValue(post.form, "next");
  return HttpResponse::Redirect(303, next.empty() ? ThreadPath(store_, post.comment->thread) + "#comments" : SafeNext(next));
}

namespace {

// A report of a comment (comment_id) or a review (rating_id) by the signed-in reader.
HttpResponse Report(Store& store, const Pages& pages, const HttpRequest& req, Id comment_id, Id rating_id) {
  auto post = CheckSignedInPost(pages, store, req, 0);
  if (post.refused) return *post.refused;
  const auto& viewer = post.viewer;
  const auto& form = post.form;
  Status st = audience::ReportItem(store, viewer->user, comment_id, rating_id, FormValue(form, "reason"));
  if (!st.ok()) return pages.Error(st);
  spdlog::info("report by {} of {} {}", viewer->user.username, comment_id ? "comment" : "review",
               comment_id ? comment_id : rating_id);
  View v;
  v.Set("reported", true);
  v.Set("title_path", SafeNext(FormValue(form, "next")));
  return Page(pages, req, "comment_error", v, {"Thank you", "", "", ""}, "no-store");
}

}  // namespace

HttpResponse Pages::ReportComment(const HttpRequest& req, const RouteParams& p) {
  return Report(store_, *this, req, ParseId(p.at("id")), 0);
}

HttpResponse Pages::ReportReview(const HttpRequest& req, const RouteParams& p) {
  return Report(store_, *this, req, 0, ParseId(p.at("id")));
}

HttpResponse Pages::NewsArticle(const HttpRequest& req, const RouteParams& p) {
  auto routed = FindThread(store_, req, p);
  if (!routed.ok()) return Error(routed.status());
  auto article = store_.GetArticle(routed->thread.article_id);
  if (!article.ok()) return Error(article.status());
  View v;
  v.Set("headline", article->headline);
  // The body is shown as escaped paragraphs until the news feature renders its Markdown.
  v.Set("paragraphs", ParagraphsView(article->body_markdown));
  auto d = DateOf(article->published_at);
  v.Set("date", d ? d->ToLong() : "");
  v.Set("date_iso", d ? d->ToIso() : "");
  if (Status st = AddComments(req, v, routed->thread, routed->path); !st.ok()) return Error(st);
  return Page(*this, req, "news_article", v, {article->headline, Truncate(article->body_markdown, 160), "news", routed->path});
}

}  // namespace reel::web
