// Periodic jobs of a running server. A JobRunner owns one thread that wakes every
// quarter of the shortest job interval (1 s to 60 s) and, for each job, asks the
// store to run it if it is due (Store::RunJobIfDue): of several servers sharing a
// store, one runs each due run, under the store's job lock. SiteJobs lists the jobs
// `reel serve` runs. Destroying the runner stops its thread after the job in hand.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"

namespace reel {
class JobStore;
class Store;
}

namespace reel::jobs {

struct Job {
  std::string name;
  int64_t interval_seconds = 0;
  std::function<Status()> run;
};

// The site's jobs:
//  * aggregates-audit (every `audit_interval` seconds; 0 turns it off) rebuilds every
//    title's aggregates and logs any drift;
//  * accounts-cleanup (hourly) removes expired sessions and reset links and forgotten
//    sign-in failure counts;
//  * recommend-rebuild (every `recommend_interval` seconds; 0 turns it off) rebuilds
//    the stored recommendations when there are none or enough new ratings
//    (recommend/build.h RebuildIfStale).
std::vector<Job> SiteJobs(Store& store, int64_t audit_interval, int64_t recommend_interval = 0);

class JobRunner {
 public:
  // Starts the thread; `jobs` must not be empty.
  JobRunner(JobStore& store, std::vector<Job> jobs);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // How often each job ran here and how many of those runs failed (for /metrics).
  struct JobCounts {
    std::string name;
    uint64_t runs = 0;
    uint64_t failures = 0;
  };
  std::vector<JobCounts> Counts() const;

 private:
  void Loop();

  JobStore& store_;
  std::vector<Job> jobs_;
  // Per job, in jobs_ order: runs here, and failed attempts (any thread reads them).
  std::unique_ptr<std::atomic<uint64_t>[]> runs_, failures_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace reel::jobs
