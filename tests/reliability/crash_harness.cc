// The crash test's engine (crash_harness.h): writers, the killer, and the check
// after each restart.
#include "reliability/crash_harness.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <regex>
#include <stdexcept>
#include <thread>

#include "catalog/title_paths.h"
#include "http/reel_server.h"
#include "storage/store.h"

namespace reel::testing {

namespace {

// A title a writer rates: its id and the API address of its rating.
struct RatedTitle {
  Id id = 0;
  std::string rating_path;  // "/api/v1/tv/x/s01/rating"
};

// A writer's account.
struct Writer {
  std::string username;
  Id user_id = 0;
  std::string token;
};

// What is known of one (user, title) rating: the stars last acknowledged, and the
// stars of writes sent after it whose answer never came (each may have committed).
struct Expected {
  bool acknowledged = false;
  double stars = 0;
  std::vector<double> maybe;
};

using Key = std::pair<Id, Id>;  // user, title

std::string Capture(const std::string& body, const std::string& pattern) {
  std::smatch m;
  const std::regex re(pattern);
  return std::regex_search(body, m, re) ? m[1].str() : "";
}

// Every season, episode and film of the store, with its rating's API address.
std::vector<RatedTitle> ListRatedTitles(Store& store) {
  std::vector<RatedTitle> out;
  TitleQuery q;
  q.kinds = {TitleKind::kSeries, TitleKind::kFilm};
  auto titles = store.ListTitles(q);
  if (!titles.ok()) throw std::runtime_error(titles.status().ToString());
  for (const Title& t : *titles) {
    if (t.kind == TitleKind::kFilm) {
      out.push_back({t.id, "/api/v1" + catalog::FilmPath(t) + "/rating"});
      continue;
    }
    auto seasons = store.ListChildren(t.id);
    if (!seasons.ok()) throw std::runtime_error(seasons.status().ToString());
    for (const Title& s : *seasons) {
      out.push_back({s.id, "/api/v1" + catalog::SeasonPath(t, s.number) + "/rating"});
      auto episodes = store.ListChildren(s.id);
      if (!episodes.ok()) throw std::runtime_error(episodes.status().ToString());
      for (const Title& e : *episodes) {
        out.push_back({e.id, "/api/v1" + catalog::EpisodePath(t, s.number, e.number) + "/rating"});
      }
    }
  }
  return out;
}

// Signs a writer up and in through the API.
Writer SignUp(int port, const std::string& username) {
  const std::string json = "Content-Type: application/json\r\n";
  const std::string creds = "\"username\":\"" + username + "\",\"password\":\"a long passphrase\"";
  auto made = HttpSend(port, "POST", "/api/v1/users", json, "{" + creds + ",\"email\":\"" + username + "@example.org\"}");
  if (made.status != 201) throw std::runtime_error("sign-up of " + username + ": " + made.body);
  auto session = HttpSend(port, "POST", "/api/v1/session", json, "{" + creds + "}");
  if (session.status != 201) throw std::runtime_error("sign-in of " + username + ": " + session.body);
  Writer w{username, std::stoll(Capture(made.body, "\"id\":(\\d+)")), Capture(session.body, "\"token\":\"([^\"]+)\"")};
  if (w.token.empty()) throw std::runtime_error("no token in " + session.body);
  return w;
}

class Run {
 public:
  explicit Run(const CrashOptions& o) : o_(o) {}

  CrashReport Go() {
    report_.seed = o_.seed ? o_.seed : static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    rng_.seed(report_.seed);
    if (RunCommand(o_.binary + " init --demo --db '" + o_.db + "' > /dev/null 2>&1") != 0) {
      report_.problems.push_back("reel init --demo failed on " + o_.db);
      return report_;
    }
    {
      auto store = Store::Open(o_.db);
      if (!store.ok()) return Fail("opening the store: " + store.status().ToString());
      titles_ = ListRatedTitles(**store);
    }
    for (int cycle = 0; cycle < o_.cycles; ++cycle) {
      auto server = Start(cycle);
      if (!server) return report_;
      if (cycle > 0) Verify();
      if (writers_.empty()) {
        for (int i = 0; i < o_.writers; ++i) writers_.push_back(SignUp(server->port(), "crash_writer" + std::to_string(i)));
      }
      WriteUntilKilled(*server);
      ++report_.cycles;
    }
    if (auto server = Start(o_.cycles)) Verify();
    return report_;
  }

 private:
  CrashReport Fail(const std::string& why) {
    report_.problems.push_back(why);
    return report_;
  }

  std::unique_ptr<ReelServer> Start(int n) {
    try {
      return std::make_unique<ReelServer>(o_.binary, o_.db, o_.dir + "/serve" + std::to_string(n) + ".log",
                                          std::vector<std::string>{"--audit-interval", "0"});
    } catch (const std::exception& e) {
      report_.problems.push_back("restart " + std::to_string(n) + ": " + e.what());
      return nullptr;
    }
  }

  // Writers rate titles as fast as the server answers until it is killed.
  void WriteUntilKilled(ReelServer& server) {
    const int port = server.port();
    std::uniform_int_distribution<int> kill_after(o_.min_kill_ms, o_.max_kill_ms);
    const int delay = kill_after(rng_);
    std::vector<std::thread> threads;
    for (size_t w = 0; w < writers_.size(); ++w) {
      threads.emplace_back([this, w, port, seed = rng_()] { WriteLoop(writers_[w], port, seed); });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    server.Kill();
    for (auto& t : threads) t.join();
  }

  void WriteLoop(const Writer& w, int port, uint64_t seed) {
    std::mt19937_64 rng(seed);
    const std::string headers = "Content-Type: application/json\r\nAuthorization: Bearer " + w.token + "\r\n";
    for (;;) {
      const RatedTitle& t = titles_[rng() % titles_.size()];
      const double stars = 0.5 * static_cast<double>(1 + rng() % 10);
      char body[64];
      std::snprintf(body, sizeof body, "{\"stars\":%.1f}", stars);
      int status = 0;
      try {
        status = HttpSend(port, "PUT", t.rating_path, headers, body).status;
      } catch (const std::exception&) {
        status = -1;  // The server went away: the write may or may not have committed.
      }
      std::lock_guard lock(mu_);
      Expected& e = expected_[{w.user_id, t.id}];
      if (status == 200) {
        e.acknowledged = true;
        e.stars = stars;
        e.maybe.clear();
        ++report_.acknowledged;
      } else {
        e.maybe.push_back(stars);
      }
      if (status == -1) return;
    }
  }

  // Every acknowledged rating is stored with its stars (or a later unanswered
  // write's), and the aggregates equal a recompute. What is stored becomes the
  // known state for the next cycle.
  void Verify() {
    auto opened = Store::Open(o_.db);
    if (!opened.ok()) {
      report_.problems.push_back("opening the store after a restart: " + opened.status().ToString());
      return;
    }
    Store& store = **opened;
    for (auto& [key, e] : expected_) {
      auto stored = store.GetRating(key.first, key.second);
      const bool found = stored.ok();
      const double stars = found ? stored->stars : 0;
      const bool matches_maybe = found && std::find(e.maybe.begin(), e.maybe.end(), stars) != e.maybe.end();
      if (e.acknowledged && (!found || (stars != e.stars && !matches_maybe))) {
        ++report_.lost;
        if (report_.problems.size() < 20) {
          report_.problems.push_back("user " + std::to_string(key.first) + " title " + std::to_string(key.second) +
                                     ": acknowledged " + std::to_string(e.stars) + ", stored " +
                                     (found ? std::to_string(stars) : "nothing"));
        }
      } else if (!e.acknowledged && found && !matches_maybe) {
        report_.problems.push_back("user " + std::to_string(key.first) + " title " + std::to_string(key.second) +
                                   ": stored " + std::to_string(stars) + " was never sent");
      }
      e.acknowledged = found;
      e.stars = stars;
      e.maybe.clear();
    }
    auto audit = store.RecomputeAggregates();
    if (!audit.ok()) {
      report_.problems.push_back("recompute: " + audit.status().ToString());
      return;
    }
    report_.drift += audit->drifted;
    for (const auto& example : audit->examples) {
      if (report_.problems.size() < 20) report_.problems.push_back("drift: " + example);
    }
  }

  const CrashOptions& o_;
  CrashReport report_;
  std::mt19937_64 rng_;
  std::vector<RatedTitle> titles_;
  std::vector<Writer> writers_;
  std::mutex mu_;
  std::map<Key, Expected> expected_;  // Guarded by mu_ while writers run.
};

}  // namespace

std::string CrashReport::Summary() const {
  return "cycles=" + std::to_string(cycles) + " acknowledged=" + std::to_string(acknowledged) +
         " lost=" + std::to_string(lost) + " drift=" + std::to_string(drift);
}

CrashReport RunCrashCycles(const CrashOptions& options) { return Run(options).Go(); }

}  // namespace reel::testing
