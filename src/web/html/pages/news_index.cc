// GET /news: every published article, newest first, 20 a page (?page=N), filtered
// by ?tag= and ?title= (a title page's address). GET /news/author/<username>: an
// author's profile (name, bio) and their articles, paged the same way.
#include "core/parse.h"
#include "core/text.h"
#include "news/news_pages.h"
#include "storage/store.h"
#include "web/html/blocks/title_news.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

// ?page=N (1 by default); InvalidArgument naming "page" otherwise.
Result<int64_t> PageAsked(const HttpRequest& req) {
  const std::string raw = req.Query("page");
  if (raw.empty()) return 1;
  const auto n = ParsePositive(raw);
  if (!n || *n > news::kMaxPage) return InvalidArgument("page: not a page number");
  return *n;
}

void SetPager(View& v, const std::string& base, int64_t page, bool has_next) {
  const std::string sep = base.find('?') == std::string::npos ? "?" : "&";
  if (page > 1) v.Set("prev", page == 2 ? base : base + sep + "page=" + std::to_string(page - 1));
  if (has_next) v.Set("next", base + sep + "page=" + std::to_string(page + 1));
}

}  // namespace

HttpResponse NewsIndex(const Site& site, const HttpRequest& req, const RouteParams&) {
  REEL_ASSIGN_OR_PAGE(page, PageAsked(req));
  const std::string tag(Trim(req.Query("tag")));
  const std::string title(Trim(req.Query("title")));
  if (!tag.empty() && !IsValidSlug(tag)) return ErrorPage(InvalidArgument("tag: not a tag"));
  auto loaded = ReadOnce(site.store(), [&](Store& s) { return news::LoadNewsIndex(s, tag, title, page); });
  if (!loaded.ok()) return InputErrorPage(site, req, loaded.status());
  const news::NewsIndexPage& index = *loaded;
  View v;
  std::string heading = "News & Interviews";
  std::string base = "/news";
  if (index.title) {
    heading += " about " + index.title->name;
    base += "?title=" + EncodeUrlValue(index.title->path);
  }
  if (!tag.empty()) {
    heading += " tagged " + tag;
    base += (base.find('?') == std::string::npos ? "?tag=" : "&tag=") + EncodeUrlValue(tag);
  }
  v.Set("heading", heading);
  v.Set("filtered", index.title.has_value() || !tag.empty());
  v.Set("articles", ArticleCardsView(index.articles));
  v.Set("empty", index.articles.empty());
  SetPager(v, base, page, index.has_next);
  if (page > 1 && index.articles.empty()) return ErrorPage(NotFound("page: past the last page"));
  return Page(site, req, "news_index", v, {heading, "News, interviews and release dates", "news", base});
}

HttpResponse NewsAuthor(const Site& site, const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(page, PageAsked(req));
  REEL_ASSIGN_OR_PAGE(author, ReadOnce(site.store(), [&](Store& s) {
                        return news::LoadAuthorPage(s, p.at("username"), page);
                      }));
  const std::string name = !author.profile.display_name.empty() ? author.profile.display_name
                           : !author.user.display_name.empty()  ? author.user.display_name
                                                                : author.user.username;
  const std::string base = "/news/author/" + author.user.username;
  View v;
  v.Set("name", name);
  v.Set("bio", author.profile.bio);
  v.Set("articles", ArticleCardsView(author.articles));
  v.Set("empty", author.articles.empty());
  SetPager(v, base, page, author.has_next);
  if (page > 1 && author.articles.empty()) return ErrorPage(NotFound("page: past the last page"));
  return Page(site, req, "news_author", v, {name, Truncate(author.profile.bio, 160), "news", base});
}

}  // namespace reel::web::pages
