// The recommender's models: each learns item-to-item structure from training
// histories (interactions.h) and scores every item for one user's history. The
// evaluation (eval.h) ranks those scores; the stored-model build (build.h) takes
// each item's neighbours from them. Fit is single-owner; Score is const and may be
// called from several threads once Fit has returned.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "recommend/interactions.h"

namespace reel::recommend {

// A sparse item-by-item matrix in rows (compressed sparse rows).
struct SparseRows {
  int num_items = 0;
  std::vector<int64_t> offsets;  // num_items + 1 entries.
  std::vector<int32_t> cols;
  std::vector<float> vals;

  int64_t RowSize(int i) const { return offsets[i + 1] - offsets[i]; }
  // Adds `weight` times row i into `scores`.
  void AddRow(int i, float weight, std::span<float> scores) const;
};

// Tunable knobs of the models; the defaults are the published baselines' settings
// and, for "blend", the values chosen on the validation split (README).
struct ModelParams {
  int knn_k = 50;
  double ease_lambda = 100.0;
  // Transitions: how many later ratings each rating links to, the weight of a link
  // at distance d (d^-distance_power), how many recent ratings score and their
  // decay per step of age.
  int window = 5;
  double distance_power = 1.0;
  int recent = 10;
  double decay = 0.8;
  // Blend: weights of the item-kNN part (over the recent items) and popularity.
  double knn_weight = 0.0;
  double pop_weight = 0.0;
  // Transitions are also counted backwards (an earlier rating) with this weight.
  double backward_weight = 0.0;
  // Row normalisation exponent: rows are divided by (row sum)^row_power.
  double row_power = 1.0;
  // Keep only the strongest row_cap entries of a transition row (0: all).
  int row_cap = 0;
};

class Model {
 public:
  virtual ~Model() = default;
  virtual std::string name() const = 0;
  virtual Status Fit(const Histories& train) = 0;
  // Adds a score for every item (scores.size() == num_items, zeroed by the caller)
  // given one user's training history in time order; larger is better.
  virtual void Score(std::span<const int32_t> history, std::span<float> scores) const = 0;
  // The item-to-item part of the model, row i = what follows or resembles item i,
  // for the stored neighbour lists; empty when the model has none (popularity).
  virtual SparseRows ItemRows() const { return {}; }
};

// The names eval runs by default, popularity first, the winning model last.
std::vector<std::string> ModelNames();
// "popularity", "itemknn", "ease", "sequential" or "blend"; NotFound otherwise.
Result<std::unique_ptr<Model>> MakeModel(const std::string& name, const ModelParams& params);
// The model with its own defaults (ServedParams for "blend"), then `overrides`
// ("key=value", SetParam) applied.
Result<std::unique_ptr<Model>> MakeModel(const std::string& name, const std::vector<std::string>& overrides);
// The served model's parameters ("blend"), chosen on the validation split.
ModelParams ServedParams();
// Parses "key=value" into params (the field names above); InvalidArgument names the key.
Status SetParam(const std::string& assignment, ModelParams& params);

// Helpers shared by the model files.
SparseRows CosineNeighbours(const Histories& train, int k);
SparseRows Transitions(const Histories& train, const ModelParams& p);

}  // namespace reel::recommend
