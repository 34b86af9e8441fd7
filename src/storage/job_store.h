// JobStore: periodic jobs that one server of several runs (src/jobs/). Any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "core/status.h"

namespace reel {

class JobStore {
 public:
  virtual ~JobStore() = default;

  // Runs `job` if its last run started at least `interval` ago (or never), on one
  // server only: the run is claimed in a transaction under a lock shared by every
  // server of the store, then `run` executes outside it and its result is recorded.
  // Returns whether this call ran the job.
  virtual Result<bool> RunJobIfDue(std::string_view job, int64_t interval_seconds,
                                   const std::function<Status()>& run) = 0;
};

}  // namespace reel
