/**
 * Creating a class when one of its rooms cannot be made (worker/classes.ts), in process on a
 * real local D1 with rooms that answer as the Game objects would: the answer is 503 naming
 * the room, the class code is given back, and the rooms made before the failure are deleted
 * (`classDiscard` with the class's host token hash), so no lone game is left behind. The same
 * against a real `wrangler dev`, with real rooms deleting themselves: tests/room/class-create-fault.test.ts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashToken } from '../../core/protocol/tokens';
import { api } from '../../worker/api';
import { startD1, type TestD1 } from '../support/d1';

let d1: TestD1;
beforeAll(async () => {
  d1 = await startD1();
}, 60_000);
afterAll(async () => d1?.dispose());

const HOST = 'd'.repeat(32);

/** Rooms that take their first `works` inits and fail the next, and note what they are asked. */
function rooms(works: number) {
  const inits: string[] = [];
  const discarded: { code: string; hash: string }[] = [];
  const Game = {
    idFromName: (code: string) => ({ code }),
    get: ({ code }: { code: string }) => ({
      fetch: async (url: string) => {
        expect(url).toBe('https://room/init');
        inits.push(code);
        return inits.length <= works ? new Response('{}', { status: 201 }) : new Response('the object is overloaded', { status: 500 });
      },
      classDiscard: async (hash: string) => {
        discarded.push({ code, hash });
        return { ok: true, discarded: true };
      },
    }),
  };
  return { Game, inits, discarded };
}

it('deletes the rooms it made and gives the class code back when a room cannot be made', async () => {
  const fake = rooms(2);
  const body = {
    rooms: ['baseline', 'regional', 'no-parks'].map((kind) => ({ treatment: kind, kind, settings: { scenario: 'classroom-4', rounds: 3, ...(kind === 'regional' ? { scoring: 'regional' } : kind === 'no-parks' ? { parks: false } : {}) } })),
    hostToken: HOST,
  };
  const res = await api.request('/api/classes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, { DB: d1.db, Game: fake.Game } as never);
  expect(res.status).toBe(503);
  expect(((await res.json()) as { error: { field: string; code: string } }).error).toMatchObject({ field: '(room)', code: 'room-unavailable' });
  expect(fake.inits).toHaveLength(3);
  // The two rooms made are deleted, asked with the class's host token hash; the third never was.
  const hash = await hashToken(HOST);
  expect(fake.discarded).toEqual(fake.inits.slice(0, 2).map((code) => ({ code, hash })));
  // No class holds a code, and the failed room's code was given back; the two discarded rooms keep their rows, as every room does.
  const { results } = await d1.db.prepare('SELECT code, kind FROM rooms').all<{ code: string; kind: string }>();
  expect(results.filter((r) => r.kind === 'class')).toEqual([]);
  expect(results.map((r) => r.code).sort()).toEqual(fake.inits.slice(0, 2).sort());
});
