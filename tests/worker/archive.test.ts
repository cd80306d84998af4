/**
 * The archive against a real local D1: saving (once, idempotently, atomically), the host's
 * history, token checks, share links, deletion, and exports parsed back against the record.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSchema, type GameRecord } from '../../core/protocol/record';
import { check } from '../../core/protocol/validate';
import { api } from '../../worker/api';
import { CSV_FILES } from '../../core/protocol/archive';
import { csvRows } from '../../worker/archive/export';
import { gameId, saveRecord, sha256 } from '../../worker/archive/store';
import { startD1, type TestD1 } from '../support/d1';
import { makeRecord } from '../support/record';

const HOST = 'a'.repeat(32);
const OTHER = 'b'.repeat(32);
let d1: TestD1;
let hostHash: string;

beforeAll(async () => {
  d1 = await startD1();
  hostHash = await sha256(HOST);
}, 60_000);
afterAll(async () => d1?.dispose());

function call(path: string, init: RequestInit & { token?: string | null } = {}) {
  const { token = HOST, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  // As the client sends every body (a form post from another site cannot: see worker/body.ts).
  if (rest.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return api.request(`/api${path}`, { ...rest, headers }, { DB: d1.db } as never);
}

async function count(table: string, id: string): Promise<number> {
  const column = table === 'games' ? 'id' : 'game_id';
  const row = await d1.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`).bind(id).first<{ n: number }>();
  return row!.n;
}

describe('saving', () => {
  const record = makeRecord({ code: 'SAVE22', rounds: 3 });
  const id = gameId(record);

  it('stores a record once, however often it is saved', async () => {
    expect(await saveRecord(d1.db, record, hostHash, '2026-11-20T10:00:00.000Z')).toEqual({ ok: true, id, stored: 'new' });
    expect(await saveRecord(d1.db, structuredClone(record), hostHash, '2026-11-20T10:01:00.000Z')).toEqual({ ok: true, id, stored: 'same' });
    expect(await count('games', id)).toBe(1);
    expect(await count('rounds', id)).toBe(3);
    expect(await count('chat', id)).toBe(3);
    expect(await count('deal_log', id)).toBe(3);
  });

  it('replaces a mid-game save with the later, longer record of the same game', async () => {
    const longer = makeRecord({ code: 'SAVE22', rounds: 5 });
    expect(gameId(longer)).toBe(id);
    expect((await saveRecord(d1.db, longer, hostHash, '2026-11-20T11:00:00.000Z')).stored).toBe('updated');
    expect(await count('games', id)).toBe(1);
    expect(await count('rounds', id)).toBe(5);
    const res = await call(`/archive/games/${id}`);
    expect(await res.json()).toEqual(longer);
  });

  it('leaves nothing half-written when the transaction fails', async () => {
    const doomed = makeRecord({ code: 'DOOM22', rounds: 2 });
    // The same batch plus one statement that fails at the end: D1 must roll all of it back.
    const failing = new Proxy(d1.db, {
      get(target, prop) {
        if (prop === 'batch') return (stmts: D1PreparedStatement[]) => target.batch([...stmts, target.prepare('INSERT INTO no_such_table VALUES (1)')]);
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(saveRecord(failing, doomed, hostHash, '2026-11-20T12:00:00.000Z')).rejects.toThrow();
    for (const table of ['games', 'rounds', 'chat', 'deal_log']) expect(await count(table, gameId(doomed))).toBe(0);
  });

  it('refuses a record that is not valid, naming the field', () => {
    const bad = { ...makeRecord(), rounds: [{ round: 'one' }] };
    const checked = check(recordSchema, bad);
    expect(checked).toMatchObject({ ok: false, error: { field: 'rounds.0.round' } });
  });
});

describe("the host's history and token checks", () => {
  const record = makeRecord({ code: 'HIST22', rounds: 2, createdAt: '2026-11-21T09:00:00.000Z' });
  const id = gameId(record);
  beforeAll(async () => {
    await saveRecord(d1.db, record, hostHash, '2026-11-21T10:00:00.000Z');
  });

  it('lists the host their own games, newest first, with players and rounds', async () => {
    const res = await call('/archive/games');
    expect(res.status).toBe(200);
    const list = (await res.json()) as { id: string; roundsPlayed: number; players: string[] }[];
    expect(list[0]).toMatchObject({ id, roundsPlayed: 2, players: ['Ana', 'Zhang Wei', 'Ben "the builder", Jr.'] });
  });

  it('shows another host none of them, and refuses a missing or malformed token', async () => {
    expect(await (await call('/archive/games', { token: OTHER })).json()).toEqual([]);
    expect((await call(`/archive/games/${id}`, { token: OTHER })).status).toBe(404);
    const none = await call('/archive/games', { token: null });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { field: string } }).error.field).toBe('authorization');
    expect((await call('/archive/games', { token: 'not-a-token' })).status).toBe(401);
    expect((await call('/archive/games/NOPE-1')).status).toBe(404);
  });

  it('reads a game back exactly as saved, or without names on request', async () => {
    expect(await (await call(`/archive/games/${id}`)).json()).toEqual(record);
    const anon = (await (await call(`/archive/games/${id}?anonymous=1`)).json()) as GameRecord;
    expect(anon.seats.flatMap((s) => s.players)).toEqual(['player 1', 'player 2', 'player 3']);
    expect(JSON.stringify(anon)).not.toContain('Zhang Wei');
  });
});

/** How docs/data.md names a column: per-factor and per-park columns share one line. */
function documentedAs(column: string): string {
  return column
    .replace(/^parkSubsidies\.[^.]+\./, 'parkSubsidies.<park>.')
    .replace(/^industrialBase\.[^.]+$/, 'industrialBase.<sector>')
    .replace(/\b(talent|startups|capital)\b/g, '<factor>');
}

describe('exports', () => {
  const record = makeRecord({ code: 'EXPO22', rounds: 4 });
  const id = gameId(record);
  beforeAll(async () => {
    await saveRecord(d1.db, record, hostHash, '2026-11-22T10:00:00.000Z');
  });

  it('JSON export is the whole record, as a download', async () => {
    const res = await call(`/archive/games/${id}/export.json`);
    expect(res.headers.get('content-disposition')).toContain(`enclave-${id}.json`);
    expect(JSON.parse(await res.text())).toEqual(record);
  });

  it('regions.csv has one row per region per round with every metric, matching the record', async () => {
    const res = await call(`/archive/games/${id}/export/regions.csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4 * 4);
    for (const row of rows) {
      const region = record.rounds[Number(row.round) - 1]!.result.regions.find((r) => r.id === row.id)!;
      expect(Number(row['stock.talent'])).toBe(region.stock.talent);
      expect(Number(row['returns.capital.congestion'])).toBe(region.returns.capital.congestion);
      expect(Number(row['fiscal.end'])).toBe(region.fiscal.end);
      expect(Number(row.score)).toBe(region.score);
    }
  });

  it('decisions, deals, chat and metrics files round-trip, text and quotes intact', async () => {
    const text = async (file: string) => parse(await (await call(`/archive/games/${id}/export/${file}.csv`)).text(), { columns: true }) as Record<string, string>[];
    const decisions = await text('decisions');
    expect(decisions).toHaveLength(4 * 4);
    const d = decisions.find((r) => r.round === '2' && r.city === 'hillton')!;
    expect(Number(d['subsidies.talent'])).toBe(record.rounds[1]!.decisions.hillton!.subsidies.talent);
    expect(d.source).toBe('player');
    const chat = await text('chat');
    expect(chat.map((c) => c.text)).toEqual([record.chat[0]!.text, record.chat[1]!.text, `'${record.chat[2]!.text}`]);
    const deals = await text('deals');
    expect(deals[0]).toMatchObject({ deal: 'd1', action: 'propose', by: 'hillton', 'terms.kind': 'park', 'terms.host': 'metropolis' });
    const metrics = await text('metrics');
    expect(metrics.map((m) => Number(m.innovationGini))).toEqual(record.rounds.map((r) => r.result.metrics.innovationGini));
  });

  it('refuses an unknown file by name', async () => {
    const res = await call(`/archive/games/${id}/export/secrets.csv`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { rule: string } }).error.rule).toContain('regions.csv');
  });

  it('docs/data.md documents every column of every CSV file', () => {
    const docs = readFileSync(new URL('../../docs/data.md', import.meta.url), 'utf8');
    for (const file of CSV_FILES) {
      const { rows, lead } = csvRows(record, file);
      const columns = new Set([...lead, ...rows.flatMap((r) => Object.keys(r))]);
      for (const column of columns) expect(docs, `${file}.csv column ${column}`).toContain(`\`${documentedAs(column)}\``);
    }
  });
});

describe('share links', () => {
  const record = makeRecord({ code: 'SHAR22', rounds: 2 });
  const id = gameId(record);
  beforeAll(async () => {
    await saveRecord(d1.db, record, hostHash, '2026-11-23T10:00:00.000Z');
  });

  it('a share link reads the game without the host token until revoked', async () => {
    const created = await call(`/archive/games/${id}/shares`, { method: 'POST', body: '{}' });
    expect(created.status).toBe(201);
    const { token, shareId, path } = (await created.json()) as { token: string; shareId: string; path: string };
    expect(path).toBe(`/shared/${token}`);
    const shared = await call(`/shared/${token}`, { token: null });
    expect(await shared.json()).toEqual(record);
    expect((await call(`/shared/${token}/export/chat.csv`, { token: null })).status).toBe(200);
    // Another host can neither list nor revoke it.
    expect((await call(`/archive/games/${id}/shares/${shareId}`, { method: 'DELETE', token: OTHER })).status).toBe(404);
    const revoked = await call(`/archive/games/${id}/shares/${shareId}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect((await call(`/shared/${token}`, { token: null })).status).toBe(404);
    const list = (await (await call(`/archive/games/${id}/shares`)).json()) as { shareId: string; revokedAt: string | null }[];
    expect(list.find((s) => s.shareId === shareId)!.revokedAt).not.toBeNull();
  });

  it('an anonymous share link hides players\' names', async () => {
    const { token } = (await (await call(`/archive/games/${id}/shares`, { method: 'POST', body: '{"anonymous":true}' })).json()) as { token: string };
    const shared = (await (await call(`/shared/${token}`, { token: null })).json()) as GameRecord;
    expect(shared.seats.flatMap((s) => s.players)).toEqual(['player 1', 'player 2', 'player 3']);
  });

  it('refuses a malformed share request and unknown links', async () => {
    const form = await call(`/archive/games/${id}/shares`, { method: 'POST', body: 'anonymous=true', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual({ error: { field: 'content-type', rule: 'must be application/json' } });
    const bad = await call(`/archive/games/${id}/shares`, { method: 'POST', body: '{"anonymous":"yes"}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('anonymous');
    expect((await call(`/shared/${'c'.repeat(32)}`, { token: null })).status).toBe(404);
    expect((await call('/shared/../../etc', { token: null })).status).toBe(404);
  });
});

describe('deleting', () => {
  it('removes the game, its rows and its share links; only its host can', async () => {
    const record = makeRecord({ code: 'DELE22', rounds: 2 });
    const id = gameId(record);
    await saveRecord(d1.db, record, hostHash, '2026-11-24T10:00:00.000Z');
    const { token } = (await (await call(`/archive/games/${id}/shares`, { method: 'POST', body: '{}' })).json()) as { token: string };
    expect((await call(`/archive/games/${id}`, { method: 'DELETE', token: OTHER })).status).toBe(404);
    expect(await count('games', id)).toBe(1);
    expect((await call(`/archive/games/${id}`, { method: 'DELETE' })).status).toBe(200);
    for (const table of ['games', 'rounds', 'chat', 'deal_log', 'shares']) expect(await count(table, id)).toBe(0);
    expect((await call(`/shared/${token}`, { token: null })).status).toBe(404);
  });
});
