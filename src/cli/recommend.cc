// `reel recommend eval` and `reel recommend build`: the recommender's models
// evaluated on a MovieLens ratings file with the leave-latest-out protocol
// (recommend/eval.h), and the stored neighbour lists rebuilt from the store
// (recommend/build.h).
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "recommend/build.h"
#include "recommend/eval.h"
#include "storage/store.h"

namespace reel::cli {
namespace {

struct EvalFlags {
  std::string file;
  std::vector<std::string> models;
  std::vector<std::string> params;
  std::string split = "test";
};

// `reel recommend eval FILE [--model NAME]... [--set key=value]... [--split validation]`.
Status Eval(const EvalFlags& f) {
  if (f.split != "test" && f.split != "validation") {
    return InvalidArgument("--split: 'test' or 'validation', got '" + f.split + "'");
  }
  std::vector<std::string> names = f.models.empty() ? recommend::ModelNames() : f.models;
  std::vector<std::unique_ptr<recommend::Model>> models;
  for (const auto& name : names) {
    REEL_ASSIGN_OR_RETURN(auto m, recommend::MakeModel(name, f.params));
    models.push_back(std::move(m));
  }
  REEL_ASSIGN_OR_RETURN(auto ratings, recommend::ReadRatingsFile(f.file));
  recommend::Split split = recommend::LeaveLatestOut(recommend::BuildHistories(std::move(ratings)));
  // The validation split holds out each user's second-latest: the latest of training.
  if (f.split == "validation") split = recommend::LeaveLatestOut(split.train);
  for (auto& m : models) {
    REEL_ASSIGN_OR_RETURN(auto r, recommend::Evaluate(*m, split));
    std::printf("%s\n", recommend::FormatResult(r).c_str());
    std::fflush(stdout);
  }
  return Status::Ok();
}

// `reel recommend build --db ...`: progress on stderr when it is a terminal.
Status Build(const std::string& db) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  const bool tty = isatty(fileno(stderr)) != 0;
  auto progress = [tty](const std::string& stage, int64_t done, int64_t total) {
    if (!tty) return;
    if (total > 0) {
      std::fprintf(stderr, "\r%s %lld/%lld", stage.c_str(), static_cast<long long>(done), static_cast<long long>(total));
      if (done == total) std::fprintf(stderr, "\n");
    } else {
      std::fprintf(stderr, "%s...\n", stage.c_str());
    }
  };
  REEL_ASSIGN_OR_RETURN(auto sum, recommend::RebuildStored(*store, progress));
  std::printf("model=%s ratings=%lld titles=%lld neighbours=%lld build_s=%.2f\n", recommend::kServedModel,
              static_cast<long long>(sum.ratings), static_cast<long long>(sum.titles),
              static_cast<long long>(sum.neighbours), sum.seconds);
  return Status::Ok();
}

}  // namespace

void AddRecommendCommands(Commands& c) {
  auto* rec = c.app().add_subcommand("recommend", "Recommendations: evaluate the models, build the stored lists");
  rec->require_subcommand(1);
  auto* f = new EvalFlags();  // Lives as long as the command line (flags bind to it).
  auto* eval = rec->add_subcommand("eval", "Evaluate the models on a MovieLens ratings file (leave-latest-out)");
  eval->add_option("file", f->file, "ratings.csv (with header) or tab-separated u.data")->required();
  eval->add_option("--model", f->models, "Only this model (repeatable): popularity, itemknn, ease, sequential, blend");
  eval->add_option("--set", f->params, "Override a model parameter, key=value (repeatable)");
  eval->add_option("--split", f->split, "test (the latest rating) or validation (the second-latest)")
      ->capture_default_str();
  c.On(eval, [f] { return ExitStatus(Eval(*f)); });
  auto* build = rec->add_subcommand("build", "Rebuild the stored \"you might also like\" lists from the store");
  c.AddDb(build);
  c.On(build, [&c] { return ExitStatus(Build(c.db())); });
}

}  // namespace reel::cli
