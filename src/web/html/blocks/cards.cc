#include "web/html/blocks/cards.h"

#include "catalog/title_paths.h"
#include "web/html/blocks/score_views.h"

namespace reel::web {

View TitleCard(const catalog::TitleFacts& facts, const Title& title) {
  return CardView(title.name, catalog::TopTitlePath(title), facts.Meta(title), facts.ScoresOf(title));
}

View SimilarView(const catalog::SimilarTitles& similar) {
  View list = View::MakeList();
  for (const auto& t : similar.titles) list.Push(TitleCard(similar.facts, t));
  return list;
}

}  // namespace reel::web
