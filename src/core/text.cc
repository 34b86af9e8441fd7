#include "core/text.h"

#include <cctype>
#include <cstdint>

namespace reel {
namespace {

// Maps the two-byte UTF-8 Latin-1 Supplement and Latin Extended-A letters most
// common in names to their ASCII base letter. Returns 0 for anything else.
char FoldLatin(uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xC5) return 'a';
  if (cp == 0xC7) return 'c';
  if (cp >= 0xC8 && cp <= 0xCB) return 'e';
  if (cp >= 0xCC && cp <= 0xCF) return 'i';
  if (cp == 0xD1) return 'n';
  if ((cp >= 0xD2 && cp <= 0xD6) || cp == 0xD8) return 'o';
  if (cp >= 0xD9 && cp <= 0xDC) return 'u';
  if (cp == 0xDD) return 'y';
  if (cp == 0xDF) return 's';
  if (cp >= 0xE0 && cp <= 0xE5) return 'a';
  if (cp == 0xE7) return 'c';
  if (cp >= 0xE8 && cp <= 0xEB) return 'e';
  if (cp >= 0xEC && cp <= 0xEF) return 'i';
  if (cp == 0xF1) return 'n';
  if ((cp >= 0xF2 && cp <= 0xF6) || cp == 0xF8) return 'o';
  if (cp >= 0xF9 && cp <= 0xFC) return 'u';
  if (cp == 0xFD || cp == 0xFF) return 'y';
  if (cp >= 0x100 && cp <= 0x17F) {
    // Latin Extended-A pairs letters in order; a small table of bases suffices.
    static constexpr char kBase[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllllllllnnnnnnnnnoooooooo"
        "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    const size_t i = cp - 0x100;
    if (i < sizeof(kBase) - 1) return kBase[i];
  }
  return 0;
}

}  // namespace

std::string Slugify(std::string_view text) {
  std::string out;
  bool pending_hyphen = false;
  auto emit = [&](char c) {
    if (pending_hyphen && !out.empty()) out += '-';
    pending_hyphen = false;
    out += c;
  };
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') emit(static_cast<char>(c - 'A' + 'a'));
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) emit(static_cast<char>(c));
      else if (c == '\'') {
        // Apostrophes join: "Don't" -> "dont".
      } else pending_hyphen = true;
      ++i;
      continue;
    }
    // Decode one multi-byte sequence (invalid bytes are skipped one at a time).
    uint32_t cp = 0;
    size_t len = 1;
    if ((c & 0xE0) == 0xC0 && i + 1 < text.size()) {
      cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
    }
    if (char f = FoldLatin(cp)) emit(f);
    else if (cp == 0x2019) {  // Right single quote acts as an apostrophe.
    } else pending_hyphen = true;
    i += len;
  }
  return out;
}

bool IsValidSlug(std::string_view slug) {
  if (slug.empty() || slug.front() == '-' || slug.back() == '-') return false;
  char prev = 0;
  for (char c : slug) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

std::vector<std::string> Paragraphs(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  size_t pos = 0;
  auto flush = [&] {
    auto t = Trim(cur);
    if (!t.empty()) out.emplace_back(t);
    cur.clear();
  };
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    auto line = Trim(text.substr(pos, nl - pos));
    if (line.empty()) {
      flush();
    } else {
      if (!cur.empty()) cur += ' ';
      cur += line;
    }
    pos = nl + 1;
  }
  flush();
  return out;
}

std::string Truncate(std::string_view s, size_t max_chars) {
  if (s.size() <= max_chars) return std::string(s);
  size_t cut = s.rfind(' ', max_chars);
  if (cut == std::string_view::npos || cut < max_chars / 2) {
    cut = max_chars;
    // Do not split a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  }
  return std::string(Trim(s.substr(0, cut))) + "…";
}

std::string EncodeUrlValue(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

}  // namespace reel
