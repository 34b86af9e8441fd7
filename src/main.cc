// reel: the command-line entry point. It lists the subcommands (src/cli/, one file
// per group: what each parses, opens and prints), parses the command line and runs
// the one given; nothing here holds logic of its own.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "core/log.h"

int main(int argc, char** argv) {
  CLI::App app{"reel: a self-hostable review aggregator for TV series and films"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "reel 0.1");

  reel::cli::Commands commands(app);
  // In the order `reel --help` lists them.
  reel::cli::AddServeCommand(commands);
  reel::cli::AddUsersCommands(commands);
  reel::cli::AddVerifyCommands(commands);
  reel::cli::AddTitlesCommands(commands);
  reel::cli::AddInitCommands(commands);
  reel::cli::AddTransferCommands(commands);
  reel::cli::AddStatsCommand(commands);
  reel::cli::AddSearchCommands(commands);
  reel::cli::AddGradeCommand(commands);
  reel::cli::AddScoreCommand(commands);
  reel::cli::AddRecommendCommands(commands);

  CLI11_PARSE(app, argc, argv);
  reel::InstallLogFormat();
  return commands.RunParsed();
}
