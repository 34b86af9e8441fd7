// libFuzzer target for grade parsing: ParseGrade with and without a bare scale,
// ParseGradeInPublication, InferPublicationScale over the input split at newlines and
// FormatGradeLine. Any crash, sanitizer report, hang or broken invariant (a score
// outside 0..100, an empty scale, an error without a reason) is a bug.
//
// Built by tests/fuzz/CMakeLists.txt; run by `make fuzz` and `make test` (tests/fuzz/run).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "scoring/grade.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckGrade(const reel::Result<reel::scoring::Grade>& g) {
  if (g.ok()) {
    Check(std::isfinite(g->score) && g->score >= 0 && g->score <= 100);
    Check(!g->scale.empty());
  } else {
    Check(!g.status().message().empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  CheckGrade(reel::scoring::ParseGrade(raw));
  CheckGrade(reel::scoring::ParseGrade(raw, 10.0));
  CheckGrade(reel::scoring::ParseGrade(raw, 4.0));
  // A scale taken from the input itself, including odd ones (0, tiny, huge).
  double odd_scale = size > 0 ? static_cast<double>(data[0]) / 7.0 : 0.0;
  CheckGrade(reel::scoring::ParseGrade(raw, odd_scale));

  std::vector<std::string_view> history;
  size_t start = 0;
  for (size_t i = 0; i <= raw.size(); ++i) {
    if (i == raw.size() || raw[i] == '\n') {
      history.push_back(raw.substr(start, i - start));
      start = i + 1;
    }
  }
  reel::scoring::PublicationScale scale = reel::scoring::InferPublicationScale(history);
  if (scale.bare_scale) Check(*scale.bare_scale > 0 && std::isfinite(*scale.bare_scale));
  for (std::string_view h : history) {
    CheckGrade(reel::scoring::ParseGradeInPublication(h, scale));
  }
  std::string line = reel::scoring::FormatGradeLine(raw, 5.0);
  size_t tabs = 0;
  for (char c : line) {
    Check(c != '\n' && c != '\r');
    if (c == '\t') ++tabs;
  }
  Check(tabs == 2);
  return 0;
}
