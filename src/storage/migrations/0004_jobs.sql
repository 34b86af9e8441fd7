-- reel schema, migration 4: periodic jobs. A server claims a due run of a job by
-- moving last_started under a lock, so of several servers one runs each.
CREATE TABLE job_runs (
  job TEXT PRIMARY KEY,
  last_started TEXT NOT NULL,
  last_finished TEXT,
  last_result TEXT NOT NULL DEFAULT ''
);
