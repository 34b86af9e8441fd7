// The evaluation of grade normalisation and sentiment on real data: the Rotten
// Tomatoes critic reviews extract (rt.reviews.tsv[.gz]: id, review, rating, fresh,
// critic, top_critic, publisher, date; quoted TSV, CRLF, Latin-1 or UTF-8).
//
// It reports how many grades parse (coverage, bare numbers resolved through their
// publication's history, which may use every review's grade since grades are not
// labels) and how often a derived sentiment matches the critic's own fresh/rotten
// label: the fixed >= 60 rule (baseline_agree), the calibrated method (agree: by
// default the calibrated cut with the review text's log-odds breaking ties at mixed
// grades; agree_grade_only is the cut alone) and the text classifier alone (text_agree, over reviews with a text). Everything learnt
// is learnt honestly. Two modes:
// - cross-validation inside one file (EvalRt): k folds split by movie id, so no
//   review's label, nor any label of a review of the same movie, informs its own
//   prediction;
// - train and test files (EvalRtTrainTest): the cuts and the text classifier learn
//   from one file's labels and are scored on another file, as a site scores new
//   reviews with what it learnt from its stored history. Publication scales come from
//   the grades of both files (a site stores every review's grade; grades are not
//   labels) unless `scales_from_train_only` is set.
//
// Pure functions over their inputs (EvalRt reads one file); any thread may call them.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"
#include "scoring/sentiment.h"
#include "scoring/text_classifier.h"

namespace reel::scoring {

// How `agree` derives a sentiment from a parsed grade.
enum class GradeSentimentMethod {
  kCalibratedCut,          // SentimentCalibrator::Derive(publication, critic, grade).
  kCalibratedCutWithText,  // The same, with the review text's log-odds breaking ties at
                           // grades whose history is mixed (the cut alone without text).
};

struct RtEvalOptions {
  int folds = 5;
  GradeSentimentMethod method = GradeSentimentMethod::kCalibratedCutWithText;
  CalibratorOptions calibrator;
  TextClassifierOptions text;
  bool scales_from_train_only = false;  // EvalRtTrainTest: ignore the test file's grades.
};

struct RtEvalReport {
  int reviews = 0;  // Data rows.
  int graded = 0;   // Rows with a non-empty grade.
  int parsed = 0;   // Graded rows normalised to 0..100.
  int agree = 0;                // Parsed rows where options.method matches the label.
  int agree_grade_only = 0;     // Same, always from the calibrated cut alone (no text).
  int baseline_agree = 0;       // Parsed rows where score >= 60 matches the label.
  int with_text = 0;            // Rows with a non-empty review text.
  int text_agree = 0;           // Of those, rows where the text classifier matches.
  int bare = 0;                 // Graded rows that are bare numbers...
  int bare_resolved = 0;        // ...and of those, resolved through their publication.
  std::map<std::string, int> unparsed_reasons;  // Error message -> rows.

  static double Percent(int part, int whole) { return whole > 0 ? 100.0 * part / whole : 0; }
  double coverage_percent() const { return Percent(parsed, graded); }
  double agree_percent() const { return Percent(agree, parsed); }
  double agree_grade_only_percent() const { return Percent(agree_grade_only, parsed); }
  double baseline_agree_percent() const { return Percent(baseline_agree, parsed); }
  double text_agree_percent() const { return Percent(text_agree, with_text); }

  // "reviews=N graded=G parsed=P coverage=99.71% agree=96.37% baseline_agree=94.85%
  // text_agree=77.45%" (one line, no newline).
  std::string ToLine() const;
};

// The fold (0..folds-1) a movie id falls in: a stable hash of the id.
int FoldOf(std::string_view movie_id, int folds);

// Evaluates the file at `path` (gzip or plain).
Result<RtEvalReport> EvalRt(const std::string& path);
Result<RtEvalReport> EvalRt(const std::string& path, const RtEvalOptions& options);

// Learns from the file at `train_path` and evaluates on the file at `test_path`
// (the report counts the test file's rows only).
Result<RtEvalReport> EvalRtTrainTest(const std::string& train_path, const std::string& test_path,
                                     const RtEvalOptions& options = {});
Result<RtEvalReport> EvalRtTrainTest(std::string_view train_text, const std::string& train_name,
                                     std::string_view test_text, const std::string& test_name,
                                     const RtEvalOptions& options = {});

// Evaluates TSV text already in memory (UTF-8, or Latin-1, which is converted);
// `name` prefixes error messages ("name:12: ...").
Result<RtEvalReport> EvalRtText(std::string_view text, const std::string& name,
                                const RtEvalOptions& options = {});

}  // namespace reel::scoring
