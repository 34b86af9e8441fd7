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

JobRunner::JobRunner(JobStore& store, std::vector<Job> jobs) : store_(store), jobs_(std::move(jobs)) {
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

void JobRunner::Loop() {
  if (jobs_.empty()) return;
  int64_t shortest = jobs_.front().interval_seconds;
  for (const auto& j : jobs_) shortest = std::min(shortest, j.interval_seconds);
  const auto tick = std::chrono::seconds(std::clamp<int64_t>(shortest / 4, 1, 60));
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, tick, [this] { return stop_; })) {
    lock.unlock();
    for (const auto& job : jobs_) {
      auto ran = store_.RunJobIfDue(job.name, job.interval_seconds, job.run);
      if (!ran.ok()) spdlog::warn("job {}: {}", job.name, ran.status().ToString());
    }
    lock.lock();
  }
}

}  // namespace reel::jobs
