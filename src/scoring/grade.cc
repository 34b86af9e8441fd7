#include "scoring/grade.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

namespace reel::scoring {
namespace {

// Longer inputs are not grades; refusing them early keeps error messages short.
constexpr size_t kMaxGradeBytes = 200;
// More significant characters than this in one number are not a grade.
constexpr size_t kMaxNumberChars = 16;
// A letter grade loses 8 1/3 points per step below A.
constexpr double kLetterStep = 100.0 / 12.0;
// Fraction votes a publication's history needs before its scale counts as known, and
// the share the most common scale must hold.
constexpr int kMinScaleVotes = 2;
constexpr double kDominantScaleShare = 0.6;
// Bare numbers a history needs before "all at most 5, some above 4" means a /5 scale.
constexpr int kMinBareForFive = 3;

// Glyphs in the normalised form. Normalisation lowers every ASCII letter, so upper
// case letters are free to stand for them.
constexpr char kFullStar = 'S';
constexpr char kEmptyStar = 'E';
constexpr char kHalf = 'H';
constexpr char kQuarter = 'Q';
constexpr char kThreeQuarters = 'T';
constexpr char kOther = '\x01';  // Any character that has no place in a grade.

std::string FormatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", v);
  return buf;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsFractionGlyph(char c) { return c == kHalf || c == kQuarter || c == kThreeQuarters; }
double FractionGlyphValue(char c) {
  return c == kHalf ? 0.5 : c == kQuarter ? 0.25 : 0.75;
}

// Decodes one UTF-8 sequence at s[i]; returns the code point and sets `len`, or
// returns -1 (with len 1) for a malformed sequence.
long DecodeUtf8(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int n = 0;
  long cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 1;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 2;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 3;
    cp = c & 0x07;
  } else {
    *len = 1;
    return -1;
  }
  for (int k = 1; k <= n; ++k) {
    if (i + k >= s.size()) {
      *len = 1;
      return -1;
    }
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    bool bad = (cc & 0xC0) != 0x80;
    // Overlong three- and four-byte forms and code points above U+10FFFF.
    if (k == 1 && ((c == 0xE0 && cc < 0xA0) || (c == 0xF0 && cc < 0x90) ||
                   (c == 0xF4 && cc > 0x8F))) {
      bad = true;
    }
    if (bad) {
      *len = 1;
      return -1;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *len = static_cast<size_t>(n) + 1;
  return cp;
}

char MapCodePoint(long cp) {
  switch (cp) {
    case 0x00A0: case 0x2002: case 0x2003: case 0x2009: case 0x200A:
    case 0x202F: case 0x3000:
      return ' ';
    case 0x2605: case 0x2B50: case 0x272D: case 0x272E:
      return kFullStar;
    case 0x2606: case 0x2729:
      return kEmptyStar;
    case 0x00BD: return kHalf;
    case 0x00BC: return kQuarter;
    case 0x00BE: return kThreeQuarters;
    case 0x2212: case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
      return '-';
    case 0x2044: case 0x2215:
      return '/';
    case 0xFF05:
      return '%';
    case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x00AB: case 0x00BB:
      return '"';
    default:
      return kOther;
  }
}

bool IsTrimmable(char c) {
  switch (c) {
    case ' ': case '"': case '\'': case '(': case ')': case '[': case ']': case '{':
    case '}': case ',': case ';': case ':': case '!': case '?': case '.': case '`':
      return true;
    default:
      return false;
  }
}

// Lowers ASCII, maps glyphs to their stand-ins, collapses whitespace and trims
// surrounding whitespace and punctuation.
std::string Normalise(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    char mapped;
    size_t len = 1;
    if (c < 0x80) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
        mapped = ' ';
      } else if (c >= 'A' && c <= 'Z') {
        mapped = static_cast<char>(c - 'A' + 'a');
      } else if (c == '*') {
        mapped = kFullStar;
      } else if (c < 0x20 || c == 0x7F) {
        mapped = kOther;
      } else {
        mapped = static_cast<char>(c);
      }
    } else {
      long cp = DecodeUtf8(raw, i, &len);
      mapped = cp < 0 ? kOther : MapCodePoint(cp);
    }
    i += len;
    if (mapped == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(mapped);
  }
  size_t begin = 0;
  while (begin < out.size() && IsTrimmable(out[begin])) {
    // A leading '.' before a digit is a decimal point (".5/4").
    if (out[begin] == '.' && begin + 1 < out.size() && IsDigit(out[begin + 1])) break;
    ++begin;
  }
  size_t end = out.size();
  while (end > begin && IsTrimmable(out[end - 1])) --end;
  return out.substr(begin, end - begin);
}

enum class Kind { kScored, kBare };

struct Parsed {
  Kind kind = Kind::kScored;
  double value = 0;  // Bare numbers: the number. Scored: 0..100.
  std::string scale;
};

struct NumberWord {
  std::string_view word;
  int value;
};
constexpr NumberWord kNumberWords[] = {
    {"zero", 0}, {"one", 1}, {"two", 2},   {"three", 3}, {"four", 4}, {"five", 5},
    {"six", 6},  {"seven", 7}, {"eight", 8}, {"nine", 9},  {"ten", 10},
};

// A recursive-descent reader over the normalised form. Every step moves forward, so
// a parse is linear in the input.
class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Result<Parsed> Parse() {
    if (s_.empty()) return InvalidArgument("empty grade");
    char c = s_[0];
    if (c == '-' && s_.size() > 1 && (IsDigit(s_[1]) || s_[1] == '.')) {
      return InvalidArgument("negative grade");
    }
    if (c == kFullStar || c == kEmptyStar) return ParseStarGlyphs();
    if (IsLower(c) && !StartsWithNumberWord()) return ParseLetter();
    if (IsDigit(c) || c == '.' || IsFractionGlyph(c) || IsLower(c)) return ParseNumeric();
    return InvalidArgument("not a recognised grade");
  }

 private:
  bool AtEnd() const { return i_ >= s_.size(); }
  char Peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  void SkipSpaces() {
    while (Peek() == ' ') ++i_;
  }
  // Consumes `w` when it stands at the cursor as a whole word.
  bool ConsumeWord(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    char after = Peek(w.size());
    if (IsLower(after)) return false;
    i_ += w.size();
    return true;
  }
  bool StartsWithNumberWord() const {
    for (const NumberWord& nw : kNumberWords) {
      if (s_.substr(0, nw.word.size()) == nw.word &&
          (s_.size() == nw.word.size() || !IsLower(s_[nw.word.size()]))) {
        return true;
      }
    }
    return false;
  }
  // "stars", "star", "-star", a star glyph.
  bool ConsumeStarsWord() {
    size_t save = i_;
    if (Peek() == '-') ++i_;
    if (ConsumeWord("stars") || ConsumeWord("star")) return true;
    i_ = save;
    if (Peek() == kFullStar) {
      ++i_;
      return true;
    }
    return false;
  }

  // digits [. digits] | . digits; a ',' between digits counts as a decimal point.
  Result<double> Number() {
    size_t start = i_;
    std::string text;
    bool seen_point = false;
    bool seen_digit = false;
    while (!AtEnd()) {
      char c = Peek();
      if (IsDigit(c)) {
        text.push_back(c);
        seen_digit = true;
      } else if ((c == '.' || c == ',') && !seen_point && IsDigit(Peek(1)) &&
                 (c == '.' || seen_digit)) {
        text.push_back('.');
        seen_point = true;
      } else if (c == '.' && !seen_point && seen_digit) {
        // "3." followed by something else: the point ends the number.
        ++i_;
        break;
      } else {
        break;
      }
      ++i_;
      if (text.size() > kMaxNumberChars) return InvalidArgument("number too long to be a grade");
    }
    if (!seen_digit) {
      i_ = start;
      return InvalidArgument("expected a number");
    }
    if (text[0] == '.') text.insert(text.begin(), '0');
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v)) {
      return InvalidArgument("not a number");
    }
    return v;
  }

  // An unsigned integer of at most a few digits, for the parts of "3 1/2".
  std::optional<int> SmallInt() {
    size_t start = i_;
    int v = 0;
    while (IsDigit(Peek()) && i_ - start < 4) {
      v = v * 10 + (Peek() - '0');
      ++i_;
    }
    if (i_ == start || IsDigit(Peek())) {
      i_ = start;
      return std::nullopt;
    }
    return v;
  }

  // Tries " a/b" (a proper fraction) after an integer; restores the cursor on failure.
  std::optional<double> MixedPart() {
    size_t save = i_;
    if (Peek() == ' ') ++i_;
    if (!IsDigit(Peek())) {
      i_ = save;
      return std::nullopt;
    }
    std::optional<int> a = SmallInt();
    if (a && Peek() == '/') {
      ++i_;
      std::optional<int> b = SmallInt();
      if (b && *b > 0 && *a < *b && Peek() != '.' && Peek() != ',') {
        return static_cast<double>(*a) / *b;
      }
    }
    i_ = save;
    return std::nullopt;
  }

  // A numerator: a number, a number word, "3 1/2", "3½", "three and a half", "½".
  Result<double> Quantity() {
    double value = 0;
    bool integral = true;
    if (IsFractionGlyph(Peek())) {
      value = FractionGlyphValue(Peek());
      ++i_;
      return value;
    }
    bool word = false;
    for (const NumberWord& nw : kNumberWords) {
      if (ConsumeWord(nw.word)) {
        value = nw.value;
        word = true;
        break;
      }
    }
    if (!word) {
      size_t start = i_;
      Result<double> n = Number();
      if (!n.ok()) return n.status();
      value = *n;
      integral = s_.substr(start, i_ - start).find_first_of(".,") == std::string_view::npos;
    }
    if (!integral) return value;
    if (IsFractionGlyph(Peek())) {
      value += FractionGlyphValue(Peek());
      ++i_;
      return value;
    }
    if (Peek() == ' ' && IsFractionGlyph(Peek(1))) {
      value += FractionGlyphValue(Peek(1));
      i_ += 2;
      return value;
    }
    if (!word) {
      if (std::optional<double> part = MixedPart()) return value + *part;
    }
    size_t save = i_;
    SkipSpaces();
    if (ConsumeWord("and")) {
      SkipSpaces();
      if (ConsumeWord("a")) SkipSpaces();
      if (ConsumeWord("half")) return value + 0.5;
    }
    i_ = save;
    return value;
  }

  // The scale after '/', "out of" or "of".
  Result<double> Denominator() {
    SkipSpaces();
    if (Peek() == '-') return InvalidArgument("negative scale");
    Result<double> d = Number();
    if (!d.ok()) return InvalidArgument("missing scale after the numerator");
    if (*d <= 0) return InvalidArgument("zero scale");
    return d;
  }

  // "out of N", "of N" or "/N" when present; nullopt when none of them is there.
  Result<std::optional<double>> OptionalScale() {
    size_t save = i_;
    SkipSpaces();
    bool has_scale = false;
    if (Peek() == '/') {
      ++i_;
      has_scale = true;
    } else if (ConsumeWord("out")) {
      SkipSpaces();
      if (!ConsumeWord("of")) return InvalidArgument("expected 'of' after 'out'");
      has_scale = true;
    } else if (ConsumeWord("of")) {
      has_scale = true;
    }
    if (!has_scale) {
      i_ = save;
      return std::optional<double>();
    }
    Result<double> d = Denominator();
    if (!d.ok()) return d.status();
    return std::optional<double>(*d);
  }

  Status ExpectEnd() {
    SkipSpaces();
    if (!AtEnd()) return InvalidArgument("unexpected text after the grade");
    return Status::Ok();
  }

  static Result<Parsed> Fraction(double n, double d, std::string scale) {
    if (n > d) {
      return InvalidArgument("numerator above the scale (" + FormatNumber(n) + " > " +
                             FormatNumber(d) + ")");
    }
    double score = 100.0 * n / d;
    if (!std::isfinite(score)) return InvalidArgument("not a number");
    return Parsed{Kind::kScored, std::clamp(score, 0.0, 100.0), std::move(scale)};
  }

  Result<Parsed> ParseNumeric() {
    Result<double> q = Quantity();
    if (!q.ok()) return q.status();
    double n = *q;
    SkipSpaces();
    if (AtEnd()) return Parsed{Kind::kBare, n, ""};
    char c = Peek();
    if (c == '%') {
      ++i_;
      REEL_RETURN_IF_ERROR(ExpectEnd());
      if (n > 100) return InvalidArgument("percentage above 100");
      return Parsed{Kind::kScored, n, "%"};
    }
    if (c == '-' && (IsDigit(Peek(1)) || Peek(1) == ' ')) {
      return InvalidArgument("a range is not a grade");
    }
    if (ConsumeStarsWord()) {
      Result<std::optional<double>> d = OptionalScale();
      if (!d.ok()) return d.status();
      REEL_RETURN_IF_ERROR(ExpectEnd());
      double scale = d->value_or(5.0);
      return Fraction(n, scale, "stars/" + FormatNumber(scale));
    }
    Result<std::optional<double>> d = OptionalScale();
    if (!d.ok()) return d.status();
    if (!d->has_value()) return InvalidArgument("unexpected text after the number");
    SkipSpaces();
    bool stars = ConsumeStarsWord();
    REEL_RETURN_IF_ERROR(ExpectEnd());
    return Fraction(n, **d, (stars ? "stars/" : "/") + FormatNumber(**d));
  }

  // ★★★½, ★★★☆☆, ****, "*** 1/2", optionally followed by a scale.
  Result<Parsed> ParseStarGlyphs() {
    double full = 0;
    double part = 0;
    double empty = 0;
    while (!AtEnd()) {
      char c = Peek();
      if (c == kFullStar) {
        if (part > 0 || empty > 0) return InvalidArgument("stars out of order");
        ++full;
      } else if (IsFractionGlyph(c)) {
        if (part > 0 || empty > 0) return InvalidArgument("stars out of order");
        part = FractionGlyphValue(c);
      } else if (c == kEmptyStar) {
        ++empty;
      } else if (c == ' ' && (Peek(1) == kFullStar || Peek(1) == kEmptyStar ||
                              IsFractionGlyph(Peek(1)))) {
        // Spaced glyphs: "★ ★ ★".
      } else {
        break;
      }
      ++i_;
    }
    if (part == 0 && empty == 0) {
      // "*** 1/2": only a half may follow the glyphs.
      if (std::optional<double> half = MixedPart()) {
        if (*half != 0.5) return InvalidArgument("unexpected text after the stars");
        part = *half;
      }
    }
    Result<std::optional<double>> d = OptionalScale();
    if (!d.ok()) return d.status();
    SkipSpaces();
    ConsumeStarsWord();
    REEL_RETURN_IF_ERROR(ExpectEnd());
    double value = full + part;
    double scale = 5;
    if (d->has_value()) {
      scale = **d;
    } else if (empty > 0) {
      scale = full + (part > 0 ? 1 : 0) + empty;
    }
    if (value > scale) {
      return InvalidArgument("more stars than the scale (" + FormatNumber(value) + " > " +
                             FormatNumber(scale) + ")");
    }
    return Fraction(value, scale, "stars/" + FormatNumber(scale));
  }

  // A, B+, b minus, A-plus; E counts as F.
  Result<Parsed> ParseLetter() {
    char letter = s_[0];
    std::string_view rest = s_.substr(1);
    bool is_grade_letter = letter >= 'a' && letter <= 'f';
    int modifier = 0;  // Steps: +1 for minus, -1 for plus.
    bool known_rest = true;
    if (!rest.empty() && (rest[0] == ' ' || rest[0] == '-' || rest[0] == '_')) {
      std::string_view word = rest.substr(1);
      if (rest.size() == 1) {
        known_rest = rest[0] == '-';
        modifier = 1;
      } else if (word == "plus" || word == "+") {
        modifier = -1;
      } else if (word == "minus" || word == "-") {
        modifier = 1;
      } else {
        known_rest = false;
      }
    } else if (rest.empty()) {
      modifier = 0;
    } else if (rest == "+" || rest == "plus") {
      modifier = -1;
    } else if (rest == "minus") {
      modifier = 1;
    } else {
      known_rest = false;
    }
    if (!known_rest || !is_grade_letter) {
      if (rest.empty()) {
        return InvalidArgument(std::string("'") + static_cast<char>(letter - 'a' + 'A') +
                               "' is not a letter grade (A to F)");
      }
      return InvalidArgument("not a recognised grade");
    }
    int base_steps = 0;
    switch (letter) {
      case 'a': base_steps = 0; break;
      case 'b': base_steps = 3; break;
      case 'c': base_steps = 6; break;
      case 'd': base_steps = 9; break;
      default: base_steps = 12; break;  // 'e' and 'f'.
    }
    int steps = std::clamp(base_steps + modifier, 0, 12);
    return Parsed{Kind::kScored, 100.0 - steps * kLetterStep, "letter"};
  }

  std::string_view s_;
  size_t i_ = 0;
};

Result<Parsed> ParseCore(std::string_view raw) {
  if (raw.size() > kMaxGradeBytes) return InvalidArgument("too long to be a grade");
  std::string normalised = Normalise(raw);
  if (normalised.find(kOther) != std::string::npos) {
    return InvalidArgument("unexpected character in grade");
  }
  return Parser(normalised).Parse();
}

Result<Grade> ApplyBareScale(double value, double scale) {
  if (!(scale > 0) || !std::isfinite(scale)) {
    return InvalidArgument("the publication's scale must be above zero");
  }
  if (value > scale) {
    return InvalidArgument("numerator above the scale (" + FormatNumber(value) + " > " +
                           FormatNumber(scale) + ")");
  }
  return Grade{std::clamp(100.0 * value / scale, 0.0, 100.0), "bare/" + FormatNumber(scale)};
}

}  // namespace

Result<Grade> ParseGrade(std::string_view raw, std::optional<double> bare_scale) {
  Result<Parsed> p = ParseCore(raw);
  if (!p.ok()) return p.status();
  if (p->kind == Kind::kBare) {
    if (!bare_scale) return InvalidArgument("bare number needs its publication's scale");
    return ApplyBareScale(p->value, *bare_scale);
  }
  return Grade{p->value, std::move(p->scale)};
}

bool IsBareNumber(std::string_view raw) { return BareNumberValue(raw).has_value(); }

std::optional<double> BareNumberValue(std::string_view raw) {
  Result<Parsed> p = ParseCore(raw);
  if (!p.ok() || p->kind != Kind::kBare) return std::nullopt;
  return p->value;
}

PublicationScale InferPublicationScale(const std::vector<std::string_view>& publication_grades) {
  std::map<double, int> votes;
  double max_bare = 0;
  int bare_count = 0;
  PublicationScale out;
  for (std::string_view raw : publication_grades) {
    Result<Parsed> p = ParseCore(raw);
    if (!p.ok()) continue;
    if (p->kind == Kind::kBare) {
      max_bare = std::max(max_bare, p->value);
      ++bare_count;
      if (p->value != 0 && p->value != 1) out.writes_bare_numbers = true;
      continue;
    }
    const std::string& scale = p->scale;
    size_t slash = scale.find('/');
    if (slash == std::string::npos) continue;  // Letters and percentages do not vote.
    double d = 0;
    auto [ptr, ec] = std::from_chars(scale.data() + slash + 1, scale.data() + scale.size(), d);
    if (ec == std::errc() && d > 0) ++votes[d];
  }
  int total = 0;
  int best_count = 0;
  double best = 0;
  for (const auto& [d, count] : votes) {
    if (d < max_bare) continue;
    total += count;
    if (count > best_count) {
      best_count = count;
      best = d;
    }
  }
  if (total >= kMinScaleVotes && best_count >= kDominantScaleShare * total) {
    out.bare_scale = best;
    return out;
  }
  if (bare_count == 0 || max_bare > 100) return out;
  if (max_bare > 10) {
    out.bare_scale = 100;
  } else if (max_bare > 5) {
    out.bare_scale = 10;
  } else if (max_bare > 4 && bare_count >= kMinBareForFive) {
    out.bare_scale = 5;
  }
  return out;
}

std::optional<double> InferBareScale(const std::vector<std::string_view>& publication_grades) {
  return InferPublicationScale(publication_grades).bare_scale;
}

Result<Grade> ParseGradeInPublication(std::string_view raw, const PublicationScale& scale) {
  Result<Parsed> p = ParseCore(raw);
  if (!p.ok()) return p.status();
  if (p->kind != Kind::kBare) return Grade{p->value, std::move(p->scale)};
  if (p->value == 1 && !scale.writes_bare_numbers) {
    return InvalidArgument(
        "a bare 1 is ambiguous (one point, a pass mark or a truncated 10) in a publication "
        "that writes its scale");
  }
  if (!scale.bare_scale) {
    return InvalidArgument(
        "bare number needs its publication's scale (its history is ambiguous or too thin)");
  }
  return ApplyBareScale(p->value, *scale.bare_scale);
}

std::string FormatScore(double score) {
  double rounded = std::round(score * 10.0) / 10.0;
  if (rounded == 0) rounded = 0;  // No "-0".
  char buf[32];
  if (rounded == std::floor(rounded)) {
    std::snprintf(buf, sizeof(buf), "%.0f", rounded);
  } else {
    std::snprintf(buf, sizeof(buf), "%.1f", rounded);
  }
  return buf;
}

std::string FormatGradeLine(std::string_view input, const Result<Grade>& g) {
  std::string echo(input);
  for (char& c : echo) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  if (!g.ok()) return echo + "\t\terror: " + g.status().message();
  return echo + "\t" + FormatScore(g->score) + "\t" + g->scale;
}

std::string FormatGradeLine(std::string_view input, std::optional<double> bare_scale) {
  return FormatGradeLine(input, ParseGrade(input, bare_scale));
}

}  // namespace reel::scoring
