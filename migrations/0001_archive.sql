-- The game archive (D1): finished games, and games the host saved mid-way.
-- One row per game in `games`; the record's rounds, chat and deal log in child tables, so no
-- row nears D1's row size limit and a researcher can query them with SQL.

CREATE TABLE games (
  -- "<room code>-<creation time in ms>": stable for one game even if a code is reused later.
  id            TEXT PRIMARY KEY,
  code          TEXT NOT NULL,
  -- SHA-256 of the host token: the host's key to their games. The token itself is never stored.
  host_hash     TEXT NOT NULL,
  scenario      TEXT NOT NULL,
  model         TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  finished_at   TEXT,
  saved_at      TEXT NOT NULL,
  rounds_played INTEGER NOT NULL,
  -- SHA-256 of the record as saved: saving the same record again changes nothing.
  record_hash   TEXT NOT NULL,
  settings      TEXT NOT NULL,
  seats         TEXT NOT NULL,
  initial_state TEXT NOT NULL,
  final_state   TEXT NOT NULL
);
CREATE INDEX games_by_host ON games (host_hash, created_at);

CREATE TABLE rounds (
  game_id   TEXT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
  round     INTEGER NOT NULL,
  decisions TEXT NOT NULL,
  source    TEXT NOT NULL,
  deals     TEXT NOT NULL,
  events    TEXT NOT NULL,
  result    TEXT NOT NULL,
  PRIMARY KEY (game_id, round)
);

CREATE TABLE chat (
  game_id   TEXT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  at        TEXT NOT NULL,
  round     INTEGER NOT NULL,
  sender    TEXT NOT NULL,
  recipient TEXT,
  text      TEXT NOT NULL,
  PRIMARY KEY (game_id, seq)
);

CREATE TABLE deal_log (
  game_id TEXT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
  seq     INTEGER NOT NULL,
  at      TEXT NOT NULL,
  round   INTEGER NOT NULL,
  deal    TEXT NOT NULL,
  action  TEXT NOT NULL,
  actor   TEXT NOT NULL,
  terms   TEXT,
  PRIMARY KEY (game_id, seq)
);

-- Read-only share links a host creates for a game (researchers, co-facilitators) and can revoke.
CREATE TABLE shares (
  token_hash TEXT PRIMARY KEY,
  game_id    TEXT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  -- 1: the link shows the game without players' names (research exports).
  anonymous  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX shares_by_game ON shares (game_id);
