-- reel schema, migration 14: the recommender's stored neighbour lists. Each film
-- and series has up to a few dozen ranked neighbours with the reason a reader is
-- shown; `reel recommend build` (and the server, after enough new ratings)
-- replaces them all at once and records the build.
CREATE TABLE title_neighbours (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  neighbour_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  score REAL NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  UNIQUE (title_id, position)
);
CREATE INDEX title_neighbours_neighbour ON title_neighbours(neighbour_id);

CREATE TABLE recommend_builds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  built_at TEXT NOT NULL,
  ratings INTEGER NOT NULL,
  titles INTEGER NOT NULL,
  model TEXT NOT NULL
);
