#include "scoring/rescore.h"

#include <map>
#include <string_view>

#include "scoring/grade.h"
#include "scoring/sentiment.h"
#include "scoring/text_classifier.h"
#include "storage/store.h"

namespace reel::scoring {

std::vector<Verdict> Rescore(const std::vector<ReviewScoringRow>& reviews) {
  // Each publication's grades tell the scale of its bare numbers.
  std::map<std::string_view, std::vector<std::string_view>> history;
  for (const auto& r : reviews) {
    if (!r.grade_raw.empty()) history[r.publication].push_back(r.grade_raw);
  }
  std::map<std::string_view, PublicationScale> scales;
  for (const auto& [pub, grades] : history) {
    scales[pub] = pub.empty() ? PublicationScale{} : InferPublicationScale(grades);
  }

  std::vector<std::optional<Grade>> grades(reviews.size());
  for (size_t i = 0; i < reviews.size(); ++i) {
    const auto& r = reviews[i];
    if (r.grade_raw.empty()) continue;
    auto g = ParseGradeInPublication(r.grade_raw, scales[r.publication]);
    if (g.ok()) grades[i] = *g;
  }

  // Train on the critics' own labels only: editors' and derived verdicts are not
  // evidence of where a critic draws the line.
  SentimentCalibrator calibrator;
  TextClassifier classifier;
  int texts = 0;
  for (size_t i = 0; i < reviews.size(); ++i) {
    const auto& r = reviews[i];
    if (r.source != SentimentSource::kCritic || r.sentiment == Sentiment::kNone) continue;
    if (grades[i]) calibrator.Add(r.publication, r.critic, *grades[i], r.sentiment);
    if (!r.quote.empty()) {
      classifier.Add(r.quote, r.sentiment);
      ++texts;
    }
  }
  calibrator.Fit();
  classifier.Fit();

  std::vector<Verdict> out(reviews.size());
  for (size_t i = 0; i < reviews.size(); ++i) {
    const auto& r = reviews[i];
    Verdict& v = out[i];
    if (grades[i]) v.grade_score = grades[i]->score;
    if (r.source == SentimentSource::kCritic || r.source == SentimentSource::kEditor) {
      v.sentiment = r.sentiment;
      v.source = r.source;
    } else if (grades[i]) {
      v.sentiment = r.quote.empty() || texts < kMinTextTraining
                        ? calibrator.Derive(r.publication, r.critic, *grades[i])
                        : calibrator.Derive(r.publication, r.critic, *grades[i], classifier.FreshLogOdds(r.quote));
      v.source = SentimentSource::kGrade;
    } else if (!r.quote.empty() && texts >= kMinTextTraining) {
      v.sentiment = classifier.Classify(r.quote);
      v.source = SentimentSource::kText;
    }
  }
  return out;
}

Result<RescoreReport> RescoreStore(Store& store) {
  RescoreReport report;
  REEL_TRY(store.Write([&](StoreWriter& w) -> Status {
    // Read inside the write transaction, so nothing changes between read and write.
    REEL_ASSIGN_OR_RETURN(auto rows, store.ListReviewsForScoring());
    const auto verdicts = Rescore(rows);
    report.reviews = static_cast<int64_t>(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      const Verdict& v = verdicts[i];
      report.graded += v.grade_score.has_value();
      report.derived += v.source == SentimentSource::kGrade;
      report.suggested += v.source == SentimentSource::kText;
      if (v == Verdict{r.grade_score, r.sentiment, r.source}) continue;
      ++report.changed;
      REEL_TRY(w.SetReviewVerdict(r.id, v.grade_score, v.sentiment, v.source));
    }
    return Status::Ok();
  }));
  return report;
}

}  // namespace reel::scoring
