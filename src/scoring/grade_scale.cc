// Scale inference (grade.h, InferPublicationScale): what a bare number means in a
// publication, from the grades of its other reviews. Fractions vote for their
// denominator; without enough votes the largest bare number decides.
#include <algorithm>
#include <charconv>
#include <map>

#include "scoring/grade.h"
#include "scoring/grade_syntax.h"

namespace reel::scoring {
namespace {

// Fraction votes a publication's history needs before its scale counts as known, and
// the share the most common scale must hold.
constexpr int kMinScaleVotes = 2;
constexpr double kDominantScaleShare = 0.6;
// Bare numbers a history needs before "all at most 5, some above 4" means a /5 scale.
constexpr int kMinBareForFive = 3;

}  // namespace

using grade_syntax::Kind;
using grade_syntax::ParseCore;
using grade_syntax::Parsed;

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

}  // namespace reel::scoring
