// libFuzzer target for JSON API request bodies, read as web/api/json.cc's Body()
// reads them: the depth check (core/json_depth.h) first, then nlohmann-json's parser
// with exceptions off, then the fields handlers take (strings, the stars number) and
// a dump, which recurses once per level. A body that passes the depth check must
// never overflow the stack; a parse error is a value, never a crash. Any crash,
// sanitizer report or broken invariant is a bug.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/json_depth.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const reel::Status depth = reel::CheckJsonDepth(body, "body");
  if (!depth.ok()) {
    Check(!depth.message().empty());
    return 0;
  }
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) return 0;
  // What the handlers read from an object body.
  if (j.is_object()) {
    for (const char* name : {"username", "password", "email", "review", "code", "body", "stars"}) {
      auto it = j.find(name);
      if (it == j.end() || it->is_null()) continue;
      if (it->is_string()) (void)it->get<std::string>();
      if (it->is_number()) (void)it->get<double>();
    }
  }
  // Walking the value (dump, copy, compare) stays within the stack.
  const std::string out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  nlohmann::json copy = j;
  Check(copy == j);
  Check(nlohmann::json::parse(out, nullptr, false).is_discarded() == false);
  return 0;
}
