-- Live room codes (worker/room-registry.ts). A game is registered here when it is created;
-- the Worker answers a code that is not here itself, so a guessed code never wakes, or
-- leaves behind, a Game Durable Object. A row outlives its room's idle expiry (the room
-- then answers "this game has ended" itself), which also keeps a code from being reused.
CREATE TABLE rooms (
  code TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);
