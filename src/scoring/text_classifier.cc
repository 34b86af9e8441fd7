#include "scoring/text_classifier.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace reel::scoring {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;
// Keeps pair hashes apart from word hashes.
constexpr uint64_t kPairSalt = 0x9E3779B97F4A7C15ULL;

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c >= 0x80 || c == '\'';
}

uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB3F53FE1A85BULL;
  x ^= x >> 33;
  return x;
}

}  // namespace

std::vector<uint64_t> TextFeatures(std::string_view text, TextNgrams ngrams) {
  const bool pairs = ngrams == TextNgrams::kWordsAndPairs;
  std::vector<uint64_t> out;
  uint64_t previous = 0;
  bool has_previous = false;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < n && IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    size_t end = i;
    // Apostrophes only inside a word ("isn't", not "'quoted'").
    while (start < end && text[start] == '\'') ++start;
    while (end > start && text[end - 1] == '\'') --end;
    if (start == end) continue;
    uint64_t h = kFnvOffset;
    for (size_t k = start; k < end; ++k) {
      unsigned char c = static_cast<unsigned char>(text[k]);
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
      h = (h ^ c) * kFnvPrime;
    }
    out.push_back(h);
    if (pairs && has_previous) out.push_back(Mix(previous * 31 + h + kPairSalt));
    previous = h;
    has_previous = true;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TextClassifier::TextClassifier(TextClassifierOptions options) : options_(options) {}

void TextClassifier::Add(std::string_view text, Sentiment label) {
  AddFeatures(TextFeatures(text, options_.ngrams), label);
}

void TextClassifier::AddFeatures(const std::vector<uint64_t>& features, Sentiment label) {
  if (label == Sentiment::kNone) return;
  bool fresh = label == Sentiment::kFresh;
  (fresh ? fresh_texts_ : rotten_texts_) += 1;
  for (uint64_t f : features) {
    Feature& c = features_[f];
    (fresh ? c.fresh : c.rotten) += 1;
  }
  fitted_ = false;
}

void TextClassifier::Fit() {
  double fresh_total = 0;
  double rotten_total = 0;
  for (const auto& [f, c] : features_) {
    fresh_total += c.fresh;
    rotten_total += c.rotten;
  }
  const double a = options_.smoothing;
  const double v = static_cast<double>(features_.size());
  const double fresh_denominator = std::log(fresh_total + a * v);
  const double rotten_denominator = std::log(rotten_total + a * v);
  for (auto& [f, c] : features_) {
    c.weight = static_cast<float>((std::log(c.fresh + a) - fresh_denominator) -
                                  (std::log(c.rotten + a) - rotten_denominator));
  }
  prior_log_odds_ = std::log((fresh_texts_ + 1.0) / (rotten_texts_ + 1.0));
  fitted_ = true;
}

double TextClassifier::FreshLogOddsOfFeatures(const std::vector<uint64_t>& features) const {
  if (!fitted_) return 0;
  double z = prior_log_odds_;
  for (uint64_t f : features) {
    auto it = features_.find(f);
    if (it != features_.end()) z += it->second.weight;
  }
  return z;
}

double TextClassifier::FreshLogOdds(std::string_view text) const {
  return FreshLogOddsOfFeatures(TextFeatures(text, options_.ngrams));
}

double TextClassifier::FreshProbability(std::string_view text) const {
  double z = FreshLogOdds(text);
  return 1.0 / (1.0 + std::exp(-z));
}

Sentiment TextClassifier::Classify(std::string_view text) const {
  return FreshLogOdds(text) >= 0 ? Sentiment::kFresh : Sentiment::kRotten;
}

}  // namespace reel::scoring
