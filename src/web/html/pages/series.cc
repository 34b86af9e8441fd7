// The series pages: a series (/tv/<slug>) and its episode guide
// (/tv/<slug>/episodes); the index of all series (/tv) is in browse.cc. Each loads its read model
// (catalog/series_page.h) once and renders it.
#include "catalog/catalog.h"
#include "catalog/series_page.h"
#include "catalog/title_paths.h"
#include "core/text.h"
#include "storage/store.h"
#include "web/html/blocks/cards.h"
#include "web/html/blocks/credits.h"
#include "web/html/blocks/release_blocks.h"
#include "web/html/blocks/score_views.h"
#include "web/html/blocks/title_news.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

// The series' seasons, each with its compact scores. The series' own scores are the
// means of its seasons' shown scores (scoring::SeriesScore).
View SeasonList(const catalog::SeriesPage& page) {
  View season_list = View::MakeList();
  for (const auto& s : page.seasons) {
    View sv;
    sv.Set("name", catalog::SeasonName(s.number));
    sv.Set("path", catalog::SeasonPath(page.series, s.number));
    sv.Set("year", catalog::Year(s));
    sv.Set("synopsis", Truncate(s.synopsis, 240));
    sv.Set("scores", ScoresView(page.facts.ScoresOf(s).counts, /*compact=*/true));
    season_list.Push(std::move(sv));
  }
  return season_list;
}

View CreatorList(const std::vector<CreditRow>& creators) {
  View creator_list = View::MakeList();
  for (size_t i = 0; i < creators.size(); ++i) {
    creator_list.Push(View()
                          .Set("name", creators[i].person.name)
                          .Set("path", catalog::PersonPath(creators[i].person))
                          .Set("sep", i > 0));
  }
  return creator_list;
}

}  // namespace

HttpResponse Series(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const auto viewer = site.ViewerOf(req);
  std::optional<calendar::NextSeason> next;
  bool following = false;
  std::optional<news::TitleNews> news_block;
  REEL_ASSIGN_OR_PAGE(page, ReadOnce(site.store(), [&](Store& s) -> Result<catalog::SeriesPage> {
                        REEL_ASSIGN_OR_RETURN(auto page, catalog::LoadSeriesPage(s, p.at("slug"), site.today()));
                        REEL_TRY(LoadCalendarParts(s, page, viewer, site.today(), next, following));
                        REEL_ASSIGN_OR_RETURN(news_block, news::LoadTitleNews(s, page.series.id, 0));
                        return page;
                      }));
  const Title& series = page.series;
  View v;
  v.Set("name", series.name);
  v.Set("path", catalog::SeriesPath(series));
  v.Set("years", page.facts.Years(series));
  v.Set("network", series.network);
  v.Set("genres", GenresView(page.genres));
  v.Set("synopsis", ParagraphsView(series.synopsis));
  v.Set("episodes_href", catalog::EpisodeGuidePath(series));
  v.Set("seasons", SeasonList(page));
  v.Set("has_seasons", !page.seasons.empty());
  v.Set("series_score", SeriesScoresView(page.facts.ScoresOf(series).seasons));
  const auto creators = catalog::Creators(page.credits);
  v.Set("creators", CreatorList(creators));
  v.Set("has_creators", !creators.empty());
  v.Set("credits", CreditsView(catalog::SplitCredits(page.credits).cast));
  SetSimilar(v, page.similar);
  v.Set("next", NextSeasonView(next, ReaderZone(site, viewer), series));
  v.Set("following", FollowView(viewer, series, following));
  if (news_block) {
    v.Set("title_news", TitleNewsView(*news_block, catalog::SeriesPath(series), "", series.name, site.ViewerOf(req),
                                      site.options()));
  }
  return Page(site, req, "series", v,
              {series.name, Truncate(series.synopsis, 160), "tv", catalog::SeriesPath(series)});
}

HttpResponse Episodes(const Site& site, const HttpRequest& req, const RouteParams& p) {
  REEL_ASSIGN_OR_PAGE(
      guide, ReadOnce(site.store(), [&](Store& s) { return catalog::LoadEpisodeGuide(s, p.at("slug")); }));
  const Title& series = guide.series;
  View season_list = View::MakeList();
  for (const auto& [s, episodes] : guide.seasons) {
    // A season not out yet: its undated episodes are "TBA", with the season's date.
    const bool upcoming = !s.release || s.release->start > site.today();
    View ev = View::MakeList();
    for (const auto& e : episodes) ev.Push(EpisodeRow(series, s.number, e).Set("tba", upcoming && !e.release));
    season_list.Push(
        View()
            .Set("upcoming", upcoming)
            .Set("premiere", s.release ? s.release->ToText() : "TBA")
            .Set("name", catalog::SeasonName(s.number))
            .Set("path", catalog::SeasonPath(series, s.number))
            .Set("year", catalog::Year(s))
            .Set("count", std::to_string(episodes.size()) + (episodes.size() == 1 ? " episode" : " episodes"))
            .Set("episodes", std::move(ev)));
  }
  View v;
  v.Set("series_name", series.name);
  v.Set("series_path", catalog::SeriesPath(series));
  v.Set("seasons", std::move(season_list));
  v.Set("empty", guide.seasons.empty());
  return Page(site, req, "episodes", v,
              {series.name + ": Episode guide", "", "tv", catalog::EpisodeGuidePath(series)});
}

}  // namespace reel::web::pages
