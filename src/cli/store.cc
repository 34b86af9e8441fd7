// `reel init`, `reel migrate`, `reel stats` and `reel titles rename`: the store
// itself (made, migrated, loaded with the demo catalog, counted) and the one
// catalog edit the command line offers.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "ingest/catalog_json.h"
#include "ingest/title_names.h"
#include "news/demo_news.h"
#include "storage/store.h"

namespace reel::cli {
namespace {

Status Init(const std::string& db, bool demo) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  REEL_ASSIGN_OR_RETURN(const int version, store->SchemaVersion());
  std::printf("%s: schema version %d\n", db.c_str(), version);
  if (demo) {
    REEL_ASSIGN_OR_RETURN(const auto stats, LoadDemoCatalog(*store));
    std::printf("demo catalog: %lld titles, %lld people, %lld credits, %lld critic reviews, %lld ratings\n",
                static_cast<long long>(stats.titles), static_cast<long long>(stats.people),
                static_cast<long long>(stats.credits), static_cast<long long>(stats.critic_reviews),
                static_cast<long long>(stats.ratings));
    REEL_ASSIGN_OR_RETURN(const auto news, news::LoadDemoNews(*store));
    std::printf("demo news: %d articles, %d facts, %d lists\n", news.articles, news.facts, news.lists);
  }
  return Status::Ok();
}

Status Stats(const std::string& db) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  REEL_ASSIGN_OR_RETURN(const auto counts, store->CountRows());
  for (const auto& [name, n] : counts) std::printf("%s=%lld\n", name.c_str(), static_cast<long long>(n));
  return Status::Ok();
}

struct RenameFlags {
  std::string which, name;
  int year = 0;
};

Status TitlesRename(const std::string& db, const RenameFlags& f) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  REEL_ASSIGN_OR_RETURN(const auto renamed, ingest::RenameTitle(*store, f.which, f.name,
                                                                 f.year ? std::optional<int>(f.year) : std::nullopt));
  auto shown = [](const Title& t) {
    return "\"" + t.name + "\"" + (t.release ? " (" + std::to_string(t.release->year()) + ")" : "") +
           (t.untitled ? " (untitled)" : "");
  };
  std::printf("renamed %s: %s -> %s\n", renamed.path.c_str(), shown(renamed.before).c_str(),
              shown(renamed.after).c_str());
  return Status::Ok();
}

}  // namespace

void AddTitlesCommands(Commands& c) {
  auto f = std::make_shared<RenameFlags>();
  auto* titles = c.app().add_subcommand("titles", "Titles: rename");
  titles->require_subcommand(1);
  auto* rename = titles->add_subcommand(
      "rename", "Name a film or series (an untitled import such as \"RT movie 5\" is listed once named); "
                "its address stays");
  rename->add_option("title", f->which, "The title: its page's address (/m/rt-5, /tv/SLUG) or its slug")
      ->required();
  rename->add_option("name", f->name, "The new name")->required();
  rename->add_option("--year", f->year, "The release year (kept when the stored date is in that year)");
  c.AddDb(rename);
  c.On(rename, [&c, f] { return ExitStatus(TitlesRename(c.db(), *f)); });
}

void AddInitCommands(Commands& c) {
  auto demo = std::make_shared<bool>(false);
  auto* init = c.app().add_subcommand("init", "Create the store (applying migrations); --demo loads the demo catalog");
  c.AddDb(init);
  init->add_flag("--demo", *demo, "Load the demo catalog (loading it again changes nothing)");
  auto* migrate = c.app().add_subcommand("migrate", "Apply pending schema migrations and print the version");
  c.AddDb(migrate);
  c.On(init, [&c, demo] { return ExitStatus(Init(c.db(), *demo)); });
  c.On(migrate, [&c] { return ExitStatus(Init(c.db(), false)); });
}

void AddStatsCommand(Commands& c) {
  auto* stats = c.app().add_subcommand("stats", "Print one name=count line per entity");
  c.AddDb(stats);
  c.On(stats, [&c] { return ExitStatus(Stats(c.db())); });
}

}  // namespace reel::cli
