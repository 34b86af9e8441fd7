#include "core/json_depth.h"

#include <algorithm>
#include <string>

namespace reel {

Status CheckJsonDepth(std::string_view text, std::string_view name, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // The escaped character, whatever it is.
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + i, '\n'));
        return InvalidArgument(std::string(name) + ":" + std::to_string(line) + ": JSON nested deeper than " +
                               std::to_string(max_depth) + " levels (at byte " + std::to_string(i) + ")");
      }
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
    }
  }
  return Status::Ok();
}

}  // namespace reel
