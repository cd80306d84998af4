/** Reaching a game room (a Durable Object) from the API. */
import type { RoomInit } from '../core/protocol/room';
import type { Env } from './env';

export type Created = { ok: true } | { ok: false; reason: string };

/** Ask the room named `code` to set itself up; a room that already holds a game says "taken". */
export async function createRoom(env: Env, code: string, init: RoomInit): Promise<Created> {
  const stub = env.Game.get(env.Game.idFromName(code));
  const response = await stub.fetch('https://room/init', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(init),
  });
  if (response.status === 409) return { ok: false, reason: 'taken' };
  if (!response.ok) return { ok: false, reason: `the room could not be created (${response.status}: ${(await response.text()).slice(0, 200)})` };
  return { ok: true };
}
