// Sentiment: whether a review counts as fresh (positive) or rotten (reel::Sentiment,
// model/reviews.h).
//
// The critic's own fresh/rotten label wins when there is one; callers handle that.
// Without a label the sentiment is derived from the normalised grade. The fixed rule
// is "score >= 60 is fresh" (BaselineSentiment). SentimentCalibrator learns, from
// labelled reviews, where each publication and each critic really draws the line, one
// cut per scale family ("/4", "/5", "/10", "letter", ...), since a 2.5/4 (62.5) is
// rotten for one critic and fresh for another while a 3/5 (60) is mostly fresh:
//
//   * For a group of labelled reviews, the cut is the score that maximises agreement
//     with the labels, where each candidate cut also pays `shrinkage` pseudo-reviews
//     of its parent's error rate, so thin histories stay near the parent's cut.
//   * The parents run family (whole catalogue, shrunk toward 60) -> publication ->
//     critic at that publication. A group with fewer than `min_history` labelled
//     reviews takes its parent's cut.
//   * FreshProbability adds, for the exact grade (e.g. every 2.5/4 the critic gave),
//     the share of fresh labels, shrunk level by level toward the cut's verdict; with
//     a review text's log-odds (text_classifier.h) it breaks ties at grades the
//     history shows to be a coin toss.
//
// Threads: BaselineSentiment and ScaleFamily are pure. A SentimentCalibrator is built
// (Add, Fit) on one thread; after Fit its const methods may be called from any number
// of threads at once.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scoring/grade.h"
#include "model/reviews.h"  // reel::Sentiment {kNone, kFresh, kRotten}.

namespace reel::scoring {

// The fixed rule: a normalised score of 60 or more is fresh.
inline constexpr double kDefaultFreshCut = 60;

Sentiment BaselineSentiment(double score);

// The scale family a Grade's scale belongs to, for calibration: "bare/10" and
// "stars/10" -> "/10", "%" -> "/100", "letter" -> "letter", "/4" -> "/4".
std::string ScaleFamily(std::string_view scale);

struct CalibratorOptions {
  // Labelled reviews a publication or critic needs (in one scale family) before its
  // history may move its cut away from its parent's.
  int min_history = 3;
  // Pseudo-reviews of the parent's error profile added to a group's own errors.
  double shrinkage = 5;
  // Pseudo-reviews of the fixed 60 rule's profile added to a whole family's errors.
  double family_shrinkage = 5;
  // FreshProbability: pseudo-reviews of the parent level at one exact grade, for the
  // family, publication and critic levels.
  double family_exact_weight = 1;
  double publication_exact_weight = 2;
  double critic_exact_weight = 4;
  // FreshProbability of a grade with no history at its exact score, on the fresh side
  // of the cut (and one minus it on the rotten side).
  double cut_confidence = 0.75;
  // Weight of a review text's log-odds against the grade's log-odds.
  double text_weight = 0.15;
};

class SentimentCalibrator {
 public:
  explicit SentimentCalibrator(CalibratorOptions options = {});

  // Adds one labelled review. Empty publication or critic names form no group; a
  // review without a label (Sentiment::kNone) is ignored.
  void Add(std::string_view publication, std::string_view critic, const Grade& grade,
           Sentiment label);

  // Fits every cut. Call after the last Add (Add after Fit needs another Fit). Before
  // Fit every cut is kDefaultFreshCut.
  void Fit();

  // The cut in force for this publication, critic and scale (a Grade's scale or a
  // family): scores at or above it are fresh.
  double Cut(std::string_view publication, std::string_view critic, std::string_view scale) const;

  // The sentiment from the calibrated cut (kFresh or kRotten): monotone in the score.
  Sentiment Derive(std::string_view publication, std::string_view critic, const Grade& grade) const;

  // Derive, with a review text's fresh log-odds (TextClassifier::FreshLogOdds) to
  // settle grades whose history is mixed.
  Sentiment Derive(std::string_view publication, std::string_view critic, const Grade& grade,
                   double text_log_odds) const;

  bool IsFresh(std::string_view publication, std::string_view critic, const Grade& grade) const {
    return Derive(publication, critic, grade) == Sentiment::kFresh;
  }

  // P(fresh) for this grade from the history at its exact score, shrunk toward the
  // calibrated cut's verdict.
  double FreshProbability(std::string_view publication, std::string_view critic,
                          const Grade& grade) const;

  // Number of labelled reviews added.
  int size() const { return size_; }

 private:
  struct Counts {
    int fresh = 0;
    int rotten = 0;
  };
  struct Group {
    std::map<long, Counts> by_score;  // Score in thousandths -> labels.
    int total = 0;
    long cut = 0;              // In thousandths; set by Fit.
    std::vector<double> rate;  // Shrunk error rate per candidate cut of the family.
  };
  struct Family {
    Group all;
    std::vector<long> candidates;  // Ascending candidate cuts, in thousandths.
  };
  struct Resolved {
    const Family* family = nullptr;
    const Group* publication = nullptr;
    const Group* critic = nullptr;
    long cut = 0;
  };

  Resolved Resolve(std::string_view publication, std::string_view critic,
                   std::string_view family) const;
  void FitGroup(const Family& family, const Group& parent, double shrinkage, Group* group) const;

  CalibratorOptions options_;
  std::unordered_map<std::string, Family> families_;
  std::unordered_map<std::string, Group> publications_;  // family \x1f publication.
  std::unordered_map<std::string, Group> critics_;       // family \x1f publication \x1f critic.
  bool fitted_ = false;
  int size_ = 0;
};

}  // namespace reel::scoring
