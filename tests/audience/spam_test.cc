#include "audience/spam.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef REEL_SOURCE_DIR
#define REEL_SOURCE_DIR "."
#endif

namespace reel::audience {
namespace {

bool HasToken(const SpamFeatures& f, const std::string& token) {
  return std::binary_search(f.tokens.begin(), f.tokens.end(), token);
}

SpamInput Member(std::string text, double age_days = 400) {
  SpamInput in;
  in.text = std::move(text);
  in.author_name = "dana";
  in.account_age_days = age_days;
  return in;
}

SpamInput Guest(std::string text, std::string name = "Sam") {
  SpamInput in;
  in.text = std::move(text);
  in.author_name = std::move(name);
  in.guest = true;
  return in;
}

// ---- Features ---------------------------------------------------------------------

TEST(SpamFeaturesTest, CountsLinksAndNamesTheirSites) {
  SpamFeatures f = ExtractSpamFeatures(
      Member("Cheap pills at https://www.Cheap-Pills.xyz/buy-now, or www.pills.top and pills-shop.online!"));
  EXPECT_EQ(f.links, 3);
  EXPECT_TRUE(HasToken(f, "site:cheap-pills.xyz"));  // Lower-cased, without "www.".
  EXPECT_TRUE(HasToken(f, "site:pills.top"));
  EXPECT_TRUE(HasToken(f, "site:pills-shop.online"));
  EXPECT_TRUE(HasToken(f, "tld:xyz"));
  // Words of hosts and paths are ordinary tokens.
  EXPECT_TRUE(HasToken(f, "buy"));
  EXPECT_TRUE(HasToken(f, "shop"));
  EXPECT_EQ(f.words, 5);  // "Cheap pills at ... or ... and": links are not words.
}

TEST(SpamFeaturesTest, DotsInOrdinaryTextAreNotLinks) {
  EXPECT_EQ(
      ExtractSpamFeatures(Member("Mr.Robot and S.H.I.E.L.D. were great, e.g. season 2.Then it fell off."))
          .links,
      0);
  EXPECT_EQ(ExtractSpamFeatures(Member("It ended at 10.30pm, rated 4.5 out of 5.")).links, 0);
  EXPECT_EQ(ExtractSpamFeatures(Member("See variety.com for the interview")).links, 1);
  // A link glued to the text before it still counts.
  EXPECT_EQ(ExtractSpamFeatures(Member("here:https://example.org/a")).links, 1);
}

TEST(SpamFeaturesTest, AuthorWebsiteCountsAsALink) {
  SpamInput in = Guest("Nice post, very informative.", "Best SEO");
  in.author_url = "https://seo-rank.top/services";
  SpamFeatures f = ExtractSpamFeatures(in);
  EXPECT_EQ(f.links, 1);
  EXPECT_TRUE(HasToken(f, "site:seo-rank.top"));
  EXPECT_TRUE(HasToken(f, "name:seo"));
  EXPECT_TRUE(HasToken(f, "name:best"));
}

TEST(SpamFeaturesTest, FindsContactDetails) {
  SpamFeatures email = ExtractSpamFeatures(Member("Write to recover.funds@protonmail.com today"));
  EXPECT_TRUE(email.has_contact);
  EXPECT_TRUE(HasToken(email, "has:email"));
  EXPECT_TRUE(HasToken(email, "site:protonmail.com"));
  EXPECT_EQ(email.links, 0);
  EXPECT_TRUE(ExtractSpamFeatures(Member("WhatsApp +1 (702) 555-0147 now")).has_contact);
  EXPECT_TRUE(ExtractSpamFeatures(Member("call 9876543210")).has_contact);
  // Dates, scores and years are not phone numbers.
  EXPECT_FALSE(ExtractSpamFeatures(Member("Aired 2022-03-03, 8.5/10, seasons 2019-2023")).has_contact);
}

TEST(SpamFeaturesTest, ShoutingNeedsEnoughLetters) {
  SpamFeatures shout = ExtractSpamFeatures(Member("EARN $500 DAILY FROM HOME!!! MESSAGE ME NOW"));
  EXPECT_TRUE(shout.shouting);
  EXPECT_GT(shout.caps_share, 0.99);
  EXPECT_FALSE(ExtractSpamFeatures(Member("OMG yes")).shouting);  // Too few letters.
  EXPECT_FALSE(ExtractSpamFeatures(Member("The BBC and HBO made it together in 2019.")).shouting);
}

TEST(SpamFeaturesTest, MeasuresRepetitionAndCollapsesRuns) {
  SpamFeatures rep = ExtractSpamFeatures(Member("buy now buy now buy now"));
  EXPECT_DOUBLE_EQ(rep.repeated_share, 0.5);  // 2 of 4 word triples seen before.
  EXPECT_DOUBLE_EQ(ExtractSpamFeatures(Member("buy now")).repeated_share, 0);  // Too short.
  EXPECT_DOUBLE_EQ(
      ExtractSpamFeatures(Member("the finale of the show was the best part of the season")).repeated_share,
      0);
  SpamFeatures runs = ExtractSpamFeatures(Member("Sooooo goooood, NOOOOO"));
  EXPECT_TRUE(HasToken(runs, "soo"));
  EXPECT_TRUE(HasToken(runs, "good"));
  EXPECT_TRUE(HasToken(runs, "noo"));
  // Long numbers share one token; short ones stay themselves.
  SpamFeatures nums = ExtractSpamFeatures(Member("code 123456 and 2024"));
  EXPECT_TRUE(HasToken(nums, "num:long"));
  EXPECT_TRUE(HasToken(nums, "2024"));
}

TEST(SpamFeaturesTest, TextKeyIgnoresCaseSpacingAndPunctuation) {
  EXPECT_EQ(SpamTextKey("Visit  MY site: https://www.x-deals.xyz/a !!"),
            SpamTextKey("visit my site x-deals.xyz"));
  EXPECT_NE(SpamTextKey("visit my site"), SpamTextKey("visit your site"));
}

// ---- Verdicts ---------------------------------------------------------------------

TEST(SpamVerdictTest, Thresholds) {
  EXPECT_EQ(SpamVerdictFor(0.0), SpamVerdict::kApproved);
  EXPECT_EQ(SpamVerdictFor(kApprovedBelow - 1e-9), SpamVerdict::kApproved);
  EXPECT_EQ(SpamVerdictFor(kApprovedBelow), SpamVerdict::kPending);
  EXPECT_EQ(SpamVerdictFor(kSpamAbove), SpamVerdict::kPending);
  EXPECT_EQ(SpamVerdictFor(kSpamAbove + 1e-9), SpamVerdict::kSpam);
  EXPECT_STREQ(SpamVerdictName(SpamVerdict::kPending), "pending");
}

TEST(SpamFilterTest, UntrainedFilterPassesOrdinaryCommentsAndCatchesLinkSpam) {
  SpamFilter filter;
  EXPECT_EQ(filter.Classify(Member("The Bear season 2 episode 6 gave me actual anxiety.")),
            SpamVerdict::kApproved);
  EXPECT_EQ(filter.Classify(Guest("Loved the finale, Kim's last scene was perfect.")),
            SpamVerdict::kApproved);
  // A member of long standing may share a link.
  EXPECT_EQ(filter.Classify(Member("Interview here: https://www.youtube.com/watch?v=abc")),
            SpamVerdict::kApproved);
  // A guest's link waits for an editor.
  EXPECT_EQ(filter.Classify(Guest("Interview here: https://www.youtube.com/watch?v=abc")),
            SpamVerdict::kPending);

  SpamInput drop =
      Guest("Cheap pills https://a-pills.xyz https://b-pills.top https://c-pills.site", "Cheap Pills");
  SpamScore s = filter.Score(drop);
  EXPECT_EQ(s.verdict, SpamVerdict::kSpam);
  ASSERT_FALSE(s.reasons.empty());
  EXPECT_EQ(s.reasons[0].what, "3 links");
  EXPECT_GT(s.reasons[0].log_odds, 0);

  SpamInput flood = Member("Earn money from home, message me: http://earn.example.com", 0.1);
  flood.posts_last_hour = 25;
  SpamScore f = filter.Score(flood);
  EXPECT_EQ(f.verdict, SpamVerdict::kSpam);
  std::vector<std::string> what;
  for (const SpamReason& r : f.reasons) what.push_back(r.what);
  EXPECT_NE(std::find(what.begin(), what.end(), "25 earlier posts in the last hour"), what.end());
  EXPECT_NE(std::find(what.begin(), what.end(), "new account (under a day)"), what.end());
}

TEST(SpamFilterTest, UnknownAccountAgeCountsAsNew) {
  SpamFilter filter;
  SpamInput unknown = Member("hello there", std::nan(""));
  SpamInput fresh = Member("hello there", 0.2);
  EXPECT_DOUBLE_EQ(filter.Score(unknown).probability, filter.Score(fresh).probability);
}

TEST(SpamFilterTest, ScoreIsConsistent) {
  SpamFilter filter;
  SpamScore s = filter.Score(Guest("hello there"));
  EXPECT_NEAR(s.probability, 1 / (1 + std::exp(-s.log_odds)), 1e-12);
  EXPECT_EQ(s.verdict, SpamVerdictFor(s.probability));
  EXPECT_LE(s.reasons.size(), kMaxSpamReasons);
  for (size_t i = 1; i < s.reasons.size(); ++i) {
    EXPECT_GE(std::abs(s.reasons[i - 1].log_odds), std::abs(s.reasons[i].log_odds));
  }
}

TEST(SpamFilterTest, LearnsFromModeratorDecisions) {
  SpamFilter filter;
  // Spam without links from an older account: the prior alone lets it through.
  SpamInput probe = Member("I earn $300 a day from home with simple online tasks, ask me how", 90);
  double before = filter.Score(probe).probability;
  EXPECT_EQ(filter.Classify(probe), SpamVerdict::kApproved);
  const char* kSpam[] = {"I earn $500 a day from home, ask me how", "earn money from home with online tasks",
                         "Simple online tasks pay $200 a day, ask me",
                         "Work from home and earn daily, ask me how",
                         "I earn from home every day, simple tasks"};
  const char* kHam[] = {"The finale was a perfect ending", "Loved the episode, the cast was great",
                        "That cliffhanger, how do I wait a week", "Season 2 was better than season 1",
                        "The score in this episode was beautiful"};
  for (const char* t : kSpam) filter.Train(Member(t, 90), SpamLabel::kSpam);
  for (const char* t : kHam) filter.Train(Member(t, 90), SpamLabel::kHam);
  EXPECT_EQ(filter.spam_texts(), 5);
  EXPECT_EQ(filter.ham_texts(), 5);
  double after = filter.Score(probe).probability;
  EXPECT_GT(after, before);
  EXPECT_NE(filter.Classify(probe), SpamVerdict::kApproved);
  EXPECT_EQ(filter.Classify(Member("The cast was great and the finale was a perfect ending", 90)),
            SpamVerdict::kApproved);
}

TEST(SpamFilterTest, UntrainTakesADecisionBack) {
  SpamFilter filter;
  filter.Train(Member("a fine episode"), SpamLabel::kHam);
  std::string before = filter.Serialize();
  SpamInput in = Guest("buy cheap pills http://pills.xyz");
  filter.Train(in, SpamLabel::kSpam);
  EXPECT_NE(filter.Serialize(), before);
  filter.Untrain(in, SpamLabel::kSpam);
  EXPECT_EQ(filter.Serialize(), before);
  // Taking back what was never trained changes nothing.
  filter.Untrain(in, SpamLabel::kSpam);
  EXPECT_EQ(filter.Serialize(), before);
}

TEST(SpamFilterTest, SerializesAndReadsBack) {
  SpamFilter filter;
  filter.Train(Member("The finale was great"), SpamLabel::kHam);
  filter.Train(Guest("casino bonus https://spins.bet", "Online Casino"), SpamLabel::kSpam);
  std::string text = filter.Serialize();
  EXPECT_EQ(text.rfind("reel-spam-model 1\ntexts 1 1\n", 0), 0u);
  Result<SpamFilter> back = SpamFilter::Deserialize(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->Serialize(), text);
  EXPECT_EQ(back->vocabulary_size(), filter.vocabulary_size());
  SpamInput probe = Guest("casino spins tonight", "Casino");
  EXPECT_DOUBLE_EQ(back->Score(probe).probability, filter.Score(probe).probability);
}

TEST(SpamFilterTest, DeserializeNamesTheBadLine) {
  EXPECT_FALSE(SpamFilter::Deserialize("").ok());
  Result<SpamFilter> bad_header = SpamFilter::Deserialize("reel-spam-model 9\n");
  ASSERT_FALSE(bad_header.ok());
  EXPECT_NE(bad_header.status().message().find("line 1"), std::string::npos);
  Result<SpamFilter> bad_count = SpamFilter::Deserialize("reel-spam-model 1\ntexts 1 1\ntoken x 2 word\n");
  ASSERT_FALSE(bad_count.ok());
  EXPECT_NE(bad_count.status().message().find("line 3"), std::string::npos);
  EXPECT_FALSE(SpamFilter::Deserialize("reel-spam-model 1\ntexts 1 1\nfeature links 9 1 1\n").ok());
  EXPECT_FALSE(SpamFilter::Deserialize("reel-spam-model 1\ntexts 1 1\nfeature color red 1 1\n").ok());
  EXPECT_FALSE(SpamFilter::Deserialize("reel-spam-model 1\ntexts -1 1\n").ok());
  EXPECT_FALSE(SpamFilter::Deserialize("reel-spam-model 1\ntoken 1 1 a\n").ok());  // No texts line.
  EXPECT_FALSE(
      SpamFilter::Deserialize("reel-spam-model 1\ntexts 1 1\ntoken 1 0 a\ntoken 0 1 a\n").ok());  // Twice.
  EXPECT_TRUE(SpamFilter::Deserialize("reel-spam-model 1\r\ntexts 0 0\r\n").ok());
  EXPECT_TRUE(SpamFilter::Deserialize("reel-spam-model 1\ntexts 0 0\n   \n\n").ok());
}

// ---- Evaluation on the labelled set -----------------------------------------------

struct Example {
  SpamInput input;
  SpamLabel label;
};

std::vector<Example> LoadLabelledSet() {
  std::string path = std::string(REEL_SOURCE_DIR) + "/tests/fixtures/spam/comments.tsv";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<Example> out;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) fields.push_back(field);
    if (fields.size() == 7) fields.emplace_back();  // getline drops a trailing empty field.
    EXPECT_EQ(fields.size(), 8u) << path << ":" << line_number;
    if (fields.size() != 8) continue;
    Example e;
    EXPECT_TRUE(fields[0] == "ham" || fields[0] == "spam") << path << ":" << line_number;
    e.label = fields[0] == "spam" ? SpamLabel::kSpam : SpamLabel::kHam;
    e.input.text = fields[1];
    e.input.author_name = fields[2];
    e.input.author_url = fields[3];
    e.input.guest = fields[4] == "1";
    e.input.account_age_days = std::stod(fields[5]);
    e.input.posts_last_hour = std::stoi(fields[6]);
    e.input.same_text_recent = std::stoi(fields[7]);
    out.push_back(std::move(e));
  }
  return out;
}

// Which evidence the evaluation lets the filter see.
enum class Evidence {
  kAll,       // Text and who posted it.
  kTextOnly,  // Every post from the same long-standing member with no history.
};

SpamInput View(const SpamInput& in, Evidence evidence) {
  if (evidence == Evidence::kAll) return in;
  SpamInput out;
  out.text = in.text;
  out.account_age_days = 365;
  return out;
}

struct Tally {
  int spam = 0, ham = 0;
  int true_positive = 0, false_positive = 0;  // Cut at P(spam) = 0.5.
  int spam_marked_spam = 0, spam_pending = 0, spam_approved = 0;
  int ham_marked_spam = 0, ham_pending = 0, ham_approved = 0;

  void Add(SpamLabel label, const SpamScore& s) {
    bool spam_label = label == SpamLabel::kSpam;
    (spam_label ? spam : ham) += 1;
    if (s.probability > 0.5) (spam_label ? true_positive : false_positive) += 1;
    int* cell = nullptr;
    switch (s.verdict) {
      case SpamVerdict::kSpam:
        cell = spam_label ? &spam_marked_spam : &ham_marked_spam;
        break;
      case SpamVerdict::kPending:
        cell = spam_label ? &spam_pending : &ham_pending;
        break;
      case SpamVerdict::kApproved:
        cell = spam_label ? &spam_approved : &ham_approved;
        break;
    }
    *cell += 1;
  }
  double precision() const {
    return true_positive + false_positive == 0 ? 1.0
                                               : double(true_positive) / (true_positive + false_positive);
  }
  double recall() const { return spam == 0 ? 0.0 : double(true_positive) / spam; }
  void Print(const char* name) const {
    std::printf(
        "%-34s precision %.3f recall %.3f | spam: %d marked spam, %d pending, %d approved"
        " | ham: %d marked spam, %d pending, %d approved\n",
        name, precision(), recall(), spam_marked_spam, spam_pending, spam_approved, ham_marked_spam,
        ham_pending, ham_approved);
  }
};

// Stratified k-fold cross-validation with a fixed shuffle: each fold is scored by a
// filter trained on the other folds only (on at most `max_train` of their examples,
// taken in a shuffled order, to see how the filter improves with more decisions).
Tally CrossValidate(const std::vector<Example>& set, int folds, Evidence evidence,
                    size_t max_train = SIZE_MAX) {
  std::vector<size_t> spam_ix, ham_ix;
  for (size_t i = 0; i < set.size(); ++i) (set[i].label == SpamLabel::kSpam ? spam_ix : ham_ix).push_back(i);
  std::mt19937 rng(20240604);
  auto shuffle = [&](std::vector<size_t>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng() % i]);
  };
  shuffle(spam_ix);
  shuffle(ham_ix);
  std::vector<int> fold_of(set.size());
  for (size_t i = 0; i < spam_ix.size(); ++i) fold_of[spam_ix[i]] = static_cast<int>(i % folds);
  for (size_t i = 0; i < ham_ix.size(); ++i) fold_of[ham_ix[i]] = static_cast<int>(i % folds);
  std::vector<size_t> order(set.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  shuffle(order);
  Tally tally;
  for (int k = 0; k < folds; ++k) {
    SpamFilter filter;
    size_t trained = 0;
    for (size_t i : order) {
      if (fold_of[i] == k || trained == max_train) continue;
      filter.Train(View(set[i].input, evidence), set[i].label);
      ++trained;
    }
    for (size_t i = 0; i < set.size(); ++i) {
      if (fold_of[i] == k) tally.Add(set[i].label, filter.Score(View(set[i].input, evidence)));
    }
  }
  return tally;
}

TEST(SpamEvaluationTest, LabelledSetIsWellFormed) {
  std::vector<Example> set = LoadLabelledSet();
  int spam = 0;
  std::set<std::string> texts;
  for (const Example& e : set) {
    spam += e.label == SpamLabel::kSpam;
    EXPECT_TRUE(texts.insert(e.input.text).second) << "duplicate text: " << e.input.text;
  }
  EXPECT_GE(set.size(), 300u);
  EXPECT_GE(spam, 100);
  EXPECT_GE(static_cast<int>(set.size()) - spam, 200);
}

TEST(SpamEvaluationTest, CrossValidatedPrecisionAndRecall) {
  std::vector<Example> set = LoadLabelledSet();
  ASSERT_FALSE(set.empty());

  // The untrained filter: the hand-set feature prior alone.
  SpamFilter untrained;
  Tally prior;
  for (const Example& e : set) prior.Add(e.label, untrained.Score(e.input));
  Tally all = CrossValidate(set, 10, Evidence::kAll);
  Tally text = CrossValidate(set, 10, Evidence::kTextOnly);
  std::printf("labelled set: %d spam, %d ham; 10-fold cross-validation\n", all.spam, all.ham);
  prior.Print("untrained (feature prior only)");
  all.Print("trained, text and author");
  text.Print("trained, text only");
  // How it improves as decisions come in: trained on the first N decisions only.
  for (size_t n : {10, 25, 50, 100, 200}) {
    std::string name = "trained on " + std::to_string(n) + " decisions";
    CrossValidate(set, 10, Evidence::kAll, n).Print(name.c_str());
  }

  // Floors set a little under what was measured when the set was made (see the
  // report in tests/fixtures/spam/README.md), so a regression fails.
  EXPECT_GE(all.precision(), 0.97);
  EXPECT_GE(all.recall(), 0.95);
  EXPECT_GE(text.precision(), 0.95);
  EXPECT_GE(text.recall(), 0.90);
  // Training helps: more spam caught than by the prior alone, at no cost in ham.
  EXPECT_GT(all.recall(), prior.recall());
  // The costly mistake, a real comment hidden as spam, stays rare.
  EXPECT_LE(all.ham_marked_spam, all.ham / 100);
  // The prior alone already stops most spam that carries links, and hides about 1 real
  // comment in 200 (a new account posting fast a text someone posted before).
  EXPECT_GE(prior.precision(), 0.85);
  EXPECT_GE(prior.recall(), 0.7);
  EXPECT_LE(prior.ham_marked_spam, prior.ham / 100);
}

}  // namespace
}  // namespace reel::audience
