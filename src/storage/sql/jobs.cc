// SqlStore's periodic jobs: RunJobIfDue claims a due run under a lock every server
// of the store shares, so one server runs each. Any thread.
#include <functional>
#include <string>

#include "core/date.h"
#include "core/parse.h"
#include "storage/sql_store.h"

namespace reel {

Result<bool> SqlStore::RunJobIfDue(std::string_view job, int64_t interval_seconds,
                                   const std::function<Status()>& run) {
  const std::string now = UtcTimestamp();
  bool claimed = false;
  {
    REEL_ASSIGN_OR_RETURN(auto db, Begin());
    SqlDb& d = *db;
    auto claim = [&]() -> Status {
      REEL_TRY(d.Lock(LockSpace::kJobs, static_cast<int64_t>(std::hash<std::string_view>{}(job) & 0x7fffffff)));
      REEL_ASSIGN_OR_RETURN(auto q, d.Prepare("SELECT last_started FROM job_runs WHERE job = ?"));
      q.Bind(1, job);
      std::string last;
      if (q.Step()) last = q.Text(0);
      REEL_TRY(q.Run());
      if (!last.empty()) {
        // Timestamps are "YYYY-MM-DDTHH:MM:SSZ": seconds since the epoch by hand.
        auto seconds = [](const std::string& ts) -> int64_t {
          auto d = Date::Parse(ts.substr(0, 10));
          if (!d.ok() || ts.size() < 19) return 0;
          auto part = [&ts](size_t at) { return ParseInt(std::string_view(ts).substr(at, 2)).value_or(0); };
          return d->ToDays() * 86400 + part(11) * 3600 + part(14) * 60 + part(17);
        };
        if (seconds(now) - seconds(last) < interval_seconds) return Status::Ok();
      }
      REEL_ASSIGN_OR_RETURN(auto up, d.Prepare(
          "INSERT INTO job_runs (job, last_started) VALUES (?, ?) "
          "ON CONFLICT (job) DO UPDATE SET last_started = excluded.last_started"));
      REEL_TRY(up.Bind(1, job).Bind(2, now).Run());
      claimed = true;
      return Status::Ok();
    };
    Status st = claim();
    if (st.ok()) st = d.Exec("COMMIT");
    if (!st.ok()) {
      (void)d.Exec("ROLLBACK");
      return st;
    }
  }
  if (!claimed) return false;
  const Status result = run();
  REEL_ASSIGN_OR_RETURN(auto db, Acquire());
  REEL_ASSIGN_OR_RETURN(auto done,
                        db->Prepare("UPDATE job_runs SET last_finished = ?, last_result = ? WHERE job = ?"));
  REEL_TRY(done.Bind(1, UtcTimestamp()).Bind(2, result.ToString()).Bind(3, job).Run());
  return true;
}

}  // namespace reel
