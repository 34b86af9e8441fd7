#include "audience/spam.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <span>
#include <unordered_set>

#include "core/parse.h"
#include "core/text.h"

namespace reel::audience {
namespace {

// ---- The hand-set prior of the behavioural features -----------------------------
//
// Each row is a bucket: its name (used in the serialised model) and its share of
// real posts (ham) and of spam. The numbers are judgement, written down from what
// is publicly known of comment spam (WordPress holds comments with 2 or more links by
// default because link drops are the commonest spam; spam comes from guests and
// accounts made minutes before; bots post in floods and repeat one text; shouting
// and phone or messenger numbers are typical of scam posts) and checked on the
// labelled set in tests/fixtures/spam. The shares of each column add up to 1.

struct BucketPrior {
  const char* name;
  double ham;
  double spam;
};

constexpr BucketPrior kLinksPrior[] = {
    {"0", 0.90, 0.20}, {"1", 0.08, 0.35}, {"2", 0.015, 0.20}, {"3+", 0.005, 0.25}};
constexpr BucketPrior kAccountPrior[] = {{"30d+", 0.62, 0.05},
                                         {"7-30d", 0.10, 0.05},
                                         {"1-7d", 0.08, 0.15},
                                         {"new", 0.05, 0.40},
                                         {"guest", 0.15, 0.35}};
constexpr BucketPrior kRatePrior[] = {
    {"0-2", 0.93, 0.50}, {"3-5", 0.05, 0.15}, {"6-9", 0.015, 0.15}, {"10+", 0.005, 0.20}};
constexpr BucketPrior kCapsPrior[] = {{"normal", 0.97, 0.85}, {"shouting", 0.03, 0.15}};
constexpr BucketPrior kRepeatPrior[] = {
    {"none", 0.97, 0.70}, {"within", 0.025, 0.15}, {"duplicate", 0.005, 0.15}};
constexpr BucketPrior kContactPrior[] = {{"none", 0.98, 0.80}, {"present", 0.02, 0.20}};
// Length alone says little before training: an even prior that training shapes.
constexpr BucketPrior kLengthPrior[] = {
    {"1-3", 0.25, 0.25}, {"4-15", 0.25, 0.25}, {"16-60", 0.25, 0.25}, {"61+", 0.25, 0.25}};

struct FeaturePrior {
  const char* name;
  std::span<const BucketPrior> buckets;
};

// Indexed by Feature.
constexpr FeaturePrior kFeatures[] = {
    {"links", kLinksPrior},   {"account", kAccountPrior}, {"rate", kRatePrior},     {"caps", kCapsPrior},
    {"repeat", kRepeatPrior}, {"contact", kContactPrior}, {"length", kLengthPrior},
};

enum Feature : size_t { kLinks, kAccount, kRate, kCaps, kRepeat, kContact, kLength };

static_assert(std::size(kFeatures) == SpamFilter::kFeatureCount);

// ---- Tokens ----------------------------------------------------------------------

// Top-level domains that make "word.tld" a bare domain in text: the generic ones and
// the cheap ones spam favours, plus a few country codes it often uses.
constexpr std::string_view kBareTlds[] = {
    "com",  "net",   "org",  "info", "biz",    "io",  "co",   "me",   "xyz",   "top",   "site",    "online",
    "shop", "store", "club", "live", "pro",    "ru",  "cn",   "uk",   "de",    "in",    "us",      "tk",
    "ml",   "ga",    "cf",   "gq",   "pw",     "cc",  "ws",   "tv",   "app",   "dev",   "link",    "click",
    "fun",  "vip",   "win",  "bet",  "casino", "icu", "buzz", "life", "today", "store", "website", "space"};

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsWordByte(unsigned char c) { return IsAsciiAlnum(c) || c >= 0x80 || c == '\''; }

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// Lower-cases, cuts runs of one character to two and drops outer apostrophes.
std::string NormalWord(std::string_view w) {
  while (!w.empty() && w.front() == '\'') w.remove_prefix(1);
  while (!w.empty() && w.back() == '\'') w.remove_suffix(1);
  std::string out;
  out.reserve(w.size());
  for (char raw : w) {
    char c = Lower(raw);
    size_t n = out.size();
    if (n >= 2 && out[n - 1] == c && out[n - 2] == c) continue;
    out.push_back(c);
  }
  return out;
}

// Splits `s` into words (runs of word bytes), normalised.
void SplitWords(std::string_view s, std::vector<std::string>* words) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !IsWordByte(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && IsWordByte(static_cast<unsigned char>(s[i]))) ++i;
    std::string w = NormalWord(s.substr(start, i - start));
    if (!w.empty()) words->push_back(std::move(w));
  }
}

// The host of a URL or bare domain (lower-case, without "www." and a port), or ""
// when `s` does not look like one. `s` is lower-case.
std::string HostOf(std::string_view s, bool need_known_tld) {
  if (StartsWith(s, "http://")) {
    s.remove_prefix(7);
  } else if (StartsWith(s, "https://")) {
    s.remove_prefix(8);
  }
  size_t end = s.find_first_of("/?#:");
  std::string_view host = s.substr(0, end);
  if (StartsWith(host, "www.")) host.remove_prefix(4);
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  size_t dot = host.rfind('.');
  if (host.empty() || dot == std::string_view::npos || dot == 0) {
    return need_known_tld ? "" : std::string(host);
  }
  for (char c : host) {
    if (!IsAsciiAlnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return "";
  }
  if (host.find("..") != std::string_view::npos) return "";
  std::string_view tld = host.substr(dot + 1);
  if (need_known_tld) {
    bool known = std::find(std::begin(kBareTlds), std::end(kBareTlds), tld) != std::end(kBareTlds);
    // "mr.robot" is not a domain; "e.g" and "s.h.i.e.l.d" are not either.
    if (!known || dot < 2) return "";
  }
  return std::string(host);
}

struct Extraction {
  SpamFeatures features;
  std::vector<std::string> words;  // Words of the text outside links, in order.
};

// Adds the tokens of one link (a lower-case URL or bare domain with a known host).
void AddLink(std::string_view url, const std::string& host, Extraction* x) {
  SpamFeatures& f = x->features;
  f.links += 1;
  f.tokens.push_back("site:" + host);
  size_t dot = host.rfind('.');
  if (dot != std::string::npos) f.tokens.push_back("tld:" + host.substr(dot + 1));
  // The words of the host ("cheap-pills-online") and of the path ("buy-viagra")
  // are ordinary tokens: they name what the link sells.
  std::vector<std::string> link_words;
  SplitWords(std::string_view(host).substr(0, dot == std::string::npos ? host.size() : dot), &link_words);
  size_t host_at = url.find(host);
  if (host_at != std::string_view::npos) SplitWords(url.substr(host_at + host.size()), &link_words);
  for (std::string& w : link_words) {
    if (w == "www" || w == "http" || w == "https") continue;
    f.tokens.push_back(std::move(w));
  }
}

// An email address: something@host.tld.
bool LooksLikeEmail(std::string_view lower, std::string* host) {
  size_t at = lower.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= lower.size()) return false;
  std::string h = HostOf(lower.substr(at + 1), /*need_known_tld=*/false);
  if (h.find('.') == std::string::npos) return false;
  *host = h;
  return true;
}

void ExtractText(std::string_view text, Extraction* x) {
  SpamFeatures& f = x->features;
  int upper = 0;
  int letters = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view chunk = text.substr(start, i - start);
    // Outer punctuation is not part of a link or an address.
    while (!chunk.empty() && std::string_view("([{<\"'*").find(chunk.front()) != std::string_view::npos) {
      chunk.remove_prefix(1);
    }
    while (!chunk.empty() &&
           std::string_view(")]}>\"'.,!?;:*").find(chunk.back()) != std::string_view::npos) {
      chunk.remove_suffix(1);
    }
    if (chunk.empty()) continue;
    std::string lower = LowerAscii(chunk);
    std::string host;
    if (LooksLikeEmail(lower, &host)) {
      f.has_contact = true;
      f.tokens.push_back("has:email");
      f.tokens.push_back("site:" + host);
      continue;
    }
    // A link may follow other text in the chunk ("here:https://...").
    size_t link_at = std::string::npos;
    for (std::string_view marker : {"http://", "https://", "www."}) {
      link_at = std::min(link_at, lower.find(marker));
    }
    std::string_view words_part = chunk;
    if (link_at != std::string::npos) {
      std::string url = lower.substr(link_at);
      host = HostOf(url, /*need_known_tld=*/false);
      if (!host.empty()) {
        AddLink(url, host, x);
        words_part = chunk.substr(0, link_at);
      }
    } else if (!(host = HostOf(lower, /*need_known_tld=*/true)).empty()) {
      AddLink(lower, host, x);
      words_part = {};
    }
    for (char c : words_part) {
      if (c >= 'A' && c <= 'Z') ++upper, ++letters;
      if (c >= 'a' && c <= 'z') ++letters;
    }
    SplitWords(words_part, &x->words);
  }
  f.words = static_cast<int>(x->words.size());
  f.caps_share = letters > 0 ? static_cast<double>(upper) / letters : 0;
  f.shouting = letters >= kShoutingMinLetters && f.caps_share >= kShoutingCapsShare;
}

// Runs of kMinPhoneDigits digits or more, with spaces, dashes, dots, brackets and a
// leading plus between them.
bool HasPhoneNumber(std::string_view text) {
  int digits = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (++digits >= kMinPhoneDigits) return true;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '+') {
      digits = 0;
    }
  }
  return false;
}

double RepeatedShare(const std::vector<std::string>& words) {
  if (words.size() < 6) return 0;
  std::unordered_set<std::string> seen;
  int repeated = 0;
  int total = 0;
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    std::string triple = words[i] + ' ' + words[i + 1] + ' ' + words[i + 2];
    ++total;
    if (!seen.insert(std::move(triple)).second) ++repeated;
  }
  return static_cast<double>(repeated) / total;
}

Extraction Extract(const SpamInput& input) {
  Extraction x;
  SpamFeatures& f = x.features;
  ExtractText(input.text, &x);
  f.has_contact = f.has_contact || HasPhoneNumber(input.text);
  f.repeated_share = RepeatedShare(x.words);
  for (const std::string& w : x.words) {
    bool digits = std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    f.tokens.push_back(digits && w.size() >= 5 ? std::string("num:long") : w);
  }
  std::vector<std::string> name_words;
  SplitWords(input.author_name, &name_words);
  for (const std::string& w : name_words) f.tokens.push_back("name:" + w);
  std::string_view url = Trim(input.author_url);
  if (!url.empty()) {
    std::string lower = LowerAscii(url);
    std::string host = HostOf(lower, /*need_known_tld=*/false);
    if (host.empty()) host = "invalid";
    AddLink(lower, host, &x);
  }
  std::sort(f.tokens.begin(), f.tokens.end());
  f.tokens.erase(std::unique(f.tokens.begin(), f.tokens.end()), f.tokens.end());
  return x;
}

// The bucket of each behavioural feature for one input.
std::array<size_t, SpamFilter::kFeatureCount> Buckets(const SpamInput& input, const SpamFeatures& f) {
  std::array<size_t, SpamFilter::kFeatureCount> b{};
  b[kLinks] = static_cast<size_t>(std::min(f.links, 3));
  // Written so that an unknown (NaN) age counts as a new account, not an old one.
  const double age = input.account_age_days;
  if (input.guest) {
    b[kAccount] = 4;
  } else if (!(age >= 1)) {
    b[kAccount] = 3;
  } else if (!(age >= 7)) {
    b[kAccount] = 2;
  } else if (!(age >= 30)) {
    b[kAccount] = 1;
  } else {
    b[kAccount] = 0;
  }
  int rate = input.posts_last_hour;
  b[kRate] = rate <= 2 ? 0 : rate <= 5 ? 1 : rate <= 9 ? 2 : 3;
  b[kCaps] = f.shouting ? 1 : 0;
  if (input.same_text_recent > 0 && f.words >= kMinDuplicateWords) {
    b[kRepeat] = 2;
  } else if (f.repeated_share >= kRepeatedShare) {
    b[kRepeat] = 1;
  } else {
    b[kRepeat] = 0;
  }
  b[kContact] = f.has_contact ? 1 : 0;
  b[kLength] = f.words <= 3 ? 0 : f.words <= 15 ? 1 : f.words <= 60 ? 2 : 3;
  return b;
}

std::string Plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string DescribeBucket(size_t feature, size_t bucket, const SpamInput& input, const SpamFeatures& f) {
  switch (feature) {
    case kLinks:
      return f.links == 0 ? "no links" : Plural(f.links, "link", "links");
    case kAccount: {
      static const char* kNames[] = {"account over 30 days old", "account 7-30 days old",
                                     "account 1-7 days old", "new account (under a day)",
                                     "guest (no account)"};
      return kNames[bucket];
    }
    case kRate:
      return bucket == 0
                 ? "few posts in the last hour"
                 : Plural(input.posts_last_hour, "earlier post", "earlier posts") + " in the last hour";
    case kCaps:
      return bucket == 0 ? "normal capitals" : "all caps";
    case kRepeat:
      return bucket == 0 ? "no repetition"
             : bucket == 1
                 ? "repeats itself"
                 : "same text posted " + Plural(input.same_text_recent, "time", "times") + " in a day";
    case kContact:
      return bucket == 0 ? "no contact details" : "contact details (email or phone)";
    case kLength:
      return Plural(f.words, "word", "words");
  }
  return "";
}

std::string DescribeToken(const std::string& token) {
  if (StartsWith(token, "site:")) return "mentions " + token.substr(5);
  if (StartsWith(token, "tld:")) return "a ." + token.substr(4) + " address";
  if (StartsWith(token, "name:")) return "the name \"" + token.substr(5) + "\"";
  if (token == "has:email") return "an email address";
  if (token == "num:long") return "a long number";
  return "the word \"" + token + "\"";
}

// A count from the model's text form: a whole number, 0 or more.
bool ParseCount(std::string_view s, int64_t* out) {
  const auto n = ParseInt(s);
  if (!n || *n < 0) return false;
  *out = *n;
  return true;
}

std::vector<std::string_view> SplitSpaces(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

constexpr std::string_view kModelHeader = "reel-spam-model 1";

}  // namespace

const char* SpamVerdictName(SpamVerdict v) {
  switch (v) {
    case SpamVerdict::kApproved:
      return "approved";
    case SpamVerdict::kPending:
      return "pending";
    case SpamVerdict::kSpam:
      return "spam";
  }
  return "";
}

SpamVerdict SpamVerdictFor(double spam_probability) {
  if (spam_probability < kApprovedBelow) return SpamVerdict::kApproved;
  if (spam_probability > kSpamAbove) return SpamVerdict::kSpam;
  return SpamVerdict::kPending;
}

SpamFeatures ExtractSpamFeatures(const SpamInput& input) { return Extract(input).features; }

std::string SpamTextKey(std::string_view text) {
  Extraction x;
  ExtractText(text, &x);
  std::string key;
  for (const std::string& w : x.words) {
    if (!key.empty()) key += ' ';
    key += w;
  }
  for (const std::string& t : x.features.tokens) {
    if (!StartsWith(t, "site:")) continue;
    if (!key.empty()) key += ' ';
    key += t.substr(5);
  }
  return key;
}

SpamFilter::SpamFilter(SpamFilterOptions options) : options_(options) {}

void SpamFilter::Add(const SpamInput& input, SpamLabel label, int64_t delta) {
  const bool spam = label == SpamLabel::kSpam;
  int64_t& texts = spam ? spam_texts_ : ham_texts_;
  if (delta < 0 && texts == 0) return;  // Nothing of that class to take back.
  texts += delta;
  // Changes one count by delta, never below 0, and returns the change made.
  auto bump = [&](Counts& c) {
    int64_t& n = spam ? c.spam : c.ham;
    int64_t before = n;
    n = std::max<int64_t>(0, n + delta);
    return n - before;
  };
  Extraction x = Extract(input);
  std::array<size_t, kFeatureCount> b = Buckets(input, x.features);
  for (size_t f = 0; f < kFeatureCount; ++f) bump(buckets_[f][b[f]]);
  int64_t& token_total = spam ? token_total_spam_ : token_total_ham_;
  for (const std::string& t : x.features.tokens) {
    if (delta < 0) {
      auto it = tokens_.find(t);
      if (it == tokens_.end()) continue;
      token_total += bump(it->second);
      if (it->second.spam == 0 && it->second.ham == 0) tokens_.erase(it);
    } else {
      token_total += bump(tokens_[t]);
    }
  }
}

void SpamFilter::Train(const SpamInput& input, SpamLabel label) { Add(input, label, +1); }
void SpamFilter::Untrain(const SpamInput& input, SpamLabel label) { Add(input, label, -1); }

SpamScore SpamFilter::Score(const SpamInput& input) const {
  Extraction x = Extract(input);
  const SpamFeatures& f = x.features;
  std::vector<SpamReason> evidence;
  double z = std::log((spam_texts_ + options_.prior_spam_texts) / (ham_texts_ + options_.prior_ham_texts));

  // Behavioural features: trained counts on top of the prior, worth kFeaturePriorTexts.
  std::array<size_t, kFeatureCount> b = Buckets(input, f);
  const double m = kFeaturePriorTexts;
  for (size_t k = 0; k < kFeatureCount; ++k) {
    const BucketPrior& prior = kFeatures[k].buckets[b[k]];
    const Counts& c = buckets_[k][b[k]];
    double p_spam = (c.spam + m * prior.spam) / (spam_texts_ + m);
    double p_ham = (c.ham + m * prior.ham) / (ham_texts_ + m);
    double w = std::log(p_spam) - std::log(p_ham);
    z += w;
    evidence.push_back({DescribeBucket(k, b[k], input, f), w});
  }

  // Tokens: a multinomial model over the texts' distinct tokens with additive
  // smoothing; tokens never trained, or trained too rarely, weigh nothing.
  const double a = options_.token_smoothing;
  const double v = static_cast<double>(tokens_.size());
  const double spam_denominator = std::log(token_total_spam_ + a * v);
  const double ham_denominator = std::log(token_total_ham_ + a * v);
  for (const std::string& t : f.tokens) {
    auto it = tokens_.find(t);
    if (it == tokens_.end()) continue;
    const Counts& c = it->second;
    if (c.spam + c.ham < options_.min_token_texts) continue;
    double w = (std::log(c.spam + a) - spam_denominator) - (std::log(c.ham + a) - ham_denominator);
    z += w;
    evidence.push_back({DescribeToken(t), w});
  }

  SpamScore score;
  score.log_odds = z;
  score.probability = 1.0 / (1.0 + std::exp(-z));
  score.verdict = SpamVerdictFor(score.probability);
  std::stable_sort(evidence.begin(), evidence.end(), [](const SpamReason& l, const SpamReason& r) {
    return std::abs(l.log_odds) > std::abs(r.log_odds);
  });
  for (SpamReason& r : evidence) {
    if (score.reasons.size() >= kMaxSpamReasons || std::abs(r.log_odds) < kMinReasonLogOdds) break;
    score.reasons.push_back(std::move(r));
  }
  return score;
}

SpamVerdict SpamFilter::Classify(const SpamInput& input) const { return Score(input).verdict; }

std::string SpamFilter::Serialize() const {
  std::string out(kModelHeader);
  out += "\ntexts " + std::to_string(spam_texts_) + " " + std::to_string(ham_texts_) + "\n";
  for (size_t k = 0; k < kFeatureCount; ++k) {
    for (size_t j = 0; j < kFeatures[k].buckets.size(); ++j) {
      const Counts& c = buckets_[k][j];
      out += "feature ";
      out += kFeatures[k].name;
      out += " ";
      out += kFeatures[k].buckets[j].name;
      out += " " + std::to_string(c.spam) + " " + std::to_string(c.ham) + "\n";
    }
  }
  // Sorted, so equal models serialise equally.
  std::vector<const std::pair<const std::string, Counts>*> sorted;
  sorted.reserve(tokens_.size());
  for (const auto& entry : tokens_) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](auto* l, auto* r) { return l->first < r->first; });
  for (const auto* entry : sorted) {
    out += "token " + std::to_string(entry->second.spam) + " " + std::to_string(entry->second.ham) + " " +
           entry->first + "\n";
  }
  return out;
}

Result<SpamFilter> SpamFilter::Deserialize(std::string_view text, SpamFilterOptions options) {
  SpamFilter filter(options);
  int line_number = 0;
  bool saw_header = false;
  bool saw_texts = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto fail = [&](const std::string& what) {
      return InvalidArgument("spam model line " + std::to_string(line_number) + ": " + what);
    };
    if (!saw_header) {
      if (line != kModelHeader) return fail("expected \"" + std::string(kModelHeader) + "\"");
      saw_header = true;
      continue;
    }
    std::vector<std::string_view> parts = SplitSpaces(line);
    if (parts.empty()) continue;
    if (parts[0] == "texts") {
      if (parts.size() != 3 || !ParseCount(parts[1], &filter.spam_texts_) ||
          !ParseCount(parts[2], &filter.ham_texts_)) {
        return fail("expected \"texts SPAM HAM\"");
      }
      saw_texts = true;
    } else if (parts[0] == "feature") {
      Counts c;
      if (parts.size() != 5 || !ParseCount(parts[3], &c.spam) || !ParseCount(parts[4], &c.ham)) {
        return fail("expected \"feature NAME BUCKET SPAM HAM\"");
      }
      size_t k = 0;
      while (k < kFeatureCount && kFeatures[k].name != parts[1]) ++k;
      if (k == kFeatureCount) return fail("unknown feature \"" + std::string(parts[1]) + "\"");
      size_t j = 0;
      while (j < kFeatures[k].buckets.size() && kFeatures[k].buckets[j].name != parts[2]) ++j;
      if (j == kFeatures[k].buckets.size()) {
        return fail("unknown bucket \"" + std::string(parts[2]) + "\" of feature " + kFeatures[k].name);
      }
      filter.buckets_[k][j] = c;
    } else if (parts[0] == "token") {
      Counts c;
      if (parts.size() != 4 || !ParseCount(parts[1], &c.spam) || !ParseCount(parts[2], &c.ham)) {
        return fail("expected \"token SPAM HAM TOKEN\"");
      }
      if (c.spam == 0 && c.ham == 0) continue;
      if (!filter.tokens_.emplace(std::string(parts[3]), c).second) {
        return fail("token \"" + std::string(parts[3]) + "\" given twice");
      }
      filter.token_total_spam_ += c.spam;
      filter.token_total_ham_ += c.ham;
    } else {
      return fail("unknown record \"" + std::string(parts[0]) + "\"");
    }
  }
  if (!saw_header) return InvalidArgument("spam model: empty");
  if (!saw_texts) return InvalidArgument("spam model: no \"texts\" line");
  return filter;
}

}  // namespace reel::audience
