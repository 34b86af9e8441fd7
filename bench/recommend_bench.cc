// Recommender build benchmark: time and peak memory (getrusage maxrss) of fitting
// the served model ("blend") and of building the stored neighbour lists, on
// MovieLens ml-latest-small (when the shared data is there) and on a synthetic set
// (default 100k users x 50k items, 100 ratings each = 10M) with power-law item
// popularity and sequential structure; popularity, fitted on the same data in the
// same run, is the yardstick printed beside it.
#include <sys/resource.h>

#include <chrono>
#include <functional>
#include <cmath>
#include <cstdio>
#include <random>

#include <CLI/CLI.hpp>

#include "core/date.h"
#include "recommend/build.h"
#include "recommend/eval.h"

namespace {

using namespace reel;
using namespace reel::recommend;

double MaxRssGiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0 / 1024.0;
}

double Seconds(const std::function<void()>& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void Report(const char* set, const std::vector<Interaction>& all) {
  Histories h = BuildHistories(all);
  auto pop = MakeModel("popularity", std::vector<std::string>{});
  auto blend = MakeModel("blend", std::vector<std::string>{});
  double pop_s = Seconds([&] { (void)(*pop)->Fit(h); });
  double blend_s = Seconds([&] { (void)(*blend)->Fit(h); });
  NeighbourInput in;
  for (const auto& x : all) {
    in.ratings.push_back({x.user, x.item, x.rating, UtcTimestampOf(x.time)});
  }
  double lists_s = Seconds([&] { (void)BuildNeighbours(in, [](const std::string&, int64_t, int64_t) {}); });
  std::printf("set=%s ratings=%zu users=%zu items=%d popularity_build_s=%.3f blend_build_s=%.3f "
              "stored_lists_build_s=%.3f ratio_lists_vs_popularity=%.0f max_rss_gib=%.2f\n",
              set, all.size(), h.items.size(), h.num_items, pop_s, blend_s, lists_s, lists_s / std::max(pop_s, 1e-6),
              MaxRssGiB());
  std::fflush(stdout);
}

std::vector<Interaction> Synthetic(int users, int items, int per_user) {
  std::mt19937_64 rng(42);
  // Zipf-like popularity: item = floor(items * u^2.5) concentrates on small ids.
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<Interaction> out;
  out.reserve(static_cast<size_t>(users) * per_user);
  for (int u = 0; u < users; ++u) {
    int64_t prev = static_cast<int64_t>(items * std::pow(unit(rng), 2.5));
    for (int k = 0; k < per_user; ++k) {
      int64_t item = unit(rng) < 0.5 ? (prev + 1 + static_cast<int64_t>(unit(rng) * 5)) % items
                                     : static_cast<int64_t>(items * std::pow(unit(rng), 2.5));
      out.push_back({u, item, int64_t{1'600'000'000} + u * 1000 + k, 4.0f});
      prev = item;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Recommender build time and peak memory"};
  std::string movielens;
  int users = 100000, items = 50000, per_user = 100;
  app.add_option("--movielens", movielens, "ml-latest-small ratings.csv (skipped when empty)");
  app.add_option("--users", users)->capture_default_str();
  app.add_option("--items", items)->capture_default_str();
  app.add_option("--per-user", per_user)->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (!movielens.empty()) {
    auto r = ReadRatingsFile(movielens);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return 1;
    }
    Report("ml-latest-small", *r);
  }
  Report("synthetic", Synthetic(users, items, per_user));
  return 0;
}
