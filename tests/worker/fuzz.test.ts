/**
 * Every API route with generated requests (tests/support/http-fuzz.ts, fixed seed), through
 * the real Hono app in-process against a real local D1 holding one archived game and a
 * share link. Proven: no answer is an internal error; every refusal is JSON naming a field
 * and a rule; every answer carries the API's security headers and no CORS header; and the
 * archive is exactly as it was (the game's record read back equal, no row added or removed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialState } from '../../core/model';
import type { Json } from '../support/fuzz';
import { api } from '../../worker/api';
import { createShare } from '../../worker/archive/shares';
import { gameId, saveRecord, sha256 } from '../../worker/archive/store';
import { startD1, type TestD1 } from '../support/d1';
import { problems, requests, type HttpContext } from '../support/http-fuzz';
import { decisionsFor, scenario } from '../support/model';
import { makeRecord } from '../support/record';

const HOST = 'c'.repeat(32);
const TABLES = ['games', 'rounds', 'chat', 'deal_log', 'shares'];
let d1: TestD1;
let ctx: HttpContext;
/** Rooms created by POST /api/games: a stand-in for the Durable Object namespace, which in-process tests do not have. */
const rooms: string[] = [];
const Game = {
  idFromName: (name: string) => name,
  get: (name: string) => ({
    fetch: async () => {
      rooms.push(name);
      return Response.json({ ok: true }, { status: 201 });
    },
  }),
};

async function counts(): Promise<number[]> {
  return Promise.all(TABLES.map(async (t) => (await d1.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).first<{ n: number }>())!.n));
}

beforeAll(async () => {
  d1 = await startD1();
  const record = makeRecord({ code: 'FUZZ22', rounds: 3 });
  await saveRecord(d1.db, record, await sha256(HOST), '2026-11-20T10:00:00.000Z');
  const share = await createShare(d1.db, gameId(record), false, '2026-11-20T10:00:00.000Z');
  const s = scenario();
  const state = initialState(s, { seed: 3 });
  ctx = {
    hostToken: HOST,
    gameId: gameId(record),
    shareToken: share.token,
    resolve: { state, decisions: decisionsFor(s, state, () => ({})) } as unknown as Json,
    createGame: { settings: { scenario: 'classroom-4', rounds: 3, roundSeconds: 60, seed: 4 }, hostToken: HOST },
    record: record as unknown as Json,
  };
}, 60_000);
afterAll(async () => d1?.dispose());

describe('every API route with generated requests', () => {
  it('answers 1,200 of them without an internal error, each refusal with a reason, and changes nothing', { timeout: 120_000 }, async () => {
    const before = await counts();
    const recordBefore = await (await api.request(`/api/archive/games/${ctx.gameId}`, { headers: { authorization: `Bearer ${HOST}` } }, { DB: d1.db } as never)).text();
    const reqs = requests(ctx, 1200, 424242);
    const wrong: { label: string; status: number; issues: string[] }[] = [];
    const statuses = new Map<number, number>();
    for (const req of reqs) {
      const res = await api.request(req.path, { method: req.method, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) }, { DB: d1.db, Game } as never);
      const answer = { status: res.status, headers: res.headers, text: await res.text() };
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const issues = problems(req, answer);
      if (issues.length) wrong.push({ label: req.label, status: res.status, issues });
    }
    expect(wrong.slice(0, 8)).toEqual([]);
    // The mix reached past the door: refusals of every kind, and answers.
    for (const status of [200, 201, 400, 401, 404, 415]) expect(statuses.get(status) ?? 0, `answers ${status}`).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
    const recordAfter = await (await api.request(`/api/archive/games/${ctx.gameId}`, { headers: { authorization: `Bearer ${HOST}` } }, { DB: d1.db } as never)).text();
    expect(recordAfter).toBe(recordBefore);
  });
});
