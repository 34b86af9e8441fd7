#include "web/html/blocks/title_extras.h"

#include <algorithm>
#include <cstdio>

namespace reel::web {
namespace {

bool Digits(std::string_view s) {
  return !s.empty() && s.size() <= 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

View FilmExternalLinksView(const std::map<std::string, std::string>& ids) {
  View list = View::MakeList();
  if (auto it = ids.find("imdb"); it != ids.end() && it->second.starts_with("tt") && Digits(it->second.substr(2))) {
    list.Push(View().Set("name", "IMDb").Set("url", "https://www.imdb.com/title/" + it->second + "/"));
  }
  if (auto it = ids.find("tmdb"); it != ids.end() && Digits(it->second)) {
    list.Push(View().Set("name", "TMDB").Set("url", "https://www.themoviedb.org/movie/" + it->second));
  }
  return list;
}

View TopTagsView(const std::vector<std::pair<std::string, int64_t>>& tags, size_t max) {
  View list = View::MakeList();
  for (size_t i = 0; i < tags.size() && i < max; ++i) {
    list.Push(View().Set("name", tags[i].first).Set("count", static_cast<long long>(tags[i].second)));
  }
  return list;
}

std::string ViewersText(int64_t viewers) {
  char buf[48];
  if (viewers >= 1000000) {
    std::snprintf(buf, sizeof buf, "%.1f million", static_cast<double>(viewers) / 1e6);
    std::string s = buf;
    if (const size_t at = s.find(".0 million"); at != std::string::npos) s.erase(at, 2);
    return s;
  }
  std::string digits = std::to_string(viewers), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace reel::web
