// The crash test's engine, shared by tests/reliability/crash_test.cc (3 cycles on
// each store) and bench/crash (as many cycles as asked).
//
// Writers sign up through the JSON API (real accounts, real sessions) and send
// rating PUTs to the real `reel serve`, recording every one the server
// acknowledged (200) and the one in flight when the connection broke. At a random
// moment the server is killed with SIGKILL, then started again on the same store;
// after each restart every acknowledged rating must be in the store, with its stars
// (or those of the write that was in flight after it, which may or may not have
// committed), and the stored aggregates must equal a recompute from the ratings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace reel::testing {

struct CrashOptions {
  std::string binary;    // The reel binary.
  std::string db;        // Store URL, initialised with the demo catalog by the harness.
  std::string dir;       // Scratch directory (server logs).
  int cycles = 3;
  int writers = 4;
  // The kill comes between these many milliseconds after the writers start.
  int min_kill_ms = 150;
  int max_kill_ms = 1200;
  uint64_t seed = 0;     // 0: from the clock (printed in the report).
};

struct CrashReport {
  int cycles = 0;
  int64_t acknowledged = 0;  // Rating PUTs answered 200, over all cycles.
  int64_t lost = 0;          // Acknowledged ratings missing or changed after a restart.
  int64_t drift = 0;         // Titles whose stored aggregates differed from a recompute.
  uint64_t seed = 0;
  std::vector<std::string> problems;  // What went wrong besides (setup, a server that did not restart).
  std::string Summary() const;        // "cycles=3 acknowledged=N lost=0 drift=0".
};

CrashReport RunCrashCycles(const CrashOptions& options);

}  // namespace reel::testing
