-- reel schema, migration 11: when each session was last used, to the day, so a
-- reader's account page can list their browsers' sessions and API tokens (the kind
-- column tells them apart) with when each began and was last used, and end any.
ALTER TABLE sessions ADD COLUMN last_used_at TEXT NOT NULL DEFAULT '';
UPDATE sessions SET last_used_at = created_at;
