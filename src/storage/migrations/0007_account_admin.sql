-- reel schema, migration 7: managing accounts. Password resets by one-time token
-- (only a hash of the token is kept), the outbox that stands in for a mail server,
-- sign-in failures for rate limiting (per account name and per address, shared by
-- every server), and verification codes that make a rating "verified viewer".
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- Messages the site would mail. Admins read them at /admin/outbox.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Failed sign-ins by key: "user:NAME" (the name as typed, lower case, whether or
-- not such an account exists) and "addr:ADDRESS".
CREATE TABLE signin_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_at TEXT NOT NULL
);

-- Codes an operator imports (like ticket numbers), each good for one title and one
-- use. Only a hash of each code is kept.
CREATE TABLE verification_codes (
  code_hash TEXT PRIMARY KEY,
  title_id INTEGER NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  used_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  used_at TEXT
);
CREATE INDEX verification_codes_title ON verification_codes(title_id);
