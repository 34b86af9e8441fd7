// The grammar of a grade, shared by the files of grade.h (internal to src/scoring).
//
// A grade is first normalised to a plain ASCII form (grade_normalise.cc: lower case,
// glyphs such as star signs and vulgar fractions replaced by the stand-ins below,
// whitespace collapsed, surrounding punctuation trimmed), then read by a
// recursive-descent parser (grade_syntax.cc) into a score on 0..100 or a bare number
// that still needs a scale (grade.cc applies one; grade_scale.cc infers it from a
// publication's history). Pure functions: any thread may call them.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace reel::scoring::grade_syntax {

// Glyphs in the normalised form. Normalisation lowers every ASCII letter, so upper
// case letters are free to stand for them.
constexpr char kFullStar = 'S';
constexpr char kEmptyStar = 'E';
constexpr char kHalf = 'H';
constexpr char kQuarter = 'Q';
constexpr char kThreeQuarters = 'T';
constexpr char kOther = '\x01';  // Any character that has no place in a grade.

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Lowers ASCII, maps glyphs to their stand-ins, collapses whitespace and trims
// surrounding whitespace and punctuation.
std::string Normalise(std::string_view raw);

enum class Kind { kScored, kBare };

struct Parsed {
  Kind kind = Kind::kScored;
  double value = 0;  // Bare numbers: the number. Scored: 0..100.
  std::string scale;
};

// Normalises `raw` and parses it; a bare number comes back as such, unscaled.
Result<Parsed> ParseCore(std::string_view raw);

// A number as messages and scale names show it ("5", "3.5").
std::string FormatNumber(double v);

}  // namespace reel::scoring::grade_syntax
