// Atom 1.0 feeds (news/atom.h): GET /news.atom (the newest published articles),
// /tv/<slug>/news.atom (articles about the series, its seasons or episodes) and
// /tv/<slug>/reviews.atom (the newest critic reviews of its seasons and episodes).
// Links are absolute, from --public-url; entry ids are tag: URIs of the site's host
// and the item's id, so they never change for an item.
#include "catalog/catalog.h"
#include "catalog/title_paths.h"
#include "core/date.h"
#include "news/atom.h"
#include "news/markdown.h"
#include "news/news_pages.h"
#include "storage/store.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

constexpr int kFeedEntries = 30;

// "reviews.example.org" of "https://reviews.example.org:8443/x".
std::string HostOf(const std::string& url) {
  std::string host = url.substr(url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
  return host.substr(0, host.find_first_of(":/"));
}

std::string TagId(const Site& site, const std::string& what) {
  return "tag:" + HostOf(site.options().public_url) + ",2026:" + what;
}

HttpResponse AtomResponse(const news::AtomFeed& feed) {
  HttpResponse res;
  res.content_type = "application/atom+xml; charset=utf-8";
  res.body = news::RenderAtom(feed);
  res.headers.emplace_back("Cache-Control", "no-cache");
  return res;
}

news::AtomEntry ArticleEntry(const Site& site, const ArticleCard& c) {
  const Article& a = c.article;
  news::AtomEntry e;
  e.id = TagId(site, "news/" + std::to_string(a.id));
  e.title = a.headline;
  e.link = site.options().public_url + catalog::ArticlePath(a.slug);
  e.updated = a.updated_at.empty() ? a.published_at : std::max(a.updated_at, a.published_at);
  e.published = a.published_at;
  e.author = c.author_name;
  e.summary = news::MarkdownToText(a.body_markdown, 300);
  e.content_html = news::MarkdownToHtml(a.body_markdown);
  return e;
}

}  // namespace

HttpResponse NewsFeed(const Site& site, const HttpRequest& req, const RouteParams&) {
  ArticleQuery q;
  q.limit = kFeedEntries;
  REEL_ASSIGN_OR_PAGE(cards, site.store().ListPublishedArticles(q));
  const std::string base = site.options().public_url;
  news::AtomFeed feed{TagId(site, "news"), "News & Interviews", base + "/news.atom", base + "/news", "", {}};
  feed.updated = cards.empty() ? UtcTimestamp() : "";
  for (const auto& c : cards) feed.entries.push_back(ArticleEntry(site, c));
  return AtomResponse(feed);
}

HttpResponse SeriesNewsFeed(const Site& site, const HttpRequest& req, const RouteParams& p) {
  struct Read {
    Title series;
    std::vector<ArticleCard> cards;
  };
  REEL_ASSIGN_OR_PAGE(read, ReadOnce(site.store(), [&](Store& s) -> Result<Read> {
                        Read r;
                        REEL_ASSIGN_OR_RETURN(r.series, s.FindTitleBySlug(TitleKind::kSeries, p.at("slug")));
                        ArticleQuery q;
                        q.limit = kFeedEntries;
                        q.title_ids.push_back(r.series.id);
                        REEL_ASSIGN_OR_RETURN(auto seasons, s.ListChildren(r.series.id));
                        for (const auto& season : seasons) {
                          q.title_ids.push_back(season.id);
                          REEL_ASSIGN_OR_RETURN(auto episodes, s.ListChildren(season.id));
                          for (const auto& e : episodes) q.title_ids.push_back(e.id);
                        }
                        REEL_ASSIGN_OR_RETURN(r.cards, s.ListPublishedArticles(q));
                        return r;
                      }));
  const std::string base = site.options().public_url;
  const std::string path = catalog::SeriesPath(read.series);
  news::AtomFeed feed{TagId(site, "tv/" + std::to_string(read.series.id) + "/news"), "News: " + read.series.name,
                      base + path + "/news.atom", base + "/news?title=" + EncodeUrlValue(path), "", {}};
  feed.updated = read.cards.empty() ? UtcTimestamp() : "";
  for (const auto& c : read.cards) feed.entries.push_back(ArticleEntry(site, c));
  return AtomResponse(feed);
}

HttpResponse SeriesReviewsFeed(const Site& site, const HttpRequest& req, const RouteParams& p) {
  struct Read {
    Title series;
    std::vector<TitledCriticReview> reviews;
    std::vector<news::TitleRef> titles;
  };
  REEL_ASSIGN_OR_PAGE(read, ReadOnce(site.store(), [&](Store& s) -> Result<Read> {
                        Read r;
                        REEL_ASSIGN_OR_RETURN(r.series, s.FindTitleBySlug(TitleKind::kSeries, p.at("slug")));
                        REEL_ASSIGN_OR_RETURN(r.reviews, s.ListSeriesCriticReviews(r.series.id, kFeedEntries));
                        for (const auto& rv : r.reviews) {
                          REEL_ASSIGN_OR_RETURN(auto t, s.GetTitle(rv.title_id));
                          REEL_ASSIGN_OR_RETURN(auto ref, news::RefOf(s, t));
                          r.titles.push_back(std::move(ref));
                        }
                        return r;
                      }));
  const std::string base = site.options().public_url;
  const std::string path = catalog::SeriesPath(read.series);
  news::AtomFeed feed{TagId(site, "tv/" + std::to_string(read.series.id) + "/reviews"),
                      "Critic reviews: " + read.series.name, base + path + "/reviews.atom", base + path, "", {}};
  feed.updated = read.reviews.empty() ? UtcTimestamp() : "";
  for (size_t i = 0; i < read.reviews.size(); ++i) {
    const CriticReviewRow& row = read.reviews[i].row;
    const news::TitleRef& t = read.titles[i];
    news::AtomEntry e;
    e.id = TagId(site, "review/" + std::to_string(row.review.id));
    const std::string critic = row.critic ? row.critic->name : "Unattributed critic";
    e.title = critic + (row.publication ? " (" + row.publication->name + ")" : "") + " on " + t.name;
    e.link = base + t.path + "#critic-reviews";
    // A review without a date of its own sorts last; Atom needs some instant.
    e.updated = row.review.date ? row.review.date->ToIso() : "1970-01-01";
    e.author = critic;
    e.summary = row.review.quote + (row.review.grade_raw.empty() ? "" : " (" + row.review.grade_raw + ")");
    feed.entries.push_back(std::move(e));
  }
  return AtomResponse(feed);
}

}  // namespace reel::web::pages
