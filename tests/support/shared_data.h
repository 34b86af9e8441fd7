// Test support: the shared data sets, real files too large for the repository
// (../shared/data beside the checkout, or the directory $REEL_SHARED_DATA names). A
// test that reads one starts with REEL_REQUIRE_SHARED_DATA(path). Where the data is
// missing the test is skipped, except under CI (the environment variable CI set to
// anything but "", "0" or "false"), where it fails and says so: CI never passes by
// skipping.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace reel::testing {

// The shared data directory.
inline std::string SharedDataDir() {
  const char* env = std::getenv("REEL_SHARED_DATA");
  return env && *env ? std::string(env) : std::string(REEL_SOURCE_DIR) + "/../shared/data";
}

// `rel` inside the shared data directory.
inline std::string SharedDataPath(const std::string& rel) { return SharedDataDir() + "/" + rel; }

// True when the environment variable CI is set to anything but "", "0" or "false".
inline bool InCi() {
  const char* ci = std::getenv("CI");
  if (!ci) return false;
  const std::string v = ci;
  return !v.empty() && v != "0" && v != "false";
}

// What a test says when the shared data it needs is missing.
inline std::string MissingSharedData(const std::string& path) {
  std::string m = "shared data not found at " + path + " (set REEL_SHARED_DATA to the shared/data directory)";
  if (InCi()) m += "; CI is set, so a test that needs it fails instead of skipping";
  return m;
}

}  // namespace reel::testing

// In a test body: skips the test when `path` (a file or directory) does not exist,
// or fails it under CI (see above).
#define REEL_REQUIRE_SHARED_DATA(path)                                                        \
  do {                                                                                        \
    const std::string reel_shared_path_ = (path);                                             \
    if (!std::filesystem::exists(reel_shared_path_)) {                                        \
      if (::reel::testing::InCi()) FAIL() << ::reel::testing::MissingSharedData(reel_shared_path_); \
      GTEST_SKIP() << ::reel::testing::MissingSharedData(reel_shared_path_);                   \
    }                                                                                         \
  } while (0)
