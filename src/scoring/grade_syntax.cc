// The grade parser (grade_syntax.h): a recursive-descent reader over the normalised
// form of a grade, giving a score on 0..100 with the scale it came from, or a bare
// number that still needs its publication's scale. Every step moves forward, so a
// parse is linear in the input.
#include "scoring/grade_syntax.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>

namespace reel::scoring::grade_syntax {
namespace {

// Longer inputs are not grades; refusing them early keeps error messages short.
constexpr size_t kMaxGradeBytes = 200;
// More significant characters than this in one number are not a grade.
constexpr size_t kMaxNumberChars = 16;
// A letter grade loses 8 1/3 points per step below A.
constexpr double kLetterStep = 100.0 / 12.0;

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsFractionGlyph(char c) { return c == kHalf || c == kQuarter || c == kThreeQuarters; }
double FractionGlyphValue(char c) {
  return c == kHalf ? 0.5 : c == kQuarter ? 0.25 : 0.75;
}

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
      REEL_ASSIGN_OR_RETURN(value, Number());
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
    REEL_ASSIGN_OR_RETURN(double d, Denominator());
    return std::optional<double>(d);
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
    REEL_ASSIGN_OR_RETURN(double n, Quantity());
    SkipSpaces();
    if (AtEnd()) return Parsed{Kind::kBare, n, ""};
    char c = Peek();
    if (c == '%') {
      ++i_;
      REEL_TRY(ExpectEnd());
      if (n > 100) return InvalidArgument("percentage above 100");
      return Parsed{Kind::kScored, n, "%"};
    }
    if (c == '-' && (IsDigit(Peek(1)) || Peek(1) == ' ')) {
      return InvalidArgument("a range is not a grade");
    }
    if (ConsumeStarsWord()) {
      REEL_ASSIGN_OR_RETURN(std::optional<double> d, OptionalScale());
      REEL_TRY(ExpectEnd());
      double scale = d.value_or(5.0);
      return Fraction(n, scale, "stars/" + FormatNumber(scale));
    }
    REEL_ASSIGN_OR_RETURN(std::optional<double> d, OptionalScale());
    if (!d.has_value()) return InvalidArgument("unexpected text after the number");
    SkipSpaces();
    bool stars = ConsumeStarsWord();
    REEL_TRY(ExpectEnd());
    return Fraction(n, *d, (stars ? "stars/" : "/") + FormatNumber(*d));
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
    REEL_ASSIGN_OR_RETURN(std::optional<double> d, OptionalScale());
    SkipSpaces();
    ConsumeStarsWord();
    REEL_TRY(ExpectEnd());
    double value = full + part;
    double scale = 5;
    if (d.has_value()) {
      scale = *d;
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

}  // namespace

std::string FormatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", v);
  return buf;
}

Result<Parsed> ParseCore(std::string_view raw) {
  if (raw.size() > kMaxGradeBytes) return InvalidArgument("too long to be a grade");
  std::string normalised = Normalise(raw);
  if (normalised.find(kOther) != std::string::npos) {
    return InvalidArgument("unexpected character in grade");
  }
  return Parser(normalised).Parse();
}

}  // namespace reel::scoring::grade_syntax
