#include "scoring/rt_eval.h"

#include <cstdio>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "core/tsv.h"
#include "scoring/grade.h"

namespace reel::scoring {
namespace {

struct Row {
  std::string id;
  std::string review;
  std::string rating;
  std::string critic;
  std::string publisher;
  Sentiment label = Sentiment::kRotten;
  int fold = 0;
  std::optional<Grade> grade;
  std::vector<uint64_t> features;
  bool has_text = false;
};

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string RtEvalReport::ToLine() const {
  char buf[256];
  std::snprintf(buf, sizeof(buf),
                "reviews=%d graded=%d parsed=%d coverage=%.2f%% agree=%.2f%% "
                "baseline_agree=%.2f%% text_agree=%.2f%%",
                reviews, graded, parsed, coverage_percent(), agree_percent(),
                baseline_agree_percent(), text_agree_percent());
  return buf;
}

int FoldOf(std::string_view movie_id, int folds) {
  if (folds <= 1) return 0;
  uint64_t h = 1469598103934665603ULL;
  for (char c : movie_id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return static_cast<int>(h % static_cast<uint64_t>(folds));
}

Result<RtEvalReport> EvalRt(const std::string& path) { return EvalRt(path, RtEvalOptions{}); }

Result<RtEvalReport> EvalRt(const std::string& path, const RtEvalOptions& options) {
  REEL_ASSIGN_OR_RETURN(std::string text, ReadMaybeGzipFile(path));
  return EvalRtText(text, path, options);
}

namespace {

// The rows of one rt.reviews.tsv text, each with its fold (cross-validation) or 0.
struct RtFile {
  std::vector<Row> rows;
};

Result<RtFile> ReadRtRows(std::string_view text, const std::string& name, int folds) {
  std::string converted;
  if (!IsValidUtf8(text)) {
    converted = Latin1ToUtf8(text);
    text = converted;
  }
  DelimitedReader reader(text, '\t');
  std::vector<std::string> fields;
  Result<bool> got = reader.Next(&fields);
  if (!got.ok()) return got.status().WithContext(name + ": ");
  if (!*got) return InvalidArgument(name + ": empty file, expected a header line");
  std::unordered_map<std::string, size_t> column;
  for (size_t i = 0; i < fields.size(); ++i) column[Lower(Trim(fields[i]))] = i;
  const size_t width = fields.size();
  auto find = [&](const char* col) -> std::optional<size_t> {
    auto it = column.find(col);
    if (it == column.end()) return std::nullopt;
    return it->second;
  };
  std::optional<size_t> id_col = find("id");
  std::optional<size_t> rating_col = find("rating");
  std::optional<size_t> fresh_col = find("fresh");
  std::optional<size_t> publisher_col = find("publisher");
  std::optional<size_t> review_col = find("review");
  std::optional<size_t> critic_col = find("critic");
  for (auto [col, col_name] : {std::pair{id_col, "id"}, std::pair{rating_col, "rating"},
                               std::pair{fresh_col, "fresh"},
                               std::pair{publisher_col, "publisher"}}) {
    if (!col) return InvalidArgument(name + ":1: missing column '" + col_name + "'");
  }

  RtFile file;
  while (true) {
    got = reader.Next(&fields);
    if (!got.ok()) return got.status().WithContext(name + ": ");
    if (!*got) break;
    if (fields.size() == 1 && Trim(fields[0]).empty()) continue;  // A blank line.
    std::string where = name + ":" + std::to_string(reader.line()) + ": ";
    if (fields.size() != width) {
      return InvalidArgument(where + "expected " + std::to_string(width) + " fields, got " +
                             std::to_string(fields.size()));
    }
    Row row;
    row.id = std::string(Trim(fields[*id_col]));
    row.rating = std::string(Trim(fields[*rating_col]));
    row.publisher = std::string(Trim(fields[*publisher_col]));
    if (review_col) row.review = std::move(fields[*review_col]);
    if (critic_col) row.critic = std::string(Trim(fields[*critic_col]));
    std::string label = Lower(Trim(fields[*fresh_col]));
    if (label == "fresh") {
      row.label = Sentiment::kFresh;
    } else if (label == "rotten") {
      row.label = Sentiment::kRotten;
    } else {
      return InvalidArgument(where + "fresh: expected 'fresh' or 'rotten', got '" +
                             fields[*fresh_col] + "'");
    }
    row.fold = folds > 1 ? FoldOf(row.id, folds) : 0;
    file.rows.push_back(std::move(row));
  }
  return file;
}

// Each publication's scale for bare numbers, from the grades (not the labels) of
// every row given: a site knows the grades of every review it stores.
std::unordered_map<std::string, PublicationScale> PublicationScales(
    std::initializer_list<const std::vector<Row>*> sets) {
  std::unordered_map<std::string, std::vector<std::string_view>> history;
  for (const std::vector<Row>* rows : sets) {
    for (const Row& row : *rows) {
      if (!row.rating.empty() && !row.publisher.empty()) history[row.publisher].push_back(row.rating);
    }
  }
  std::unordered_map<std::string, PublicationScale> scales;
  for (const auto& [publisher, grades] : history) scales[publisher] = InferPublicationScale(grades);
  return scales;
}

// Parses each row's grade and text features, counting coverage and the fixed rule's
// agreement into `report`.
void PrepareRows(std::vector<Row>& rows, const std::unordered_map<std::string, PublicationScale>& scales,
                 const RtEvalOptions& options, RtEvalReport* report) {
  const PublicationScale kUnknown;
  for (Row& row : rows) {
    std::string_view review = Trim(row.review);
    if (!review.empty()) {
      row.has_text = true;
      row.features = TextFeatures(review, options.text.ngrams);
    }
    if (row.rating.empty()) continue;
    auto scale = scales.find(row.publisher);
    Result<Grade> grade =
        ParseGradeInPublication(row.rating, scale != scales.end() ? scale->second : kUnknown);
    if (report == nullptr) {
      if (grade.ok()) row.grade = std::move(*grade);
      continue;
    }
    ++report->graded;
    const bool bare = IsBareNumber(row.rating);
    if (bare) ++report->bare;
    if (!grade.ok()) {
      ++report->unparsed_reasons[grade.status().message()];
      continue;
    }
    if (bare) ++report->bare_resolved;
    ++report->parsed;
    if (BaselineSentiment(grade->score) == row.label) ++report->baseline_agree;
    row.grade = std::move(*grade);
  }
}

// Learns from `train` rows for which `use` holds, then scores the `test` rows for
// which `take` holds into `report`.
template <typename Use, typename Take>
void LearnAndScore(const std::vector<Row>& train, Use use, const std::vector<Row>& test, Take take,
                   const RtEvalOptions& options, RtEvalReport* report) {
  SentimentCalibrator calibrator(options.calibrator);
  TextClassifier classifier(options.text);
  for (const Row& row : train) {
    if (!use(row)) continue;
    if (row.grade) calibrator.Add(row.publisher, row.critic, *row.grade, row.label);
    if (row.has_text) classifier.AddFeatures(row.features, row.label);
  }
  calibrator.Fit();
  classifier.Fit();
  for (const Row& row : test) {
    if (!take(row)) continue;
    std::optional<double> log_odds;
    if (row.has_text) {
      ++report->with_text;
      log_odds = classifier.FreshLogOddsOfFeatures(row.features);
      Sentiment by_text = *log_odds >= 0 ? Sentiment::kFresh : Sentiment::kRotten;
      if (by_text == row.label) ++report->text_agree;
    }
    if (!row.grade) continue;
    if (calibrator.Derive(row.publisher, row.critic, *row.grade) == row.label) ++report->agree_grade_only;
    const bool with_text = log_odds && options.method == GradeSentimentMethod::kCalibratedCutWithText;
    Sentiment derived = with_text ? calibrator.Derive(row.publisher, row.critic, *row.grade, *log_odds)
                                  : calibrator.Derive(row.publisher, row.critic, *row.grade);
    if (derived == row.label) ++report->agree;
  }
}

}  // namespace

Result<RtEvalReport> EvalRtText(std::string_view text, const std::string& name,
                                const RtEvalOptions& options) {
  if (options.folds < 2) return InvalidArgument("folds must be at least 2");
  REEL_ASSIGN_OR_RETURN(RtFile file, ReadRtRows(text, name, options.folds));
  std::vector<Row>& rows = file.rows;
  RtEvalReport report;
  report.reviews = static_cast<int>(rows.size());
  PrepareRows(rows, PublicationScales({&rows}), options, &report);
  for (int fold = 0; fold < options.folds; ++fold) {
    LearnAndScore(
        rows, [fold](const Row& r) { return r.fold != fold; }, rows,
        [fold](const Row& r) { return r.fold == fold; }, options, &report);
  }
  return report;
}

Result<RtEvalReport> EvalRtTrainTest(std::string_view train_text, const std::string& train_name,
                                     std::string_view test_text, const std::string& test_name,
                                     const RtEvalOptions& options) {
  REEL_ASSIGN_OR_RETURN(RtFile train, ReadRtRows(train_text, train_name, 1));
  REEL_ASSIGN_OR_RETURN(RtFile test, ReadRtRows(test_text, test_name, 1));
  RtEvalReport report;
  report.reviews = static_cast<int>(test.rows.size());
  // Scales come from every grade the site would hold (grades are not labels); the
  // labels that calibrate the cuts and train the text classifier are the train file's.
  const auto scales = options.scales_from_train_only ? PublicationScales({&train.rows})
                                                     : PublicationScales({&train.rows, &test.rows});
  PrepareRows(train.rows, scales, options, nullptr);
  PrepareRows(test.rows, scales, options, &report);
  auto all = [](const Row&) { return true; };
  LearnAndScore(train.rows, all, test.rows, all, options, &report);
  return report;
}

Result<RtEvalReport> EvalRtTrainTest(const std::string& train_path, const std::string& test_path,
                                     const RtEvalOptions& options) {
  REEL_ASSIGN_OR_RETURN(std::string train, ReadMaybeGzipFile(train_path));
  REEL_ASSIGN_OR_RETURN(std::string test, ReadMaybeGzipFile(test_path));
  return EvalRtTrainTest(train, train_path, test, test_path, options);
}

}  // namespace reel::scoring
