// SqlStore's search reads (storage/search_store.h): vocabulary lookups by word, by
// typo variant and by prefix, each word's documents most popular first, and the
// rebuild and size of the index (sql/search.cc). Any thread.
#include <string>
#include <vector>

#include "core/search_text.h"
#include "storage/sql/rows.h"
#include "storage/sql/search_index.h"
#include "storage/sql_store.h"

namespace reel {
namespace {

SearchWord ReadWord(const SqlStmt& q) { return SearchWord{q.Int(0), q.Text(1), q.Int(2)}; }

// Runs `sql` (one '?' for each value) once per value, collecting the words it returns.
Result<std::vector<SearchWord>> WordsFor(SqlDb& db, const char* sql, const std::vector<std::string>& values) {
  std::vector<SearchWord> out;
  REEL_TRY(db.RunMany(
      sql, values.size(), [&](size_t i, SqlStmt& q) { q.Bind(1, values[i]); },
      [&](size_t, const SqlStmt& q) { out.push_back(ReadWord(q)); }));
  return out;
}

}  // namespace

Result<std::vector<SearchWord>> SqlStore::FindSearchWords(const std::vector<std::string>& words) {
  return WithRetry([&](Result<Lease>& db) {
    return WordsFor(**db, "SELECT id, word, docs FROM search_words WHERE word = ? AND docs > 0", words);
  });
}

Result<std::vector<SearchWord>> SqlStore::FindSearchWordsByVariant(const std::vector<std::string>& variants) {
  return WithRetry([&](Result<Lease>& db) {
    return WordsFor(**db,
                    "SELECT w.id, w.word, w.docs FROM search_typos t JOIN search_words w ON w.id = t.word_id "
                    "WHERE t.variant = ? AND w.docs > 0",
                    variants);
  });
}

Result<std::vector<SearchWord>> SqlStore::FindSearchWordsByPrefix(std::string_view prefix, int limit) {
  const std::string head = SearchWordHead(prefix);
  if (head.size() < 2) return std::vector<SearchWord>{};
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<SearchWord>> {
    auto q = (*db)->Prepare(
        "SELECT id, word, docs FROM search_words WHERE head = ? AND substr(word, 1, ?) = ? AND docs > 0 "
        "ORDER BY docs DESC, word LIMIT ?");
    // substr counts characters on both databases; the prefix is whole characters.
    int chars = 0;
    for (unsigned char c : prefix) chars += (c & 0xC0) != 0x80;
    if (q.ok()) q->Bind(1, head).Bind(2, chars).Bind(3, prefix).Bind(4, limit);
    return Collect<SearchWord>(q, ReadWord);
  });
}

Result<std::vector<std::pair<Id, SearchDoc>>> SqlStore::ListSearchPostings(const std::vector<Id>& word_ids,
                                                                           int limit_each) {
  return WithRetry([&](Result<Lease>& db) -> Result<std::vector<std::pair<Id, SearchDoc>>> {
    std::vector<std::pair<Id, SearchDoc>> out;
    REEL_TRY((*db)->RunMany(
        "SELECT d.id, d.kind, d.ref_id, COALESCE(d.title_id, 0), COALESCE(d.person_id, 0), d.field, d.label, "
        "d.words, d.year, d.popularity FROM search_postings p JOIN search_docs d ON d.id = p.doc_id "
        "WHERE p.word_id = ? ORDER BY p.pop DESC, p.doc_id DESC LIMIT ?",
        word_ids.size(), [&](size_t i, SqlStmt& q) { q.Bind(1, word_ids[i]).Bind(2, limit_each); },
        [&](size_t i, const SqlStmt& q) {
          out.emplace_back(word_ids[i], SearchDoc{q.Int(0), q.Text(1), q.Int(2), q.Int(3), q.Int(4),
                                                  static_cast<int>(q.Int(5)), q.Text(6), q.Text(7),
                                                  static_cast<int>(q.Int(8)), q.Int(9)});
        }));
    return out;
  });
}

Result<SearchIndexStats> SqlStore::RebuildSearchIndex() {
  SearchIndexStats stats;
  REEL_TRY(WriteChange([&](SqlDb& db) -> Status {
    REEL_ASSIGN_OR_RETURN(stats, RebuildSearchIndexOn(db));
    return Status::Ok();
  }));
  return stats;
}

Result<SearchIndexStats> SqlStore::SearchIndexSize() {
  return WithRetry([&](Result<Lease>& db) { return SearchIndexSizeOn(**db); });
}

}  // namespace reel
