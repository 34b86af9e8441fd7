// Cards of films and series in lists (home page, "You might also like", the series
// index, a person's credits), built from the list's TitleFacts so a card shows what
// the page it links to shows; and the rows of episode lists. Pure; any thread.
#pragma once

#include "catalog/title_facts.h"
#include "model/titles.h"
#include "web/html/view.h"

namespace reel::web {

// The card of a film or a series: name, link, "TV series · 1994–2004" and its scores.
View TitleCard(const catalog::TitleFacts& facts, const Title& title);
// One episode in a season's list or the episode guide: code, name, link, air date
// and synopsis.
View EpisodeRow(const Title& series, int season, const Title& episode);
// "You might also like": a list of cards.
View SimilarView(const catalog::SimilarTitles& similar);
// Sets a title page's "similar" list and "has_similar".
void SetSimilar(View& page, const catalog::SimilarTitles& similar);

}  // namespace reel::web
