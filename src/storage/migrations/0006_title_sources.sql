-- reel schema, migration 6: which importer made a title (src/ingest/).
-- A title an importer made is that source's: importing the source again rewrites
-- the fields it gives, so a newer file updates what changed. Another source, and
-- any import into a title written by hand, only fills fields that are empty (and
-- may make a release date more precise), so two catalogs that disagree about a
-- title they share do not overwrite each other on every import.
CREATE TABLE title_sources (
  title_id INTEGER PRIMARY KEY REFERENCES titles(id) ON DELETE CASCADE,
  source TEXT NOT NULL
);
