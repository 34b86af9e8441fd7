// The score badges of the site, as views: the critic and audience scores at the top
// of a title page with their histograms, a series' means of its seasons' scores, and the title card that
// lists a title elsewhere (home page lists, "You might also like", the series index,
// a person's credits). A card is built from the same TitleScores as the page it
// links to, so the two always show the same numbers. Pure functions; any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/badges.h"
#include "catalog/title_facts.h"
#include "model/score_counts.h"
#include "web/html/view.h"

namespace reel::web {

using catalog::ScoreKind;

// The badge of a score (catalog::BadgeOf): which icon, and what it says to a screen
// reader.
struct BadgeState {
  const char* state;  // CSS suffix and icon: fresh, rotten, certified, hot, stale, none.
  const char* label;  // Accessible name of the icon.
};
BadgeState BadgeFor(std::optional<int> percent, ScoreKind kind, bool certified);
// Sets "state", "state_label" and one "is_<state>" flag per state on `v`.
void SetBadge(View& v, const BadgeState& b);

// "1 review", "2 reviews".
std::string Plural(int64_t n, const char* one, const char* many);
// A number with at most one decimal: 6.8, 80, 12.5.
std::string Decimal1(double x);
// Stars in halves: "½", "1", "1½" ... "5".
std::string HalfStars(double stars);
// A share (0..1) as a whole percentage.
int Percent(double share);

// The scores a title shows on its page and on every card that links to it
// (catalog/title_facts.h).
using catalog::TitleScores;

// The critic and audience badges of a title page, with (unless `compact`) the Top
// critics score and average grade beside the critic score, and the verified audience
// score, average stars and pre-release "want to see" count beside the audience score.
View ScoresView(const ScoreCounts& c, bool compact = false);
// The badges of a series page: the means of its seasons' critic and audience scores.
View SeriesScoresView(const std::vector<ScoreCounts>& seasons);
// One card in a list of titles: name, link, a meta line and the critic and audience
// scores of `scores`, the same numbers and counts as the title's page.
// The critic-grade and audience-star histograms of a title page (inline SVG drawn
// from the counts only, with a table for screen readers).
View HistogramsView(const ScoreCounts& c);
View CardView(std::string name, std::string path, std::string meta, const TitleScores& scores);

}  // namespace reel::web
