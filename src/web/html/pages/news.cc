// GET /news/<slug>: a published article's headline, its body as escaped paragraphs
// and its comments; a minimal page until the news feature (src/news/) comes.
#include "catalog/reader.h"
#include "core/text.h"
#include "web/html/blocks/comments.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"
#include "web/titles.h"

namespace reel::web::pages {

HttpResponse NewsArticle(const Site& site, const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(routed, FindRoutedThread(site.store(), req, p));
  REEL_ASSIGN_OR_PAGE(comments_page, CommentsPageAsked(req));
  const Article& article = *routed.article;
  auto viewer = site.ViewerOf(req);
  const catalog::CommentsPart comments =
      catalog::LoadComments(site.store(), routed.thread, viewer ? viewer->user.id : 0, comments_page);
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
