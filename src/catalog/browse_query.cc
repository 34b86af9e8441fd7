// Reading and writing the query strings of the indexes and review lists
// (catalog/browse_query.h).
#include "catalog/browse_query.h"

#include <string>

#include "core/parse.h"
#include "core/text.h"

namespace reel::catalog {
namespace {

// The one value of `key`, "" when absent; InvalidArgument when given twice.
Result<std::string> One(const std::multimap<std::string, std::string>& params, const std::string& key) {
  auto [lo, hi] = params.equal_range(key);
  if (lo == hi) return std::string();
  if (std::next(lo) != hi) return InvalidArgument(key + ": given more than once");
  return lo->second;
}

Result<int64_t> PageNumber(const std::string& key, const std::string& v) {
  if (v.empty()) return int64_t{1};
  auto n = ParsePositive(v);
  if (!n) return InvalidArgument(key + ": must be a page number, 1 or more");
  return *n;
}

// "60-100": a score range of whole percents; either side may be left out ("60-").
Status ParseRange(const std::string& key, const std::string& v, int& lo, int& hi) {
  if (v.empty()) return Status::Ok();
  const size_t dash = v.find('-');
  if (dash == std::string::npos) return InvalidArgument(key + ": must be a range of percents such as 60-100");
  auto side = [&](std::string_view s, int& out) -> Status {
    if (s.empty()) return Status::Ok();
    auto n = ParseInt(s);
    if (!n || *n < 0 || *n > 100) return InvalidArgument(key + ": each end must be a percent from 0 to 100");
    out = static_cast<int>(*n);
    return Status::Ok();
  };
  REEL_TRY(side(std::string_view(v).substr(0, dash), lo));
  REEL_TRY(side(std::string_view(v).substr(dash + 1), hi));
  if (lo >= 0 && hi >= 0 && lo > hi) {
    return InvalidArgument(key + ": the lower end " + std::to_string(lo) + " is above the upper end " +
                           std::to_string(hi));
  }
  return Status::Ok();
}

Result<bool> Flag(const std::string& key, const std::string& v) {
  if (v.empty() || v == "0") return false;
  if (v == "1") return true;
  return InvalidArgument(key + ": must be 1 or 0");
}

Result<int> YearValue(const std::string& key, std::string v, bool decade) {
  if (v.empty()) return 0;
  if (decade && v.size() == 5 && v.back() == 's') v.pop_back();  // "1990s".
  auto n = ParseInt(v);
  if (v.size() != 4 || !n || *n < 1800 || *n > 2199) {
    return InvalidArgument(key + (decade ? ": must be a decade such as 1990" : ": must be a year such as 1999"));
  }
  if (decade && *n % 10 != 0) return InvalidArgument(key + ": must be a decade such as 1990 (ending in 0)");
  return static_cast<int>(*n);
}

std::string Range(int lo, int hi) {
  return (lo >= 0 ? std::to_string(lo) : "") + "-" + (hi >= 0 ? std::to_string(hi) : "");
}

}  // namespace

const char* SortName(TitleSort sort) {
  switch (sort) {
    case TitleSort::kPopular: return "popular";
    case TitleSort::kCritic: return "critic";
    case TitleSort::kAudience: return "audience";
    case TitleSort::kNewest: return "newest";
    case TitleSort::kName: return "az";
  }
  return "popular";
}

Result<IndexQuery> ParseIndexQuery(TitleKind kind, const std::multimap<std::string, std::string>& params) {
  IndexQuery q;
  q.kind = kind;
  REEL_ASSIGN_OR_RETURN(q.genre, One(params, "genre"));
  if (!q.genre.empty() && !IsValidSlug(q.genre)) return InvalidArgument("genre: not a genre's name in an address");
  REEL_ASSIGN_OR_RETURN(auto year, One(params, "year"));
  REEL_ASSIGN_OR_RETURN(q.year, YearValue("year", year, false));
  REEL_ASSIGN_OR_RETURN(auto decade, One(params, "decade"));
  REEL_ASSIGN_OR_RETURN(q.decade, YearValue("decade", decade, true));
  if (q.year && q.decade && q.year / 10 * 10 != q.decade) {
    return InvalidArgument("year: " + std::to_string(q.year) + " is not in the " + std::to_string(q.decade) + "s");
  }
  REEL_ASSIGN_OR_RETURN(auto certified, One(params, "certified"));
  REEL_ASSIGN_OR_RETURN(q.certified, Flag("certified", certified));
  REEL_ASSIGN_OR_RETURN(auto reviewed, One(params, "reviewed"));
  REEL_ASSIGN_OR_RETURN(q.reviewed, Flag("reviewed", reviewed));
  REEL_ASSIGN_OR_RETURN(auto critic, One(params, "critic"));
  REEL_TRY(ParseRange("critic", critic, q.critic_min, q.critic_max));
  REEL_ASSIGN_OR_RETURN(auto audience, One(params, "audience"));
  REEL_TRY(ParseRange("audience", audience, q.audience_min, q.audience_max));
  REEL_ASSIGN_OR_RETURN(auto sort, One(params, "sort"));
  bool known = sort.empty();
  for (TitleSort s : {TitleSort::kPopular, TitleSort::kCritic, TitleSort::kAudience, TitleSort::kNewest,
                      TitleSort::kName}) {
    if (sort == SortName(s)) q.sort = s, known = true;
  }
  if (!known) return InvalidArgument("sort: must be popular, critic, audience, newest or az");
  REEL_ASSIGN_OR_RETURN(auto page, One(params, "page"));
  REEL_ASSIGN_OR_RETURN(q.page, PageNumber("page", page));
  return q;
}

std::string IndexQueryString(const IndexQuery& q, int64_t page) {
  std::string out;
  auto add = [&](const char* key, const std::string& value) {
    out += (out.empty() ? "" : "&") + std::string(key) + "=" + value;
  };
  if (!q.genre.empty()) add("genre", q.genre);
  if (q.year) add("year", std::to_string(q.year));
  if (q.decade) add("decade", std::to_string(q.decade));
  if (q.certified) add("certified", "1");
  if (q.reviewed) add("reviewed", "1");
  if (q.critic_min >= 0 || q.critic_max >= 0) add("critic", Range(q.critic_min, q.critic_max));
  if (q.audience_min >= 0 || q.audience_max >= 0) add("audience", Range(q.audience_min, q.audience_max));
  if (q.sort != TitleSort::kPopular) add("sort", SortName(q.sort));
  if (page > 1) add("page", std::to_string(page));
  return out;
}

TitleFilter ToFilter(const IndexQuery& q, Id genre_id) {
  TitleFilter f;
  f.kind = q.kind;
  f.genre_id = genre_id;
  const int from = q.year ? q.year : q.decade;
  const int until = q.year ? q.year + 1 : q.decade ? q.decade + 10 : 0;
  if (from) f.released_from = std::to_string(from) + "-01-01";
  if (until) f.released_before = std::to_string(until) + "-01-01";
  f.certified = q.certified;
  f.reviewed = q.reviewed;
  f.critic_min = q.critic_min;
  f.critic_max = q.critic_max;
  f.audience_min = q.audience_min;
  f.audience_max = q.audience_max;
  f.sort = q.sort;
  f.limit = kIndexPageSize;
  f.offset = (q.page - 1) * kIndexPageSize;
  f.count_cap = kIndexPageSize * kIndexMaxPages;
  return f;
}

Result<ReviewListQuery> ParseReviewListQuery(const std::multimap<std::string, std::string>& params) {
  ReviewListQuery q;
  REEL_ASSIGN_OR_RETURN(auto critics, One(params, "critics"));
  if (critics != "" && critics != "top" && critics != "all") return InvalidArgument("critics: must be top or all");
  q.top = critics == "top";
  REEL_ASSIGN_OR_RETURN(auto verdict, One(params, "verdict"));
  if (verdict == "fresh") q.verdict = VerdictFilter::kFresh;
  else if (verdict == "rotten") q.verdict = VerdictFilter::kRotten;
  else if (!verdict.empty() && verdict != "all") return InvalidArgument("verdict: must be fresh, rotten or all");
  REEL_ASSIGN_OR_RETURN(auto order, One(params, "order"));
  if (order == "grade") q.order = ReviewOrder::kGrade;
  else if (!order.empty() && order != "newest") return InvalidArgument("order: must be newest or grade");
  REEL_ASSIGN_OR_RETURN(auto page, One(params, "page"));
  REEL_ASSIGN_OR_RETURN(q.page, PageNumber("page", page));
  REEL_ASSIGN_OR_RETURN(auto audience, One(params, "audience"));
  if (audience != "" && audience != "verified" && audience != "all") {
    return InvalidArgument("audience: must be verified or all");
  }
  q.verified = audience == "verified";
  REEL_ASSIGN_OR_RETURN(auto apage, One(params, "apage"));
  REEL_ASSIGN_OR_RETURN(q.audience_page, PageNumber("apage", apage));
  return q;
}

std::string ReviewListQueryString(const ReviewListQuery& q) {
  std::string out;
  auto add = [&](const char* part) { out += (out.empty() ? "" : "&") + std::string(part); };
  if (q.top) add("critics=top");
  if (q.verdict == VerdictFilter::kFresh) add("verdict=fresh");
  if (q.verdict == VerdictFilter::kRotten) add("verdict=rotten");
  if (q.order == ReviewOrder::kGrade) add("order=grade");
  if (q.page > 1) add(("page=" + std::to_string(q.page)).c_str());
  if (q.verified) add("audience=verified");
  if (q.audience_page > 1) add(("apage=" + std::to_string(q.audience_page)).c_str());
  return out;
}

}  // namespace reel::catalog
