// Reading MovieLens ratings files and shaping interactions into per-user
// histories and the leave-latest-out split (interactions.h).
#include "recommend/interactions.h"

#include <algorithm>
#include <unordered_map>

#include "core/parse.h"
#include "core/tsv.h"

namespace reel::recommend {
namespace {

std::vector<std::string_view> SplitFields(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t pos = line.find(sep, start);
    out.push_back(line.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

Result<Interaction> ParseLine(std::string_view line, char sep) {
  auto f = SplitFields(line, sep);
  if (f.size() < 4) return InvalidArgument("expected 4 fields (user, item, rating, timestamp)");
  Interaction x;
  auto user = ParseInt(f[0]);
  auto item = ParseInt(f[1]);
  auto rating = ParseDouble(f[2]);
  auto time = ParseInt(f[3]);
  if (!user) return InvalidArgument("user: not a whole number");
  if (!item) return InvalidArgument("item: not a whole number");
  if (!rating) return InvalidArgument("rating: not a number");
  if (!time) return InvalidArgument("timestamp: not a whole number");
  x.user = *user;
  x.item = *item;
  x.rating = static_cast<float>(*rating);
  x.time = *time;
  return x;
}

}  // namespace

Result<std::vector<Interaction>> ParseRatings(std::string_view text, const std::string& name) {
  std::vector<Interaction> out;
  size_t pos = 0;
  int line_no = 0;
  char sep = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (sep == 0) {
      sep = line.find('\t') != std::string_view::npos ? '\t' : ',';
      if (sep == ',' && line.rfind("userId,", 0) == 0) continue;  // The csv header.
    }
    auto x = ParseLine(line, sep);
    if (!x.ok()) return x.status().WithContext(name + ":" + std::to_string(line_no) + ": ");
    out.push_back(*x);
  }
  if (out.empty()) return InvalidArgument(name + ": no ratings");
  return out;
}

Result<std::vector<Interaction>> ReadRatingsFile(const std::string& path) {
  REEL_ASSIGN_OR_RETURN(std::string text, ReadMaybeGzipFile(path));
  return ParseRatings(text, path);
}

Histories BuildHistories(std::vector<Interaction> all) {
  std::sort(all.begin(), all.end(), [](const Interaction& a, const Interaction& b) {
    if (a.user != b.user) return a.user < b.user;
    if (a.time != b.time) return a.time < b.time;
    return a.item < b.item;
  });
  Histories h;
  for (const auto& x : all) h.item_ids.push_back(x.item);
  std::sort(h.item_ids.begin(), h.item_ids.end());
  h.item_ids.erase(std::unique(h.item_ids.begin(), h.item_ids.end()), h.item_ids.end());
  h.num_items = static_cast<int>(h.item_ids.size());
  std::unordered_map<int64_t, int32_t> index;
  index.reserve(h.item_ids.size() * 2);
  for (size_t i = 0; i < h.item_ids.size(); ++i) index[h.item_ids[i]] = static_cast<int32_t>(i);
  for (size_t i = 0; i < all.size(); ++i) {
    if (i == 0 || all[i].user != all[i - 1].user) {
      h.user_ids.push_back(all[i].user);
      h.items.emplace_back();
      h.times.emplace_back();
      h.ratings.emplace_back();
    }
    h.items.back().push_back(index[all[i].item]);
    h.times.back().push_back(all[i].time);
    h.ratings.back().push_back(all[i].rating);
  }
  return h;
}

Split LeaveLatestOut(const Histories& all) {
  Split s;
  s.train = all;
  s.held_out.assign(all.items.size(), -1);
  for (size_t u = 0; u < all.items.size(); ++u) {
    if (all.items[u].size() < 2) continue;
    s.held_out[u] = s.train.items[u].back();
    s.train.items[u].pop_back();
    s.train.times[u].pop_back();
    s.train.ratings[u].pop_back();
  }
  return s;
}

std::vector<float> ItemCounts(const Histories& h) {
  std::vector<float> counts(h.num_items, 0.0f);
  for (const auto& items : h.items) {
    for (int32_t i : items) counts[i] += 1.0f;
  }
  return counts;
}

}  // namespace reel::recommend
