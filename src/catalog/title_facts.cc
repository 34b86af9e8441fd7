#include "catalog/title_facts.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "storage/store.h"

namespace reel::catalog {

std::string KindLabel(const Title& title) { return title.kind == TitleKind::kFilm ? "Film" : "TV series"; }

TitleScores TitleFacts::ScoresOf(const Title& title) const {
  TitleScores out;
  if (title.kind != TitleKind::kSeries) {
    if (auto it = counts.find(title.id); it != counts.end()) out.counts = it->second;
    return out;
  }
  out.series = true;
  if (auto it = children.find(title.id); it != children.end()) {
    for (const auto& season : it->second) {
      auto c = counts.find(season.id);
      out.seasons.push_back(c != counts.end() ? c->second : ScoreCounts{});
    }
  }
  return out;
}

std::string TitleFacts::Years(const Title& title) const {
  auto it = runs.find(title.id);
  return it != runs.end() ? YearSpan(title, it->second, today) : YearSpan(title);
}

std::string TitleFacts::Meta(const Title& title) const {
  const std::string years = Years(title);
  return KindLabel(title) + (years.empty() ? "" : " · " + years);
}

Result<TitleFacts> LoadTitleFacts(Store& store, const std::vector<const Title*>& titles, Date today) {
  TitleFacts out;
  out.today = today;
  std::vector<Id> ids, series;
  for (const Title* t : titles) (t->kind == TitleKind::kSeries ? series : ids).push_back(t->id);
  std::sort(series.begin(), series.end());
  series.erase(std::unique(series.begin(), series.end()), series.end());
  REEL_ASSIGN_OR_RETURN(out.children, store.ListChildrenFor(series));
  for (const auto& [id, seasons] : out.children) {
    for (const auto& season : seasons) ids.push_back(season.id);
  }
  REEL_ASSIGN_OR_RETURN(out.counts, store.GetScoreCountsFor(ids));
  REEL_ASSIGN_OR_RETURN(out.runs, store.GetSeriesRunsFor(series));
  return out;
}

Result<TitleFacts> LoadTitleFacts(Store& store, const std::vector<Title>& titles, Date today) {
  std::vector<const Title*> ptrs;
  for (const auto& t : titles) ptrs.push_back(&t);
  return LoadTitleFacts(store, ptrs, today);
}

Result<TitleReviews> LoadTitleReviews(Store& store, const Title& title) {
  TitleReviews out;
  REEL_ASSIGN_OR_RETURN(out.critics, store.ListCriticReviews(title.id, CriticFilter::kAll));
  REEL_ASSIGN_OR_RETURN(out.audience, store.ListAudienceReviews(title.id, kAudienceReviewsShown));
  return out;
}

Result<SimilarTitles> LoadSimilar(Store& store, const Title& top, Date today) {
  SimilarTitles out;
  REEL_ASSIGN_OR_RETURN(out.titles, store.ListSimilarByGenre(top.id, kSimilarShown));
  REEL_ASSIGN_OR_RETURN(out.facts, LoadTitleFacts(store, out.titles, today));
  return out;
}

}  // namespace reel::catalog
