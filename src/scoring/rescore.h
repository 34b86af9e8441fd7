// Rescoring critic reviews: what each review's normalised grade and counted verdict
// should be, given every review in the store.
//
//  * A grade with a scale of its own is normalised as written; a bare number takes
//    the scale its publication uses in its other reviews (InferPublicationScale),
//    else it stays unscored. The raw grade is never changed.
//  * The critic's own fresh/rotten label, or an editor's decision, always wins.
//  * Otherwise a graded review's verdict comes from its grade, through the cut its
//    publication and critic draw in their labelled history (SentimentCalibrator);
//    where that history is a coin toss at this exact grade, the review's text breaks
//    the tie. That verdict counts (source "grade").
//  * A review with neither label nor grade gets a suggested verdict from a text
//    classifier trained on the labelled reviews (source "text"): shown to editors,
//    never counted until one confirms it.
//
// Rescore is a pure function; RescoreStore applies it to a store in one transaction.
// Any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/status.h"
#include "model/reviews.h"

namespace reel {
class Store;
}

namespace reel::scoring {

// Labelled texts the classifier needs before it suggests anything.
inline constexpr int kMinTextTraining = 50;

struct Verdict {
  std::optional<double> grade_score;
  Sentiment sentiment = Sentiment::kNone;
  SentimentSource source = SentimentSource::kNone;
  bool operator==(const Verdict&) const = default;
};

// One verdict per review, in the same order.
std::vector<Verdict> Rescore(const std::vector<ReviewScoringRow>& reviews);

struct RescoreReport {
  int64_t reviews = 0;
  int64_t changed = 0;       // Reviews whose grade score or verdict was rewritten.
  int64_t graded = 0;        // Reviews with a normalised grade after rescoring.
  int64_t derived = 0;       // Verdicts derived from a grade (counted).
  int64_t suggested = 0;     // Verdicts suggested from text (not counted).
};

// Rescore over every critic review of `store`, writing the changes (and so the
// aggregates) in one transaction.
Result<RescoreReport> RescoreStore(Store& store);

}  // namespace reel::scoring
