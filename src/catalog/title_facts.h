// What every list of titles shows beside a title's name (home page lists, "You might
// also like", the series index, a person's credits, a series page): its score
// counts (for a series, its seasons'), and how far each series' seasons and episodes
// run. Loaded in a few queries for a whole list, so a card and the page it links to
// always show the same numbers. Plain data; the loaders read the store; any thread.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "catalog/browse_query.h"
#include "core/date.h"
#include "core/status.h"
#include "model/id.h"
#include "model/ratings.h"
#include "model/recommend.h"
#include "model/reviews.h"
#include "model/score_counts.h"
#include "model/titles.h"

namespace reel {
class Store;
}

namespace reel::catalog {

// The scores a title shows on its page and on every card that links to it: a film's,
// a season's or an episode's own counts; for a series, each season's counts, whose
// shown scores its own are the means of.
struct TitleScores {
  bool series = false;
  ScoreCounts counts;
  std::vector<ScoreCounts> seasons;
};

// "Film" or "TV series".
std::string KindLabel(const Title& title);

struct TitleFacts {
  std::map<Id, ScoreCounts> counts;           // Of the titles and of every season of the series.
  std::map<Id, std::vector<Title>> children;  // Series id -> its seasons, by number.
  std::map<Id, SeriesRun> runs;               // Series id -> its run.
  Date today;

  TitleScores ScoresOf(const Title& title) const;
  // "1994–2004", "2020–", "2016".
  std::string Years(const Title& title) const;
  // "TV series · 1994–2004", "Film · 2016".
  std::string Meta(const Title& title) const;
};

Result<TitleFacts> LoadTitleFacts(Store& store, const std::vector<const Title*>& titles, Date today);
Result<TitleFacts> LoadTitleFacts(Store& store, const std::vector<Title>& titles, Date today);

// One page of a title's critic reviews (All / Top, Fresh / Rotten, newest or by
// grade) with their full tally, and one page of its audience reviews with theirs.
inline constexpr int kAudienceReviewsShown = 20;
struct TitleReviews {
  ReviewListQuery query;
  std::vector<CriticReviewRow> critics;
  CriticReviewTally tally;
  bool critics_past_end = false;  // The page asked for is after the last.
  std::vector<AudienceReviewRow> audience;
  BrowseStore::AudienceReviewTally audience_tally;
  bool audience_past_end = false;
};
Result<TitleReviews> LoadTitleReviews(Store& store, const Title& title, const ReviewListQuery& query = {});

// "You might also like": the stored neighbours of a film or series (recommend/,
// `reel recommend build`), each with the reason a reader is shown, or, before any
// build lists it, films and series sharing its genres; with their facts.
inline constexpr int kSimilarShown = 6;
struct SimilarTitles {
  std::vector<Title> titles;
  std::vector<std::string> reasons;  // One per title.
  TitleFacts facts;
};
Result<SimilarTitles> LoadSimilar(Store& store, const Title& top, Date today, int limit = kSimilarShown);
// "Viewers who liked this also liked", "Also starring Patrick Stewart", "Same
// creators", "Also Drama"...
std::string NeighbourReasonText(const TitleNeighbour& n);

}  // namespace reel::catalog
