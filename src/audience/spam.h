// SpamFilter: decides whether a comment or an audience review is shown at once
// (approved), waits in the moderation queue (pending), or is hidden as spam.
//
// The model is a naive Bayes classifier that adds up log-odds from two kinds of
// evidence:
//  * Tokens of the text, of the author's name and of the author's website:
//    lower-cased words with runs of one character cut to two ("sooooo" -> "soo"),
//    "site:HOST" for every linked or mentioned domain (without "www."), "tld:TLD" for
//    its top-level domain, "name:WORD" for the words of the author's name, and a few
//    shape tokens ("has:email", "num:long" for numbers of 5 or more digits). Each
//    token counts once per text. A token's weight is learnt only from training (the
//    moderators' decisions) and is 0 until then.
//  * Behavioural features, each cut into buckets: links, who posts (guest, or a
//    member by account age), the author's posting rate, all caps, repeated text,
//    contact details, length. Each bucket's likelihood per class starts from a
//    hand-set prior (the tables in spam.cc, from what is publicly known of comment
//    spam: it carries links, comes from fresh accounts and guests, posts in floods,
//    repeats itself) worth kFeaturePriorTexts trained texts, and moves toward the
//    trained counts as decisions come in.
// So a filter with no training already catches obvious link spam from guests and new
// accounts and passes ordinary comments, and it learns the words of the spam a site
// actually gets from each approve / mark-spam decision (Train with the editor's
// label; Untrain takes a decision back). Train only on human decisions, never on the
// filter's own verdicts, or it confirms its own mistakes.
//
// Threads: ExtractSpamFeatures, SpamTextKey and SpamVerdictFor are pure and may be
// called from any thread. A SpamFilter is plain data: Train and Untrain change it and
// need exclusive access; its const methods (Score, Classify, Serialize) may run on
// any number of threads at once while nothing trains it (the server keeps one behind
// a shared_mutex, or retrains a copy and swaps it in).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace reel::audience {

// A comment or review as the filter sees it. The caller fills in what it knows of
// the author from the store; the filter counts links, caps and repetition itself.
struct SpamInput {
  std::string text;
  std::string author_name;      // Display name, or the name a guest typed.
  std::string author_url;       // The website a guest gave (WordPress-style); may be empty.
  bool guest = false;           // Posted without an account.
  double account_age_days = 0;  // Age of the member's account; ignored for guests.
  int posts_last_hour = 0;      // Earlier posts by the same account (or address, for
                                // guests) in the last hour, not counting this one.
  int same_text_recent = 0;     // Posts by anyone in the last day whose SpamTextKey
                                // equals this one's.
};

// What ExtractSpamFeatures finds in an input.
struct SpamFeatures {
  std::vector<std::string> tokens;  // Sorted, without repeats.
  int words = 0;                    // Words of the text outside links.
  int links = 0;                    // URLs and bare domains in the text, plus author_url.
  double caps_share = 0;            // Upper-case share of the text's ASCII letters.
  bool shouting = false;            // caps_share >= kShoutingCapsShare over enough letters.
  double repeated_share = 0;        // Share of word triples seen earlier in the same text.
  bool has_contact = false;         // An email address or a phone number in the text.
};

// A text shouts when at least this share of its ASCII letters is upper case and it
// has at least kShoutingMinLetters letters ("OMG" alone is not shouting).
inline constexpr double kShoutingCapsShare = 0.7;
inline constexpr int kShoutingMinLetters = 12;
// A text repeats itself when this share of its word triples already occurred in it
// ("BUY NOW BUY NOW BUY NOW" has 2 of 4); texts under 6 words never do.
inline constexpr double kRepeatedShare = 0.3;
// A post whose text others posted in the last day counts as a duplicate only from
// this many words up: "First!" and "Great episode" are posted by many people.
inline constexpr int kMinDuplicateWords = 6;
// A run of this many digits or more (spaces, dashes, dots and brackets between them
// allowed, as in "+1 (555) 010-4477") is a phone number.
inline constexpr int kMinPhoneDigits = 10;

// Verdict thresholds on P(spam). Below kApprovedBelow a post is shown at once; above
// kSpamAbove it is hidden as spam (an editor can still restore it); in between it
// waits for an editor. The pending band is wide on purpose: a wrongly hidden comment
// costs a reader more than a short wait costs anyone.
inline constexpr double kApprovedBelow = 0.30;
inline constexpr double kSpamAbove = 0.90;

// How many trained texts the hand-set feature prior is worth (per class): after about
// this many decisions of a class, the site's own counts weigh as much as the prior.
inline constexpr double kFeaturePriorTexts = 20;

// Reasons shown with a score: at most kMaxSpamReasons, each moving the log-odds by at
// least kMinReasonLogOdds (a factor of about 2 in the odds).
inline constexpr size_t kMaxSpamReasons = 5;
inline constexpr double kMinReasonLogOdds = 0.7;

enum class SpamVerdict { kApproved, kPending, kSpam };
const char* SpamVerdictName(SpamVerdict v);  // "approved", "pending", "spam"

enum class SpamLabel { kHam, kSpam };

// kApproved below kApprovedBelow, kSpam above kSpamAbove, kPending between.
SpamVerdict SpamVerdictFor(double spam_probability);

// One piece of evidence behind a score: "3 links", "new account (under a day)",
// "the word \"casino\"". Positive log-odds point to spam, negative ones to a real post.
struct SpamReason {
  std::string what;
  double log_odds = 0;
};

struct SpamScore {
  double probability = 0;  // P(spam).
  double log_odds = 0;     // log P(spam) - log P(ham).
  SpamVerdict verdict = SpamVerdict::kApproved;
  std::vector<SpamReason> reasons;  // Strongest first (by absolute log-odds).
};

SpamFeatures ExtractSpamFeatures(const SpamInput& input);

// The text reduced to its lower-cased words joined by spaces, links kept as their
// hosts: equal keys mean "the same text" for SpamInput::same_text_recent, however the
// spacing, case and punctuation differ.
std::string SpamTextKey(std::string_view text);

struct SpamFilterOptions {
  // Additive (Lidstone) smoothing of each token's count per class. Tokens weigh as in
  // a multinomial naive Bayes over each text's distinct tokens (scoring/text_classifier).
  double token_smoothing = 0.5;
  // Tokens seen in fewer trained texts than this carry no weight: a word seen once
  // says more about that one text than about spam.
  int min_token_texts = 2;
  // Pseudo-texts of each class behind the class prior: P(spam) starts at
  // prior_spam_texts / (prior_spam_texts + prior_ham_texts).
  double prior_spam_texts = 1;
  double prior_ham_texts = 2;
};

class SpamFilter {
 public:
  explicit SpamFilter(SpamFilterOptions options = {});

  // Adds one decided post to the model; Untrain removes one added before (an editor
  // who changes their mind calls Untrain with the old label, then Train with the new).
  void Train(const SpamInput& input, SpamLabel label);
  void Untrain(const SpamInput& input, SpamLabel label);

  SpamScore Score(const SpamInput& input) const;
  SpamVerdict Classify(const SpamInput& input) const;

  // The trained counts as text ("reel-spam-model 1" and one line per count); the
  // hand-set priors and options are not stored, they come from the code.
  std::string Serialize() const;
  // Reads what Serialize wrote; errors name the line ("spam model line 3: ...").
  static Result<SpamFilter> Deserialize(std::string_view text, SpamFilterOptions options = {});

  int64_t spam_texts() const { return spam_texts_; }
  int64_t ham_texts() const { return ham_texts_; }
  size_t vocabulary_size() const { return tokens_.size(); }

  // Number of behavioural features and the most buckets any of them has.
  static constexpr size_t kFeatureCount = 7;
  static constexpr size_t kMaxBuckets = 5;

 private:
  struct Counts {
    int64_t spam = 0;
    int64_t ham = 0;
  };

  void Add(const SpamInput& input, SpamLabel label, int64_t delta);

  SpamFilterOptions options_;
  int64_t spam_texts_ = 0;
  int64_t ham_texts_ = 0;
  std::array<std::array<Counts, kMaxBuckets>, kFeatureCount> buckets_{};
  std::unordered_map<std::string, Counts> tokens_;
  // Sums over tokens_ of each class's counts (the multinomial denominators).
  int64_t token_total_spam_ = 0;
  int64_t token_total_ham_ = 0;
};

}  // namespace reel::audience
