/**
 * Which codes hold a game or a class of rooms (D1 table `rooms`, migrations/0002_rooms.sql,
 * 0004_classes.sql). Written when POST /api/games creates a room or POST /api/classes a class
 * (one registry for both, so a class code never collides with a room code), read by the
 * Worker before it routes a connection to a room: a code that is not here is answered
 * without touching a Durable Object.
 */

/** What a code holds. */
export type CodeKind = 'game' | 'class';

/** Take a fresh code for a new room (or class); false when it is already taken. */
export async function claimCode(db: D1Database, code: string, now: string, kind: CodeKind = 'game'): Promise<boolean> {
  const done = await db.prepare('INSERT OR IGNORE INTO rooms (code, created_at, kind) VALUES (?, ?, ?)').bind(code, now, kind).run();
  return done.meta.changes === 1;
}

/** Give a code back when its room could not be set up. */
export async function releaseCode(db: D1Database, code: string): Promise<void> {
  await db.prepare('DELETE FROM rooms WHERE code = ?').bind(code).run();
}

/** What `code` holds, or null for a code nobody holds. */
export async function kindOf(db: D1Database, code: string): Promise<CodeKind | null> {
  const row = await db.prepare('SELECT kind FROM rooms WHERE code = ?').bind(code).first<{ kind: string }>();
  return row === null ? null : row.kind === 'class' ? 'class' : 'game';
}

export async function isRegistered(db: D1Database, code: string): Promise<boolean> {
  return (await kindOf(db, code)) === 'game';
}
