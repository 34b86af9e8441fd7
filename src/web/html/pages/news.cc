// GET /news/<slug>: a published article's headline, its body as escaped paragraphs
// and its comments; a minimal page until the news feature (src/news/) comes.
#include "catalog/reader.h"
#include "core/text.h"
#include "storage/store.h"
#include "web/html/blocks/comments.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"
#include "web/titles.h"

namespace reel::web::pages {
namespace {

struct ArticleRead {
  RoutedThread routed;
  catalog::CommentsPart comments;
};

}  // namespace

HttpResponse NewsArticle(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const Result<int64_t> asked = CommentsPageAsked(req);
  const auto viewer = site.ViewerOf(req);
  // The article and its comments, from one snapshot.
  REEL_ASSIGN_OR_PAGE(read, ReadOnce(site.store(), [&](Store& s) -> Result<ArticleRead> {
                        REEL_ASSIGN_OR_RETURN(RoutedThread routed, FindRoutedThread(s, req, p));
                        catalog::CommentsPart comments;
                        if (asked.ok()) {
                          comments = catalog::LoadComments(s, routed.thread, viewer ? viewer->user.id : 0, *asked);
                        }
                        return ArticleRead{std::move(routed), std::move(comments)};
                      }));
  if (!asked.ok()) return ErrorPage(asked.status());
  const int64_t comments_page = *asked;
  const RoutedThread& routed = read.routed;
  const catalog::CommentsPart& comments = read.comments;
  const Article& article = *routed.article;
  View v;
  v.Set("headline", article.headline);
  // The body is shown as escaped paragraphs until the news feature renders its Markdown.
  v.Set("paragraphs", ParagraphsView(article.body_markdown));
  auto d = DateOf(article.published_at);
  v.Set("date", d ? d->ToLong() : "");
  v.Set("date_iso", d ? d->ToIso() : "");
  if (Status st = AddComments(site, req, v, comments, comments_page, routed.path); !st.ok()) return ErrorPage(st);
  return Page(site, req, "news_article", v, {article.headline, Truncate(article.body_markdown, 160), "news", routed.path});
}

}  // namespace reel::web::pages
