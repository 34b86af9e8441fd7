// Grade normalisation: turns a grade as a critic wrote it ("3.5/4", "B+", "★★★½",
// "7 out of 10", "85%") into a score on 0..100, and says where the score came from.
//
// A bare number ("8", "3.5") has no scale of its own; it takes the scale that its
// publication uses in its other reviews (InferBareScale), else it stays unscored.
// Unparseable grades are an InvalidArgument with a short reason; callers keep the raw
// grade verbatim. Parsing runs in time linear in the input and never throws.
//
// Everything here is a pure function over its arguments: any thread may call it at
// any time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace reel::scoring {

struct Grade {
  double score = 0;   // Normalised 0..100.
  std::string scale;  // Where it came from: "/5", "/4", "/10", "/100", "%", "letter",
                      // "stars/5", "bare/10"...
};

// Parses a grade as the critic wrote it. `bare_scale` is the maximum to use for a bare
// number ("8", "3.5"); without one a bare number is an error ("bare number needs its
// publication's scale"). Surrounding whitespace and punctuation and letter case are
// tolerated.
Result<Grade> ParseGrade(std::string_view raw, std::optional<double> bare_scale = std::nullopt);

// True when `raw` is a bare number (no scale of its own), e.g. "8", "3.5", "3 1/2".
bool IsBareNumber(std::string_view raw);

// The value of a bare number ("3 1/2" -> 3.5), or nullopt when `raw` is not one.
std::optional<double> BareNumberValue(std::string_view raw);

// From the raw grades of a publication's other reviews, the maximum a bare number
// means (e.g. 10, 5, 4), or nullopt when the history is ambiguous or too thin.
// Fractions vote for their denominator (only scales that can hold the largest bare
// number in the history count); one scale must hold most of the votes. Without such
// votes the bare numbers themselves decide: a largest bare number above 10 means /100,
// above 5 means /10, above 4 means /5 (given at least three of them).
std::optional<double> InferBareScale(const std::vector<std::string_view>& publication_grades);

// What a publication's history says about its bare numbers.
struct PublicationScale {
  std::optional<double> bare_scale;  // As InferBareScale.
  // The history holds bare numbers other than 0 and 1, so the publication writes bare
  // points (and a bare 1 there is one point).
  bool writes_bare_numbers = false;
};

PublicationScale InferPublicationScale(const std::vector<std::string_view>& publication_grades);

// ParseGrade for a review of a publication whose scale was inferred from its history.
// Stricter than an explicit scale in one case: a bare 1 in a publication that does not
// otherwise write bare numbers stays unscored, since it is as likely a pass mark (a
// 0-1 "recommended" scale) or a truncated "10" as one point.
Result<Grade> ParseGradeInPublication(std::string_view raw, const PublicationScale& scale);

// One output line of `reel grade`: "input\tscore\tscale" or "input\t\terror: reason"
// (score printed with up to 1 decimal, e.g. 60, 87.5, 91.7). Tabs and line breaks in
// the echoed input are replaced by spaces so the line stays one line of three fields.
std::string FormatGradeLine(std::string_view input, std::optional<double> bare_scale = std::nullopt);
// The same line for a grade already parsed (e.g. by ParseGradeInPublication).
std::string FormatGradeLine(std::string_view input, const Result<Grade>& parsed);

// A score printed with up to one decimal: 60, 87.5, 91.7.
std::string FormatScore(double score);

}  // namespace reel::scoring
