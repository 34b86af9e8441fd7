// EASE (Steck 2019): the closed-form item-to-item model B = I - P diagMat(1/diag P)
// with P = (X'X + lambda I)^-1 over the binary user-item matrix X, computed with
// Eigen in single precision. The inverse is dense, so beyond kMaxItems items only
// the most-rated kMaxItems take part (the others score zero); ItemRows keeps each
// row's strongest neighbours.
#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <algorithm>
#include <numeric>

#include "recommend/models.h"

namespace reel::recommend {
namespace {

constexpr int kMaxItems = 20000;
constexpr int kRowNeighbours = 200;

class Ease : public Model {
 public:
  explicit Ease(const ModelParams& p) : p_(p) {}
  std::string name() const override { return "ease"; }

  Status Fit(const Histories& train) override {
    num_items_ = train.num_items;
    std::vector<float> counts = ItemCounts(train);
    std::vector<int32_t> order(num_items_);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return counts[a] > counts[b]; });
    int n = std::min(num_items_, kMaxItems);
    local_.assign(num_items_, -1);
    global_.assign(order.begin(), order.begin() + n);
    for (int k = 0; k < n; ++k) local_[global_[k]] = k;
    Eigen::MatrixXf g = Eigen::MatrixXf::Zero(n, n);
    std::vector<int32_t> row;
    for (const auto& items : train.items) {
      row.clear();
      for (int32_t i : items) {
        if (local_[i] >= 0) row.push_back(local_[i]);
      }
      for (int32_t a : row) {
        for (int32_t b : row) g(a, b) += 1.0f;
      }
    }
    g.diagonal().array() += static_cast<float>(p_.ease_lambda);
    Eigen::MatrixXf inv = g.llt().solve(Eigen::MatrixXf::Identity(n, n));
    g.resize(0, 0);
    // B(i, j) = -P(i, j) / P(j, j); P is symmetric, so b_ = B' scales P's rows and
    // column i of b_ (contiguous) is row i of B.
    Eigen::VectorXf scale = -inv.diagonal().cwiseInverse();
    b_ = scale.asDiagonal() * inv;
    b_.diagonal().setZero();
    return Status::Ok();
  }

  void Score(std::span<const int32_t> history, std::span<float> scores) const override {
    Eigen::VectorXf sum = Eigen::VectorXf::Zero(b_.rows());
    for (int32_t i : history) {
      if (local_[i] >= 0) sum += b_.col(local_[i]);
    }
    for (int k = 0; k < sum.size(); ++k) scores[global_[k]] += sum(k);
  }

  SparseRows ItemRows() const override {
    SparseRows out;
    out.num_items = num_items_;
    out.offsets.assign(num_items_ + 1, 0);
    std::vector<std::vector<std::pair<float, int32_t>>> rows(num_items_);
    for (int k = 0; k < b_.rows(); ++k) {
      auto& r = rows[global_[k]];
      for (int c = 0; c < b_.rows(); ++c) {
        if (b_(c, k) > 0) r.emplace_back(b_(c, k), global_[c]);
      }
      size_t keep = std::min<size_t>(r.size(), kRowNeighbours);
      std::partial_sort(r.begin(), r.begin() + static_cast<long>(keep), r.end(), std::greater<>());
      r.resize(keep);
    }
    for (int i = 0; i < num_items_; ++i) {
      out.offsets[i + 1] = out.offsets[i] + static_cast<int64_t>(rows[i].size());
      for (auto [v, c] : rows[i]) {
        out.cols.push_back(c);
        out.vals.push_back(v);
      }
    }
    return out;
  }

 private:
  ModelParams p_;
  int num_items_ = 0;
  std::vector<int32_t> local_;   // Item -> row of b_, or -1.
  std::vector<int32_t> global_;  // Row of b_ -> item.
  Eigen::MatrixXf b_;  // Transposed: column i is row i of B.
};

}  // namespace

std::unique_ptr<Model> MakeEase(const ModelParams& params) { return std::make_unique<Ease>(params); }

}  // namespace reel::recommend
