// The parts of title pages that show what imports bring beside the catalog's own
// fields: a film's pages on other sites (its IMDb and TMDB ids as links), the tags
// MovieLens users gave it, and an episode's audience in millions. Kept apart from
// the page files so the page handlers only place them. Pure; any thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "web/html/view.h"

namespace reel::web {

// A list of {name, url} for the external ids a film has that reel can link
// ("imdb" tt0114709 -> https://www.imdb.com/title/tt0114709/, "tmdb" 862 ->
// https://www.themoviedb.org/movie/862); ids of another shape are left out.
View FilmExternalLinksView(const std::map<std::string, std::string>& ids);

// A list of {name, count} of the `max` most used tags (ListTags order).
View TopTagsView(const std::vector<std::pair<std::string, int64_t>>& tags, size_t max);

// 21500000 -> "21.5 million"; below a million, the number ("850,000").
std::string ViewersText(int64_t viewers);

}  // namespace reel::web
