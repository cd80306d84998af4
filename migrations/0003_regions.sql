-- Facilitators' own regions (docs/scenarios.md "Hosting a game on your region"): each region
-- sheet a host uploaded, checked and built, under an unguessable id ("sheet-" and 12 random
-- characters). A region is never changed: a corrected sheet is a new region, so a game or a
-- shared link always finds the map it was made with.
CREATE TABLE regions (
  id         TEXT PRIMARY KEY,
  -- SHA-256 of the host token that uploaded it: the host's list of their regions.
  host_hash  TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- The sheets as uploaded, and the scenario built from them (JSON).
  sheet      TEXT NOT NULL,
  travel     TEXT,
  scenario   TEXT NOT NULL
);
CREATE INDEX regions_by_host ON regions (host_hash, created_at);

-- A game on a region carries it in its record, so the archive keeps it with the game: replay
-- and what-if then need nothing else, even if the region's row is gone.
ALTER TABLE games ADD COLUMN region TEXT;
