// The words search sees in a text: what the index stores (storage/sql/search.cc)
// and what a query is split into (search/) come from the same functions, so a
// query and a name meet on the same words. Folding: lowercase, Latin accents
// removed ("Amélie" -> "amelie", "Straße" -> "strasse"), apostrophes dropped
// ("Schindler's" -> "schindlers"), every other character that is not a letter or
// a digit a word break ("Spider-Man" -> "spider man"); roman numerals II to XX
// become digits ("Part II" -> "part 2"); a leading article ("The", "A", "An",
// "Le", "La", "Les", "L'", "El", "Il", "Der", "Die", "Das") is dropped when words
// follow. Also the deletion variants the typo index keys words by. Pure; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reel {

// The folded words of `text`, in order (see the header comment).
std::vector<std::string> SearchWords(std::string_view text);

// As SearchWords, but keeps a leading article (a query of just "the" stays "the").
std::vector<std::string> SearchWordsKeepingArticles(std::string_view text);

// Whether `word` is folded ASCII (letters and digits only): only such words get
// typo variants, and typo distances count bytes.
bool IsAsciiWord(std::string_view word);

// The strings made by deleting 1 to `max_deletions` characters of `word` (an ASCII
// word), without duplicates and without `word` itself, in a fixed order.
std::vector<std::string> DeletionVariants(std::string_view word, int max_deletions);

// How many deletions the typo index stores for a word of `length` letters: words a
// query of 5+ letters may reach with one typo (4+ letters) get 1, words a query of
// 9+ letters may reach with two (7+) get 2, shorter words none.
int IndexedDeletions(size_t length);

}  // namespace reel

namespace reel {

// The first two characters of `word` (whole UTF-8 sequences): the key prefix
// lookups of the vocabulary go by.
std::string SearchWordHead(std::string_view word);

}  // namespace reel
