// The addresses of the site's pages, and finding a title by its address: the only
// place URLs of titles, people and articles are built ("/tv/<slug>",
// "/tv/<slug>/s01", "/tv/<slug>/s01/e02", "/m/<slug>", "/celebrity/<slug>",
// "/news/<slug>", "/critics/<slug>", "/critics/source/<slug>"). The builders are pure; the finders read the store and are used by
// the web handlers (from a route's captures) and by commands that name titles in
// files, such as `reel verify import`. Any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "catalog/browse_query.h"
#include "core/status.h"
#include "model/articles.h"
#include "model/people.h"
#include "model/reviews.h"
#include "model/titles.h"

namespace reel {
class Store;
}

namespace reel::catalog {

// "/tv/<slug>", "/tv/<slug>/s01", "/tv/<slug>/s01/e02" from the series.
std::string SeriesPath(const Title& series);
std::string SeasonPath(const Title& series, int season);
std::string EpisodePath(const Title& series, int season, int episode);
// "/tv/<slug>/episodes": the series' episode guide.
std::string EpisodeGuidePath(const Title& series);
std::string FilmPath(const Title& film);
std::string PersonPath(const Person& person);
// "/news/<slug>".
std::string ArticlePath(std::string_view slug);
// "/search?q=<q>&type=<kind>&page=<page>" (kind left out when "", page when 1).
std::string SearchPath(std::string_view q, std::string_view kind = "", int page = 1);
// "/critics/<slug>": a critic's page; "/critics/source/<slug>": a publication's.
std::string CriticPath(const Critic& critic);
std::string CriticPath(std::string_view slug);
// "/m?genre=drama&sort=critic&page=2", "/tv?...": a page of a film or series index
// (catalog/browse_query.h gives the canonical query string).
std::string TitleIndexPath(const IndexQuery& query, int64_t page);
// "/genre/<slug>" and "/year/<yyyy>": the film index with that filter set.
std::string GenrePath(const Genre& genre);
std::string YearPath(int year);
std::string PublicationPath(const Publication& publication);
std::string PublicationPath(std::string_view slug);
// The page of a film or a series.
std::string TopTitlePath(const Title& title);
// The page of any title: films and series alone, a season with its series, an
// episode with its season and series ("" when a needed parent is missing).
std::string TitlePagePath(const Title& title, const Title* season, const Title* series);

// The season (of an episode) and the series (of a season or an episode) of a title,
// read from the store; either is left out when it cannot be read.
struct TitleParents {
  std::optional<Title> season;
  std::optional<Title> series;
};
TitleParents LoadTitleParents(Store& store, const Title& title);

struct TitleAtPath {
  Title title;
  std::string path;  // Its canonical page: "/tv/star-trek-picard/s01".
};

// From the parts of an address: a film when `season` is empty ("/m/<slug>"),
// otherwise a season ("01") of the series <slug>, or an episode of it when `episode`
// is given. NotFound when any part does not exist.
Result<TitleAtPath> FindTitleByParts(Store& store, std::string_view slug, std::string_view season,
                                     std::string_view episode);

// From a whole address of a film, series, season or episode page; InvalidArgument
// when it is not one ("title: ..."), NotFound when the title does not exist.
Result<TitleAtPath> FindTitleByPath(Store& store, std::string_view path);

}  // namespace reel::catalog
