-- reel schema, migration 12: the search index (src/search/, storage/sql/search.cc).
--
-- One document per thing a reader can find: a film, series, season or episode (by
-- its name), a person, a character (a credit's role), a critic, a publication, a
-- published article. `words` are its name's folded search words
-- (core/search_text.h) joined by spaces; `popularity` is its title's ratings plus
-- counted critic reviews (kept current by the writes that move them), `pop` the
-- same on a log2 scale, which orders each word's postings so that the most
-- popular documents of a common word are read first. Untitled imports have none.
-- Every write of a name updates its documents in its own transaction; `reel
-- search reindex` rebuilds all three tables.
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  ref_id INTEGER NOT NULL,
  title_id INTEGER,
  person_id INTEGER,
  field INTEGER NOT NULL DEFAULT 0,
  label TEXT NOT NULL,
  words TEXT NOT NULL,
  year INTEGER NOT NULL DEFAULT 0,
  popularity INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX search_docs_by_ref ON search_docs(kind, ref_id);
CREATE INDEX search_docs_by_title ON search_docs(title_id);

-- The vocabulary: every word of a document, with how many documents hold it;
-- `head` is its first two characters, which prefix lookups use.
CREATE TABLE search_words (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  word TEXT NOT NULL UNIQUE,
  head TEXT NOT NULL,
  docs INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX search_words_by_head ON search_words(head, docs);

-- Which documents hold a word, most popular first.
CREATE TABLE search_postings (
  word_id INTEGER NOT NULL,
  pop INTEGER NOT NULL,
  doc_id INTEGER NOT NULL,
  PRIMARY KEY (word_id, pop, doc_id)
);
CREATE INDEX search_postings_by_doc ON search_postings(doc_id);

-- The typo index (symmetric deletion): each word of 4+ letters under every string
-- made by deleting one of its letters, and a word of 7+ letters by deleting two. A
-- query word and a stored word within the allowed typos share a variant (or one is
-- a variant of the other); the search then measures the true distance.
CREATE TABLE search_typos (
  variant TEXT NOT NULL,
  word_id INTEGER NOT NULL,
  PRIMARY KEY (variant, word_id)
);
