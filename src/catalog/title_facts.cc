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
  auto children = store.ListChildrenFor(series);
  if (!children.ok()) return children.status();
  out.children = std::move(*children);
  for (const auto& [id, seasons] : out.children) {
    for (const auto& season : seasons) ids.push_back(season.id);
  }
  auto counts = store.GetScoreCountsFor(ids);
  if (!counts.ok()) return counts.status();
  out.counts = std::move(*counts);
  auto runs = store.GetSeriesRunsFor(series);
  if (!runs.ok()) return runs.status();
  out.runs = std::move(*runs);
  return out;
}

Result<TitleFacts> LoadTitleFacts(Store& store, const std::vector<Title>& titles, Date today) {
  std::vector<const Title*> ptrs;
  for (const auto& t : titles) ptrs.push_back(&t);
  return LoadTitleFacts(store, ptrs, today);
}

Result<TitleReviews> LoadTitleReviews(Store& store, const Title& title) {
  TitleReviews out;
  auto critics = store.ListCriticReviews(title.id, CriticFilter::kAll);
  if (!critics.ok()) return critics.status();
  out.critics = std::move(*critics);
  auto audience = store.ListAudienceReviews(title.id, kAudienceReviewsShown);
  if (!audience.ok()) return audience.status();
  out.audience = std::move(*audience);
  return out;
}

Result<SimilarTitles> LoadSimilar(Store& store, const Title& top, Date today) {
  SimilarTitles out;
  auto similar = store.ListSimilarByGenre(top.id, kSimilarShown);
  if (!similar.ok()) return similar.status();
  out.titles = std::move(*similar);
  auto facts = LoadTitleFacts(store, out.titles, today);
  if (!facts.ok()) return facts.status();
  out.facts = std::move(*facts);
  return out;
}

}  // namespace reel::catalog
