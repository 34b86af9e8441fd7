// Search: finding films, series, seasons, episodes, people, characters, critics,
// publications and articles by name, with typos, in the index the store keeps
// (storage/search_store.h). How it works:
//
// - The query is folded into words as names are (core/search_text.h): accents,
//   case, punctuation, roman numerals and a leading article do not matter.
// - Each query word finds its candidate words in the vocabulary: itself; words
//   within the typos its length allows (none under 5 letters, 1 from 5, 2 from 9;
//   Damerau distance, a transposition counting one; a different first letter
//   counts one more), found through the typo index of deletion variants; for the
//   last word, the words it begins (prefix); a word split in two ("startrek") and
//   two words joined ("spider man" -> "spiderman").
// - The rarest query word reads its documents, most popular first (about
//   kMaxHits in all, shared by its candidate words), and each document is
//   matched against every query word.
// - Hits rank in buckets, as Meilisearch's ranking rules do: more query words
//   matched, then fewer typos, then the query as a phrase, then the whole name
//   matched, then no prefix, then its own name over a borrowed one (a season's
//   series) over a character's role; then by
//   popularity (ratings plus reviews). Results stop at kMaxHits.
// - When nothing matches every word, "did you mean" proposes the query with each
//   unmatched word replaced by the most common word close to it.
//
// Pure functions over the store; any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/score_counts.h"
#include "storage/search_store.h"

namespace reel {
class Store;
}

namespace reel::search {

inline constexpr int kMaxHits = 1000;        // Results of one query at most (as Meilisearch's maxTotalHits).
inline constexpr size_t kMaxQueryChars = 200;  // A longer query is refused ("q: ...").
inline constexpr int kMaxPerPage = 50;

// The optimal-string-alignment distance between two ASCII words (a transposition
// of neighbours counts one), or `cap` + 1 when it is more than `cap`.
int TypoDistance(std::string_view a, std::string_view b, int cap = 2);
// Typos allowed in a query word of `length` letters: 0 under 5, 1 from 5, 2 from 9.
int AllowedTypos(size_t length);
// What matching query word `q` to stored word `w` costs in typos (distance, plus
// one when the first letters differ), or nullopt when over what `q` allows.
std::optional<int> TypoCost(std::string_view q, std::string_view w);

// The kinds a result may have, in the order the page groups them, and their
// labels ("film" -> "Films").
const std::vector<std::string>& Kinds();
std::string KindLabel(std::string_view kind, bool plural);

struct Query {
  std::string text;
  std::string kind;  // "" for every kind, else one of Kinds().
  int page = 1;      // From 1.
  int per_page = 20;
};

// One result, with what a page shows of it.
struct Hit {
  SearchDoc doc;
  int matched = 0;      // Query words it matches.
  int typos = 0;
  bool phrase = false;  // The query's words in order, side by side.
  bool whole = false;   // Its whole name is the query.
  bool prefix = false;  // The last word matched only as a prefix.
  std::string path;     // Its page.
  std::string detail;   // "Star Trek: Picard · played by Patrick Stewart", "The Guardian"...
  std::optional<ScoreCounts> counts;  // Titles and characters: its title's scores.
};

struct Results {
  std::string query;
  std::vector<std::string> words;  // The folded query words.
  std::vector<Hit> hits;           // This page's.
  int64_t total = 0;               // Hits of every page (at most kMaxHits).
  std::map<std::string, int64_t> kinds;  // Hits per kind, before the kind filter.
  int page = 1, per_page = 20;
  std::string did_you_mean;  // "" when the query matched well.
  int64_t Pages() const { return total == 0 ? 0 : (total + per_page - 1) / per_page; }
};

// Validates the query: InvalidArgument naming "q", "type", "page" or "per_page".
Status CheckQuery(const Query& query);

// Runs the query on `store` (call it inside Store::Read for one snapshot).
Result<Results> Run(Store& store, const Query& query, std::string_view now);

}  // namespace reel::search
