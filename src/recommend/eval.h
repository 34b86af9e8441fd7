// The evaluation protocol of `reel recommend eval` (README "Recommendations"):
// leave-latest-out, every item without a training interaction ranked, HR@10 and
// NDCG@10 averaged over the users with a held-out item. Equal scores rank the
// smaller item index (the smaller item id) first. Pure functions; any thread.
#pragma once

#include <string>

#include "recommend/interactions.h"
#include "recommend/models.h"

namespace reel::recommend {

struct EvalResult {
  std::string model;
  double hr = 0;
  double ndcg = 0;
  int users = 0;
  double build_seconds = 0;
};

// 0-based rank of `target` among the items with no interaction in `history`
// (scores over every item; ties: the smaller index first).
int RankOf(std::span<const float> scores, std::span<const int32_t> history, int32_t target);

// Fits `model` on split.train and evaluates it on split.held_out.
Result<EvalResult> Evaluate(Model& model, const Split& split);

// "model=NAME hr@10=0.xxxx ndcg@10=0.xxxx users=N build_s=S".
std::string FormatResult(const EvalResult& r);

}  // namespace reel::recommend
