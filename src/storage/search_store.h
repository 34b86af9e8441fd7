// SearchStore: the search index's reads (the vocabulary, the typo index, each
// word's documents) and its full rebuild. The index is written by the writes of
// the names it holds, in their own transactions (storage/sql/search.cc); the
// search itself (src/search/) ranks what these reads return. Any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/id.h"

namespace reel {

// A word of the vocabulary and how many documents hold it.
struct SearchWord {
  Id id = 0;
  std::string word;
  int64_t docs = 0;
};

// A document of the index: what a result links to and the words it is found by.
struct SearchDoc {
  Id id = 0;
  std::string kind;    // "film", "series", "season", "episode", "person", "character",
                       // "critic", "publication", "article".
  Id ref_id = 0;       // The row it names (titles, people, credits, critics, publications, articles).
  Id title_id = 0;     // Its title (titles and characters), else 0.
  Id person_id = 0;    // Its person (people and characters), else 0.
  int field = 0;       // 0: its own name; 1: a name it borrows (a season's series); 2: a character's role.
  std::string label;   // What the result shows.
  std::string words;   // Its search words joined by spaces.
  int year = 0;        // Release year of a title (0 unknown).
  int64_t popularity = 0;  // Ratings plus reviews of its title.
};

struct SearchIndexStats {
  int64_t docs = 0, words = 0, postings = 0, typo_keys = 0;
};

class SearchStore {
 public:
  virtual ~SearchStore() = default;

  // The vocabulary entries of these exact words (those held by some document).
  virtual Result<std::vector<SearchWord>> FindSearchWords(const std::vector<std::string>& words) = 0;
  // Words filed in the typo index under any of `variants` (see migration 12).
  virtual Result<std::vector<SearchWord>> FindSearchWordsByVariant(const std::vector<std::string>& variants) = 0;
  // Up to `limit` words starting with `prefix` (2+ characters), most documents first.
  virtual Result<std::vector<SearchWord>> FindSearchWordsByPrefix(std::string_view prefix, int limit) = 0;
  // For each word id, up to `limit_each` of its documents, most popular (log scale)
  // first; appended in the order of `word_ids`, a document once per word.
  virtual Result<std::vector<std::pair<Id, SearchDoc>>> ListSearchPostings(const std::vector<Id>& word_ids,
                                                                           int limit_each) = 0;
  // Empties the index and builds it again from the catalog, the critics, the
  // publications and the published articles, in one transaction.
  virtual Result<SearchIndexStats> RebuildSearchIndex() = 0;
  virtual Result<SearchIndexStats> SearchIndexSize() = 0;
};

}  // namespace reel
