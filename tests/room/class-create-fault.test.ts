/**
 * A class whose rooms cannot all be set up, against a real `wrangler dev` (worker/classes.ts):
 * the Worker's third request to set up a room reaches a room that answers 500
 * (tests/support/faults/worker.ts `roomInit`). The answer is 503 naming the room; the two
 * rooms made before are really deleted by their Durable Objects (`classDiscard`, party/game.ts),
 * so their codes lead to no game; no class holds a code; and the next try makes the class.
 * (tests/worker/class-create.test.ts checks the same order of calls in process.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CreateClassResponse } from '../../core/protocol/class';
import { startDevServer, type DevServer } from '../support/dev-server';
import { RoomClient } from '../support/room-client';

let server: DevServer;

beforeAll(async () => {
  server = await startDevServer({ vars: { ENCLAVE_FAULTS: JSON.stringify({ roomInit: [3] }) } });
});
afterAll(async () => {
  await server?.stop();
});

const SETTINGS = { scenario: 'classroom-4', rounds: 3, roundSeconds: 600, bots: true };
const body = {
  rooms: [
    { treatment: 'no rule change', kind: 'baseline', settings: SETTINGS },
    { treatment: 'regional score', kind: 'regional', settings: { ...SETTINGS, scoring: 'regional' } },
    { treatment: 'no parks', kind: 'no-parks', settings: { ...SETTINGS, parks: false } },
  ],
};

async function createClass(): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

it('gives back the rooms it made and the class code when its third room cannot be set up, and the next try makes the class', async () => {
  const failed = await createClass();
  expect(failed.status, server.log().slice(-2000)).toBe(503);
  expect(failed.json.error).toMatchObject({ field: '(room)', code: 'room-unavailable' });
  expect(failed.json.error.rule).toMatch(/the room could not be created \(500: injected fault\)/);

  // The registry: no class, the failed room's code given back, the two rooms made keep their rows.
  const rows = await server.d1<{ code: string; kind: string }>('SELECT code, kind FROM rooms');
  expect(rows.filter((r) => r.kind === 'class')).toEqual([]);
  const made = rows.filter((r) => r.kind === 'game').map((r) => r.code);
  expect(made).toHaveLength(2);
  // Each was set up, then deleted by its own room: its code leads to no game.
  for (const [i, code] of made.entries()) {
    const client = await RoomClient.open(server.host, code, { ip: `198.51.100.${i + 1}` });
    expect(client.messages).toContainEqual(expect.objectContaining({ type: 'error', field: 'code', rule: 'no game has this code' }));
    client.close();
  }

  // The rooms answer again: the class is made, its three rooms hold their games in the lobby.
  const again = await createClass();
  expect(again.status, JSON.stringify(again.json)).toBe(201);
  const made2 = again.json as CreateClassResponse;
  expect(made2.rooms.map((r) => r.treatment)).toEqual(body.rooms.map((r) => r.treatment));
  const kinds = await server.d1<{ code: string; kind: string }>(`SELECT code, kind FROM rooms WHERE code = '${made2.code}'`);
  expect(kinds).toEqual([{ code: made2.code, kind: 'class' }]);
  for (const room of made2.rooms) {
    const client = await RoomClient.open(server.host, room.code, { ip: '198.51.100.9' });
    expect(client.messages.find((m) => m.type === 'view')).toMatchObject({ view: { phase: 'lobby' } });
    client.close();
  }
});
