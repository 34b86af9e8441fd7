// `reel grade` and `reel score`: critic grades normalised as the store would
// (scoring/grade.h), the grade model evaluated on an RT extract (scoring/rt_eval.h),
// and every grade, verdict and aggregate in the store re-derived with the drift
// reported (scoring/rescore.h).
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "scoring/grade.h"
#include "scoring/rescore.h"
#include "scoring/rt_eval.h"
#include "storage/store.h"

namespace reel::cli {
namespace {

struct GradeFlags {
  std::vector<std::string> grades;
  std::string publication, eval_rt, train;
};

// `reel grade --eval-rt FILE [--train FILE]`.
Status EvalGrades(const GradeFlags& f) {
  if (!f.train.empty()) {
    // Both modes: learnt from the train file, then cross-validated inside the file.
    REEL_ASSIGN_OR_RETURN(const auto held_out, scoring::EvalRtTrainTest(f.train, f.eval_rt));
    std::printf("mode=train-test %s\n", held_out.ToLine().c_str());
    REEL_ASSIGN_OR_RETURN(const auto within, scoring::EvalRt(f.eval_rt));
    std::printf("mode=cross-validation %s\n", within.ToLine().c_str());
    return Status::Ok();
  }
  REEL_ASSIGN_OR_RETURN(const auto report, scoring::EvalRt(f.eval_rt));
  std::printf("%s\n", report.ToLine().c_str());
  return Status::Ok();
}

// `reel grade`: one line per grade given as arguments, or per line of stdin.
Status Grade(const std::string& db, const GradeFlags& f) {
  if (!f.eval_rt.empty()) return EvalGrades(f);
  if (!f.train.empty()) return InvalidArgument("--train: give the file to evaluate with --eval-rt");
  std::optional<scoring::PublicationScale> scale;
  if (!f.publication.empty()) {
    REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
    REEL_ASSIGN_OR_RETURN(const auto history, store->ListPublicationGrades(f.publication));
    std::vector<std::string_view> views(history.begin(), history.end());
    scale = scoring::InferPublicationScale(views);
  }
  auto line = [&](const std::string& g) {
    // With a publication, bare numbers take the scale of its history.
    return scale ? scoring::FormatGradeLine(g, scoring::ParseGradeInPublication(g, *scale))
                 : scoring::FormatGradeLine(g);
  };
  if (!f.grades.empty()) {
    for (const auto& g : f.grades) std::printf("%s\n", line(g).c_str());
    return Status::Ok();
  }
  std::string g;
  while (std::getline(std::cin, g)) {
    if (!g.empty() && g.back() == '\r') g.pop_back();
    std::printf("%s\n", line(g).c_str());
  }
  return Status::Ok();
}

// `reel score --recompute`: rebuilds every title's aggregates and reports drift.
Status Recompute(const std::string& db) {
  REEL_ASSIGN_OR_RETURN(auto store, Store::Open(db));
  // Grades and verdicts first (they feed the aggregates), then the aggregates.
  REEL_ASSIGN_OR_RETURN(const auto rescored, scoring::RescoreStore(*store));
  std::printf("critic_reviews=%lld graded=%lld derived=%lld suggested=%lld changed=%lld\n",
              static_cast<long long>(rescored.reviews), static_cast<long long>(rescored.graded),
              static_cast<long long>(rescored.derived), static_cast<long long>(rescored.suggested),
              static_cast<long long>(rescored.changed));
  REEL_ASSIGN_OR_RETURN(const auto report, store->RecomputeAggregates());
  std::printf("titles=%lld reviews=%lld ratings=%lld drifted=%lld\n", static_cast<long long>(report.titles),
              static_cast<long long>(report.reviews), static_cast<long long>(report.ratings),
              static_cast<long long>(report.drifted));
  for (const auto& e : report.examples) std::printf("drift: %s\n", e.c_str());
  return Status::Ok();
}

}  // namespace

void AddGradeCommand(Commands& c) {
  auto f = std::make_shared<GradeFlags>();
  auto* grade = c.app().add_subcommand("grade", "Normalise critic grades: GRADE... or one per line on stdin");
  grade->add_option("grades", f->grades, "Grades as written (\"3/5\", \"B+\", \"★★★½\")");
  grade->add_option("--publication", f->publication,
                    "Publication slug whose history gives bare numbers a scale (needs --db)");
  grade->add_option("--eval-rt", f->eval_rt,
                    "Evaluate on a file in the rt.reviews.tsv[.gz] layout and print one summary line "
                    "(5-fold cross-validation by movie inside the file)");
  grade->add_option("--train", f->train,
                    "With --eval-rt: learn from this file instead, evaluate on the --eval-rt file, and print "
                    "a line for each mode (mode=train-test, mode=cross-validation)");
  c.AddDb(grade);
  c.On(grade, [&c, f] { return ExitStatus(Grade(c.db(), *f)); });
}

void AddScoreCommand(Commands& c) {
  auto recompute = std::make_shared<bool>(false);
  auto* score = c.app().add_subcommand(
      "score", "Score maintenance: --recompute re-derives grades and verdicts, rebuilds aggregates, reports drift");
  score->add_flag("--recompute", *recompute,
                  "Normalise every grade (bare numbers by publication), derive unlabelled verdicts, "
                  "rebuild every title's aggregates and report drift");
  c.AddDb(score);
  c.On(score, [&c, recompute] {
    if (!*recompute) {
      std::fprintf(stderr, "reel score: nothing to do (use --recompute)\n");
      return 2;
    }
    return ExitStatus(Recompute(c.db()));
  });
}

}  // namespace reel::cli
