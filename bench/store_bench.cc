// Write throughput of a store: audience ratings written one per transaction (as a
// reader's form post writes them) by several threads, each keeping the aggregates
// current; then the same reads a season page makes. Prints one line per figure.
//
//   reel_bench_store --db URL [--writes N] [--threads T]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "ingest/catalog_json.h"
#include "storage/store.h"

int main(int argc, char** argv) {
  CLI::App app{"Store write throughput"};
  std::string db;
  int writes = 20000, threads = 2;
  app.add_option("--db", db)->required();
  app.add_option("--writes", writes);
  app.add_option("--threads", threads);
  CLI11_PARSE(app, argc, argv);

  auto store = reel::Store::Open(db);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  auto& s = **store;
  if (!reel::LoadDemoCatalog(s).ok()) return 1;
  const auto series = s.FindTitleBySlug(reel::TitleKind::kSeries, "star-trek-picard").value();
  std::vector<reel::Id> seasons;
  for (const auto& season : s.ListChildren(series.id).value()) seasons.push_back(season.id);
  constexpr int kUsers = 5000;
  std::vector<reel::Id> users;
  if (!s.Write([&](reel::StoreWriter& w) -> reel::Status {
         for (int i = 0; i < kUsers; ++i) {
           reel::User u;
           u.username = "bench-" + std::to_string(i);
           auto id = w.UpsertUser(u);
           if (!id.ok()) return id.status();
           users.push_back(*id);
         }
         return reel::Status::Ok();
       }).ok()) {
    return 1;
  }

  std::atomic<int> failures{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      std::mt19937 rng(static_cast<unsigned>(t + 1));
      for (int i = t; i < writes; i += threads) {
        reel::Rating r{0, users[rng() % users.size()], seasons[rng() % seasons.size()], 0.5 * (1 + rng() % 10), "",
                       false, reel::RatingStatus::kCounted, ""};
        const reel::Status st = s.Write([&](reel::StoreWriter& w) { return w.UpsertRating(r).status(); });
        if (!st.ok() && failures++ == 0) std::fprintf(stderr, "first failure (user %lld, title %lld, stars %.1f): %s\n", static_cast<long long>(r.user_id), static_cast<long long>(r.title_id), r.stars, st.ToString().c_str());
      }
    });
  }
  for (auto& th : pool) th.join();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("writes: %d ratings, one per transaction, %d threads: %.0f writes/s (%.0f us each), failures=%d\n",
              writes, threads, writes / secs, secs * 1e6 / writes, failures.load());

  const auto read_start = std::chrono::steady_clock::now();
  constexpr int kReads = 2000;
  for (int i = 0; i < kReads; ++i) {
    const reel::Id season = seasons[static_cast<size_t>(i) % seasons.size()];
    (void)s.GetScoreCounts(season);
    (void)s.ListChildren(season);
    (void)s.ListCredits(season);
    (void)s.ListCriticReviews(season, reel::CriticFilter::kAll);
    (void)s.ListAudienceReviews(season, 20);
  }
  const double rsecs = std::chrono::duration<double>(std::chrono::steady_clock::now() - read_start).count();
  std::printf("reads: the 5 queries of a season page: %.0f us per page (one thread)\n", rsecs * 1e6 / kReads);
  auto report = s.RecomputeAggregates();
  std::printf("drift after the writes: %lld\n", report.ok() ? static_cast<long long>(report->drifted) : -1LL);
  return failures == 0 && report.ok() && report->drifted == 0 ? 0 : 1;
}
