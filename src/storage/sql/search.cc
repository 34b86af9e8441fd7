// The search index's upkeep (sql/search_index.h): the documents each row of the
// catalog, the critics, the publications and the published articles gives, the
// vocabulary with its document counts, the postings (most popular first) and the
// typo index of deletion variants; and the full rebuild. Everything runs on the
// caller's connection inside its transaction. The same SQL serves both drivers.
#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/parse.h"
#include "core/search_text.h"
#include "storage/sql/rows.h"
#include "storage/sql/search_index.h"

namespace reel {
namespace {

// A document to write with its distinct words in order.
struct NewDoc {
  SearchDoc doc;
  std::vector<std::string> words;
};

// The log2 scale of a popularity: the postings' order key.
int PopBucket(int64_t n) {
  int b = 0;
  for (; n > 0; n >>= 1) ++b;
  return b;
}

std::vector<std::string> Distinct(std::vector<std::string> words) {
  std::vector<std::string> out;
  for (auto& w : words) {
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
  }
  return out;
}

int YearOf(const std::string& iso) {
  if (iso.size() < 4) return 0;
  return static_cast<int>(ParseInt(std::string_view(iso).substr(0, 4)).value_or(0));
}

NewDoc MakeDoc(std::string kind, Id ref, std::string label, std::vector<std::string> words) {
  NewDoc d;
  d.doc.kind = std::move(kind);
  d.doc.ref_id = ref;
  d.doc.label = std::move(label);
  d.words = Distinct(std::move(words));
  std::string joined;
  for (const auto& w : d.words) joined += (joined.empty() ? "" : " ") + w;
  d.doc.words = std::move(joined);
  return d;
}

// ---- Where documents come from -----------------------------------------------------
// Each source is one SELECT over its table; `one` restricts it to a row by id.

#define REEL_TITLE_DOC_SQL                                                                               \
  "SELECT t.id, t.kind, t.number, t.name, t.untitled, COALESCE(t.release_date, ''), COALESCE(p.name, ''), " \
  "COALESCE(p.untitled, 0) + COALESCE(gp.untitled, 0), COALESCE(a.fresh + a.rotten + a.ratings, 0) "       \
  "FROM titles t LEFT JOIN titles p ON p.id = t.parent_id LEFT JOIN titles gp ON gp.id = p.parent_id "     \
  "LEFT JOIN title_aggregates a ON a.title_id = t.id"

std::optional<NewDoc> TitleDoc(const SqlStmt& q) {
  if (q.Int(4) != 0 || q.Int(7) != 0) return std::nullopt;  // Untitled, or of an untitled series.
  const std::string kind = q.Text(1), name = q.Text(3), parent = q.Text(6);
  NewDoc d;
  if (kind == "season") {
    const std::string n = std::to_string(q.Int(2));
    auto words = SearchWords(parent);
    words.push_back("season");
    words.push_back(n);
    d = MakeDoc(kind, q.Int(0), parent + ": Season " + n, std::move(words));
    d.doc.field = 1;  // Found by its series' name: ranks below the series itself.
  } else {
    d = MakeDoc(kind, q.Int(0), name, SearchWords(name));
  }
  d.doc.title_id = q.Int(0);
  d.doc.year = YearOf(q.Text(5));
  d.doc.popularity = q.Int(8);
  return d;
}

#define REEL_PERSON_DOC_SQL \
  "SELECT p.id, p.name, (SELECT COUNT(*) FROM credits c WHERE c.person_id = p.id) FROM people p"

std::optional<NewDoc> PersonDoc(const SqlStmt& q) {
  NewDoc d = MakeDoc("person", q.Int(0), q.Text(1), SearchWords(q.Text(1)));
  d.doc.person_id = q.Int(0);
  d.doc.popularity = q.Int(2);
  return d;
}

#define REEL_CHARACTER_DOC_SQL                                                                  \
  "SELECT c.id, c.title_id, c.person_id, c.role, COALESCE(a.fresh + a.rotten + a.ratings, 0) " \
  "FROM credits c JOIN titles t ON t.id = c.title_id LEFT JOIN title_aggregates a ON a.title_id = c.title_id " \
  "WHERE c.kind = 'cast' AND c.role <> '' AND " REEL_LISTED("t")

std::optional<NewDoc> CharacterDoc(const SqlStmt& q) {
  NewDoc d = MakeDoc("character", q.Int(0), q.Text(3), SearchWords(q.Text(3)));
  d.doc.title_id = q.Int(1);
  d.doc.person_id = q.Int(2);
  d.doc.field = 2;
  d.doc.popularity = q.Int(4);
  return d;
}

#define REEL_CRITIC_DOC_SQL \
  "SELECT k.id, k.name, (SELECT COUNT(*) FROM critic_reviews r WHERE r.critic_id = k.id) FROM critics k"
#define REEL_PUBLICATION_DOC_SQL \
  "SELECT k.id, k.name, (SELECT COUNT(*) FROM critic_reviews r WHERE r.publication_id = k.id) FROM publications k"

std::optional<NewDoc> CriticDoc(const SqlStmt& q) {
  NewDoc d = MakeDoc("critic", q.Int(0), q.Text(1), SearchWords(q.Text(1)));
  d.doc.popularity = q.Int(2);
  return d;
}

std::optional<NewDoc> PublicationDoc(const SqlStmt& q) {
  NewDoc d = MakeDoc("publication", q.Int(0), q.Text(1), SearchWords(q.Text(1)));
  d.doc.popularity = q.Int(2);
  return d;
}

#define REEL_ARTICLE_DOC_SQL \
  "SELECT k.id, k.headline, k.published_at FROM articles k WHERE k.published_at IS NOT NULL AND k.published_at <> ''"

std::optional<NewDoc> ArticleDoc(const SqlStmt& q) {
  NewDoc d = MakeDoc("article", q.Int(0), q.Text(1), SearchWords(q.Text(1)));
  d.doc.year = YearOf(q.Text(2));
  return d;
}

struct Source {
  const char* kind;  // The kind its documents have ("" for titles: four kinds).
  const char* sql;
  const char* one;   // The condition that picks one row by id.
  std::optional<NewDoc> (*read)(const SqlStmt&);
};

const Source kTitles{"", REEL_TITLE_DOC_SQL, " WHERE t.id = ?", TitleDoc};
const Source kPeople{"person", REEL_PERSON_DOC_SQL, " WHERE p.id = ?", PersonDoc};
const Source kCharacters{"character", REEL_CHARACTER_DOC_SQL, " AND c.id = ?", CharacterDoc};
const Source kCritics{"critic", REEL_CRITIC_DOC_SQL, " WHERE k.id = ?", CriticDoc};
const Source kPublications{"publication", REEL_PUBLICATION_DOC_SQL, " WHERE k.id = ?", PublicationDoc};
const Source kArticles{"article", REEL_ARTICLE_DOC_SQL, " AND k.id = ?", ArticleDoc};

// The documents of `source`: all of them (id 0) or those of one row.
Result<std::vector<NewDoc>> ReadDocs(SqlDb& db, const Source& source, Id id) {
  REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(std::string(source.sql) + (id ? source.one : "")));
  if (id) q.Bind(1, id);
  std::vector<NewDoc> out;
  while (q.Step()) {
    if (auto d = source.read(q); d && !d->words.empty()) out.push_back(std::move(*d));
  }
  REEL_TRY(q.status());
  return out;
}

// ---- Writing documents -------------------------------------------------------------

Status AddTypoKeys(SqlDb& db, Id word_id, const std::string& word) {
  if (!IsAsciiWord(word)) return Status::Ok();
  const auto variants = DeletionVariants(word, IndexedDeletions(word.size()));
  return db.RunMany(
      "INSERT INTO search_typos(variant, word_id) VALUES (?, ?) ON CONFLICT DO NOTHING", variants.size(),
      [&](size_t i, SqlStmt& q) { q.Bind(1, variants[i]).Bind(2, word_id); }, [](size_t, const SqlStmt&) {});
}

Status InsertDoc(SqlDb& db, const NewDoc& d) {
  auto q = db.Prepare(
      "INSERT INTO search_docs(kind, ref_id, title_id, person_id, field, label, words, year, popularity) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (q.ok()) {
    q->Bind(1, d.doc.kind).Bind(2, d.doc.ref_id).BindIdOrNull(3, d.doc.title_id).BindIdOrNull(4, d.doc.person_id)
        .Bind(5, d.doc.field).Bind(6, d.doc.label).Bind(7, d.doc.words).Bind(8, d.doc.year)
        .Bind(9, d.doc.popularity);
  }
  REEL_ASSIGN_OR_RETURN(const Id doc_id, ReturningId(q));
  for (const auto& word : d.words) {
    REEL_ASSIGN_OR_RETURN(auto w, db.Prepare(
        "INSERT INTO search_words(word, head, docs) VALUES (?, ?, 1) "
        "ON CONFLICT (word) DO UPDATE SET docs = search_words.docs + 1 RETURNING id, docs"));
    w.Bind(1, word).Bind(2, SearchWordHead(word));
    if (!w.Step()) return w.status().ok() ? Internal("word upsert returned nothing") : w.status();
    const Id word_id = w.Int(0);
    const bool first = w.Int(1) == 1;
    REEL_TRY(w.Run());
    if (first) REEL_TRY(AddTypoKeys(db, word_id, word));
    REEL_ASSIGN_OR_RETURN(auto p, db.Prepare(
        "INSERT INTO search_postings(word_id, pop, doc_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
    REEL_TRY(p.Bind(1, word_id).Bind(2, PopBucket(d.doc.popularity)).Bind(3, doc_id).Run());
  }
  return Status::Ok();
}

// Removes the documents of one row (all kinds of a title when `kind` is "").
Status RemoveDocs(SqlDb& db, std::string_view kind, Id ref_id) {
  auto q = kind.empty()
               ? db.Prepare("SELECT id FROM search_docs WHERE ref_id = ? AND kind IN ('film', 'series', 'season', 'episode')")
               : db.Prepare("SELECT id FROM search_docs WHERE ref_id = ? AND kind = ?");
  if (q.ok()) {
    q->Bind(1, ref_id);
    if (!kind.empty()) q->Bind(2, kind);
  }
  REEL_ASSIGN_OR_RETURN(auto ids, Collect<Id>(q, [](const SqlStmt& s) { return s.Int(0); }));
  for (const Id id : ids) {
    REEL_ASSIGN_OR_RETURN(auto dec, db.Prepare(
        "UPDATE search_words SET docs = docs - 1 WHERE id IN (SELECT word_id FROM search_postings WHERE doc_id = ?)"));
    REEL_TRY(dec.Bind(1, id).Run());
    REEL_ASSIGN_OR_RETURN(auto post, db.Prepare("DELETE FROM search_postings WHERE doc_id = ?"));
    REEL_TRY(post.Bind(1, id).Run());
    REEL_ASSIGN_OR_RETURN(auto doc, db.Prepare("DELETE FROM search_docs WHERE id = ?"));
    REEL_TRY(doc.Bind(1, id).Run());
  }
  return Status::Ok();
}

Status Reindex(SqlDb& db, const Source& source, Id id) {
  REEL_TRY(RemoveDocs(db, source.kind, id));
  REEL_ASSIGN_OR_RETURN(auto docs, ReadDocs(db, source, id));
  for (const auto& d : docs) REEL_TRY(InsertDoc(db, d));
  return Status::Ok();
}

// The rebuild's second half: the vocabulary with its counts, the postings and the
// typo keys of every word, written in a few statements run many times.
Result<SearchIndexStats> WriteVocabulary(SqlDb& db, const std::vector<NewDoc>& docs, const std::vector<Id>& doc_ids) {
  std::unordered_map<std::string, size_t> index;  // Word -> its place in `words`.
  std::vector<std::pair<std::string, int64_t>> words;
  for (const auto& d : docs) {
    for (const auto& w : d.words) {
      auto [it, fresh] = index.try_emplace(w, words.size());
      if (fresh) words.emplace_back(w, 0);
      ++words[it->second].second;
    }
  }
  std::vector<Id> word_ids(words.size(), 0);
  REEL_TRY(db.RunMany(
      "INSERT INTO search_words(word, head, docs) VALUES (?, ?, ?) RETURNING id", words.size(),
      [&](size_t i, SqlStmt& q) { q.Bind(1, words[i].first).Bind(2, SearchWordHead(words[i].first)).Bind(3, words[i].second); },
      [&](size_t i, const SqlStmt& q) { word_ids[i] = q.Int(0); }));
  struct Posting {
    Id word_id;
    int pop;
    Id doc_id;
  };
  std::vector<Posting> postings;
  for (size_t i = 0; i < docs.size(); ++i) {
    for (const auto& w : docs[i].words) {
      postings.push_back({word_ids[index[w]], PopBucket(docs[i].doc.popularity), doc_ids[i]});
    }
  }
  REEL_TRY(db.RunMany(
      "INSERT INTO search_postings(word_id, pop, doc_id) VALUES (?, ?, ?)", postings.size(),
      [&](size_t i, SqlStmt& q) { q.Bind(1, postings[i].word_id).Bind(2, postings[i].pop).Bind(3, postings[i].doc_id); },
      [](size_t, const SqlStmt&) {}));
  std::vector<std::pair<std::string, Id>> typos;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!IsAsciiWord(words[i].first)) continue;
    for (auto& v : DeletionVariants(words[i].first, IndexedDeletions(words[i].first.size()))) {
      typos.emplace_back(std::move(v), word_ids[i]);
    }
  }
  REEL_TRY(db.RunMany(
      "INSERT INTO search_typos(variant, word_id) VALUES (?, ?)", typos.size(),
      [&](size_t i, SqlStmt& q) { q.Bind(1, typos[i].first).Bind(2, typos[i].second); },
      [](size_t, const SqlStmt&) {}));
  return SearchIndexStats{static_cast<int64_t>(docs.size()), static_cast<int64_t>(words.size()),
                          static_cast<int64_t>(postings.size()), static_cast<int64_t>(typos.size())};
}

}  // namespace

Status IndexTitle(SqlDb& db, Id title_id) {
  REEL_TRY(Reindex(db, kTitles, title_id));
  // A series' seasons are found by its name too.
  REEL_ASSIGN_OR_RETURN(auto q, db.Prepare("SELECT id FROM titles WHERE parent_id = ? AND kind = 'season'"));
  q.Bind(1, title_id);
  std::vector<Id> seasons;
  while (q.Step()) seasons.push_back(q.Int(0));
  REEL_TRY(q.status());
  for (const Id s : seasons) REEL_TRY(Reindex(db, kTitles, s));
  return Status::Ok();
}

Status IndexPerson(SqlDb& db, Id person_id) { return Reindex(db, kPeople, person_id); }
Status IndexCredit(SqlDb& db, Id credit_id) { return Reindex(db, kCharacters, credit_id); }
Status IndexCritic(SqlDb& db, Id critic_id) { return Reindex(db, kCritics, critic_id); }
Status IndexPublication(SqlDb& db, Id publication_id) { return Reindex(db, kPublications, publication_id); }
Status IndexArticle(SqlDb& db, Id article_id) { return Reindex(db, kArticles, article_id); }

Status UpdateSearchPopularity(SqlDb& db, Id title_id, int64_t before, int64_t after) {
  if (before == after) return Status::Ok();
  REEL_ASSIGN_OR_RETURN(auto q, db.Prepare("UPDATE search_docs SET popularity = ? WHERE title_id = ?"));
  REEL_TRY(q.Bind(1, after).Bind(2, title_id).Run());
  if (PopBucket(before) == PopBucket(after)) return Status::Ok();
  REEL_ASSIGN_OR_RETURN(auto p, db.Prepare(
      "UPDATE search_postings SET pop = ? WHERE doc_id IN (SELECT id FROM search_docs WHERE title_id = ?)"));
  return p.Bind(1, PopBucket(after)).Bind(2, title_id).Run();
}

Result<SearchIndexStats> RebuildSearchIndexOn(SqlDb& db) {
  for (const char* table : {"search_typos", "search_postings", "search_words", "search_docs"}) {
    REEL_TRY(db.Exec(std::string("DELETE FROM ") + table));
  }
  std::vector<NewDoc> docs;
  for (const Source* source : {&kTitles, &kPeople, &kCharacters, &kCritics, &kPublications, &kArticles}) {
    REEL_ASSIGN_OR_RETURN(auto some, ReadDocs(db, *source, 0));
    for (auto& d : some) docs.push_back(std::move(d));
  }
  std::vector<Id> doc_ids(docs.size(), 0);
  REEL_TRY(db.RunMany(
      "INSERT INTO search_docs(kind, ref_id, title_id, person_id, field, label, words, year, popularity) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      docs.size(),
      [&](size_t i, SqlStmt& q) {
        const SearchDoc& d = docs[i].doc;
        q.Bind(1, d.kind).Bind(2, d.ref_id).BindIdOrNull(3, d.title_id).BindIdOrNull(4, d.person_id)
            .Bind(5, d.field).Bind(6, d.label).Bind(7, d.words).Bind(8, d.year).Bind(9, d.popularity);
      },
      [&](size_t i, const SqlStmt& q) { doc_ids[i] = q.Int(0); }));
  return WriteVocabulary(db, docs, doc_ids);
}

Result<SearchIndexStats> SearchIndexSizeOn(SqlDb& db) {
  SearchIndexStats out;
  REEL_ASSIGN_OR_RETURN(auto q, db.Prepare(
      "SELECT (SELECT COUNT(*) FROM search_docs), (SELECT COUNT(*) FROM search_words WHERE docs > 0), "
      "(SELECT COUNT(*) FROM search_postings), (SELECT COUNT(*) FROM search_typos)"));
  if (q.Step()) out = {q.Int(0), q.Int(1), q.Int(2), q.Int(3)};
  REEL_TRY(q.Run());
  return out;
}

}  // namespace reel
