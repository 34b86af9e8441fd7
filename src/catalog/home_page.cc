#include "catalog/home_page.h"

#include <algorithm>
#include <set>

#include "scoring/score.h"
#include "storage/store.h"

namespace reel::catalog {
namespace {

bool Rankable(const Title& t) { return t.kind == TitleKind::kFilm || t.kind == TitleKind::kSeason; }

std::vector<Title> FirstOf(const std::vector<const Title*>& ranked, size_t limit) {
  std::vector<Title> out;
  for (size_t i = 0; i < ranked.size() && i < limit; ++i) out.push_back(*ranked[i]);
  return out;
}

Result<std::vector<Title>> ListOf(Store& store, std::vector<TitleKind> kinds, TitleOrder order, int limit,
                                  std::optional<Date> released_by = std::nullopt) {
  TitleQuery q;
  q.kinds = std::move(kinds);
  q.order = order;
  q.limit = limit;
  if (released_by) q.released_on_or_before = *released_by;
  return store.ListTitles(q);
}

}  // namespace

std::vector<Title> RankBestCritics(const std::vector<Title>& titles, const TitleFacts& facts, size_t limit) {
  auto counts_of = [&](const Title* t) { return facts.ScoresOf(*t).counts; };
  std::vector<const Title*> ranked;
  for (const auto& t : titles) {
    if (Rankable(t) && scoring::QualifiesForBestCritics(counts_of(&t))) ranked.push_back(&t);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const Title* a, const Title* b) {
    return scoring::RankKey(scoring::CriticProportion(counts_of(a))) >
           scoring::RankKey(scoring::CriticProportion(counts_of(b)));
  });
  return FirstOf(ranked, limit);
}

std::vector<Title> RankBestAudience(const std::vector<Title>& titles, const TitleFacts& facts, size_t limit) {
  auto counts_of = [&](const Title* t) { return facts.ScoresOf(*t).counts; };
  double all_stars = 0;
  int64_t all_ratings = 0;
  for (const auto& t : titles) {
    const ScoreCounts c = counts_of(&t);
    all_stars += c.stars_sum;
    all_ratings += c.ratings;
  }
  const double catalogue_mean = all_ratings ? all_stars / static_cast<double>(all_ratings) : 0;
  auto weighted = [&](const Title* t) {
    const ScoreCounts c = counts_of(t);
    return scoring::BayesianAverage(scoring::AverageStars(c).value_or(catalogue_mean), c.ratings, catalogue_mean);
  };
  std::vector<const Title*> ranked;
  for (const auto& t : titles) {
    if (Rankable(t) && scoring::QualifiesForBestAudience(counts_of(&t))) ranked.push_back(&t);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const Title* a, const Title* b) { return weighted(a) > weighted(b); });
  return FirstOf(ranked, limit);
}

Result<HomePage> LoadHomePage(Store& store, Date today) {
  HomePage page;
  REEL_ASSIGN_OR_RETURN(page.newest,
                        ListOf(store, {TitleKind::kSeason}, TitleOrder::kReleaseNewest, kHomeNewestSeasons, today));
  // Titles with a shown critic score, and with a shown audience score.
  REEL_ASSIGN_OR_RETURN(auto reviewed, store.ListTitlesWithReviews(scoring::kMinCriticReviews));
  REEL_ASSIGN_OR_RETURN(auto reviewed_titles, store.GetTitles(reviewed));
  REEL_ASSIGN_OR_RETURN(auto rated, store.ListTitlesWithRatings(scoring::kMinAudienceRatings));
  REEL_ASSIGN_OR_RETURN(auto rated_titles, store.GetTitles(rated));
  REEL_ASSIGN_OR_RETURN(page.series, ListOf(store, {TitleKind::kSeries}, TitleOrder::kName, kHomeSeries));
  REEL_ASSIGN_OR_RETURN(page.films,
                        ListOf(store, {TitleKind::kFilm}, TitleOrder::kReleaseNewest, kHomeFilms));

  // Every title on the page, and the series of its seasons and episodes, in one load.
  std::vector<const Title*> shown;
  std::set<Id> parent_ids;
  for (const auto* list : {&page.newest, &reviewed_titles, &rated_titles, &page.series, &page.films}) {
    for (const auto& t : *list) {
      shown.push_back(&t);
      if (t.parent_id) parent_ids.insert(t.parent_id);
    }
  }
  REEL_ASSIGN_OR_RETURN(auto parents, store.GetTitles({parent_ids.begin(), parent_ids.end()}));
  for (auto& p : parents) page.parents.emplace(p.id, std::move(p));
  REEL_ASSIGN_OR_RETURN(page.facts, LoadTitleFacts(store, shown, today));
  page.best = RankBestCritics(reviewed_titles, page.facts, kHomeBestShown);
  page.audience_best = RankBestAudience(rated_titles, page.facts, kHomeBestShown);
  REEL_ASSIGN_OR_RETURN(page.genres, store.ListAllGenres());
  return page;
}

}  // namespace reel::catalog
