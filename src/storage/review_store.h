// ReviewStore: critic reviews, audience reviews and ratings, scores (the stored
// aggregates), publications and critics, and the full recompute of the aggregates.
// Every write of a review or a rating goes through Store::Write() (StoreWriter),
// which keeps the aggregates current in the same transaction. Any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/ratings.h"
#include "model/reviews.h"
#include "model/score_counts.h"

namespace reel {

enum class CriticFilter { kAll, kTopOnly };

class ReviewStore {
 public:
  virtual ~ReviewStore() = default;

  // Newest first.
  virtual Result<std::vector<CriticReviewRow>> ListCriticReviews(Id title_id,
                                                                 CriticFilter filter) = 0;
  // Counted ratings that carry a review, newest first.
  virtual Result<std::vector<AudienceReviewRow>> ListAudienceReviews(Id title_id, int limit) = 0;
  virtual Result<ScoreCounts> GetScoreCounts(Id title_id) = 0;
  // Counts for many titles at once (titles without reviews or ratings are absent).
  virtual Result<std::map<Id, ScoreCounts>> GetScoreCountsFor(const std::vector<Id>& ids) = 0;
  // The raw grades of every review of a publication (by slug), for inferring the
  // scale its bare numbers use; NotFound when there is no such publication.
  virtual Result<std::vector<std::string>> ListPublicationGrades(std::string_view slug) = 0;
  // A publication by id or by slug; NotFound when there is none.
  virtual Result<Publication> GetPublication(Id id) = 0;
  virtual Result<Publication> FindPublicationBySlug(std::string_view slug) = 0;
  // Titles with at least `min_ratings` counted audience ratings.
  virtual Result<std::vector<Id>> ListTitlesWithRatings(int min_ratings) = 0;
  // Films and seasons with at least `min_reviews` fresh-or-rotten critic reviews.
  virtual Result<std::vector<Id>> ListTitlesWithReviews(int min_reviews) = 0;

  // Every critic review with what its grade and verdict derive from, by id.
  virtual Result<std::vector<ReviewScoringRow>> ListReviewsForScoring() = 0;

  // Rebuilds every title's aggregates from the review and rating rows, reporting
  // where the stored ones had drifted. Certified state is re-evaluated from its
  // stored value (it is history, not a function of the rows).
  struct AggregateReport {
    int64_t titles = 0;          // Titles with reviews or ratings.
    int64_t drifted = 0;         // Of those, stored aggregates that differed.
    int64_t reviews = 0;         // Rows read.
    int64_t ratings = 0;
    std::vector<std::string> examples;  // Up to 10 descriptions of drifted titles.
  };
  virtual Result<AggregateReport> RecomputeAggregates() = 0;

  // ---- Critics ----
  virtual Result<Critic> GetCritic(Id id) = 0;
  virtual Result<Critic> FindCriticBySlug(std::string_view slug) = 0;  // NotFound when none.
  // The review a critic wrote of a title (its key is "critic:<id>"); NotFound when none.
  virtual Result<CriticReview> GetCriticReview(Id title_id, Id critic_id) = 0;

  // ---- Ratings ----
  // A user's rating of a title; NotFound when there is none.
  virtual Result<Rating> GetRating(Id user_id, Id title_id) = 0;
  // A title's ratings made or changed at or after `since` (ISO 8601 UTC), oldest first.
  virtual Result<std::vector<RecentRating>> ListRecentRatings(Id title_id, std::string_view since) = 0;
};

}  // namespace reel
