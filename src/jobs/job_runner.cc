#include "jobs/job_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "audience/users.h"
#include "core/date.h"
#include "recommend/build.h"
#include "storage/store.h"

namespace reel::jobs {

std::vector<Job> SiteJobs(Store& store, int64_t audit_interval, int64_t recommend_interval) {
  std::vector<Job> jobs;
  if (audit_interval > 0) {
    jobs.push_back({"aggregates-audit", audit_interval, [&store] {
                      REEL_ASSIGN_OR_RETURN(auto report, store.RecomputeAggregates());
                      spdlog::info("job aggregates-audit: {} titles, {} reviews, {} ratings, {} drifted",
                                   report.titles, report.reviews, report.ratings, report.drifted);
                      for (const auto& e : report.examples) spdlog::warn("job aggregates-audit: drift repaired: {}", e);
                      return Status::Ok();
                    }});
  }
  jobs.push_back({"accounts-cleanup", 3600, [&store] {
                    const std::string now = UtcTimestamp();
                    const int64_t secs = ParseUtcTimestamp(now).value();
                    REEL_ASSIGN_OR_RETURN(
                        auto purged,
                        store.PurgeExpired(now, UtcTimestampOf(secs - audience::kForgetFailuresSeconds)));
                    spdlog::info("job accounts-cleanup: removed {} sessions, {} reset links, {} sign-in failure counts",
                                 purged.sessions, purged.resets, purged.signin_failures);
                    return Status::Ok();
                  }});
  if (recommend_interval > 0) {
    jobs.push_back({"recommend-rebuild", recommend_interval, [&store] {
                      return recommend::RebuildIfStale(store, recommend::kRebuildAfterRatings);
                    }});
  }
  return jobs;
}

JobRunner::JobRunner(JobStore& store, std::vector<Job> jobs)
    : store_(store),
      jobs_(std::move(jobs)),
      runs_(std::make_unique<std::atomic<uint64_t>[]>(jobs_.size())),
      failures_(std::make_unique<std::atomic<uint64_t>[]>(jobs_.size())) {
  thread_ = std::thread([this] { Loop(); });
}

JobRunner::~JobRunner() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::vector<JobRunner::JobCounts> JobRunner::Counts() const {
  std::vector<JobCounts> out;
  for (size_t i = 0; i < jobs_.size(); ++i) {
    out.push_back({jobs_[i].name, runs_[i].load(std::memory_order_relaxed),
                   failures_[i].load(std::memory_order_relaxed)});
  }
  return out;
}

void JobRunner::Loop() {
  if (jobs_.empty()) return;
  int64_t shortest = jobs_.front().interval_seconds;
  for (const auto& j : jobs_) shortest = std::min(shortest, j.interval_seconds);
  const auto tick = std::chrono::seconds(std::clamp<int64_t>(shortest / 4, 1, 60));
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, tick, [this] { return stop_; })) {
    lock.unlock();
    for (size_t i = 0; i < jobs_.size(); ++i) {
      const Job& job = jobs_[i];
      auto ran = store_.RunJobIfDue(job.name, job.interval_seconds, job.run);
      if (!ran.ok()) {
        failures_[i].fetch_add(1, std::memory_order_relaxed);
        spdlog::warn("job {}: {}", job.name, ran.status().ToString());
      } else if (*ran) {
        runs_[i].fetch_add(1, std::memory_order_relaxed);
      }
    }
    lock.lock();
  }
}

}  // namespace reel::jobs
