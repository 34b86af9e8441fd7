// libFuzzer target for request-target and form decoding (web/http/http.h):
// ParseTarget, ParseForm, TargetForLog and EncodeUrlValue. A target that parses
// gives a path starting with '/'; a value encoded and decoded comes back unchanged;
// what the log shows holds no control character. Any crash, sanitizer report or
// broken invariant is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "web/http/http.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string path;
  std::multimap<std::string, std::string> query;
  if (reel::web::ParseTarget(text, path, query)) Check(!path.empty() && path[0] == '/');
  auto form = reel::web::ParseForm(text);
  (void)reel::web::FormValue(form, "csrf");

  const std::string logged = reel::web::TargetForLog(text);
  for (unsigned char c : logged) Check(c >= 0x20 && c != 0x7f);

  // Encoding a value for a query and reading it back gives the value.
  const std::string encoded = reel::EncodeUrlValue(text);
  std::multimap<std::string, std::string> back;
  Check(reel::web::ParseTarget("/?v=" + encoded, path, back));
  Check(back.size() == 1 && back.begin()->second == text);
  return 0;
}
