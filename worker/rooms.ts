/** Reaching a game room (a Durable Object) from the API. */
import type { RoomInit } from '../core/protocol/room';
import { claimCode, releaseCode } from './room-registry';

export type Created = { ok: true } | { ok: false; reason: string };

/**
 * Register `code` and ask its room to set itself up. A code already registered, or a room
 * that already holds a game, says "taken"; a room that cannot be set up gives its code back.
 */
export async function createRoom(env: Env, code: string, init: RoomInit): Promise<Created> {
  if (!(await claimCode(env.DB, code, new Date().toISOString()))) return { ok: false, reason: 'taken' };
  const stub = env.Game.get(env.Game.idFromName(code));
  const response = await stub
    .fetch('https://room/init', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(init) })
    .catch(async (err: unknown) => {
      await releaseCode(env.DB, code);
      throw err;
    });
  // A room holding a game is live: its code stays registered.
  if (response.status === 409) return { ok: false, reason: 'taken' };
  if (!response.ok) {
    await releaseCode(env.DB, code);
    return { ok: false, reason: `the room could not be created (${response.status}: ${(await response.text()).slice(0, 200)})` };
  }
  return { ok: true };
}
