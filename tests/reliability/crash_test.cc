// The crash test on both stores: ratings sent by real accounts over HTTP, the real
// server killed with SIGKILL three times at random moments and restarted; after each
// restart every acknowledged rating is stored and the aggregates equal a recompute
// (crash_harness.h). bench/crash runs more cycles.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "reliability/crash_harness.h"
#include "support/two_stores.h"

namespace reel::testing {
namespace {

class CrashTest : public ::testing::TestWithParam<Backend> {};

TEST_P(CrashTest, AcknowledgedRatingsSurviveSigkill) {
  const auto dir = FreshTestDir("crash");
  CrashOptions o;
  o.binary = REEL_BINARY;
  o.db = FreshStoreUrl(GetParam(), dir / "crash.db");
  ASSERT_FALSE(o.db.empty());
  o.dir = dir.string();
  o.cycles = 3;
  const CrashReport r = RunCrashCycles(o);
  std::cout << r.Summary() << " seed=" << r.seed << "\n";
  for (const auto& p : r.problems) ADD_FAILURE() << p;
  EXPECT_EQ(r.cycles, 3);
  EXPECT_GT(r.acknowledged, 0);
  EXPECT_EQ(r.lost, 0);
  EXPECT_EQ(r.drift, 0);
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Stores, CrashTest, BothStores(), BackendName);

}  // namespace
}  // namespace reel::testing
