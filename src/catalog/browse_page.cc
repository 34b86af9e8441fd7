// Loading the browsing pages' read models (catalog/browse_page.h).
#include "catalog/browse_page.h"

#include <algorithm>
#include <map>

#include "scoring/grade.h"
#include "scoring/score.h"
#include "scoring/sentiment.h"
#include "storage/store.h"

namespace reel::catalog {

// The store keeps the listing keys with the thresholds the scores are shown from.
static_assert(kListingMinReviews == scoring::kMinCriticReviews);
static_assert(kListingMinRatings == scoring::kMinAudienceRatings);

namespace {

// Page numbers this high are past any end (and their offsets would overflow).
constexpr int64_t kMaxReviewPage = 100000000;

Result<ReviewsPart> LoadReviews(Store& store, CriticReviewQuery scope, const ReviewListQuery& query) {
  ReviewsPart out;
  out.query = query;
  REEL_ASSIGN_OR_RETURN(out.tally, store.TallyCriticReviews(scope, scoring::kPositiveBadgePercent));
  if (query.page > kMaxReviewPage) {
    out.past_end = true;
    return out;
  }
  scope.top_only = query.top;
  scope.verdict = query.verdict;
  scope.order = query.order;
  scope.limit = kReviewPageSize;
  scope.offset = (query.page - 1) * kReviewPageSize;
  REEL_ASSIGN_OR_RETURN(out.reviews, store.ListCriticReviewPage(scope));
  out.past_end = out.reviews.empty() && query.page > 1;
  return out;
}

// The publication's scales and the fresh line the calibrator fits on each, from its
// critics' own labelled verdicts (as scoring/rescore.cc trains it).
void FitFreshLines(const std::vector<PublicationVerdict>& verdicts, PublicationPage& page) {
  std::vector<std::string_view> raw;
  for (const auto& v : verdicts) raw.push_back(v.grade_raw);
  const scoring::PublicationScale scale = scoring::InferPublicationScale(raw);
  page.bare_scale = scale.bare_scale;
  scoring::SentimentCalibrator calibrator;
  std::map<std::string, PublicationPage::Scale> families;
  const std::string& pub = page.publication.slug;
  for (const auto& v : verdicts) {
    auto g = scoring::ParseGradeInPublication(v.grade_raw, scale);
    if (!g.ok()) continue;
    auto& family = families[scoring::ScaleFamily(g->scale)];
    family.family = scoring::ScaleFamily(g->scale);
    ++family.grades;
    if (v.source != SentimentSource::kCritic || v.sentiment == Sentiment::kNone) continue;
    ++family.labelled;
    calibrator.Add(pub, "", *g, v.sentiment);
  }
  calibrator.Fit();
  for (auto& [name, family] : families) {
    family.fresh_line = calibrator.Cut(pub, "", name);
    page.scales.push_back(family);
  }
  std::sort(page.scales.begin(), page.scales.end(), [](const auto& a, const auto& b) { return a.grades > b.grades; });
}

}  // namespace

Result<TitleIndexPage> LoadTitleIndex(Store& store, const IndexQuery& query, Date today) {
  TitleIndexPage out;
  out.query = query;
  REEL_ASSIGN_OR_RETURN(out.genres, store.ListAllGenres());
  Id genre_id = 0;
  if (!query.genre.empty()) {
    REEL_ASSIGN_OR_RETURN(out.genre, store.FindGenreBySlug(query.genre));
    genre_id = out.genre->id;
  }
  TitleFilter filter = ToFilter(query, genre_id);
  if (query.page > kIndexMaxPages) filter.limit = 0;  // Only the count.
  REEL_ASSIGN_OR_RETURN(out.listing, store.ListTitlesBy(filter));
  out.pages = std::min(kIndexMaxPages, (out.listing.total + kIndexPageSize - 1) / kIndexPageSize);
  out.past_end = out.listing.titles.empty() && query.page > 1;
  REEL_ASSIGN_OR_RETURN(out.facts, LoadTitleFacts(store, out.listing.titles, today));
  return out;
}

Result<CriticPage> LoadCriticPage(Store& store, std::string_view slug, const ReviewListQuery& query) {
  CriticPage out;
  REEL_ASSIGN_OR_RETURN(out.critic, store.FindCriticBySlug(slug));
  REEL_ASSIGN_OR_RETURN(out.publications, store.ListCriticPublications(out.critic.id));
  CriticReviewQuery scope;
  scope.critic_id = out.critic.id;
  REEL_ASSIGN_OR_RETURN(out.reviews, LoadReviews(store, scope, query));
  return out;
}

Result<PublicationPage> LoadPublicationPage(Store& store, std::string_view slug, const ReviewListQuery& query,
                                            int64_t critics_page) {
  PublicationPage out;
  REEL_ASSIGN_OR_RETURN(out.publication, store.FindPublicationBySlug(slug));
  const Id id = out.publication.id;
  out.critics_page = critics_page;
  REEL_ASSIGN_OR_RETURN(out.critics_total, store.CountPublicationCritics(id));
  if (critics_page <= kMaxReviewPage) {
    REEL_ASSIGN_OR_RETURN(out.critics, store.ListPublicationCritics(id, kPublicationCriticsShown,
                                                                    (critics_page - 1) * kPublicationCriticsShown));
  }
  CriticReviewQuery scope;
  scope.publication_id = id;
  REEL_ASSIGN_OR_RETURN(out.reviews, LoadReviews(store, scope, query));
  REEL_ASSIGN_OR_RETURN(auto verdicts, store.ListPublicationVerdicts(id, kFreshLineHistory));
  FitFreshLines(verdicts, out);
  return out;
}

}  // namespace reel::catalog
