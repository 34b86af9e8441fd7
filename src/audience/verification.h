// Verified viewers: the operator imports codes that prove someone saw a title
// (ticket numbers, screener codes); a reader who enters an unused code for a title
// gets the verified badge on their rating of it and counts in its verified audience
// score. Only a hash of each code is stored, so the codes cannot be read back from
// the database.
//
// The file `reel verify import` reads has one code per line: the code, a tab or a
// comma, and the address of the title's page ("/tv/star-trek-picard/s01",
// "/m/logan"); blank lines and lines starting with '#' are skipped. A code may hold
// letters, digits, '-' and spaces; case, spaces and dashes do not matter when it is
// typed ("ab12-cd34" is "AB12CD34"). The import is one transaction: the first bad
// line stops it with FILE:LINE and nothing is stored. Any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace reel {
class Store;
}

namespace reel::audience {

// Codes shorter than this (after normalising) are refused: they could be guessed.
inline constexpr size_t kMinCodeLength = 8;
inline constexpr size_t kMaxCodeLength = 64;

// The code as stored (upper case, without spaces and dashes); InvalidArgument naming
// the field "code" when it has other characters or the wrong length.
Result<std::string> NormalizeCode(std::string_view typed);
// The hash the store keeps of a normalised code.
std::string CodeHash(std::string_view normalized);

struct VerifyImportReport {
  int64_t lines = 0;      // Codes read.
  int64_t added = 0;
  int64_t unchanged = 0;  // Already stored for the same title.
};

Result<VerifyImportReport> ImportVerificationCodes(Store& store, const std::string& path);

}  // namespace reel::audience
