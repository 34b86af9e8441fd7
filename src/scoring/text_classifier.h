// TextClassifier: a multinomial naive Bayes model over the words of a review's text
// that gives P(fresh). Features are lower-cased words and adjacent-word pairs, each
// counted once per text (binarised counts, which suit short quotes better than raw
// counts), with additive smoothing. It serves where a review has neither a label nor
// a usable grade, and as a tie-breaker at grades whose history is mixed
// (SentimentCalibrator::Derive with text log-odds).
//
// Threads: TextFeatures is pure. A TextClassifier is built (Add, Fit) on one thread;
// after Fit its const methods may be called from any number of threads at once.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scoring/sentiment.h"

namespace reel::scoring {

// Which features a text yields: its words alone, or its words and adjacent-word pairs.
enum class TextNgrams { kWords, kWordsAndPairs };

struct TextClassifierOptions {
  // Additive (Lidstone) smoothing of each feature's count per class.
  double smoothing = 0.5;
  TextNgrams ngrams = TextNgrams::kWordsAndPairs;
};

// A text's features as 64-bit hashes, sorted and without repeats: ASCII letters and
// digits (lower-cased), inner apostrophes and any non-ASCII bytes form words.
std::vector<uint64_t> TextFeatures(std::string_view text,
                                   TextNgrams ngrams = TextNgrams::kWordsAndPairs);

class TextClassifier {
 public:
  explicit TextClassifier(TextClassifierOptions options = {});

  // Adds one labelled text. Empty texts still count toward the class prior; a text
  // without a label (Sentiment::kNone) is ignored.
  void Add(std::string_view text, Sentiment label);
  // Adds features already computed with TextFeatures(text, options.ngrams).
  void AddFeatures(const std::vector<uint64_t>& features, Sentiment label);

  // Turns the counts into per-feature weights. Call after the last Add.
  void Fit();

  // log P(fresh | text) - log P(rotten | text); 0 before Fit.
  double FreshLogOdds(std::string_view text) const;
  double FreshLogOddsOfFeatures(const std::vector<uint64_t>& features) const;
  double FreshProbability(std::string_view text) const;
  Sentiment Classify(std::string_view text) const;

  // Distinct features seen in training.
  size_t vocabulary_size() const { return features_.size(); }

 private:
  struct Feature {
    int fresh = 0;   // Fresh texts holding the feature.
    int rotten = 0;  // Rotten texts holding the feature.
    float weight = 0;  // Its fresh log-likelihood ratio; set by Fit.
  };

  TextClassifierOptions options_;
  std::unordered_map<uint64_t, Feature> features_;
  int fresh_texts_ = 0;
  int rotten_texts_ = 0;
  double prior_log_odds_ = 0;
  bool fitted_ = false;
};

}  // namespace reel::scoring
