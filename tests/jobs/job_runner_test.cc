#include "jobs/job_runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "storage/store.h"

namespace reel::jobs {
namespace {

namespace fs = std::filesystem;

// Two servers over one store: a due job runs once, on one of them.
TEST(JobRunnerTest, OfTwoServersOneRunsEachDueRun) {
  const fs::path dir = fs::temp_directory_path() / ("reel-jobs-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string url = "sqlite:" + (dir / "jobs.db").string();
  auto a = Store::Open(url);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = Store::Open(url);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  std::atomic<int> runs{0};
  auto job = [&runs] { return std::vector<Job>{{"count", 4, [&runs] { ++runs; return Status::Ok(); }}}; };
  {
    JobRunner first(**a, job());
    JobRunner second(**b, job());
    // A 4 s job: each runner wakes every second; wait for the first run.
    for (int i = 0; i < 700 && runs.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_EQ(runs.load(), 1);
  }
  EXPECT_EQ(runs.load(), 1);
  // The site's jobs: the audit only when asked for.
  EXPECT_EQ(SiteJobs(**a, 0).size(), 1u);
  EXPECT_EQ(SiteJobs(**a, 86400).size(), 2u);
  EXPECT_TRUE(SiteJobs(**a, 86400)[1].run().ok());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace reel::jobs
