// The subcommand registry shared by the files of src/cli (commands.h).
#include "cli/commands.h"

#include <cstdio>

#include <CLI/CLI.hpp>

namespace reel::cli {

void Commands::AddDb(CLI::App* cmd) {
  cmd->add_option("--db", db_, "Store: sqlite:PATH (or a bare path), or a postgresql:// URL")->capture_default_str();
}

void Commands::On(CLI::App* cmd, std::function<int()> run) { runners_.emplace_back(cmd, std::move(run)); }

int Commands::RunParsed() const {
  for (const auto& [cmd, run] : runners_) {
    if (cmd->parsed()) return run();
  }
  return 0;
}

int Fail(const Status& st) {
  std::fprintf(stderr, "reel: %s\n", st.ToString().c_str());
  return 1;
}

int ExitStatus(const Status& st) { return st.ok() ? 0 : Fail(st); }

}  // namespace reel::cli
