// What editors do at /admin/articles and /admin/lists: write articles (Markdown
// body with a Preview button that renders it exactly as the article page will,
// cover image, tags, linked titles and people, published or draft), set their own
// author bio, and write editorial lists (a ranked list of titles with a blurb per
// entry). Every handler checks the role on the server (a reader gets 403) and every
// form carries the session's CSRF token; bad input comes back in the form with
// the error naming the field, nothing saved.
#include <spdlog/spdlog.h>

#include "audience/accounts.h"
#include "audience/critic_posts.h"
#include "catalog/title_paths.h"
#include "core/parse.h"
#include "core/text.h"
#include "news/articles.h"
#include "news/editorial.h"
#include "news/markdown.h"
#include "storage/store.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

constexpr int kArticlesListed = 200;
constexpr int kListsListed = 200;

// The signed-in editor, or the response to send instead (sign in, or 403).
std::variant<Viewer, HttpResponse> RequireEditor(const Site& site, const HttpRequest& req, const std::string& here) {
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=" + here);
  if (!audience::IsEditor(viewer->user)) return ErrorPage(PermissionDenied("role: not allowed for your role"));
  return *viewer;
}

// The same for a form post: the editor and the form, with its token checked.
std::variant<std::pair<Viewer, std::multimap<std::string, std::string>>, HttpResponse> RequireEditorPost(
    const Site& site, const HttpRequest& req, const std::string& here) {
  auto editor = RequireEditor(site, req, here);
  if (auto* res = std::get_if<HttpResponse>(&editor)) return std::move(*res);
  auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), std::get<Viewer>(editor).session.csrf_token)) {
    return ErrorPage(BadFormToken());
  }
  return std::make_pair(std::get<Viewer>(editor), std::move(form));
}

Result<Id> OptionalId(const RouteParams& p) {
  auto it = p.find("id");
  if (it == p.end()) return Id{0};
  const auto parsed = ParsePositive(it->second);
  if (!parsed) return NotFound("id: not an id");
  return *parsed;
}

// The article form with what it holds (or was typed), an error and a preview.
HttpResponse ArticleForm(const Site& site, const HttpRequest& req, const Viewer& editor, Id id,
                         const news::ArticleDraft& draft, const std::string& error, int status, bool preview) {
  View v;
  v.Set("csrf", editor.session.csrf_token);
  v.Set("action", id == 0 ? std::string("/admin/articles") : "/admin/articles/" + std::to_string(id));
  v.Set("is_new", id == 0);
  v.Set("slug", draft.slug);
  v.Set("headline", draft.headline);
  v.Set("body", draft.body);
  v.Set("publish", draft.publish);
  v.Set("cover", draft.cover_url);
  v.Set("tags", draft.tags);
  v.Set("titles", draft.titles);
  v.Set("people", draft.people);
  if (preview) {
    v.Set("preview_html", news::MarkdownToHtml(draft.body));
    v.Set("preview_headline", draft.headline);
  }
  if (!error.empty()) v.Set("error", error);
  HttpResponse res = Page(site, req, "article_form", v, {id == 0 ? "New article" : "Edit article", "", "", ""},
                          "no-store");
  res.status = status;
  return res;
}

}  // namespace

HttpResponse AdminArticles(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto editor = RequireEditor(site, req, "/admin/articles");
  if (auto* res = std::get_if<HttpResponse>(&editor)) return std::move(*res);
  const Viewer& viewer = std::get<Viewer>(editor);
  auto articles = site.store().ListArticles(kArticlesListed);
  if (!articles.ok()) return ErrorPage(articles.status());
  auto profile = site.store().GetAuthorProfile(viewer.user.id);
  if (!profile.ok()) return ErrorPage(profile.status());
  View v;
  View list = View::MakeList();
  for (const auto& a : *articles) {
    View o;
    o.Set("headline", a.headline);
    o.Set("edit", "/admin/articles/" + std::to_string(a.id));
    o.Set("path", catalog::ArticlePath(a.slug));
    o.Set("published", !a.published_at.empty());
    o.Set("date", (a.published_at.empty() ? a.created_at : a.published_at).substr(0, 10));
    list.Push(std::move(o));
  }
  v.Set("articles", std::move(list));
  v.Set("empty", articles->empty());
  v.Set("csrf", viewer.session.csrf_token);
  v.Set("author_name", profile->display_name);
  v.Set("author_bio", profile->bio);
  v.Set("author_path", "/news/author/" + viewer.user.username);
  if (req.Query("saved") == "bio") v.Set("notice", "Your author profile is saved.");
  return Page(site, req, "admin_articles", v, {"Articles", "", "", "/admin/articles"}, "no-store");
}

HttpResponse AdminArticleForm(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto editor = RequireEditor(site, req, "/admin/articles");
  if (auto* res = std::get_if<HttpResponse>(&editor)) return std::move(*res);
  REEL_ASSIGN_OR_PAGE(id, OptionalId(p));
  news::ArticleDraft draft;
  if (id != 0) {
    REEL_ASSIGN_OR_PAGE(stored, ReadOnce(site.store(), [&](Store& s) { return news::DraftOf(s, id); }));
    draft = std::move(stored);
  }
  return ArticleForm(site, req, std::get<Viewer>(editor), id, draft, "", 200, false);
}

HttpResponse AdminSaveArticle(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto checked = RequireEditorPost(site, req, "/admin/articles");
  if (auto* res = std::get_if<HttpResponse>(&checked)) return std::move(*res);
  const auto& [viewer, form] = std::get<0>(checked);
  REEL_ASSIGN_OR_PAGE(id, OptionalId(p));
  news::ArticleDraft draft{FormValue(form, "slug"),    FormValue(form, "headline"), FormValue(form, "body"),
                           FormValue(form, "publish") == "yes", FormValue(form, "cover"), FormValue(form, "tags"),
                           FormValue(form, "titles"),  FormValue(form, "people")};
  if (FormValue(form, "action") == "preview") return ArticleForm(site, req, viewer, id, draft, "", 200, true);
  auto saved = news::SaveArticle(site.store(), viewer.user, id, draft);
  if (!saved.ok()) {
    const StatusCode code = saved.status().code();
    if (code == StatusCode::kInvalidArgument || code == StatusCode::kAlreadyExists) {
      return ArticleForm(site, req, viewer, id, draft, saved.status().message(), HttpStatusFor(saved.status()), false);
    }
    return ErrorPage(saved.status());
  }
  spdlog::info("article {} saved by user {}", *saved, viewer.user.id);
  return HttpResponse::Redirect(303, "/admin/articles");
}

HttpResponse AdminSaveAuthor(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto checked = RequireEditorPost(site, req, "/admin/articles");
  if (auto* res = std::get_if<HttpResponse>(&checked)) return std::move(*res);
  const auto& [viewer, form] = std::get<0>(checked);
  Status st = news::SaveAuthorBio(site.store(), viewer.user, viewer.user.id, FormValue(form, "name"),
                                  FormValue(form, "bio"));
  if (!st.ok()) return ErrorPage(st);
  return HttpResponse::Redirect(303, "/admin/articles?saved=bio");
}

// ---- Editorial lists ----------------------------------------------------------------

namespace {

HttpResponse ListForm(const Site& site, const HttpRequest& req, const Viewer& editor, Id id,
                      const news::ListDraft& d, const std::string& error, int status) {
  View v;
  v.Set("csrf", editor.session.csrf_token);
  v.Set("action", id == 0 ? std::string("/admin/lists") : "/admin/lists/" + std::to_string(id));
  v.Set("is_new", id == 0);
  v.Set("slug", d.slug);
  v.Set("name", d.name);
  v.Set("description", d.description);
  v.Set("entries", d.entries);
  v.Set("ranked", d.ranked);
  v.Set("published", d.published);
  if (!error.empty()) v.Set("error", error);
  HttpResponse res = Page(site, req, "list_form", v, {id == 0 ? "New list" : "Edit list", "", "", ""}, "no-store");
  res.status = status;
  return res;
}

}  // namespace

HttpResponse AdminLists(const Site& site, const HttpRequest& req, const RouteParams&) {
  auto editor = RequireEditor(site, req, "/admin/lists");
  if (auto* res = std::get_if<HttpResponse>(&editor)) return std::move(*res);
  auto lists = site.store().ListEditorialLists(kListsListed, 0);
  if (!lists.ok()) return ErrorPage(lists.status());
  View v;
  View rows = View::MakeList();
  for (const auto& l : *lists) {
    rows.Push(View().Set("name", l.name).Set("edit", "/admin/lists/" + std::to_string(l.id)).Set("path", "/lists/" + l.slug));
  }
  v.Set("lists", std::move(rows));
  v.Set("empty", lists->empty());
  return Page(site, req, "admin_lists", v, {"Editorial lists", "", "", "/admin/lists"}, "no-store");
}

HttpResponse AdminListForm(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto editor = RequireEditor(site, req, "/admin/lists");
  if (auto* res = std::get_if<HttpResponse>(&editor)) return std::move(*res);
  REEL_ASSIGN_OR_PAGE(id, OptionalId(p));
  news::ListDraft draft;
  if (id != 0) {
    REEL_ASSIGN_OR_PAGE(stored, ReadOnce(site.store(), [&](Store& s) { return news::ListDraftOf(s, id); }));
    draft = std::move(stored);
  }
  return ListForm(site, req, std::get<Viewer>(editor), id, draft, "", 200);
}

HttpResponse AdminSaveList(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto checked = RequireEditorPost(site, req, "/admin/lists");
  if (auto* res = std::get_if<HttpResponse>(&checked)) return std::move(*res);
  const auto& [viewer, form] = std::get<0>(checked);
  REEL_ASSIGN_OR_PAGE(id, OptionalId(p));
  news::ListDraft d{FormValue(form, "slug"), FormValue(form, "name"), FormValue(form, "description"),
                    FormValue(form, "entries"), FormValue(form, "ranked") == "yes", FormValue(form, "published") == "yes"};
  auto saved = news::SaveEditorialList(site.store(), viewer.user, id, d);
  if (!saved.ok()) {
    const StatusCode code = saved.status().code();
    if (code == StatusCode::kInvalidArgument || code == StatusCode::kAlreadyExists) {
      return ListForm(site, req, viewer, id, d, saved.status().message(), HttpStatusFor(saved.status()));
    }
    return ErrorPage(saved.status());
  }
  spdlog::info("list {} saved by user {}", *saved, viewer.user.id);
  return HttpResponse::Redirect(303, "/admin/lists");
}

}  // namespace reel::web::pages
