// The `reel` command's subcommands, one file per group (serve.cc, users.cc,
// store.cc, transfer.cc, scores.cc). Each Add...Command function adds its
// subcommands and their flags to the command line and registers what runs when one
// of them is the subcommand given; main.cc adds them in the order `reel --help`
// lists them, parses and runs the one chosen. The bodies open the store and call into
// reel_core; output and exit statuses are the command-line interface, kept stable.
// Used by main() on its one thread.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace CLI {
class App;
}  // namespace CLI

namespace reel::cli {

// The store used when --db is not given.
inline constexpr const char* kDefaultDb = "sqlite:var/reel.db";

// The subcommands of one command line and what runs for each. Lives until the chosen
// subcommand has run (flags are bound to storage its runners own).
class Commands {
 public:
  explicit Commands(CLI::App& app) : app_(app) {}

  CLI::App& app() { return app_; }
  // Adds --db to `cmd`; every subcommand's --db sets the one store address, db().
  void AddDb(CLI::App* cmd);
  const std::string& db() const { return db_; }
  // `run` runs when `cmd` is the subcommand given; it returns the exit status.
  void On(CLI::App* cmd, std::function<int()> run);
  // After parsing: runs the subcommand given (0 when none was registered).
  int RunParsed() const;

 private:
  CLI::App& app_;
  std::string db_ = kDefaultDb;
  std::vector<std::pair<CLI::App*, std::function<int()>>> runners_;
};

// Prints "reel: <status>" on stderr; returns exit status 1.
int Fail(const Status& st);
// 0 for Ok, else Fail(st).
int ExitStatus(const Status& st);

// In the order `reel --help` lists them.
void AddServeCommand(Commands& c);     // serve.cc: serve
void AddUsersCommands(Commands& c);    // users.cc: users add|role|critic|reset-link|list
void AddVerifyCommands(Commands& c);   // users.cc: verify import
void AddTitlesCommands(Commands& c);   // store.cc: titles rename
void AddInitCommands(Commands& c);     // store.cc: init, migrate
void AddTransferCommands(Commands& c);  // transfer.cc: export, import
void AddStatsCommand(Commands& c);     // store.cc: stats
void AddSearchCommands(Commands& c);   // search.cc: search reindex|query
void AddGradeCommand(Commands& c);     // scores.cc: grade (and --eval-rt)
void AddScoreCommand(Commands& c);     // scores.cc: score --recompute
void AddRecommendCommands(Commands& c);  // recommend.cc: recommend eval|build

}  // namespace reel::cli
