// The names of title kinds, as the store and URLs spell them.
#include "model/titles.h"

namespace reel {

const char* TitleKindName(TitleKind k) {
  switch (k) {
    case TitleKind::kFilm: return "film";
    case TitleKind::kSeries: return "series";
    case TitleKind::kSeason: return "season";
    case TitleKind::kEpisode: return "episode";
  }
  return "film";
}

std::optional<TitleKind> ParseTitleKind(std::string_view name) {
  for (auto k : {TitleKind::kFilm, TitleKind::kSeries, TitleKind::kSeason, TitleKind::kEpisode}) {
    if (name == TitleKindName(k)) return k;
  }
  return std::nullopt;
}

}  // namespace reel
