// GET /news/<slug>: a published article as seed 001 shows it: its Markdown text
// (news/markdown.h, inert whatever was typed), the release-date table of each linked
// season built from the catalog, the cast and roles of the linked title, its
// interesting facts, the editors' lists holding it, a 1-5 star rating of the
// article with its average and count, the author box, plain share links, related
// articles and the comments. POST /news/<slug>/rating: a signed-in reader's rating.
#include <spdlog/spdlog.h>

#include <cstdio>

#include "audience/accounts.h"
#include "catalog/title_paths.h"
#include "core/parse.h"
#include "core/text.h"
#include "news/articles.h"
#include "news/markdown.h"
#include "news/news_pages.h"
#include "storage/store.h"
#include "web/html/blocks/comments.h"
#include "web/html/blocks/score_views.h"
#include "web/html/blocks/title_news.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

View LinksView(const news::ArticlePage& page) {
  View v;
  View titles = View::MakeList();
  for (size_t i = 0; i < page.titles.size(); ++i) {
    titles.Push(View().Set("name", page.titles[i].name).Set("path", page.titles[i].path)
                    .Set("last", i + 1 == page.titles.size()));
  }
  View people = View::MakeList();
  for (size_t i = 0; i < page.people.size(); ++i) {
    people.Push(View().Set("name", page.people[i].name).Set("path", catalog::PersonPath(page.people[i]))
                    .Set("last", i + 1 == page.people.size()));
  }
  View tags = View::MakeList();
  for (const auto& t : page.article.tags) tags.Push(View().Set("name", t).Set("href", "/news?tag=" + EncodeUrlValue(t)));
  v.Set("titles", std::move(titles));
  v.Set("has_titles", !page.titles.empty());
  v.Set("people", std::move(people));
  v.Set("has_people", !page.people.empty());
  v.Set("tags", std::move(tags));
  v.Set("has_tags", !page.article.tags.empty());
  return v;
}

View SeasonsView(const news::ArticlePage& page) {
  View list = View::MakeList();
  for (const auto& s : page.seasons) {
    View o;
    o.Set("name", s.season.name);
    if (s.premiere) o.Set("premiere", s.premiere->ToText());
    View eps = View::MakeList();
    for (const auto& e : s.episodes) {
      View r;
      r.Set("code", e.code);
      r.Set("name", e.name);
      r.Set("path", e.path);
      r.Set("date", e.date ? e.date->ToText() : "TBA");
      if (e.date && e.date->precision == DatePrecision::kDay) r.Set("date_iso", e.date->start.ToIso());
      eps.Push(std::move(r));
    }
    o.Set("episodes", std::move(eps));
    o.Set("has_episodes", !s.episodes.empty());
    const std::string series_path = s.season.path.substr(0, s.season.path.rfind('/'));
    o.Set("guide", series_path + "/episodes");
    list.Push(std::move(o));
  }
  return list;
}

View RatingView(View& v, const news::ArticlePage& page, const std::optional<Viewer>& viewer, const std::string& path) {
  const auto& r = page.rating;
  if (r.count > 0) {
    char avg[16];
    std::snprintf(avg, sizeof avg, "%.1f", r.average);
    v.Set("rating_count", std::to_string(r.count));
    v.Set("rating_average", std::string(avg));
    v.Set("rating_count_label", Plural(r.count, "rating", "ratings"));
  }
  if (!viewer) {
    v.Set("signin", "/account/signin?next=" + EncodeUrlValue(path + "#rating"));
    return v;
  }
  View form;
  form.Set("action", path + "/rating");
  form.Set("csrf", viewer->session.csrf_token);
  if (r.mine > 0) form.Set("mine", std::to_string(r.mine));
  View stars = View::MakeList();
  for (int n = 1; n <= 5; ++n) {
    stars.Push(View().Set("n", std::to_string(n)).Set("chosen", n <= r.mine).Set("glyph", n <= r.mine ? "★" : "☆"));
  }
  form.Set("stars", std::move(stars));
  v.Set("rate_form", std::move(form));
  return v;
}

View ShareView(const std::string& url, const std::string& headline) {
  const std::string u = EncodeUrlValue(url);
  const std::string t = EncodeUrlValue(headline);
  View list = View::MakeList();
  list.Push(View().Set("name", "Email").Set("href", "mailto:?subject=" + t + "&body=" + u));
  list.Push(View().Set("name", "Mastodon").Set("href", "https://mastodonshare.com/?text=" + t + "&url=" + u));
  list.Push(View().Set("name", "Bluesky").Set("href", "https://bsky.app/intent/compose?text=" + t + "%20" + u));
  list.Push(View().Set("name", "Reddit").Set("href", "https://www.reddit.com/submit?url=" + u + "&title=" + t));
  list.Push(View().Set("name", "Facebook").Set("href", "https://www.facebook.com/sharer/sharer.php?u=" + u));
  return list;
}

View ArticleView(const Site& site, const news::ArticlePage& page, const std::optional<Viewer>& viewer,
                 const std::string& path) {
  const Article& a = page.article;
  View v = LinksView(page);
  v.Set("headline", a.headline);
  v.Set("body_html", news::MarkdownToHtml(a.body_markdown));
  if (auto d = DateOf(a.published_at)) {
    v.Set("date", d->ToLong());
    v.Set("date_iso", d->ToIso());
  }
  if (!a.cover_url.empty()) v.Set("cover", a.cover_url);
  if (!page.author_username.empty()) {
    v.Set("author", page.author_name);
    v.Set("author_path", "/news/author/" + page.author_username);
    v.Set("author_bio", page.author_bio);
  }
  v.Set("seasons", SeasonsView(page));
  View cast = View::MakeList();
  for (const auto& c : page.cast) {
    cast.Push(View().Set("name", c.person.name).Set("path", catalog::PersonPath(c.person)).Set("role", c.credit.role));
  }
  v.Set("cast", std::move(cast));
  v.Set("has_cast", !page.cast.empty());
  v.Set("facts", FactsView(page.facts));
  v.Set("has_facts", !page.facts.empty());
  View lists = View::MakeList();
  for (const auto& l : page.lists) lists.Push(View().Set("name", l.name).Set("path", "/lists/" + l.slug));
  v.Set("lists", std::move(lists));
  v.Set("has_lists", !page.lists.empty());
  RatingView(v, page, viewer, path);
  v.Set("share", ShareView(site.options().public_url + path, a.headline));
  v.Set("related", ArticleCardsView(page.related));
  v.Set("has_related", !page.related.empty());
  return v;
}

}  // namespace

HttpResponse NewsArticle(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const Result<int64_t> asked = CommentsPageAsked(req);
  if (!asked.ok()) return ErrorPage(asked.status());
  const auto viewer = site.ViewerOf(req);
  REEL_ASSIGN_OR_PAGE(page, ReadOnce(site.store(), [&](Store& s) {
                        return news::LoadArticlePage(s, p.at("slug"), viewer ? viewer->user.id : 0, *asked);
                      }));
  const std::string path = catalog::ArticlePath(page.article.slug);
  View v = ArticleView(site, page, viewer, path);
  if (Status st = AddComments(site, req, v, page.comments, *asked, path); !st.ok()) return ErrorPage(st);
  return Page(site, req, "news_article", v,
              {page.article.headline, news::MarkdownToText(page.article.body_markdown, 160), "news", path},
              viewer ? "no-store" : "no-cache");
}

HttpResponse RateArticle(const Site& site, const HttpRequest& req, const RouteParams& p) {
  auto article = site.store().FindArticleBySlug(p.at("slug"));
  if (!article.ok() || article->published_at.empty()) return ErrorPage(NotFound("no such article"));
  const std::string path = catalog::ArticlePath(article->slug);
  const auto viewer = site.ViewerOf(req);
  if (!viewer) return HttpResponse::Redirect(303, "/account/signin?next=" + EncodeUrlValue(path + "#rating"));
  const auto form = ParseForm(req.body);
  if (!audience::SameSecret(FormValue(form, "csrf"), viewer->session.csrf_token)) return ErrorPage(BadFormToken());
  const auto stars = ParsePositive(FormValue(form, "stars"));
  Status st = stars && *stars <= 5 ? news::RateArticle(site.store(), viewer->user, article->id, static_cast<int>(*stars))
                                   : InvalidArgument("stars: choose 1 to 5 stars");
  if (!st.ok()) return InputErrorPage(site, req, st);
  spdlog::info("article {} rated by user {}", article->id, viewer->user.id);
  return HttpResponse::Redirect(303, path + "#rating");
}

}  // namespace reel::web::pages
