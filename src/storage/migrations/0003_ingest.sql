-- reel schema, migration 3: what importers (src/ingest/) need to find again what
-- they stored, so that importing the same file twice changes nothing.
--
-- A tag is one user's word for one title, once: re-importing a tags file upserts.
CREATE UNIQUE INDEX tags_title_user_tag ON tags(title_id, user_id, tag);

-- Ids a person has in other catalogs (imdb "nm0001772", tvmaze "1234"), as
-- external_ids holds them for titles.
CREATE TABLE person_external_ids (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (source, value)
);
CREATE INDEX person_external_ids_person ON person_external_ids(person_id);

-- Another site's aggregate rating of a title as it published it (IMDb's
-- title.ratings: a weighted mean on 1..10 and a vote count). Kept for reference and
-- never mixed into reel's own audience score.
CREATE TABLE title_external_ratings (
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  average REAL NOT NULL,
  votes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (title_id, source)
);
