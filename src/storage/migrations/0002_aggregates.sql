-- reel schema, migration 2: stored score aggregates per title.
-- One row per title that has reviews or ratings, kept current by the store in the
-- same transaction as each write (see model/score_counts.h for what each review and
-- rating contributes) and rebuilt by `reel score --recompute`; the store also
-- rebuilds them right after applying this migration, for rows that exist already.
-- certified is state with hysteresis: gained at >= 75%, kept until below 70%.
CREATE TABLE title_aggregates (
  title_id INTEGER PRIMARY KEY REFERENCES titles(id) ON DELETE CASCADE,
  fresh INTEGER NOT NULL DEFAULT 0,
  rotten INTEGER NOT NULL DEFAULT 0,
  top_fresh INTEGER NOT NULL DEFAULT 0,
  top_rotten INTEGER NOT NULL DEFAULT 0,
  graded INTEGER NOT NULL DEFAULT 0,
  grade_sum REAL NOT NULL DEFAULT 0,
  g0 INTEGER NOT NULL DEFAULT 0, g1 INTEGER NOT NULL DEFAULT 0, g2 INTEGER NOT NULL DEFAULT 0,
  g3 INTEGER NOT NULL DEFAULT 0, g4 INTEGER NOT NULL DEFAULT 0, g5 INTEGER NOT NULL DEFAULT 0,
  g6 INTEGER NOT NULL DEFAULT 0, g7 INTEGER NOT NULL DEFAULT 0, g8 INTEGER NOT NULL DEFAULT 0,
  g9 INTEGER NOT NULL DEFAULT 0,
  ratings INTEGER NOT NULL DEFAULT 0,
  ratings_positive INTEGER NOT NULL DEFAULT 0,
  verified_ratings INTEGER NOT NULL DEFAULT 0,
  verified_positive INTEGER NOT NULL DEFAULT 0,
  stars_sum REAL NOT NULL DEFAULT 0,
  s0 INTEGER NOT NULL DEFAULT 0, s1 INTEGER NOT NULL DEFAULT 0, s2 INTEGER NOT NULL DEFAULT 0,
  s3 INTEGER NOT NULL DEFAULT 0, s4 INTEGER NOT NULL DEFAULT 0, s5 INTEGER NOT NULL DEFAULT 0,
  s6 INTEGER NOT NULL DEFAULT 0, s7 INTEGER NOT NULL DEFAULT 0, s8 INTEGER NOT NULL DEFAULT 0,
  s9 INTEGER NOT NULL DEFAULT 0,
  pre_release INTEGER NOT NULL DEFAULT 0,
  certified INTEGER NOT NULL DEFAULT 0 CHECK (certified IN (0, 1))
);
CREATE INDEX title_aggregates_reviews ON title_aggregates((fresh + rotten));
