-- reel schema, migration 10: untitled imports, and what an episode list says of an
-- episode beyond its name and date.
--
-- A film or series an import made without a name (the Rotten Tomatoes extract names
-- none of its films: "RT movie 5") is untitled: its page stays reachable by its
-- address, but no list shows it (home page, /tv, "you might also like", a person's
-- credits) until an operator names it (`reel titles rename`) or an import that
-- matches it gives its name.
ALTER TABLE titles ADD COLUMN untitled INTEGER NOT NULL DEFAULT 0 CHECK (untitled IN (0, 1));
-- Films imported before this migration: those the RT importer made and still
-- carry the placeholder it gave them.
UPDATE titles SET untitled = 1
WHERE kind = 'film' AND id IN (
  SELECT s.title_id FROM title_sources s
  JOIN external_ids e ON e.title_id = s.title_id AND e.source = 'rt'
  WHERE s.source = 'rt' AND titles.name = 'RT movie ' || e.value);

-- An episode's production code ("456650") and its first airing's US viewers
-- (21500000 for "21.5 million"; 0 when unknown), from an episode list
-- (src/ingest/episodes_csv.cc), shown with the episode's production details.
ALTER TABLE titles ADD COLUMN production_code TEXT NOT NULL DEFAULT '';
ALTER TABLE titles ADD COLUMN us_viewers INTEGER NOT NULL DEFAULT 0;
