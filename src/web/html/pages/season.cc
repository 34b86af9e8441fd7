// The season page (/tv/<slug>/s01) and the episode page (/tv/<slug>/s01/e02):
// each loads its read model (catalog/season_page.h) once and renders it: scores,
// episodes, cast and crew, reviews, "You might also like", the rating widget, the
// staff forms and the comments.
#include <optional>
#include <utility>

#include "catalog/catalog.h"
#include "catalog/season_page.h"
#include "catalog/title_paths.h"
#include "core/text.h"
#include "storage/store.h"
#include "web/html/blocks/cards.h"
#include "web/html/blocks/comments.h"
#include "web/html/blocks/credits.h"
#include "web/html/blocks/reader_blocks.h"
#include "web/html/blocks/pager.h"
#include "web/html/blocks/release_blocks.h"
#include "web/html/blocks/reviews.h"
#include "web/html/blocks/score_views.h"
#include "web/html/blocks/title_extras.h"
#include "web/html/blocks/title_news.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

View EpisodeList(const catalog::SeasonPage& page) {
  View ev = View::MakeList();
  for (const auto& e : page.episodes) {
    ev.Push(EpisodeRow(page.series, page.season.number, e).Set("number", std::to_string(e.number)));
  }
  return ev;
}

View SeasonNav(const catalog::SeasonPage& page) {
  View nav = View::MakeList();
  for (const auto& s : page.seasons) {
    nav.Push(View()
                 .Set("name", catalog::SeasonName(s.number))
                 .Set("path", catalog::SeasonPath(page.series, s.number))
                 .Set("current", s.number == page.season.number));
  }
  return nav;
}

View EpisodeLinkView(const Title& series, const catalog::EpisodeLink& e) {
  View l;
  l.Set("code", catalog::EpisodeCode(e.season, e.episode.number));
  l.Set("name", e.episode.name);
  l.Set("path", catalog::EpisodePath(series, e.season, e.episode.number));
  return l;
}

// "Release date", "Running time", ... of an episode, those it has.
View EpisodeDetails(const Title& series, const Title& ep) {
  View details = View::MakeList();
  auto detail = [&](const char* label, const std::string& value, const std::string& iso = "") {
    if (!value.empty()) details.Push(View().Set("label", label).Set("value", value).Set("iso", iso));
  };
  detail("Release date",
         ep.release ? (ep.release->precision == DatePrecision::kDay ? ep.release->start.ToLong()
                                                                    : ep.release->ToText())
                    : "",
         ep.release ? ep.release->start.ToIso() : "");
  detail("Running time", ep.runtime_minutes ? std::to_string(ep.runtime_minutes) + " minutes" : "");
  detail("Country", !ep.country.empty() ? ep.country : series.country);
  detail("Language", !ep.language.empty() ? ep.language : series.language);
  detail("Network", series.network);
  detail("Production code", ep.production_code);
  detail("US viewers", ep.us_viewers ? ViewersText(ep.us_viewers) : "");
  return details;
}

}  // namespace

HttpResponse Season(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const int number = catalog::ParseNumberSegment("s" + p.at("season"), 's');
  if (number <= 0) return ErrorPage(NotFound("season: no such season number"));
  const Result<int64_t> comments_page = CommentsPageAsked(req);
  const auto reviews_asked = catalog::ParseReviewListQuery(req.query);
  if (!reviews_asked.ok()) return BadQueryPage(reviews_asked.status());
  const auto viewer = site.ViewerOf(req);
  calendar::ReleaseInfo release;
  std::optional<news::TitleNews> news_block;
  REEL_ASSIGN_OR_PAGE(page, ReadOnce(site.store(), [&](Store& s) -> Result<catalog::SeasonPage> {
                        auto page = catalog::LoadSeasonPage(s, p.at("slug"), number, site.today(),
                                                            ReaderOf(viewer, comments_page, *reviews_asked));
                        if (page.ok() && page->found) {
                          REEL_TRY(LoadReleaseInto(s, page->season, release));
                          REEL_ASSIGN_OR_RETURN(news_block, news::LoadTitleNews(s, page->season.id, page->series.id));
                        }
                        return page;
                      }));
  const std::string& path = page.path;
  if (req.path != path) {
    // One address per page: "/tv/x/s1" and "/tv/x/s01/" go to "/tv/x/s01".
    return HttpResponse::Redirect(301, path + (req.Query("critics") == "top" ? "?critics=top" : ""));
  }
  if (!page.found) return ErrorPage(page.missing);
  if (!comments_page.ok()) return ErrorPage(comments_page.status());
  const Title& series = page.series;
  const Title& season = page.season;
  const std::string year = catalog::Year(season);
  View v;
  v.Set("series_name", series.name);
  v.Set("series_path", catalog::SeriesPath(series));
  v.Set("name", catalog::SeasonName(number));
  v.Set("year", year);
  v.Set("consensus", season.consensus);
  v.Set("scores", ScoresView(page.counts));
  v.Set("histograms", HistogramsView(page.counts));
  v.Set("synopsis", ParagraphsView(season.synopsis));
  v.Set("episodes_href", catalog::EpisodeGuidePath(series));
  v.Set("episodes", EpisodeList(page));
  v.Set("has_episodes", !page.episodes.empty());
  v.Set("season_nav", SeasonNav(page));
  v.Set("release", ReleaseBlockView(release, ReaderZone(site, viewer), season, path, viewer));
  v.Set("credits", CreditsView(page.credits));
  SetReviewLists(v, page.reviews, path, site.today());
  SetSimilar(v, page.similar);
  if (Status st = AddReaderBlocks(site, req, v, viewer, season, path, page.reader, *comments_page);
      !st.ok()) {
    return ErrorPage(st);
  }
  const std::string title =
      series.name + ": " + catalog::SeasonName(number) + (year.empty() ? "" : " (" + year + ")");
  if (news_block) v.Set("title_news", TitleNewsView(*news_block, path, catalog::SeriesPath(series), title, viewer, site.options()));
  return Page(site, req, "season", v, {title, Truncate(season.synopsis, 160), "tv", path});
}

HttpResponse Episode(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const int sn = catalog::ParseNumberSegment("s" + p.at("season"), 's');
  const int en = catalog::ParseNumberSegment("e" + p.at("episode"), 'e');
  if (sn <= 0 || en <= 0) return ErrorPage(NotFound("episode: no such season or episode number"));
  const Result<int64_t> comments_page = CommentsPageAsked(req);
  const auto viewer = site.ViewerOf(req);
  calendar::ReleaseInfo release;
  std::optional<news::TitleNews> news_block;
  REEL_ASSIGN_OR_PAGE(page, ReadOnce(site.store(), [&](Store& s) -> Result<catalog::EpisodePage> {
                        auto page = catalog::LoadEpisodePage(s, p.at("slug"), sn, en, ReaderOf(viewer, comments_page));
                        if (page.ok() && page->found) {
                          REEL_TRY(LoadReleaseInto(s, page->episode, release));
                          REEL_ASSIGN_OR_RETURN(news_block, news::LoadTitleNews(s, page->episode.id, page->series.id));
                        }
                        return page;
                      }));
  const std::string& path = page.path;
  if (req.path != path) return HttpResponse::Redirect(301, path);
  if (!page.found) return ErrorPage(page.missing);
  if (!comments_page.ok()) return ErrorPage(comments_page.status());
  const Title& series = page.series;
  const Title& ep = page.episode;
  View v;
  v.Set("series_name", series.name);
  v.Set("series_path", catalog::SeriesPath(series));
  v.Set("season_name", catalog::SeasonName(sn));
  v.Set("season_path", catalog::SeasonPath(series, sn));
  v.Set("code", catalog::EpisodeCode(sn, en));
  v.Set("name", ep.name);
  v.Set("synopsis", ParagraphsView(ep.synopsis));
  v.Set("has_synopsis", !ep.synopsis.empty());
  v.Set("details", EpisodeDetails(series, ep));
  v.Set("release", ReleaseBlockView(release, ReaderZone(site, viewer), ep, path, viewer));
  v.Set("scores", ScoresView(page.counts));
  v.Set("credits", CreditsView(page.credits));
  if (page.prev) v.Set("prev", EpisodeLinkView(series, *page.prev));
  if (page.next) v.Set("next", EpisodeLinkView(series, *page.next));
  v.Set("episodes_href", catalog::EpisodeGuidePath(series));
  if (Status st = AddReaderBlocks(site, req, v, viewer, ep, path, page.reader, *comments_page); !st.ok()) {
    return ErrorPage(st);
  }
  const std::string title = series.name + " " + catalog::EpisodeCode(sn, en) + ": " + ep.name;
  if (news_block) v.Set("title_news", TitleNewsView(*news_block, path, catalog::SeriesPath(series), title, viewer, site.options()));
  return Page(site, req, "episode", v, {title, Truncate(ep.synopsis, 160), "tv", path});
}

}  // namespace reel::web::pages
