/**
 * Which room codes hold a game (D1 table `rooms`, migrations/0002_rooms.sql). Written when
 * POST /api/games creates a room, read by the Worker before it routes a connection to a
 * room: a code that is not here is answered without touching a Durable Object.
 */

/** Take a fresh code for a new room; false when it is already taken. */
export async function claimCode(db: D1Database, code: string, now: string): Promise<boolean> {
  const done = await db.prepare('INSERT OR IGNORE INTO rooms (code, created_at) VALUES (?, ?)').bind(code, now).run();
  return done.meta.changes === 1;
}

/** Give a code back when its room could not be set up. */
export async function releaseCode(db: D1Database, code: string): Promise<void> {
  await db.prepare('DELETE FROM rooms WHERE code = ?').bind(code).run();
}

export async function isRegistered(db: D1Database, code: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS one FROM rooms WHERE code = ?').bind(code).first()) !== null;
}
