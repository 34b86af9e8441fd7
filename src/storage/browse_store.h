// BrowseStore: the reads of the browsing pages. The film and series indexes (one
// query over the listing keys kept on titles, model/listing.h, with a filter
// struct a benchmark can call as the page does), genres, critic reviews a page at a
// time (of a title, a critic or a publication) with their full counts, a critic's
// and a publication's tallies, and audience reviews a page at a time. Lists leave
// out untitled films and series (and their seasons and episodes). Any thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/listing.h"
#include "model/people.h"
#include "model/ratings.h"
#include "model/reviews.h"
#include "model/titles.h"

namespace reel {

enum class TitleSort { kPopular, kCritic, kAudience, kNewest, kName };

// Which films (or series) an index shows, and in which order. Every field narrows
// the list; ranges are inclusive.
struct TitleFilter {
  TitleKind kind = TitleKind::kFilm;   // kFilm or kSeries.
  Id genre_id = 0;                     // 0: any genre.
  std::string released_from;           // ISO date: released on or after it ("" any).
  std::string released_before;         // ISO date: released before it ("" any).
  bool certified = false;              // Only certified titles.
  bool reviewed = false;               // Only titles with counted critic reviews.
  int critic_min = -1, critic_max = -1;      // Shown critic score in [min, max] (-1: open).
  int audience_min = -1, audience_max = -1;  // Shown audience score in [min, max].
  TitleSort sort = TitleSort::kPopular;
  int limit = 20;
  int64_t offset = 0;
  int64_t count_cap = 10000;  // Counting stops here (the count is then "at least").
};

struct TitleListing {
  std::vector<Title> titles;
  std::vector<ListingKeys> keys;  // Beside each title.
  int64_t total = 0;              // Matching titles, up to count_cap.
  bool capped = false;            // More than count_cap match.
};

enum class VerdictFilter { kAny, kFresh, kRotten };
enum class ReviewOrder { kNewest, kGrade };

// One page of critic reviews of a title, a critic or a publication (set one id).
struct CriticReviewQuery {
  Id title_id = 0;
  Id critic_id = 0;
  Id publication_id = 0;
  bool top_only = false;
  VerdictFilter verdict = VerdictFilter::kAny;  // Counted verdicts only (not text suggestions).
  ReviewOrder order = ReviewOrder::kNewest;
  int limit = 20;
  int64_t offset = 0;
};

// A review with the title it is of (and the season and series of a season or
// episode), and that title's shown critic score (-1: none).
struct ReviewOfTitle {
  CriticReviewRow row;
  Title title;
  std::optional<Title> season;
  std::optional<Title> series;
  int title_critic_percent = -1;
};

// The full counts of a query's reviews, whatever its top_only and verdict say.
struct CriticReviewTally {
  int64_t all = 0, top = 0;
  int64_t fresh = 0, rotten = 0;          // Of all.
  int64_t top_fresh = 0, top_rotten = 0;  // Of the top critics'.
  // Reviews whose title shows a critic score, and of those the ones whose verdict
  // matches it (fresh at or above `fresh_percent`, rotten below).
  int64_t judged = 0, agreed = 0;
  int64_t graded = 0;                              // With a normalised grade...
  std::array<int64_t, 10> grade_histogram{};       // ...by decile, [9] 90-100.
};

struct CriticWithCount {
  Critic critic;
  int64_t reviews = 0;
};
struct PublicationWithCount {
  Publication publication;
  int64_t reviews = 0;
};

// A labelled review of a publication, for calibrating its fresh line.
struct PublicationVerdict {
  std::string grade_raw;
  Sentiment sentiment = Sentiment::kNone;
  SentimentSource source = SentimentSource::kNone;
  std::string critic;  // Slug ("" none).
};

class BrowseStore {
 public:
  virtual ~BrowseStore() = default;

  virtual Result<TitleListing> ListTitlesBy(const TitleFilter& filter) = 0;
  // The database's plan for ListTitlesBy's page query (SQLite's EXPLAIN QUERY PLAN
  // details, PostgreSQL's EXPLAIN lines): what tests and benchmarks check it with.
  virtual Result<std::string> ExplainTitleListing(const TitleFilter& filter) = 0;
  // The listing keys of titles (titles not found are absent).
  virtual Result<std::map<Id, ListingKeys>> GetListingKeys(const std::vector<Id>& ids) = 0;
  // Every genre, by name; a genre by slug (NotFound when none).
  virtual Result<std::vector<Genre>> ListAllGenres() = 0;
  virtual Result<Genre> FindGenreBySlug(std::string_view slug) = 0;

  // A page of critic reviews, with their titles (on a title's own page the title is
  // that title).
  virtual Result<std::vector<ReviewOfTitle>> ListCriticReviewPage(const CriticReviewQuery& query) = 0;
  virtual Result<CriticReviewTally> TallyCriticReviews(const CriticReviewQuery& query, int fresh_percent) = 0;
  // The publications a critic's reviews appeared in, most reviews first.
  virtual Result<std::vector<PublicationWithCount>> ListCriticPublications(Id critic_id) = 0;
  // A page of the critics of a publication, most reviews first, and how many there are.
  virtual Result<std::vector<CriticWithCount>> ListPublicationCritics(Id publication_id, int limit,
                                                                       int64_t offset) = 0;
  virtual Result<int64_t> CountPublicationCritics(Id publication_id) = 0;
  // The newest `limit` labelled verdicts of a publication's graded reviews.
  virtual Result<std::vector<PublicationVerdict>> ListPublicationVerdicts(Id publication_id, int limit) = 0;

  // A page of a title's audience reviews (counted ratings with an approved review),
  // newest first; only verified viewers' when `verified_only`.
  virtual Result<std::vector<AudienceReviewRow>> ListAudienceReviewPage(Id title_id, bool verified_only, int limit,
                                                                        int64_t offset) = 0;
  struct AudienceReviewTally {
    int64_t all = 0, verified = 0;
  };
  virtual Result<AudienceReviewTally> TallyAudienceReviews(Id title_id) = 0;
};

}  // namespace reel
