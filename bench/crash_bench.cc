// bench/crash's engine: the crash test (tests/reliability/crash_harness.h) for as
// many cycles as asked, on a SQLite file or a private PostgreSQL server, printing
// "cycles=N acknowledged=N lost=N drift=N" and then any problem found.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "reliability/crash_harness.h"
#include "support/pg_server.h"

int main(int argc, char** argv) {
  CLI::App app{"SIGKILL the real server while writers rate titles; check every acknowledged rating survives"};
  reel::testing::CrashOptions o;
  std::string store = "sqlite";
  app.add_option("--cycles", o.cycles, "Kill and restart cycles")->capture_default_str();
  app.add_option("--writers", o.writers, "Concurrent writers")->capture_default_str();
  app.add_option("--store", store, "sqlite or postgres")->check(CLI::IsMember({"sqlite", "postgres"}));
  app.add_option("--seed", o.seed, "Random seed (0: from the clock)");
  CLI11_PARSE(app, argc, argv);

  const auto dir = std::filesystem::temp_directory_path() / ("reel-crash-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  o.binary = REEL_BINARY;
  o.dir = dir.string();
  std::unique_ptr<reel::testing::PgServer> pg;
  if (store == "postgres") {
    auto started = reel::testing::PgServer::Start();
    if (!started.ok()) {
      std::fprintf(stderr, "PostgreSQL did not start: %s\n", started.status().ToString().c_str());
      return 1;
    }
    pg = std::move(*started);
    auto url = pg->CreateDatabase("crash");
    if (!url.ok()) {
      std::fprintf(stderr, "%s\n", url.status().ToString().c_str());
      return 1;
    }
    o.db = *url;
  } else {
    o.db = "sqlite:" + (dir / "crash.db").string();
  }
  const reel::testing::CrashReport r = reel::testing::RunCrashCycles(o);
  std::printf("%s\n", r.Summary().c_str());
  std::fprintf(stderr, "store=%s writers=%d seed=%llu\n", store.c_str(), o.writers,
               static_cast<unsigned long long>(r.seed));
  for (const auto& p : r.problems) std::fprintf(stderr, "problem: %s\n", p.c_str());
  pg.reset();
  std::filesystem::remove_all(dir);
  return r.problems.empty() && r.lost == 0 && r.drift == 0 && r.cycles == o.cycles ? 0 : 1;
}
