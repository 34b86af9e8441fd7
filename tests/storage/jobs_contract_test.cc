// The store contract, jobs slice (storage/job_store.h; sql/jobs.cc): a periodic
// job due on several servers at once runs on one of them.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "store_contract.h"

namespace reel {
namespace {

// Four "servers" (threads, each through its own connection) find the same job due
// at once: exactly one runs it, and it is not due again within its interval.
TEST_P(StoreContractTest, APeriodicJobRunsOnOneServer) {
  std::atomic<int> runs{0}, ran{0};
  std::vector<std::thread> servers;
  for (int i = 0; i < 4; ++i) {
    servers.emplace_back([&] {
      auto r = store_->RunJobIfDue("audit", 3600, [&] {
        ++runs;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return Status::Ok();
      });
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      ran += *r;
    });
  }
  for (auto& t : servers) t.join();
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(ran, 1);
  auto again = store_->RunJobIfDue("audit", 3600, [] { return Status::Ok(); });
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  // With no interval it is due at once; a failure is recorded, not thrown.
  auto failing = store_->RunJobIfDue("audit", 0, [] { return Internal("it broke"); });
  ASSERT_TRUE(failing.ok());
  EXPECT_TRUE(*failing);
}

}  // namespace
}  // namespace reel
