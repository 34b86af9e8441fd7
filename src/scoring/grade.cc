// Grade normalisation (grade.h): a parsed grade turned into a Grade, with a bare
// number given its publication's scale, and the lines `reel grade` prints. The
// grammar is in grade_syntax.cc, scale inference in grade_scale.cc.
#include "scoring/grade.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "scoring/grade_syntax.h"

namespace reel::scoring {
namespace {

using grade_syntax::FormatNumber;
using grade_syntax::Kind;
using grade_syntax::ParseCore;
using grade_syntax::Parsed;

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
  REEL_ASSIGN_OR_RETURN(Parsed p, ParseCore(raw));
  if (p.kind == Kind::kBare) {
    if (!bare_scale) return InvalidArgument("bare number needs its publication's scale");
    return ApplyBareScale(p.value, *bare_scale);
  }
  return Grade{p.value, std::move(p.scale)};
}

bool IsBareNumber(std::string_view raw) { return BareNumberValue(raw).has_value(); }

std::optional<double> BareNumberValue(std::string_view raw) {
  Result<Parsed> p = ParseCore(raw);
  if (!p.ok() || p->kind != Kind::kBare) return std::nullopt;
  return p->value;
}

Result<Grade> ParseGradeInPublication(std::string_view raw, const PublicationScale& scale) {
  REEL_ASSIGN_OR_RETURN(Parsed p, ParseCore(raw));
  if (p.kind != Kind::kBare) return Grade{p.value, std::move(p.scale)};
  if (p.value == 1 && !scale.writes_bare_numbers) {
    return InvalidArgument(
        "a bare 1 is ambiguous (one point, a pass mark or a truncated 10) in a publication "
        "that writes its scale");
  }
  if (!scale.bare_scale) {
    return InvalidArgument(
        "bare number needs its publication's scale (its history is ambiguous or too thin)");
  }
  return ApplyBareScale(p.value, *scale.bare_scale);
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
