// Building the stored neighbour lists (build.h): audience rows from the served
// model, content rows from shared features weighted by rarity, blended per title
// on every core; and the store round trip with its rebuild rule.
#include "recommend/build.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <chrono>
#include <cmath>
#include <thread>
#include <unordered_map>

#include "core/date.h"
#include "recommend/models.h"
#include "storage/store.h"

namespace reel::recommend {
namespace {

// Features shared by more titles than this are too common to pair titles through
// (a genre of a big catalog); genres that common fill in from the popular titles.
constexpr int64_t kMaxSharedBy = 1000;
constexpr int kGenreFill = 40;
constexpr float kContentWeight = 0.6f;

float KindWeight(char kind) {
  switch (kind) {
    case 'w': return 1.5f;
    case 'c': return 1.0f;
    case 't': return 0.8f;
    case 'f': return 0.3f;
    default: return 0.5f;
  }
}

NeighbourReason ReasonOf(char kind) {
  switch (kind) {
    case 'w': return NeighbourReason::kCreators;
    case 'c': return NeighbourReason::kCast;
    case 't': return NeighbourReason::kTags;
    case 'f': return NeighbourReason::kCritics;
    default: return NeighbourReason::kGenre;
  }
}

struct Catalog {
  std::vector<Id> ids;                    // Dense index -> title id.
  std::unordered_map<Id, int> index;      // Title id -> dense index.
  int Add(Id id) {
    auto [it, fresh] = index.emplace(id, static_cast<int>(ids.size()));
    if (fresh) ids.push_back(id);
    return it->second;
  }
};

struct Features {
  std::vector<char> kind;                         // Per feature.
  std::vector<std::string> label;
  std::vector<float> weight;
  std::vector<std::vector<int>> titles;           // Per feature: the titles having it.
  std::vector<std::vector<int>> of;               // Per title: its features.
  std::vector<float> self;                        // Per title: the sum of its weights.
};

Features IndexFeatures(const std::vector<TitleFeature>& in, Catalog& cat) {
  Features f;
  std::unordered_map<std::string, int> ids;
  for (const auto& x : in) {
    int t = cat.Add(x.title_id);
    auto [it, fresh] = ids.emplace(std::string(1, x.kind) + ":" + x.key, static_cast<int>(f.kind.size()));
    if (fresh) {
      f.kind.push_back(x.kind);
      f.label.push_back(x.label);
      f.titles.emplace_back();
    }
    f.titles[it->second].push_back(t);
  }
  int n = static_cast<int>(cat.ids.size());
  f.of.resize(n);
  f.self.assign(n, 0.0f);
  for (size_t k = 0; k < f.kind.size(); ++k) {
    auto& ts = f.titles[k];
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    f.weight.push_back(KindWeight(f.kind[k]) * static_cast<float>(std::log(1.0 + double(n) / ts.size())));
    for (int t : ts) {
      f.of[t].push_back(static_cast<int>(k));
      f.self[t] += f.weight[k];
    }
  }
  return f;
}

// The audience rows over the catalog's indexes: transitions and cosine overlap,
// each scaled to its row's best, mixed, and damped for titles with few ratings.
struct Audience {
  std::vector<std::vector<std::pair<int, float>>> rows;
};

Audience AudienceRows(const std::vector<RatingEvent>& ratings, Catalog& cat, const Progress& progress) {
  std::vector<Interaction> all;
  all.reserve(ratings.size());
  for (size_t i = 0; i < ratings.size(); ++i) {
    auto t = ParseUtcTimestamp(ratings[i].at);
    all.push_back({ratings[i].user_id, ratings[i].title_id, t.ok() ? *t : static_cast<int64_t>(i),
                   static_cast<float>(ratings[i].stars)});
  }
  Histories h = BuildHistories(std::move(all));
  for (auto& items : h.items) {  // A series rated season by season counts once, at its first.
    std::vector<char> seen(h.num_items, 0);
    std::erase_if(items, [&](int32_t i) { return seen[i]++ > 0; });
  }
  progress("audience model", 0, 0);
  ModelParams p = ServedParams();
  SparseRows trans = Transitions(h, p);
  SparseRows cos = CosineNeighbours(h, 50);
  std::vector<float> counts = ItemCounts(h);
  Audience a;
  a.rows.resize(cat.ids.size() + h.num_items);
  std::vector<int> to_cat(h.num_items);
  for (int i = 0; i < h.num_items; ++i) to_cat[i] = cat.Add(h.item_ids[i]);
  a.rows.resize(cat.ids.size());
  for (int i = 0; i < h.num_items; ++i) {
    std::unordered_map<int, float> row;
    auto add = [&](const SparseRows& m, float w) {
      float best = 0;
      for (int64_t at = m.offsets[i]; at < m.offsets[i + 1]; ++at) best = std::max(best, m.vals[at]);
      if (best <= 0) return;
      for (int64_t at = m.offsets[i]; at < m.offsets[i + 1]; ++at) row[m.cols[at]] += w * m.vals[at] / best;
    };
    add(trans, 0.6f);
    add(cos, 0.4f);
    float confidence = std::min(1.0f, counts[i] / 20.0f);
    auto& out = a.rows[to_cat[i]];
    for (auto [j, v] : row) out.emplace_back(to_cat[j], v * confidence);
  }
  return a;
}

}  // namespace

namespace {

// One title's list from its audience row and its shared features.
struct Scratch {
  std::vector<float> audience, content, best_weight;
  std::vector<int> best_feature;
  std::vector<int> touched;
  explicit Scratch(size_t n) : audience(n, 0), content(n, 0), best_weight(n, 0), best_feature(n, -1) {}
  void Touch(int j) {
    if (audience[j] == 0 && content[j] == 0) touched.push_back(j);
  }
};

void NeighboursOf(int i, const Catalog& cat, const Features& f, const Audience& a,
                  const std::vector<std::vector<int>>& genre_fill, Scratch& s,
                  std::vector<TitleNeighbour>& out) {
  s.touched.clear();
  for (auto [j, v] : a.rows[i]) {
    if (j == i || v <= 0) continue;
    s.Touch(j);
    s.audience[j] += v;
  }
  float self = f.self[i] > 0 ? f.self[i] : 1.0f;
  auto share = [&](int j, int k) {
    if (j == i) return;
    s.Touch(j);
    s.content[j] += f.weight[k] / self;
    if (f.weight[k] > s.best_weight[j]) {
      s.best_weight[j] = f.weight[k];
      s.best_feature[j] = k;
    }
  };
  for (int k : f.of[i]) {
    if (static_cast<int64_t>(f.titles[k].size()) <= kMaxSharedBy) {
      for (int j : f.titles[k]) share(j, k);
    } else if (f.kind[k] == 'g') {
      for (int j : genre_fill[k]) share(j, k);
    }
  }
  std::vector<std::pair<float, int>> ranked;
  for (int j : s.touched) ranked.emplace_back(s.audience[j] + kContentWeight * s.content[j], j);
  size_t keep = std::min<size_t>(ranked.size(), kNeighboursStored);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(keep), ranked.end(),
                    [&](auto& x, auto& y) { return x.first != y.first ? x.first > y.first : cat.ids[x.second] < cat.ids[y.second]; });
  for (size_t r = 0; r < keep; ++r) {
    int j = ranked[r].second;
    TitleNeighbour n;
    n.title_id = cat.ids[i];
    n.neighbour_id = cat.ids[j];
    n.position = static_cast<int>(r);
    n.score = ranked[r].first;
    int k = s.best_feature[j];
    if (s.audience[j] >= kContentWeight * s.content[j] || k < 0) {
      n.reason = NeighbourReason::kAudience;
    } else {
      n.reason = ReasonOf(f.kind[k]);
      n.detail = f.label[k];
    }
    out.push_back(std::move(n));
  }
  for (int j : s.touched) {
    s.audience[j] = s.content[j] = s.best_weight[j] = 0;
    s.best_feature[j] = -1;
  }
}

}  // namespace

std::vector<TitleNeighbour> BuildNeighbours(const NeighbourInput& in, const Progress& progress) {
  Catalog cat;
  progress("content features", 0, 0);
  Features f = IndexFeatures(in.features, cat);
  Audience a = AudienceRows(in.ratings, cat, progress);
  int n = static_cast<int>(cat.ids.size());
  a.rows.resize(n);
  f.of.resize(n);
  f.self.resize(n, 0.0f);
  // Common genres pair a title with the most-rated titles of that genre only.
  std::vector<std::vector<int>> genre_fill(f.kind.size());
  for (Id id : in.popular) {
    auto it = cat.index.find(id);
    if (it == cat.index.end()) continue;
    for (int k : f.of[it->second]) {
      if (f.kind[k] == 'g' && static_cast<int>(genre_fill[k].size()) < kGenreFill) genre_fill[k].push_back(it->second);
    }
  }
  unsigned threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<std::vector<TitleNeighbour>> parts(threads);
  std::atomic<int64_t> done{0};
  auto work = [&](unsigned t) {
    Scratch s(n);
    for (int i = static_cast<int>(t); i < n; i += static_cast<int>(threads)) {
      NeighboursOf(i, cat, f, a, genre_fill, s, parts[t]);
      int64_t d = ++done;
      if (t == 0 && (d % 1000 == 0 || d == n)) progress("neighbours", d, n);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  std::vector<TitleNeighbour> out;
  for (auto& p : parts) out.insert(out.end(), std::make_move_iterator(p.begin()), std::make_move_iterator(p.end()));
  std::sort(out.begin(), out.end(), [](auto& x, auto& y) {
    return x.title_id != y.title_id ? x.title_id < y.title_id : x.position < y.position;
  });
  progress("neighbours", n, n);
  return out;
}

Result<BuildSummary> RebuildStored(Store& store, const Progress& progress) {
  auto start = std::chrono::steady_clock::now();
  NeighbourInput in;
  progress("reading ratings", 0, 0);
  REEL_ASSIGN_OR_RETURN(in.ratings, store.ListRatingEvents());
  progress("reading features", 0, 0);
  REEL_ASSIGN_OR_RETURN(in.features, store.ListTitleFeatures());
  REEL_ASSIGN_OR_RETURN(in.popular, store.ListPopularTitles({}, 2000, 0));
  std::vector<TitleNeighbour> rows = BuildNeighbours(in, progress);
  BuildSummary sum;
  sum.ratings = static_cast<int64_t>(in.ratings.size());
  sum.neighbours = static_cast<int64_t>(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r == 0 || rows[r].title_id != rows[r - 1].title_id) ++sum.titles;
  }
  progress("storing", 0, 0);
  RecommendBuild b;
  b.ratings = sum.ratings;
  b.titles = sum.titles;
  b.model = kServedModel;
  REEL_TRY(store.ReplaceNeighbours(rows, b));
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return sum;
}

Status RebuildIfStale(Store& store, int64_t min_new_ratings) {
  REEL_ASSIGN_OR_RETURN(auto last, store.LatestRecommendBuild());
  REEL_ASSIGN_OR_RETURN(int64_t now, store.CountRatingEvents());
  if (last && std::llabs(now - last->ratings) < min_new_ratings) return Status::Ok();
  return RebuildStored(store, [](const std::string&, int64_t, int64_t) {}).status();
}

}  // namespace reel::recommend
