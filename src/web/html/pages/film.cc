// The film page (/m/<slug>): loads its read model (catalog/film_page.h) once and
// renders it: scores and histograms, details, links to other sites, tags, cast and
// crew, reviews, "You might also like", the rating widget, staff forms, comments.
#include "catalog/catalog.h"
#include "catalog/film_page.h"
#include "core/text.h"
#include "storage/store.h"
#include "web/html/blocks/cards.h"
#include "web/html/blocks/comments.h"
#include "web/html/blocks/credits.h"
#include "web/html/blocks/reader_blocks.h"
#include "web/html/blocks/pager.h"
#include "web/html/blocks/reviews.h"
#include "web/html/blocks/score_views.h"
#include "web/html/blocks/title_extras.h"
#include "web/html/blocks/title_news.h"
#include "web/html/page.h"
#include "web/html/pages/pages.h"

namespace reel::web::pages {
namespace {

// "Release date", "Running time", ... of a film, those it has.
View FilmDetails(const Title& film) {
  View details = View::MakeList();
  auto detail = [&](const char* label, const std::string& value) {
    if (!value.empty()) details.Push(View().Set("label", label).Set("value", value));
  };
  detail("Release date", film.release
                             ? (film.release->precision == DatePrecision::kDay ? film.release->start.ToLong()
                                                                               : film.release->ToText())
                             : "");
  detail("Running time", film.runtime_minutes ? std::to_string(film.runtime_minutes) + " minutes" : "");
  detail("Country", film.country);
  detail("Language", film.language);
  detail("Studio", film.network);
  return details;
}

}  // namespace

HttpResponse Film(const Site& site, const HttpRequest& req, const RouteParams& p) {
  const Result<int64_t> comments_page = CommentsPageAsked(req);
  const auto reviews_asked = catalog::ParseReviewListQuery(req.query);
  if (!reviews_asked.ok()) return BadQueryPage(reviews_asked.status());
  const auto viewer = site.ViewerOf(req);
  std::optional<news::TitleNews> news_block;
  REEL_ASSIGN_OR_PAGE(page, ReadOnce(site.store(), [&](Store& s) -> Result<catalog::FilmPage> {
                        REEL_ASSIGN_OR_RETURN(auto loaded, catalog::LoadFilmPage(s, p.at("slug"), site.today(),
                                                                          ReaderOf(viewer, comments_page, *reviews_asked)));
                        REEL_ASSIGN_OR_RETURN(news_block, news::LoadTitleNews(s, loaded.film.id, 0));
                        return loaded;
                      }));
  if (!comments_page.ok()) return ErrorPage(comments_page.status());
  const Title& film = page.film;
  const std::string& path = page.path;
  View v;
  v.Set("name", film.name);
  View links = FilmExternalLinksView(page.external_ids);
  v.Set("has_links", !links.list().empty());
  v.Set("external_links", std::move(links));
  View top_tags = TopTagsView(page.tags, 12);
  v.Set("has_tags", !top_tags.list().empty());
  v.Set("tags", std::move(top_tags));
  v.Set("year", catalog::Year(film));
  v.Set("genres", GenresView(page.genres));
  v.Set("consensus", film.consensus);
  v.Set("scores", ScoresView(page.counts));
  v.Set("histograms", HistogramsView(page.counts));
  v.Set("synopsis", ParagraphsView(film.synopsis));
  v.Set("details", FilmDetails(film));
  v.Set("credits", CreditsView(page.credits));
  SetReviewLists(v, page.reviews, path, site.today());
  SetSimilar(v, page.similar);
  if (Status st = AddReaderBlocks(site, req, v, viewer, film, path, page.reader, *comments_page); !st.ok()) {
    return ErrorPage(st);
  }
  const std::string year = catalog::Year(film);
  if (news_block) v.Set("title_news", TitleNewsView(*news_block, path, "", film.name, viewer, site.options()));
  return Page(
      site, req, "film", v,
      {film.name + (year.empty() ? "" : " (" + year + ")"), Truncate(film.synopsis, 160), "movies", path});
}

}  // namespace reel::web::pages
