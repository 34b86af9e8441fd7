// What a reader asks of a film or series index (/m, /tv, /genre/<slug>,
// /year/<yyyy>) and of a paged review list, read from a query string and written
// back in one canonical order, so every page of every filter has one stable
// address. Bad input is an InvalidArgument naming the parameter ("year: ...").
// Pure functions; any thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"
#include "model/titles.h"
#include "storage/browse_store.h"

namespace reel::catalog {

inline constexpr int kIndexPageSize = 20;
// Pages stop here (500 pages of 20): a deeper page is past the end, shown empty
// rather than read, and the count a page shows stops at kIndexPageSize * this.
inline constexpr int64_t kIndexMaxPages = 500;

struct IndexQuery {
  TitleKind kind = TitleKind::kFilm;  // kFilm (/m) or kSeries (/tv).
  std::string genre;                  // A genre's slug; "" any.
  int year = 0;                       // 0: any.
  int decade = 0;                     // 1990 for the 1990s; 0: any.
  bool certified = false;
  bool reviewed = false;
  int critic_min = -1, critic_max = -1;  // -1: open.
  int audience_min = -1, audience_max = -1;
  TitleSort sort = TitleSort::kPopular;
  int64_t page = 1;
  bool operator==(const IndexQuery&) const = default;
};

// The query from a request's parameters ("genre", "year", "decade", "certified",
// "reviewed", "critic" and "audience" as "MIN-MAX", "sort", "page"); unknown
// parameters are ignored.
Result<IndexQuery> ParseIndexQuery(TitleKind kind, const std::multimap<std::string, std::string>& params);
// "genre=drama&decade=1990&sort=critic&page=2": the set filters in that order,
// defaults left out; `page` replaces the query's.
std::string IndexQueryString(const IndexQuery& q, int64_t page);
// "popular", "critic", "audience", "newest", "az".
const char* SortName(TitleSort sort);
// The store's filter for a query's page (its genre's id given).
TitleFilter ToFilter(const IndexQuery& q, Id genre_id);

// A paged list of critic reviews: All / Top critics, Fresh / Rotten, newest or by
// grade ("critics=top", "verdict=fresh", "order=grade", "page=2"), and of audience
// reviews ("audience=verified", "apage=2").
inline constexpr int kReviewPageSize = 20;
struct ReviewListQuery {
  bool top = false;
  VerdictFilter verdict = VerdictFilter::kAny;
  ReviewOrder order = ReviewOrder::kNewest;
  int64_t page = 1;
  bool verified = false;      // Audience reviews of verified viewers only.
  int64_t audience_page = 1;
};
Result<ReviewListQuery> ParseReviewListQuery(const std::multimap<std::string, std::string>& params);
// The query string of a review list with one part changed (defaults left out):
// "critics=top&verdict=fresh&order=grade&page=2&audience=verified&apage=3".
std::string ReviewListQueryString(const ReviewListQuery& q);

}  // namespace reel::catalog
