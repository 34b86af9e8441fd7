#include "web/html/blocks/cards.h"

#include <utility>

#include "catalog/catalog.h"
#include "catalog/title_paths.h"
#include "web/html/blocks/score_views.h"

namespace reel::web {

View TitleCard(const catalog::TitleFacts& facts, const Title& title) {
  return CardView(title.name, catalog::TopTitlePath(title), facts.Meta(title), facts.ScoresOf(title));
}

View EpisodeRow(const Title& series, int season, const Title& e) {
  return View()
      .Set("code", catalog::EpisodeCode(season, e.number))
      .Set("name", e.name)
      .Set("path", catalog::EpisodePath(series, season, e.number))
      .Set("date", e.release ? e.release->ToText() : "")
      .Set("date_iso", e.release ? e.release->start.ToIso() : "")
      .Set("synopsis", e.synopsis);
}

View SimilarView(const catalog::SimilarTitles& similar) {
  View list = View::MakeList();
  for (size_t i = 0; i < similar.titles.size(); ++i) {
    View card = TitleCard(similar.facts, similar.titles[i]);
    if (i < similar.reasons.size()) card.Set("reason", similar.reasons[i]);
    list.Push(std::move(card));
  }
  return list;
}

void SetSimilar(View& page, const catalog::SimilarTitles& similar) {
  View list = SimilarView(similar);
  page.Set("has_similar", !list.list().empty());
  page.Set("similar", std::move(list));
}

}  // namespace reel::web
