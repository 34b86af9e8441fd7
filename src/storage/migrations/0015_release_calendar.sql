-- reel schema, migration 15: release dates with precision, status, region and
-- history; readers following series; each reader's calendar zone and feed secret.
--
-- release_dates becomes the history of statements about when a title comes out:
-- one row per statement, never updated by editors (a new date is a new row), so a
-- season page can show "early 2022" and later "March 3, 2022" with when each was
-- recorded. precision takes the calendar's vocabulary (year, early, mid, late,
-- quarter, month, day, time); existing rows keep their ids and dates ('half' becomes
-- 'early' or 'late' by its month). The precision CHECK and the old UNIQUE (title,
-- date, precision) are replaced in RunMigrationStep (storage/migrations.cc): SQLite
-- rebuilds the table (same ids, its AUTOINCREMENT counter kept), PostgreSQL drops
-- and adds constraints.
ALTER TABLE release_dates ADD COLUMN at_utc TEXT;
ALTER TABLE release_dates ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE release_dates ADD COLUMN status TEXT NOT NULL DEFAULT 'announced';
ALTER TABLE release_dates ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE release_dates ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE release_dates ADD COLUMN changed_by INTEGER REFERENCES users(id) ON DELETE SET NULL;

-- A reader follows a series (the calendar's "series I follow" and personal feed).
CREATE TABLE follows (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  series_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  UNIQUE (user_id, series_id)
);
CREATE INDEX follows_series ON follows(series_id);

-- A reader's calendar settings: the time zone /calendar shows them, and the hash
-- of their personal feed's secret (the secret itself is shown once, when made).
CREATE TABLE calendar_settings (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  time_zone TEXT NOT NULL DEFAULT '',
  feed_hash TEXT UNIQUE,
  feed_made_at TEXT NOT NULL DEFAULT ''
);
