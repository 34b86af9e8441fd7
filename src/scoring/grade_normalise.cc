// Grade normalisation (grade_syntax.h): UTF-8 decoding, the glyphs a grade may hold
// mapped to their ASCII stand-ins, whitespace and punctuation around the grade
// trimmed. What remains is read by the parser in grade_syntax.cc.
#include "scoring/grade_syntax.h"

namespace reel::scoring::grade_syntax {
namespace {

// Decodes one UTF-8 sequence at s[i]; returns the code point and sets `len`, or
// returns -1 (with len 1) for a malformed sequence.
long DecodeUtf8(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int n = 0;
  long cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 1;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 2;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 3;
    cp = c & 0x07;
  } else {
    *len = 1;
    return -1;
  }
  for (int k = 1; k <= n; ++k) {
    if (i + k >= s.size()) {
      *len = 1;
      return -1;
    }
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    bool bad = (cc & 0xC0) != 0x80;
    // Overlong three- and four-byte forms and code points above U+10FFFF.
    if (k == 1 && ((c == 0xE0 && cc < 0xA0) || (c == 0xF0 && cc < 0x90) ||
                   (c == 0xF4 && cc > 0x8F))) {
      bad = true;
    }
    if (bad) {
      *len = 1;
      return -1;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *len = static_cast<size_t>(n) + 1;
  return cp;
}

char MapCodePoint(long cp) {
  switch (cp) {
    case 0x00A0: case 0x2002: case 0x2003: case 0x2009: case 0x200A:
    case 0x202F: case 0x3000:
      return ' ';
    case 0x2605: case 0x2B50: case 0x272D: case 0x272E:
      return kFullStar;
    case 0x2606: case 0x2729:
      return kEmptyStar;
    case 0x00BD: return kHalf;
    case 0x00BC: return kQuarter;
    case 0x00BE: return kThreeQuarters;
    case 0x2212: case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
      return '-';
    case 0x2044: case 0x2215:
      return '/';
    case 0xFF05:
      return '%';
    case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x00AB: case 0x00BB:
      return '"';
    default:
      return kOther;
  }
}

bool IsTrimmable(char c) {
  switch (c) {
    case ' ': case '"': case '\'': case '(': case ')': case '[': case ']': case '{':
    case '}': case ',': case ';': case ':': case '!': case '?': case '.': case '`':
      return true;
    default:
      return false;
  }
}

}  // namespace

// Lowers ASCII, maps glyphs to their stand-ins, collapses whitespace and trims
// surrounding whitespace and punctuation.
std::string Normalise(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    char mapped;
    size_t len = 1;
    if (c < 0x80) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
        mapped = ' ';
      } else if (c >= 'A' && c <= 'Z') {
        mapped = static_cast<char>(c - 'A' + 'a');
      } else if (c == '*') {
        mapped = kFullStar;
      } else if (c < 0x20 || c == 0x7F) {
        mapped = kOther;
      } else {
        mapped = static_cast<char>(c);
      }
    } else {
      long cp = DecodeUtf8(raw, i, &len);
      mapped = cp < 0 ? kOther : MapCodePoint(cp);
    }
    i += len;
    if (mapped == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(mapped);
  }
  size_t begin = 0;
  while (begin < out.size() && IsTrimmable(out[begin])) {
    // A leading '.' before a digit is a decimal point (".5/4").
    if (out[begin] == '.' && begin + 1 < out.size() && IsDigit(out[begin + 1])) break;
    ++begin;
  }
  size_t end = out.size();
  while (end > begin && IsTrimmable(out[end - 1])) --end;
  return out.substr(begin, end - begin);
}

}  // namespace reel::scoring::grade_syntax
