// The sparse item-to-item rows the models share (models.h): cosine neighbours over
// co-rating users and sequential transitions, each built one item row at a time
// from an index of where every item occurs, on all cores, with a dense scratch
// row per thread so memory stays at the output plus one row per thread.
#include <algorithm>
#include <cmath>
#include <functional>
#include <thread>

#include "recommend/models.h"

namespace reel::recommend {
namespace {

// Where each item occurs: (user row, position in that user's history).
struct Occurrences {
  std::vector<int64_t> offsets;
  std::vector<int32_t> users;
  std::vector<int32_t> positions;
};

Occurrences Index(const Histories& h) {
  Occurrences o;
  o.offsets.assign(h.num_items + 1, 0);
  for (const auto& items : h.items) {
    for (int32_t i : items) ++o.offsets[i + 1];
  }
  for (int i = 0; i < h.num_items; ++i) o.offsets[i + 1] += o.offsets[i];
  o.users.resize(o.offsets.back());
  o.positions.resize(o.offsets.back());
  std::vector<int64_t> fill(o.offsets.begin(), o.offsets.end() - 1);
  for (size_t u = 0; u < h.items.size(); ++u) {
    for (size_t p = 0; p < h.items[u].size(); ++p) {
      int64_t at = fill[h.items[u][p]]++;
      o.users[at] = static_cast<int32_t>(u);
      o.positions[at] = static_cast<int32_t>(p);
    }
  }
  return o;
}

// One item's finished row: (column, value) pairs.
using Row = std::vector<std::pair<int32_t, float>>;

// Builds every row with `fill(item, scratch, touched)`, which adds into the dense
// scratch row and lists the columns it touched; `finish(item, row)` then trims the
// row (top-k, normalising). Items are split over the machine's threads.
SparseRows BuildRows(int num_items,
                     const std::function<void(int, std::vector<float>&, std::vector<int32_t>&)>& fill,
                     const std::function<void(int, Row&)>& finish) {
  std::vector<Row> rows(num_items);
  unsigned threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  auto work = [&](unsigned t) {
    std::vector<float> scratch(num_items, 0.0f);
    std::vector<int32_t> touched;
    for (int i = static_cast<int>(t); i < num_items; i += static_cast<int>(threads)) {
      touched.clear();
      fill(i, scratch, touched);
      Row& row = rows[i];
      row.reserve(touched.size());
      for (int32_t j : touched) {
        if (scratch[j] != 0.0f) row.emplace_back(j, scratch[j]);
        scratch[j] = 0.0f;
      }
      finish(i, row);
      row.shrink_to_fit();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  SparseRows out;
  out.num_items = num_items;
  out.offsets.assign(num_items + 1, 0);
  for (int i = 0; i < num_items; ++i) out.offsets[i + 1] = out.offsets[i] + static_cast<int64_t>(rows[i].size());
  out.cols.reserve(out.offsets.back());
  out.vals.reserve(out.offsets.back());
  for (auto& row : rows) {
    for (auto [j, v] : row) {
      out.cols.push_back(j);
      out.vals.push_back(v);
    }
    Row().swap(row);
  }
  return out;
}

void KeepTop(Row& row, size_t k) {
  auto better = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  if (row.size() > k) {
    std::nth_element(row.begin(), row.begin() + static_cast<long>(k), row.end(), better);
    row.resize(k);
  }
  std::sort(row.begin(), row.end(), better);
}

}  // namespace

void SparseRows::AddRow(int i, float weight, std::span<float> scores) const {
  for (int64_t at = offsets[i]; at < offsets[i + 1]; ++at) scores[cols[at]] += weight * vals[at];
}

SparseRows CosineNeighbours(const Histories& train, int k) {
  Occurrences occ = Index(train);
  auto count = [&](int i) { return static_cast<float>(occ.offsets[i + 1] - occ.offsets[i]); };
  auto fill = [&](int i, std::vector<float>& s, std::vector<int32_t>& touched) {
    for (int64_t at = occ.offsets[i]; at < occ.offsets[i + 1]; ++at) {
      for (int32_t j : train.items[occ.users[at]]) {
        if (j == i) continue;
        if (s[j] == 0.0f) touched.push_back(j);
        s[j] += 1.0f;
      }
    }
  };
  auto finish = [&](int i, Row& row) {
    for (auto& [j, v] : row) v = v / std::sqrt(count(i) * count(j));
    KeepTop(row, static_cast<size_t>(k));
  };
  return BuildRows(train.num_items, fill, finish);
}

SparseRows Transitions(const Histories& train, const ModelParams& p) {
  Occurrences occ = Index(train);
  std::vector<float> weight(p.window + 1, 0.0f);
  for (int d = 1; d <= p.window; ++d) weight[d] = static_cast<float>(std::pow(d, -p.distance_power));
  auto fill = [&](int i, std::vector<float>& s, std::vector<int32_t>& touched) {
    auto add = [&](int32_t j, float w) {
      if (j == i) return;
      if (s[j] == 0.0f) touched.push_back(j);
      s[j] += w;
    };
    for (int64_t at = occ.offsets[i]; at < occ.offsets[i + 1]; ++at) {
      const auto& items = train.items[occ.users[at]];
      int pos = occ.positions[at];
      int n = static_cast<int>(items.size());
      for (int d = 1; d <= p.window; ++d) {
        if (pos + d < n) add(items[pos + d], weight[d]);
        if (p.backward_weight > 0 && pos - d >= 0) {
          add(items[pos - d], static_cast<float>(p.backward_weight) * weight[d]);
        }
      }
    }
  };
  auto finish = [&](int, Row& row) {
    double sum = 0;
    for (auto& e : row) sum += e.second;
    if (sum <= 0) return;
    float scale = static_cast<float>(1.0 / std::pow(sum, p.row_power));
    for (auto& e : row) e.second *= scale;
    if (p.row_cap > 0) KeepTop(row, static_cast<size_t>(p.row_cap));
  };
  return BuildRows(train.num_items, fill, finish);
}

}  // namespace reel::recommend
