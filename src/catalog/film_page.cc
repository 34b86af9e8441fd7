#include "catalog/film_page.h"

#include "catalog/title_paths.h"
#include "storage/store.h"

namespace reel::catalog {

Result<FilmPage> LoadFilmPage(Store& store, std::string_view slug, Date today, const PageReader& reader) {
  FilmPage page;
  REEL_ASSIGN_OR_RETURN(page.film, store.FindTitleBySlug(TitleKind::kFilm, slug));
  page.path = FilmPath(page.film);
  const Id id = page.film.id;
  REEL_ASSIGN_OR_RETURN(page.counts, store.GetScoreCounts(id));
  REEL_ASSIGN_OR_RETURN(page.credits, store.ListCredits(id));
  REEL_ASSIGN_OR_RETURN(page.genres, store.ListGenres(id));
  REEL_ASSIGN_OR_RETURN(page.reviews, LoadTitleReviews(store, page.film, reader.reviews));
  REEL_ASSIGN_OR_RETURN(page.similar, LoadSimilar(store, page.film, today));
  REEL_ASSIGN_OR_RETURN(page.external_ids, store.ListTitleExternalIds(id));
  REEL_ASSIGN_OR_RETURN(page.tags, store.ListTags(id));
  page.reader = LoadReaderParts(store, page.film, reader);
  return page;
}

}  // namespace reel::catalog
