// How deeply JSON text nests, checked before it is parsed. nlohmann-json parses any
// depth, but what then walks the value (dump(), copies, comparisons, our own
// readers) recurses once per level, so a file or request body of 100,000 nested
// arrays would overflow the stack. Every JSON input (import files, the reel-json
// dump, the demo catalog format, API request bodies) passes this check first.
//
// Pure; any thread.
#pragma once

#include <string_view>

#include "core/status.h"

namespace reel {

// Deeper than any document reel reads or writes (a TVmaze show nests 5 levels).
inline constexpr int kMaxJsonDepth = 256;

// Ok when no array or object in `text` is nested deeper than `max_depth`; else
// InvalidArgument "NAME:LINE: JSON nested deeper than 256 levels (at byte N)".
// Brackets inside strings do not count; nothing else of the syntax is checked.
Status CheckJsonDepth(std::string_view text, std::string_view name, int max_depth = kMaxJsonDepth);

}  // namespace reel
