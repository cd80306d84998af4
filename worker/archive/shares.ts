/** Read-only share links for an archived game: created and revoked by its host. */
import { newToken, sha256 } from '../../core/protocol/tokens';

export interface Share {
  shareId: string;
  createdAt: string;
  revokedAt: string | null;
  anonymous: boolean;
}

/** Create a link; the token is returned once and only its hash is kept (it is the share's id). */
export async function createShare(db: D1Database, gameId: string, anonymous: boolean, now: string): Promise<{ token: string; shareId: string }> {
  const token = newToken();
  const shareId = await sha256(token);
  await db.prepare('INSERT INTO shares (token_hash, game_id, created_at, anonymous) VALUES (?, ?, ?, ?)').bind(shareId, gameId, now, anonymous ? 1 : 0).run();
  return { token, shareId };
}

export async function listShares(db: D1Database, gameId: string): Promise<Share[]> {
  const { results } = await db
    .prepare('SELECT token_hash, created_at, revoked_at, anonymous FROM shares WHERE game_id = ? ORDER BY created_at')
    .bind(gameId)
    .all<{ token_hash: string; created_at: string; revoked_at: string | null; anonymous: number }>();
  return results.map((r) => ({ shareId: r.token_hash, createdAt: r.created_at, revokedAt: r.revoked_at, anonymous: r.anonymous === 1 }));
}

/** Revoke a link of this game; false if the game has no such link. */
export async function revokeShare(db: D1Database, gameId: string, shareId: string, now: string): Promise<boolean> {
  const res = await db.prepare('UPDATE shares SET revoked_at = COALESCE(revoked_at, ?) WHERE token_hash = ? AND game_id = ?').bind(now, shareId, gameId).run();
  return res.meta.changes > 0;
}

/** The game a live (not revoked) share token opens, and whether it hides names. */
export async function resolveShare(db: D1Database, token: string): Promise<{ gameId: string; anonymous: boolean } | null> {
  const row = await db
    .prepare('SELECT game_id, anonymous FROM shares WHERE token_hash = ? AND revoked_at IS NULL')
    .bind(await sha256(token))
    .first<{ game_id: string; anonymous: number }>();
  return row ? { gameId: row.game_id, anonymous: row.anonymous === 1 } : null;
}
