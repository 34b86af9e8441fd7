-- reel schema, migration 16: news and editorial (src/news/).
--
-- Articles gain a cover image, tags, the people they are about and readers' star
-- ratings; an author (any editor) gets a profile with a bio. Titles gain editors'
-- "Interesting facts" (ordered, each with an optional source) and richer videos.
-- Lists are one mechanism for every list of titles: an editor's ranked list
-- ("10 best sci-fi series of the decade", editorial = 1, shown at /lists/<slug>)
-- and, later, readers' own lists (at /u/<name>/lists/<slug>) share the table.
ALTER TABLE articles ADD COLUMN cover_url TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE articles SET updated_at = COALESCE(published_at, created_at);
CREATE INDEX articles_published ON articles(published_at);
CREATE INDEX article_titles_title ON article_titles(title_id, article_id);

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (article_id, tag)
);
CREATE INDEX article_tags_tag ON article_tags(tag, article_id);

CREATE TABLE article_people (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, person_id)
);

-- One rating (1..5 stars) per signed-in reader and article; rating again replaces it.
CREATE TABLE article_ratings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  created_at TEXT NOT NULL,
  UNIQUE (article_id, user_id)
);

-- What an author's profile page (/news/author/<username>) says of them.
CREATE TABLE author_profiles (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL DEFAULT '',
  bio TEXT NOT NULL DEFAULT ''
);

-- "Interesting facts" about a title, in the order editors give them.
CREATE TABLE trivia (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  body TEXT NOT NULL,
  source_url TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX trivia_title ON trivia(title_id, position);

CREATE TABLE lists (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  ranked INTEGER NOT NULL DEFAULT 1 CHECK (ranked IN (0, 1)),
  visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'unlisted', 'private')),
  editorial INTEGER NOT NULL DEFAULT 0 CHECK (editorial IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- Editorial lists share one namespace (/lists/<slug>); a reader's lists their own.
CREATE UNIQUE INDEX lists_editorial_slug ON lists(slug) WHERE editorial = 1;
CREATE UNIQUE INDEX lists_owner_slug ON lists(owner_id, slug) WHERE editorial = 0;

CREATE TABLE list_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (list_id, title_id)
);
CREATE INDEX list_entries_title ON list_entries(title_id);

ALTER TABLE videos ADD COLUMN provider TEXT NOT NULL DEFAULT '';
ALTER TABLE videos ADD COLUMN thumbnail_url TEXT NOT NULL DEFAULT '';
