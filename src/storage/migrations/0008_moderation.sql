-- reel schema, migration 8: moderation of what readers write (src/audience/comments.h,
-- src/audience/moderation.h).
--
-- An audience review's text passes the spam filter like a comment: a review judged
-- spam or pending is hidden while its stars still count (the rating's own status,
-- counted / pre_release / held, is the review-bombing guard's, separately).
ALTER TABLE ratings ADD COLUMN review_status TEXT NOT NULL DEFAULT 'approved'
  CHECK (review_status IN ('approved', 'pending', 'spam'));

-- When a comment's text was last edited by its author; NULL when never.
ALTER TABLE comments ADD COLUMN updated_at TEXT;
CREATE INDEX comments_parent ON comments(parent_id);
CREATE INDEX comments_status ON comments(status, created_at);

-- What the spam filter saw and said of each comment or review text, one row per
-- version of the text (an edit adds a row). The behavioural facts are kept as they
-- were at posting time, so a moderator's decision (label) turns the row into a
-- training example that every server rebuilds the same model from. Rows outlive the
-- post they describe (no foreign key to it): a deleted spam stays a lesson.
CREATE TABLE spam_checks (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('comment', 'review')),
  item_id INTEGER NOT NULL,               -- comments.id or ratings.id.
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  address TEXT NOT NULL DEFAULT '',       -- The poster's network address (guests' posting rate).
  text TEXT NOT NULL,
  text_key TEXT NOT NULL,                 -- SpamTextKey(text): finds the same text posted again.
  author_name TEXT NOT NULL DEFAULT '',
  author_url TEXT NOT NULL DEFAULT '',
  guest INTEGER NOT NULL DEFAULT 0 CHECK (guest IN (0, 1)),
  account_age_days REAL NOT NULL DEFAULT 0,
  posts_last_hour INTEGER NOT NULL DEFAULT 0,
  same_text_recent INTEGER NOT NULL DEFAULT 0,
  probability REAL NOT NULL DEFAULT 0,    -- P(spam) the filter gave at posting time.
  reasons TEXT NOT NULL DEFAULT '',       -- Its strongest reasons, "; "-separated.
  label TEXT CHECK (label IN ('ham', 'spam')),  -- A moderator's decision; NULL until then.
  decided_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX spam_checks_item ON spam_checks(kind, item_id);
CREATE INDEX spam_checks_user ON spam_checks(user_id, created_at);
CREATE INDEX spam_checks_address ON spam_checks(address, created_at);
CREATE INDEX spam_checks_text ON spam_checks(text_key, created_at);
CREATE INDEX spam_checks_label ON spam_checks(label);

-- Readers' reports of a comment or an audience review, open until a moderator
-- resolves them (approving, deleting or marking the item resolves its reports).
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  rating_id INTEGER REFERENCES ratings(id) ON DELETE CASCADE,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  CHECK ((comment_id IS NULL) <> (rating_id IS NULL))
);
CREATE INDEX reports_open ON reports(resolved_at, created_at);
CREATE INDEX reports_comment ON reports(comment_id);
CREATE INDEX reports_rating ON reports(rating_id);
