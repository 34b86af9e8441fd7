// Cards of films and series in lists (home page, "You might also like", the series
// index, a person's credits), built from the list's TitleFacts so a card shows what
// the page it links to shows. Pure; any thread.
#pragma once

#include "catalog/title_facts.h"
#include "storage/records.h"
#include "web/html/view.h"

namespace reel::web {

// The card of a film or a series: name, link, "TV series · 1994–2004" and its scores.
View TitleCard(const catalog::TitleFacts& facts, const Title& title);
// "You might also like": a list of cards.
View SimilarView(const catalog::SimilarTitles& similar);

}  // namespace reel::web
