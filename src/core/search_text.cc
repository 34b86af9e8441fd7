// Folding text into search words (core/search_text.h): a small UTF-8 decoder, a
// table of Latin letters with diacritics to their base letters, roman numerals,
// leading articles and the deletion variants of the typo index.
#include "core/search_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>

namespace reel {
namespace {

// Decodes the code point at s[i] (advancing i); malformed bytes decode as U+FFFD.
char32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i++]);
  if (b < 0x80) return b;
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  char32_t cp = b & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// U+00C0..U+00FF folded: the base letters, "" for the two signs in the block.
constexpr std::array<const char*, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// U+0100..U+017F (Latin Extended-A) folded, two code points per base letter mostly.
constexpr std::string_view kExtendedA =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "ii" "jj" "kkk" "llllllllll"
    "nnnnnnnnn" "oooooo" "oo" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

// Appends the folded form of `cp`: a letter or digit in lowercase without its
// accents, "" for an apostrophe, " " for any other separator.
void Fold(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (c != '\'') out += ' ';
    return;
  }
  if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) return;  // Typographic apostrophes.
  if (cp >= 0xC0 && cp <= 0xFF) {
    const char* f = kLatin1[cp - 0xC0];
    out += *f ? f : " ";
    return;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x152 || cp == 0x153) { out += "oe"; return; }
    if (cp == 0x132 || cp == 0x133) { out += "ij"; return; }
    const size_t k = (cp - 0x100);
    out += k < kExtendedA.size() ? kExtendedA[k] : ' ';
    return;
  }
  // Punctuation and spaces of the General Punctuation block and a few others.
  if ((cp >= 0x2000 && cp <= 0x206F) || cp == 0xA0 || cp == 0xFFFD || cp == 0x3000 || (cp >= 0x80 && cp < 0xC0) ||
      cp == 0xD7 || cp == 0xF7) {
    out += ' ';
    return;
  }
  // Greek and Cyrillic capitals to lowercase; other scripts as they are.
  if ((cp >= 0x391 && cp <= 0x3A9)) cp += 0x20;
  else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
  else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
  AppendUtf8(out, cp);
}

std::string_view RomanToDigits(std::string_view w) {
  static constexpr std::array<std::string_view, 21> kRoman = {
      "", "", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
      "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"};
  static constexpr std::array<std::string_view, 21> kDigits = {
      "", "", "2", "3", "4", "5", "6", "7", "8", "9", "10",
      "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"};
  for (size_t n = 2; n < kRoman.size(); ++n) {
    if (w == kRoman[n]) return kDigits[n];
  }
  return w;
}

bool IsArticle(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kArticles = {"the", "a",  "an",  "le", "la",  "les",
                                                                 "l",   "el", "il",  "der", "die", "das"};
  return std::find(kArticles.begin(), kArticles.end(), w) != kArticles.end();
}

std::vector<std::string> Words(std::string_view text, bool drop_article) {
  std::string folded;
  folded.reserve(text.size());
  for (size_t i = 0; i < text.size();) Fold(folded, NextCodePoint(text, i));
  std::vector<std::string> words;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    const size_t start = i;
    while (i < folded.size() && folded[i] != ' ') ++i;
    if (i > start) words.emplace_back(RomanToDigits(std::string_view(folded).substr(start, i - start)));
  }
  if (drop_article && words.size() > 1 && IsArticle(words[0])) words.erase(words.begin());
  return words;
}

}  // namespace

std::vector<std::string> SearchWords(std::string_view text) { return Words(text, true); }

std::vector<std::string> SearchWordsKeepingArticles(std::string_view text) { return Words(text, false); }

bool IsAsciiWord(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

std::vector<std::string> DeletionVariants(std::string_view word, int max_deletions) {
  std::set<std::string> seen;
  std::vector<std::string> out, level = {std::string(word)};
  for (int d = 0; d < max_deletions; ++d) {
    std::vector<std::string> next;
    for (const auto& w : level) {
      if (w.size() <= 1) continue;
      for (size_t i = 0; i < w.size(); ++i) {
        std::string v = w.substr(0, i) + w.substr(i + 1);
        if (v != word && seen.insert(v).second) {
          out.push_back(v);
          next.push_back(std::move(v));
        }
      }
    }
    level = std::move(next);
  }
  return out;
}

int IndexedDeletions(size_t length) { return length >= 7 ? 2 : length >= 4 ? 1 : 0; }

}  // namespace reel

namespace reel {

std::string SearchWordHead(std::string_view word) {
  size_t i = 0;
  for (int n = 0; n < 2 && i < word.size(); ++n) NextCodePoint(word, i);
  return std::string(word.substr(0, i));
}

}  // namespace reel
