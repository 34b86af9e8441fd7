#include "catalog/film_page.h"

#include "catalog/title_paths.h"
#include "storage/store.h"

namespace reel::catalog {

Result<FilmPage> LoadFilmPage(Store& store, std::string_view slug, Date today, const PageReader& reader) {
  FilmPage page;
  auto film = store.FindTitleBySlug(TitleKind::kFilm, slug);
  if (!film.ok()) return film.status();
  page.film = std::move(*film);
  page.path = FilmPath(page.film);
  const Id id = page.film.id;
  auto counts = store.GetScoreCounts(id);
  if (!counts.ok()) return counts.status();
  page.counts = *counts;
  auto credits = store.ListCredits(id);
  if (!credits.ok()) return credits.status();
  page.credits = std::move(*credits);
  auto genres = store.ListGenres(id);
  if (!genres.ok()) return genres.status();
  page.genres = std::move(*genres);
  auto reviews = LoadTitleReviews(store, page.film);
  if (!reviews.ok()) return reviews.status();
  page.reviews = std::move(*reviews);
  auto similar = LoadSimilar(store, page.film, today);
  if (!similar.ok()) return similar.status();
  page.similar = std::move(*similar);
  auto external_ids = store.ListTitleExternalIds(id);
  if (!external_ids.ok()) return external_ids.status();
  page.external_ids = std::move(*external_ids);
  auto tags = store.ListTags(id);
  if (!tags.ok()) return tags.status();
  page.tags = std::move(*tags);
  page.reader = LoadReaderParts(store, page.film, reader);
  return page;
}

}  // namespace reel::catalog
