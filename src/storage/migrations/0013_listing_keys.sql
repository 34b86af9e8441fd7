-- reel schema, migration 13: what the film and series indexes (/m, /tv) filter and
-- sort by, kept on each title's row (model/listing.h says how each is derived from
-- the score counts). The store updates them in the same transaction as every
-- change of a title's counts (a season's change also updates its series), and
-- fills them for the rows that exist right after applying this migration.
--
-- Kept on titles rather than read from title_aggregates so that an index query
-- filters and sorts on one table: each sort walks one of the indexes below in
-- order and stops after a page, instead of sorting every film.
ALTER TABLE titles ADD COLUMN list_critic_rank REAL NOT NULL DEFAULT -1;
ALTER TABLE titles ADD COLUMN list_audience_rank REAL NOT NULL DEFAULT -1;
ALTER TABLE titles ADD COLUMN list_critic_percent INTEGER NOT NULL DEFAULT -1;
ALTER TABLE titles ADD COLUMN list_audience_percent INTEGER NOT NULL DEFAULT -1;
ALTER TABLE titles ADD COLUMN list_critic_reviews INTEGER NOT NULL DEFAULT 0;
ALTER TABLE titles ADD COLUMN list_audience_ratings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE titles ADD COLUMN list_popularity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE titles ADD COLUMN list_certified INTEGER NOT NULL DEFAULT 0;

-- One index per sort of the index pages, over films and series only.
CREATE INDEX titles_list_popular ON titles(kind, untitled, list_popularity, id) WHERE parent_id IS NULL;
CREATE INDEX titles_list_critic ON titles(kind, untitled, list_critic_rank, id) WHERE parent_id IS NULL;
CREATE INDEX titles_list_audience ON titles(kind, untitled, list_audience_rank, id) WHERE parent_id IS NULL;
CREATE INDEX titles_list_newest ON titles(kind, untitled, (COALESCE(release_date, '')), id) WHERE parent_id IS NULL;
CREATE INDEX titles_list_name ON titles(kind, untitled, (lower(name)), id) WHERE parent_id IS NULL;
-- A critic's and a publication's reviews, newest first (their pages).
CREATE INDEX critic_reviews_critic_date ON critic_reviews(critic_id, review_date);
CREATE INDEX critic_reviews_publication_date ON critic_reviews(publication_id, review_date);
-- A title's reviews newest first, and by grade.
CREATE INDEX critic_reviews_title_date ON critic_reviews(title_id, review_date);
CREATE INDEX critic_reviews_title_grade ON critic_reviews(title_id, grade_score);
