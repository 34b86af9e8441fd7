// Editorial lists and editors' title tools. GET /lists (public editorial lists,
// paged) and /lists/<slug> (a ranked list: each title with its scores and the
// editor's blurb). POST {title}/facts, {title}/facts/<id> (save, up, down, delete),
// {title}/videos and {title}/videos/<id>/delete on any title page (/tv/<slug>,
// seasons, episodes, /m/<slug>): editors only, with the session's form token; the
// role is checked by the domain functions (news/editorial.h).
#include <spdlog/spdlog.h>

#include "audience/accounts.h"
#include "catalog/title_paths.h"
#include "core/parse.h"
#include "core/text.h"
#include "news/editorial.h"
#include "news/news_pages.h"
#include "storage/store.h"
#include "web/html/blocks/cards.h"
#include "web/html/blocks/score_views.h"
#include "web/html/blocks/title_news.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

// A title tool's post: the title (its page is the path before `marker`), the
// editor-to-be and the form; or the response to send instead.
struct ToolPost {
  catalog::TitleAtPath title;
  Viewer viewer;
  std::multimap<std::string, std::string> form;
};

std::variant<ToolPost, HttpResponse> CheckToolPost(const Site& site, const HttpRequest& req, std::string_view marker) {
  const size_t at = req.path.rfind(marker);
  auto title = catalog::FindTitleByPath(site.store(), std::string_view(req.path).substr(0, at));
  if (!title.ok()) return ErrorPage(title.status());
  auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=" + EncodeUrlValue(title->path));
  auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());
  return ToolPost{std::move(*title), std::move(*viewer), std::move(form)};
}

Result<Id> IdParam(const RouteParams& p) {
  const auto id = ParsePositive(p.at("id"));
  if (!id) return NotFound("id: not an id");
  return *id;
}

}  // namespace

HttpResponse PostFact(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto checked = CheckToolPost(site, req, "/facts");
  if (auto* res = std::get_if<HttpResponse>(&checked)) return std::move(*res);
  const auto& post = std::get<ToolPost>(checked);
  Id fact_id = 0;
  if (p.count("id")) {
    REEL_ASSIGN_OR_PAGE(id, IdParam(p));
    fact_id = id;
  }
  const std::string action = FormValue(post.form, "action");
  const Title& title = post.title.title;
  Status st;
  if (action == "save" || action.empty()) {
    st = news::SaveFact(site.store(), post.viewer.user, title.id, fact_id, FormValue(post.form, "body"),
                        FormValue(post.form, "source")).status();
  } else if (fact_id == 0) {
    st = InvalidArgument("action: no fact to " + action);
  } else if (action == "delete") {
    st = news::RemoveFact(site.store(), post.viewer.user, title.id, fact_id);
  } else if (action == "up" || action == "down") {
    st = news::MoveFact(site.store(), post.viewer.user, title.id, fact_id,
                        action == "up" ? TriviaMove::kUp : TriviaMove::kDown);
  } else {
    st = InvalidArgument("action: save, up, down or delete");
  }
  if (!st.ok()) return InputErrorPage(site, req, st);
  spdlog::info("facts of title {} changed by user {} ({})", title.id, post.viewer.user.id, action);
  return HttpResponse::Redirect(303, post.title.path + "#facts");
}

HttpResponse PostVideo(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto checked = CheckToolPost(site, req, "/videos");
  if (auto* res = std::get_if<HttpResponse>(&checked)) return std::move(*res);
  const auto& post = std::get<ToolPost>(checked);
  const Title& title = post.title.title;
  Status st;
  if (p.count("id")) {
    REEL_ASSIGN_OR_PAGE(id, IdParam(p));
    st = news::RemoveVideo(site.store(), post.viewer.user, title.id, id);
  } else {
    const auto& f = post.form;
    st = news::AttachVideo(site.store(), post.viewer.user, title.id,
                           {FormValue(f, "name"), FormValue(f, "url"), FormValue(f, "kind"), FormValue(f, "duration"),
                            FormValue(f, "thumbnail")}).status();
  }
  if (!st.ok()) return InputErrorPage(site, req, st);
  spdlog::info("videos of title {} changed by user {}", title.id, post.viewer.user.id);
  return HttpResponse::Redirect(303, post.title.path + "#videos");
}

HttpResponse ListsIndex(const Site& site, const HttpRequest& req, const RouteParams&) {
  int64_t page = 1;
  if (!req.Query("page").empty()) {
    const auto n = ParsePositive(req.Query("page"));
    if (!n || *n > news::kMaxPage) return ErrorPage(InvalidArgument("page: not a page number"));
    page = *n;
  }
  REEL_ASSIGN_OR_PAGE(index, ReadOnce(site.store(), [&](Store& s) { return news::LoadListsIndex(s, page); }));
  if (page > 1 && index.lists.empty()) return ErrorPage(NotFound("page: past the last page"));
  View v;
  View lists = View::MakeList();
  for (const auto& l : index.lists) {
    lists.Push(View().Set("name", l.name).Set("path", "/lists/" + l.slug).Set("description", Truncate(l.description, 240)));
  }
  v.Set("lists", std::move(lists));
  v.Set("empty", index.lists.empty());
  if (page > 1) v.Set("prev", page == 2 ? std::string("/lists") : "/lists?page=" + std::to_string(page - 1));
  if (index.has_next) v.Set("next", "/lists?page=" + std::to_string(page + 1));
  return Page(site, req, "lists_index", v, {"Editors' lists", "Ranked lists of series and films", "lists", "/lists"});
}

HttpResponse EditorialList(const Site& site, const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(page, ReadOnce(site.store(), [&](Store& s) {
                        return news::LoadEditorialList(s, p.at("slug"), site.today());
                      }));
  const std::string path = "/lists/" + page.list.slug;
  View v;
  v.Set("name", page.list.name);
  v.Set("description", page.list.description);
  v.Set("owner", page.owner_name);
  v.Set("ranked", page.list.ranked);
  if (auto d = DateOf(page.list.updated_at)) {
    v.Set("date", d->ToLong());
    v.Set("date_iso", d->ToIso());
  }
  View entries = View::MakeList();
  for (const auto& e : page.entries) {
    View card = CardView(e.title.name, e.title.path, page.facts.Meta(e.title.title), page.facts.ScoresOf(e.title.title));
    card.Set("rank", std::to_string(e.entry.position));
    card.Set("note", e.entry.note);
    card.Set("ranked", page.list.ranked);
    entries.Push(std::move(card));
  }
  v.Set("entries", std::move(entries));
  return Page(site, req, "list_page", v, {page.list.name, Truncate(page.list.description, 160), "lists", path});
}

}  // namespace reel::web::pages
