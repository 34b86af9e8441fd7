#include "catalog/title_facts.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "scoring/score.h"
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

Result<TitleReviews> LoadTitleReviews(Store& store, const Title& title, const ReviewListQuery& query) {
  // Page numbers this high are past any end (and their offsets would overflow).
  constexpr int64_t kMaxPage = 100000000;
  TitleReviews out;
  out.query = query;
  CriticReviewQuery q;
  q.title_id = title.id;
  REEL_ASSIGN_OR_RETURN(out.tally, store.TallyCriticReviews(q, scoring::kPositiveBadgePercent));
  if (query.page <= kMaxPage) {
    q.top_only = query.top;
    q.verdict = query.verdict;
    q.order = query.order;
    q.limit = kReviewPageSize;
    q.offset = (query.page - 1) * kReviewPageSize;
    REEL_ASSIGN_OR_RETURN(auto rows, store.ListCriticReviewPage(q));
    for (auto& r : rows) out.critics.push_back(std::move(r.row));
  }
  out.critics_past_end = out.critics.empty() && query.page > 1;
  REEL_ASSIGN_OR_RETURN(out.audience_tally, store.TallyAudienceReviews(title.id));
  if (query.audience_page <= kMaxPage) {
    REEL_ASSIGN_OR_RETURN(out.audience, store.ListAudienceReviewPage(title.id, query.verified, kAudienceReviewsShown,
                                                                     (query.audience_page - 1) * kAudienceReviewsShown));
  }
  out.audience_past_end = out.audience.empty() && query.audience_page > 1;
  return out;
}

std::string NeighbourReasonText(const TitleNeighbour& n) {
  switch (n.reason) {
    case NeighbourReason::kAudience: return "Viewers who liked this also liked";
    case NeighbourReason::kCast: return "Also starring " + n.detail;
    case NeighbourReason::kCreators: return "Same creators";
    case NeighbourReason::kGenre: return "Also " + n.detail;
    case NeighbourReason::kCritics: return "Critics who liked this liked it too";
    case NeighbourReason::kTags: return "Also tagged \u201c" + n.detail + "\u201d";
  }
  return "";
}

Result<SimilarTitles> LoadSimilar(Store& store, const Title& top, Date today, int limit) {
  SimilarTitles out;
  REEL_ASSIGN_OR_RETURN(auto stored, store.ListNeighbours({top.id}, limit + 4));
  if (!stored.empty()) {
    std::vector<Id> ids;
    for (const auto& n : stored) ids.push_back(n.neighbour_id);
    REEL_ASSIGN_OR_RETURN(auto titles, store.GetTitles(ids));
    std::map<Id, Title> by_id;
    for (auto& t : titles) by_id.emplace(t.id, std::move(t));
    for (const auto& n : stored) {
      auto it = by_id.find(n.neighbour_id);
      if (it == by_id.end() || it->second.id == top.id || it->second.untitled) continue;
      if (static_cast<int>(out.titles.size()) >= limit) break;
      out.titles.push_back(it->second);
      out.reasons.push_back(NeighbourReasonText(n));
    }
  }
  if (out.titles.empty()) {
    REEL_ASSIGN_OR_RETURN(out.titles, store.ListSimilarByGenre(top.id, limit));
    out.reasons.assign(out.titles.size(), "Similar genres");
  }
  REEL_ASSIGN_OR_RETURN(out.facts, LoadTitleFacts(store, out.titles, today));
  return out;
}

}  // namespace reel::catalog
