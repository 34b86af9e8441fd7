// Numbers from text: the one family of parsers for input (URLs, forms, files,
// command lines), on std::from_chars. Each takes the whole string or nothing: no
// spaces, no trailing characters, no locale, no exceptions. A leading '+' is allowed
// on integers ("+3" is 3). Pure functions; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace reel {

// A whole integer that fits in 64 bits.
std::optional<int64_t> ParseInt(std::string_view s);
// A positive integer (an id, a page number): 1 or more.
std::optional<int64_t> ParsePositive(std::string_view s);
// A finite decimal number ("3.5", "-2", "1e3").
std::optional<double> ParseDouble(std::string_view s);

}  // namespace reel
