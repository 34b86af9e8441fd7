// The models other than EASE (ease.cc): popularity, item-kNN, the plain
// sequential transition baseline and "blend", the model reel serves; the factory
// and the parameter parser (models.h).
#include "recommend/models.h"

#include <algorithm>
#include <cmath>

#include "core/parse.h"

namespace reel::recommend {

std::unique_ptr<Model> MakeEase(const ModelParams& params);  // ease.cc

namespace {

// Count of training interactions per item.
class Popularity : public Model {
 public:
  std::string name() const override { return "popularity"; }
  Status Fit(const Histories& train) override {
    counts_ = ItemCounts(train);
    return Status::Ok();
  }
  void Score(std::span<const int32_t>, std::span<float> scores) const override {
    for (size_t i = 0; i < counts_.size(); ++i) scores[i] += counts_[i];
  }

 private:
  std::vector<float> counts_;
};

// Cosine similarity over co-rating users, each item's k nearest; a user's score
// for j is the sum of j's similarity to the items of the history.
class ItemKnn : public Model {
 public:
  explicit ItemKnn(const ModelParams& p) : p_(p) {}
  std::string name() const override { return "itemknn"; }
  Status Fit(const Histories& train) override {
    rows_ = CosineNeighbours(train, p_.knn_k);
    return Status::Ok();
  }
  // Score of j: the sum of its similarities to the history's items among j's own k
  // nearest neighbours.
  void Score(std::span<const int32_t> history, std::span<float> scores) const override {
    std::vector<char> seen(scores.size(), 0);
    for (int32_t i : history) seen[i] = 1;
    for (int j = 0; j < rows_.num_items; ++j) {
      float s = 0;
      for (int64_t at = rows_.offsets[j]; at < rows_.offsets[j + 1]; ++at) {
        if (seen[rows_.cols[at]]) s += rows_.vals[at];
      }
      scores[j] += s;
    }
  }
  SparseRows ItemRows() const override { return rows_; }

 private:
  ModelParams p_;
  SparseRows rows_;
};

// Adds the transition rows of the history's most recent items, decayed by age.
void AddRecent(const SparseRows& rows, const ModelParams& p, std::span<const int32_t> history,
               float scale, std::span<float> scores) {
  float w = scale;
  int n = static_cast<int>(history.size());
  for (int age = 0; age < p.recent && age < n; ++age) {
    rows.AddRow(history[n - 1 - age], w, scores);
    w *= static_cast<float>(p.decay);
  }
}

// The plain sequential baseline of the evaluation protocol: each rating links to
// the reader's next `window` ratings with weight 1/distance, rows normalised;
// the score sums the rows of the last `recent` items with weight decay^age.
class Sequential : public Model {
 public:
  explicit Sequential(const ModelParams& p) : p_(p) {}
  std::string name() const override { return "sequential"; }
  Status Fit(const Histories& train) override {
    rows_ = Transitions(train, p_);
    return Status::Ok();
  }
  void Score(std::span<const int32_t> history, std::span<float> scores) const override {
    AddRecent(rows_, p_, history, 1.0f, scores);
  }
  SparseRows ItemRows() const override { return rows_; }

 private:
  ModelParams p_;
  SparseRows rows_;
};

// What reel serves: transitions that also look back (an earlier rating links with
// backward_weight), flatter in distance (d^-0.5), rows divided by the square root
// of their sum (so common items keep more weight), recent items decayed faster
// (0.6 per step), and a little popularity to order what the transitions leave
// tied; item-kNN over the recent items is there to try (knn_weight), but did not
// help on the validation split.
class Blend : public Model {
 public:
  explicit Blend(const ModelParams& p) : p_(p) {}
  std::string name() const override { return "blend"; }
  Status Fit(const Histories& train) override {
    rows_ = Transitions(train, p_);
    if (p_.knn_weight > 0) knn_ = CosineNeighbours(train, p_.knn_k);
    pop_ = ItemCounts(train);
    float top = pop_.empty() ? 1.0f : std::max(1.0f, *std::max_element(pop_.begin(), pop_.end()));
    for (float& c : pop_) c /= top;
    return Status::Ok();
  }
  void Score(std::span<const int32_t> history, std::span<float> scores) const override {
    AddRecent(rows_, p_, history, 1.0f, scores);
    if (p_.knn_weight > 0) AddRecent(knn_, p_, history, static_cast<float>(p_.knn_weight), scores);
    if (p_.pop_weight > 0) {
      float w = static_cast<float>(p_.pop_weight);
      for (size_t i = 0; i < pop_.size(); ++i) scores[i] += w * pop_[i];
    }
  }
  SparseRows ItemRows() const override { return rows_; }

 private:
  ModelParams p_;
  SparseRows rows_;
  SparseRows knn_;
  std::vector<float> pop_;
};

}  // namespace

std::vector<std::string> ModelNames() { return {"popularity", "itemknn", "ease", "sequential", "blend"}; }

Result<std::unique_ptr<Model>> MakeModel(const std::string& name, const ModelParams& params) {
  if (name == "popularity") return std::unique_ptr<Model>(new Popularity());
  if (name == "itemknn") return std::unique_ptr<Model>(new ItemKnn(params));
  if (name == "ease") return MakeEase(params);
  if (name == "sequential") return std::unique_ptr<Model>(new Sequential(params));
  if (name == "blend") return std::unique_ptr<Model>(new Blend(params));
  return NotFound("no model '" + name + "' (popularity, itemknn, ease, sequential, blend)");
}

// Chosen on the validation split (each user's second-latest rating held out of the
// training data), one knob at a time from the baseline's settings (README).
ModelParams ServedParams() {
  ModelParams p;
  p.distance_power = 0.5;
  p.decay = 0.6;
  p.row_power = 0.5;
  p.backward_weight = 0.3;
  p.pop_weight = 0.01;
  return p;
}

Result<std::unique_ptr<Model>> MakeModel(const std::string& name, const std::vector<std::string>& overrides) {
  ModelParams p = name == "blend" ? ServedParams() : ModelParams();
  for (const auto& o : overrides) REEL_TRY(SetParam(o, p));
  return MakeModel(name, p);
}

Status SetParam(const std::string& assignment, ModelParams& p) {
  auto eq = assignment.find('=');
  if (eq == std::string::npos) return InvalidArgument("--set: expected key=value, got '" + assignment + "'");
  std::string key = assignment.substr(0, eq);
  auto value = ParseDouble(std::string_view(assignment).substr(eq + 1));
  if (!value) return InvalidArgument("--set " + key + ": not a number");
  double v = *value;
  if (key == "knn_k") p.knn_k = static_cast<int>(v);
  else if (key == "ease_lambda") p.ease_lambda = v;
  else if (key == "window") p.window = static_cast<int>(v);
  else if (key == "distance_power") p.distance_power = v;
  else if (key == "recent") p.recent = static_cast<int>(v);
  else if (key == "decay") p.decay = v;
  else if (key == "knn_weight") p.knn_weight = v;
  else if (key == "pop_weight") p.pop_weight = v;
  else if (key == "backward_weight") p.backward_weight = v;
  else if (key == "row_power") p.row_power = v;
  else if (key == "row_cap") p.row_cap = static_cast<int>(v);
  else return InvalidArgument("--set: no parameter '" + key + "'");
  if (p.knn_k < 1 || p.window < 1 || p.recent < 1 || p.row_cap < 0 || v < 0) {
    return InvalidArgument("--set " + key + ": out of range");
  }
  return Status::Ok();
}

}  // namespace reel::recommend
