#include "web/html/blocks/title_news.h"

#include "audience/critic_posts.h"
#include "catalog/title_paths.h"
#include "news/editorial.h"
#include "news/markdown.h"
#include "web/html/page.h"

namespace reel::web {
namespace {

std::string DurationText(int seconds) {
  if (seconds <= 0) return "";
  const int h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
  auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  return h > 0 ? std::to_string(h) + ":" + two(m) + ":" + two(s) : std::to_string(m) + ":" + two(s);
}

View VideosView(const std::vector<Video>& videos, const std::string& title_path, const SiteOptions& options,
                const std::string& csrf) {
  View list = View::MakeList();
  for (const auto& v : videos) {
    View o;
    o.Set("name", v.name);
    o.Set("url", v.url);
    o.Set("kind", v.kind);
    o.Set("duration", DurationText(v.duration_seconds));
    o.Set("provider", v.provider);
    if (!v.thumbnail_url.empty()) o.Set("thumbnail", v.thumbnail_url);
    if (options.video_embeds == "youtube-nocookie") {
      const std::string id = news::YoutubeId(v.url);
      if (!id.empty()) o.Set("embed", "https://www.youtube-nocookie.com/embed/" + id);
    }
    if (!csrf.empty()) {
      o.Set("video_remove", title_path + "/videos/" + std::to_string(v.id) + "/delete");
      o.Set("video_csrf", csrf);
    }
    list.Push(std::move(o));
  }
  return list;
}

}  // namespace

View ArticleCardsView(const std::vector<ArticleCard>& cards) {
  View list = View::MakeList();
  for (const auto& c : cards) {
    View o;
    o.Set("headline", c.article.headline);
    o.Set("path", catalog::ArticlePath(c.article.slug));
    if (auto d = DateOf(c.article.published_at)) {
      o.Set("date", d->ToLong());
      o.Set("date_iso", d->ToIso());
    }
    if (!c.author_username.empty()) {
      o.Set("author", c.author_name);
      o.Set("author_path", "/news/author/" + c.author_username);
    }
    o.Set("summary", news::MarkdownToText(c.article.body_markdown, 200));
    if (!c.article.cover_url.empty()) o.Set("cover", c.article.cover_url);
    list.Push(std::move(o));
  }
  return list;
}

View FactsView(const std::vector<TriviaFact>& facts) {
  View list = View::MakeList();
  for (const auto& f : facts) {
    View o;
    o.Set("id", std::to_string(f.id));
    o.Set("body", f.body);
    if (!f.source_url.empty()) o.Set("source", f.source_url);
    list.Push(std::move(o));
  }
  return list;
}

View TitleNewsView(const news::TitleNews& news, const std::string& title_path, const std::string& series_path,
                   const std::string& name, const std::optional<Viewer>& viewer, const SiteOptions& options) {
  const bool staff = viewer && audience::IsEditor(viewer->user);
  View v;
  v.Set("name", name);
  v.Set("videos", VideosView(news.videos, title_path, options, staff ? viewer->session.csrf_token : ""));
  v.Set("has_videos", !news.videos.empty());
  View facts = FactsView(news.facts);
  if (staff) {
    View with_forms = View::MakeList();
    for (const auto& f : facts.list()) {
      View o = f;
      o.Set("fact_action", title_path + "/facts/" + o.Get("id")->str());
      o.Set("fact_csrf", viewer->session.csrf_token);
      with_forms.Push(std::move(o));
    }
    facts = std::move(with_forms);
  }
  v.Set("facts", std::move(facts));
  v.Set("has_facts", !news.facts.empty());
  v.Set("articles", ArticleCardsView(news.articles));
  v.Set("has_news", !news.articles.empty());
  v.Set("news_href", "/news?title=" + EncodeUrlValue(title_path));
  if (!series_path.empty() || title_path.rfind("/tv/", 0) == 0) {
    v.Set("feed", (series_path.empty() ? title_path : series_path) + "/news.atom");
  }
  View lists = View::MakeList();
  for (const auto& l : news.lists) lists.Push(View().Set("name", l.name).Set("path", "/lists/" + l.slug));
  v.Set("lists", std::move(lists));
  v.Set("has_lists", !news.lists.empty());
  if (staff) {
    View s;
    s.Set("csrf", viewer->session.csrf_token);
    s.Set("facts_action", title_path + "/facts");
    s.Set("videos_action", title_path + "/videos");
    v.Set("news_staff", std::move(s));
    v.Set("staff_mode", true);
  }
  return v;
}

HttpResponse InputErrorPage(const Site& site, const HttpRequest& req, const Status& status) {
  if (status.code() != StatusCode::kInvalidArgument) return ErrorPage(status);
  View v;
  v.Set("status", "400");
  v.Set("reason", "Bad Request");
  v.Set("message", status.message());
  HttpResponse res = Page(site, req, "error", v, {"Bad Request", "", "", ""}, "no-store");
  res.status = 400;
  return res;
}

}  // namespace reel::web
