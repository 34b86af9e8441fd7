// Typo distances (search/search.h), the kinds of results and checking a query.
#include <algorithm>
#include <array>
#include <vector>

#include "search/search.h"

namespace reel::search {

int TypoDistance(std::string_view a, std::string_view b, int cap) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > static_cast<size_t>(cap)) return cap + 1;
  // Optimal string alignment: three rows of the Damerau-Levenshtein table.
  std::vector<int> two(m + 1), one(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) one[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({one[j] + 1, cur[j - 1] + 1, one[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], two[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(two, one);
    std::swap(one, cur);
  }
  return std::min(one[m], cap + 1);
}

int AllowedTypos(size_t length) { return length >= 9 ? 2 : length >= 5 ? 1 : 0; }

std::optional<int> TypoCost(std::string_view q, std::string_view w) {
  const int allowed = AllowedTypos(q.size());
  if (q == w) return 0;
  if (allowed == 0 || q.empty() || w.empty()) return std::nullopt;
  const int d = TypoDistance(q, w, allowed);
  const int cost = d + (q[0] != w[0] ? 1 : 0);
  if (d > allowed || cost > allowed) return std::nullopt;
  return cost;
}

const std::vector<std::string>& Kinds() {
  static const std::vector<std::string> kKinds = {"film",      "series", "season",      "episode", "person",
                                                  "character", "critic", "publication", "article"};
  return kKinds;
}

std::string KindLabel(std::string_view kind, bool plural) {
  static const std::array<std::array<const char*, 3>, 9> kLabels = {{{"film", "Film", "Films"},
                                                                     {"series", "TV series", "TV series"},
                                                                     {"season", "TV season", "TV seasons"},
                                                                     {"episode", "TV episode", "TV episodes"},
                                                                     {"person", "Person", "People"},
                                                                     {"character", "Character", "Characters"},
                                                                     {"critic", "Critic", "Critics"},
                                                                     {"publication", "Publication", "Publications"},
                                                                     {"article", "News", "News"}}};
  for (const auto& l : kLabels) {
    if (kind == l[0]) return plural ? l[2] : l[1];
  }
  return std::string(kind);
}

Status CheckQuery(const Query& query) {
  if (query.text.size() > kMaxQueryChars) {
    return InvalidArgument("q: at most " + std::to_string(kMaxQueryChars) + " characters");
  }
  if (!query.kind.empty() && std::find(Kinds().begin(), Kinds().end(), query.kind) == Kinds().end()) {
    return InvalidArgument("type: one of film, series, season, episode, person, character, critic, publication, article");
  }
  if (query.page < 1) return InvalidArgument("page: a whole number from 1");
  if (query.per_page < 1 || query.per_page > kMaxPerPage) {
    return InvalidArgument("per_page: a whole number from 1 to " + std::to_string(kMaxPerPage));
  }
  return Status::Ok();
}

}  // namespace reel::search
