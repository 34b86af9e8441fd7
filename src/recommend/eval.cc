// The leave-latest-out evaluation (eval.h): fits a model, ranks each evaluated
// user's held-out item among the items they have not interacted with in training,
// on all cores, and averages HR@10 and NDCG@10.
#include "recommend/eval.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

namespace reel::recommend {

int RankOf(std::span<const float> scores, std::span<const int32_t> history, int32_t target) {
  std::vector<char> seen(scores.size(), 0);
  for (int32_t i : history) seen[i] = 1;
  float t = scores[target];
  int rank = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    if (seen[i] || static_cast<int32_t>(i) == target) continue;
    if (scores[i] > t || (scores[i] == t && static_cast<int32_t>(i) < target)) ++rank;
  }
  return rank;
}

Result<EvalResult> Evaluate(Model& model, const Split& split) {
  EvalResult r;
  r.model = model.name();
  auto start = std::chrono::steady_clock::now();
  REEL_TRY(model.Fit(split.train));
  r.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto& train = split.train;
  size_t num_users = train.items.size();
  unsigned threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<double> hr(threads, 0), ndcg(threads, 0);
  std::vector<int> users(threads, 0);
  auto work = [&](unsigned t) {
    std::vector<float> scores(train.num_items);
    for (size_t u = t; u < num_users; u += threads) {
      int32_t target = split.held_out[u];
      if (target < 0) continue;
      std::fill(scores.begin(), scores.end(), 0.0f);
      model.Score(train.items[u], scores);
      int rank = RankOf(scores, train.items[u], target);
      ++users[t];
      if (rank < 10) {
        hr[t] += 1;
        ndcg[t] += 1.0 / std::log2(rank + 2.0);
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  for (unsigned t = 0; t < threads; ++t) {
    r.users += users[t];
    r.hr += hr[t];
    r.ndcg += ndcg[t];
  }
  if (r.users > 0) {
    r.hr /= r.users;
    r.ndcg /= r.users;
  }
  return r;
}

std::string FormatResult(const EvalResult& r) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "model=%s hr@10=%.4f ndcg@10=%.4f users=%d build_s=%.2f", r.model.c_str(),
                r.hr, r.ndcg, r.users, r.build_seconds);
  return buf;
}

}  // namespace reel::recommend
