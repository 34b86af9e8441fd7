-- reel schema, migration 1: the whole data model of DESIGN.md.
-- Applied once by the binary at start (see storage/migrations.h); later changes
-- come as new numbered files, never as edits to this one.
-- Dates are ISO 8601 text ('2020-01-23'); timestamps are ISO 8601 UTC text.

CREATE TABLE titles (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('film', 'series', 'season', 'episode')),
  parent_id INTEGER REFERENCES titles(id) ON DELETE CASCADE,
  number INTEGER NOT NULL DEFAULT 0,
  slug TEXT,
  name TEXT NOT NULL,
  synopsis TEXT NOT NULL DEFAULT '',
  consensus TEXT NOT NULL DEFAULT '',
  release_date TEXT,                      -- First day of the period.
  release_precision TEXT CHECK (release_precision IN ('year', 'half', 'quarter', 'month', 'day')),
  end_year INTEGER NOT NULL DEFAULT 0,
  runtime_minutes INTEGER NOT NULL DEFAULT 0,
  country TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  network TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  CHECK ((kind IN ('film', 'series') AND parent_id IS NULL AND slug IS NOT NULL) OR
         (kind IN ('season', 'episode') AND parent_id IS NOT NULL AND number > 0))
);
CREATE UNIQUE INDEX titles_kind_slug ON titles(kind, slug) WHERE parent_id IS NULL;
CREATE UNIQUE INDEX titles_parent_number ON titles(parent_id, number) WHERE parent_id IS NOT NULL;
CREATE INDEX titles_kind_release ON titles(kind, release_date);

-- Ids a title has in other catalogs (imdb, tmdb, movielens, tvmaze, rt).
CREATE TABLE external_ids (
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (source, value)
);
CREATE INDEX external_ids_title ON external_ids(title_id);

CREATE TABLE genres (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE title_genres (
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  genre_id INTEGER NOT NULL REFERENCES genres(id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (title_id, genre_id)
);
CREATE INDEX title_genres_genre ON title_genres(genre_id);

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  born TEXT,
  birthplace TEXT NOT NULL DEFAULT '',
  bio TEXT NOT NULL DEFAULT ''
);

CREATE TABLE credits (
  id INTEGER PRIMARY KEY,
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('cast', 'crew')),
  role TEXT NOT NULL DEFAULT '',          -- Character (cast) or job (crew).
  ord INTEGER NOT NULL DEFAULT 0,
  UNIQUE (title_id, person_id, kind, role)
);
CREATE INDEX credits_person ON credits(person_id);

CREATE TABLE publications (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  url TEXT NOT NULL DEFAULT ''
);

CREATE TABLE critics (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  publication_id INTEGER REFERENCES publications(id) ON DELETE SET NULL,
  top_critic INTEGER NOT NULL DEFAULT 0 CHECK (top_critic IN (0, 1))
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  email TEXT,
  password_hash TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT 'reader' CHECK (role IN ('reader', 'critic', 'editor', 'admin')),
  critic_id INTEGER REFERENCES critics(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX users_email ON users(email) WHERE email IS NOT NULL;

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  tag TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX tags_title ON tags(title_id);

CREATE TABLE critic_reviews (
  id INTEGER PRIMARY KEY,
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  review_key TEXT NOT NULL,               -- Identifies the review within its title.
  critic_id INTEGER REFERENCES critics(id) ON DELETE SET NULL,
  publication_id INTEGER REFERENCES publications(id) ON DELETE SET NULL,
  quote TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  grade_raw TEXT NOT NULL DEFAULT '',     -- As the critic wrote it.
  grade_score REAL CHECK (grade_score IS NULL OR (grade_score >= 0 AND grade_score <= 100)),
  sentiment TEXT CHECK (sentiment IN ('fresh', 'rotten')),
  sentiment_source TEXT CHECK (sentiment_source IN ('critic', 'grade', 'text', 'editor')),
  review_date TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (title_id, review_key)
);
CREATE INDEX critic_reviews_critic ON critic_reviews(critic_id);
CREATE INDEX critic_reviews_publication ON critic_reviews(publication_id);

-- Audience ratings; a rating may carry the user's review.
CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  stars REAL NOT NULL CHECK (stars >= 0.5 AND stars <= 5 AND stars * 2 = CAST(stars * 2 AS INTEGER)),
  review TEXT NOT NULL DEFAULT '',
  verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
  status TEXT NOT NULL DEFAULT 'counted' CHECK (status IN ('counted', 'pre_release', 'held')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (user_id, title_id)
);
CREATE INDEX ratings_title ON ratings(title_id, status);

CREATE TABLE release_dates (
  id INTEGER PRIMARY KEY,
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  precision TEXT NOT NULL CHECK (precision IN ('year', 'half', 'quarter', 'month', 'day')),
  label TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  UNIQUE (title_id, date, precision)
);

CREATE TABLE videos (
  id INTEGER PRIMARY KEY,
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'trailer',
  duration_seconds INTEGER NOT NULL DEFAULT 0,
  UNIQUE (title_id, url)
);

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  headline TEXT NOT NULL,
  body_markdown TEXT NOT NULL DEFAULT '',
  author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  published_at TEXT,
  created_at TEXT NOT NULL
);

-- Titles an article is about.
CREATE TABLE article_titles (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, title_id)
);

-- Comments on an article or a title (episode, season, film); one level of replies.
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
  title_id INTEGER REFERENCES titles(id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  guest_name TEXT NOT NULL DEFAULT '',
  guest_email TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('approved', 'pending', 'spam')),
  created_at TEXT NOT NULL,
  CHECK ((article_id IS NULL) <> (title_id IS NULL))
);
CREATE INDEX comments_article ON comments(article_id, status);
CREATE INDEX comments_title ON comments(title_id, status);
