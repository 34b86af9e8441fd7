#include "scoring/sentiment.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace reel::scoring {
namespace {

// Scores are compared in thousandths so that equal grades meet exactly.
long ScoreKey(double score) { return std::lround(score * 1000.0); }

constexpr long kDefaultCutKey = static_cast<long>(kDefaultFreshCut * 1000);
// A cut above every score: everything rotten.
constexpr long kAllRottenKey = 100001;

constexpr char kSeparator = '\x1f';

double Logit(double p) {
  p = std::clamp(p, 1e-6, 1 - 1e-6);
  return std::log(p / (1 - p));
}

}  // namespace

Sentiment BaselineSentiment(double score) {
  return score >= kDefaultFreshCut ? Sentiment::kFresh : Sentiment::kRotten;
}

std::string ScaleFamily(std::string_view scale) {
  if (scale == "%") return "/100";
  size_t slash = scale.find('/');
  if (slash != std::string_view::npos) return std::string(scale.substr(slash));
  return std::string(scale);
}

SentimentCalibrator::SentimentCalibrator(CalibratorOptions options) : options_(options) {}

void SentimentCalibrator::Add(std::string_view publication, std::string_view critic,
                              const Grade& grade, Sentiment label) {
  if (label == Sentiment::kNone) return;
  std::string family = ScaleFamily(grade.scale);
  long key = ScoreKey(grade.score);
  bool fresh = label == Sentiment::kFresh;
  auto count = [&](Group& g) {
    Counts& c = g.by_score[key];
    (fresh ? c.fresh : c.rotten) += 1;
    ++g.total;
  };
  count(families_[family].all);
  if (!publication.empty()) {
    std::string pub_key = family + kSeparator + std::string(publication);
    count(publications_[pub_key]);
  }
  if (!critic.empty()) {
    std::string critic_key = family + kSeparator + std::string(publication) + kSeparator +
                             std::string(critic);
    count(critics_[critic_key]);
  }
  ++size_;
  fitted_ = false;
}

void SentimentCalibrator::FitGroup(const Family& family, const Group& parent, double shrinkage,
                                   Group* group) const {
  if (group->total < options_.min_history) {
    group->cut = parent.cut;
    group->rate = parent.rate;
    return;
  }
  const std::vector<long>& cands = family.candidates;
  int total_rotten = 0;
  for (const auto& [key, c] : group->by_score) total_rotten += c.rotten;
  std::vector<double> value(cands.size());
  auto it = group->by_score.begin();
  int fresh_below = 0;
  int rotten_below = 0;
  size_t best = 0;
  for (size_t j = 0; j < cands.size(); ++j) {
    while (it != group->by_score.end() && it->first < cands[j]) {
      fresh_below += it->second.fresh;
      rotten_below += it->second.rotten;
      ++it;
    }
    double errors = fresh_below + (total_rotten - rotten_below);
    value[j] = errors + shrinkage * parent.rate[j];
    if (j == 0) continue;
    if (value[j] < value[best] - 1e-9 ||
        (value[j] <= value[best] + 1e-9 &&
         std::labs(cands[j] - parent.cut) < std::labs(cands[best] - parent.cut))) {
      best = j;
    }
  }
  group->cut = cands[best];
  group->rate.resize(cands.size());
  for (size_t j = 0; j < cands.size(); ++j) {
    group->rate[j] = value[j] / (group->total + shrinkage);
  }
}

void SentimentCalibrator::Fit() {
  for (auto& [name, family] : families_) {
    std::vector<long>& cands = family.candidates;
    cands.clear();
    for (const auto& [key, c] : family.all.by_score) cands.push_back(key);
    cands.push_back(kDefaultCutKey);
    cands.push_back(kAllRottenKey);
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    // The fixed rule as the family's parent: a candidate cut costs the share of the
    // family's reviews on which it disagrees with the 60 rule.
    Group rule;
    rule.cut = kDefaultCutKey;
    rule.rate.assign(cands.size(), 0);
    std::vector<int> below(cands.size(), 0);  // Reviews with a score below each candidate.
    {
      auto it = family.all.by_score.begin();
      int seen = 0;
      for (size_t j = 0; j < cands.size(); ++j) {
        while (it != family.all.by_score.end() && it->first < cands[j]) {
          seen += it->second.fresh + it->second.rotten;
          ++it;
        }
        below[j] = seen;
      }
    }
    size_t rule_index =
        std::lower_bound(cands.begin(), cands.end(), kDefaultCutKey) - cands.begin();
    double n = std::max(1, family.all.total);
    for (size_t j = 0; j < cands.size(); ++j) {
      rule.rate[j] = std::abs(below[j] - below[rule_index]) / n;
    }
    FitGroup(family, rule, options_.family_shrinkage, &family.all);
  }
  auto family_of = [](const std::string& key) { return key.substr(0, key.find(kSeparator)); };
  for (auto& [key, group] : publications_) {
    const Family& family = families_.at(family_of(key));
    FitGroup(family, family.all, options_.shrinkage, &group);
  }
  for (auto& [key, group] : critics_) {
    std::string family_name = family_of(key);
    const Family& family = families_.at(family_name);
    size_t second = key.find(kSeparator, family_name.size() + 1);
    std::string pub_key = key.substr(0, second);
    auto pub = publications_.find(pub_key);
    const Group& parent = pub != publications_.end() ? pub->second : family.all;
    FitGroup(family, parent, options_.shrinkage, &group);
  }
  fitted_ = true;
}

SentimentCalibrator::Resolved SentimentCalibrator::Resolve(std::string_view publication,
                                                           std::string_view critic,
                                                           std::string_view family_name) const {
  Resolved r;
  r.cut = kDefaultCutKey;
  if (!fitted_) return r;
  auto fam = families_.find(std::string(family_name));
  if (fam == families_.end()) return r;
  r.family = &fam->second;
  r.cut = fam->second.all.cut;
  std::string pub_key = std::string(family_name) + kSeparator + std::string(publication);
  if (!publication.empty()) {
    auto pub = publications_.find(pub_key);
    if (pub != publications_.end()) {
      r.publication = &pub->second;
      r.cut = pub->second.cut;
    }
  }
  if (!critic.empty()) {
    auto cr = critics_.find(pub_key + kSeparator + std::string(critic));
    if (cr != critics_.end()) {
      r.critic = &cr->second;
      r.cut = cr->second.cut;
    }
  }
  return r;
}

double SentimentCalibrator::Cut(std::string_view publication, std::string_view critic,
                                std::string_view scale) const {
  return static_cast<double>(Resolve(publication, critic, ScaleFamily(scale)).cut) / 1000.0;
}

Sentiment SentimentCalibrator::Derive(std::string_view publication, std::string_view critic,
                                      const Grade& grade) const {
  Resolved r = Resolve(publication, critic, ScaleFamily(grade.scale));
  return ScoreKey(grade.score) >= r.cut ? Sentiment::kFresh : Sentiment::kRotten;
}

double SentimentCalibrator::FreshProbability(std::string_view publication,
                                             std::string_view critic, const Grade& grade) const {
  Resolved r = Resolve(publication, critic, ScaleFamily(grade.scale));
  long key = ScoreKey(grade.score);
  double p = key >= r.cut ? options_.cut_confidence : 1 - options_.cut_confidence;
  auto shrink = [key](const Group* g, double prior, double weight) {
    if (g == nullptr) return prior;
    auto it = g->by_score.find(key);
    if (it == g->by_score.end()) return prior;
    const Counts& c = it->second;
    return (c.fresh + weight * prior) / (c.fresh + c.rotten + weight);
  };
  if (r.family != nullptr) p = shrink(&r.family->all, p, options_.family_exact_weight);
  p = shrink(r.publication, p, options_.publication_exact_weight);
  p = shrink(r.critic, p, options_.critic_exact_weight);
  return p;
}

Sentiment SentimentCalibrator::Derive(std::string_view publication, std::string_view critic,
                                      const Grade& grade, double text_log_odds) const {
  double z = Logit(FreshProbability(publication, critic, grade)) +
             options_.text_weight * text_log_odds;
  return z >= 0 ? Sentiment::kFresh : Sentiment::kRotten;
}

}  // namespace reel::scoring
