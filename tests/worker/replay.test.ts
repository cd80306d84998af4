/**
 * Replay and "what if" on a recorded 5-round game with a signed park deal and an event:
 * the model reproduces every archived result exactly, a difference is named by its first
 * field, and each kind of change re-plays the game where it should differ.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSchema, type GameRecord } from '../../core/protocol/record';
import { EARLIER_DEFAULTS, MODEL_VERSION } from '../../core/protocol/state';
import { check } from '../../core/protocol/validate';
import { checkReplay, whatIf } from '../../core/replay/replay';
import { api } from '../../worker/api';
import { gameId, saveRecord, sha256 } from '../../worker/archive/store';
import { startD1, type TestD1 } from '../support/d1';
import { scenario } from '../support/model';
import { PARK_DEAL, PARK_ID, makeRecord } from '../support/record';

const s = scenario('classroom-4');
const record = makeRecord({ code: 'REPL22', rounds: 5 });

describe('replay', () => {
  it('the recorded game has a park deal and an event, and replays byte for byte', () => {
    expect(record.rounds[0]!.deals.map((d) => d.id)).toEqual(['d1']);
    expect(record.rounds[1]!.result.parks.map((p) => p.id)).toEqual([PARK_ID]);
    expect(record.rounds[1]!.decisions.hillton!.parkSubsidies[PARK_ID]).toBeDefined();
    expect(record.rounds[1]!.events).toHaveLength(1);
    // Through JSON, as an export travels.
    expect(checkReplay(s, JSON.parse(JSON.stringify(record)) as GameRecord)).toEqual({ match: true, rounds: 5 });
  });

  it('names the first differing field when a result does not match', () => {
    const tampered = structuredClone(record);
    tampered.rounds[2]!.result.regions[1]!.innovation += 0.001;
    expect(checkReplay(s, tampered)).toMatchObject({ match: false, round: 3, path: 'rounds.2.result.regions.1.innovation' });
  });

  it('reports a model whose parameters changed at the first result they touch', () => {
    const changed = structuredClone(record);
    // The tax rate touches every city's tax in round 1 (a change in congestion, say, is mostly
    // offset by the local ties calibrated at the start, and first shows later).
    changed.initialState.params = { ...changed.initialState.params, taxRate: 0.01 };
    const check = checkReplay(s, changed);
    expect(check.match).toBe(false);
    expect(check).toMatchObject({ round: 1, path: 'rounds.0.result.regions.0.fiscal.tax' });
  });
});

describe('a record from an earlier model version', () => {
  it('replays exactly: the defaults that changed since are read into its state as overrides', () => {
    // A game made under enclave-flow/3, where the metropolis funded a science facility at the
    // defaults of then (E +0.8 for 3 × 40), stored with no overrides as it was.
    const old = EARLIER_DEFAULTS['enclave-flow/3']!;
    const played = makeRecord({ rounds: 5, params: old, facility: 'metropolis' });
    const asStored = JSON.parse(JSON.stringify(played)) as GameRecord;
    for (const st of [asStored.initialState, asStored.finalState]) {
      st.model = 'enclave-flow/3' as never;
      st.params = {};
    }
    asStored.model = 'enclave-flow/3';
    asStored.settings.params = {};
    expect(asStored.rounds.some((r) => r.decisions.metropolis!.projects.scienceFacility)).toBe(true);
    const read = check(recordSchema, asStored);
    if (!read.ok) throw new Error(`${read.error.field}: ${read.error.rule}`);
    expect(read.value.initialState).toMatchObject({ model: MODEL_VERSION, params: old });
    expect(checkReplay(s, read.value)).toEqual({ match: true, rounds: 5 });
    // Read as a game of today, the facility's new defaults change what it did.
    const today = structuredClone(read.value);
    today.initialState.params = {};
    expect(checkReplay(s, today).match).toBe(false);
    // A what-if on it starts from the game's own parameters, the old defaults included: with
    // no change it plays every round as archived, and a change starts from there.
    const same = whatIf(s, read.value, { params: {} });
    if (!same.ok) throw new Error(same.error.rule);
    expect(same.run.results).toEqual(read.value.rounds.map((r) => r.result));
    expect(same.run.adjusted).toEqual([]);
    // A version nobody made is refused naming the field.
    const unknown = check(recordSchema, { ...asStored, initialState: { ...asStored.initialState, model: 'enclave-flow/9' } });
    expect(unknown).toMatchObject({ ok: false, error: { field: 'initialState.model', code: 'one-of' } });
  });
});

describe('what if', () => {
  const total = (results: { metrics: { totalSubsidies: number } }[]) => results.reduce((a, r) => a + r.metrics.totalSubsidies, 0);

  it('without the enclave: no park, the sponsor\'s park subsidies dropped and reported', () => {
    const out = whatIf(s, record, { withoutDeal: 'd1' });
    if (!out.ok) throw new Error(out.error.rule);
    expect(out.run.results.every((r) => r.parks.length === 0)).toBe(true);
    expect(out.run.adjusted).toContainEqual({ round: 2, city: 'hillton', field: `parkSubsidies.${PARK_ID}`, rule: 'dropped: the park does not exist in this run' });
    const hillton = (r: GameRecord['rounds'][number]['result']) => r.regions.find((x) => x.id === 'hillton')!;
    expect(hillton(out.run.results[4]!).innovation).toBeLessThan(hillton(record.rounds[4]!.result).innovation);
  });

  it('without the arms race: nobody pays subsidies, and nothing else needs adjusting', () => {
    const out = whatIf(s, record, { withoutSubsidies: true });
    if (!out.ok) throw new Error(out.error.rule);
    expect(total(out.run.results)).toBe(0);
    expect(total(record.rounds.map((r) => r.result))).toBeGreaterThan(0);
    expect(out.run.adjusted).toEqual([]);
  });

  it('with a parameter changed: every round plays again under it', () => {
    const out = whatIf(s, record, { params: { congestion: 1.5 } });
    if (!out.ok) throw new Error(out.error.rule);
    expect(out.run.results).toHaveLength(5);
    expect(out.run.results[0]!.regions[0]!.returns.talent.congestion).toBeGreaterThan(record.rounds[0]!.result.regions[0]!.returns.talent.congestion);
  });

  it('checks each deal as when it was signed, with the round’s earlier deals applied (core/deals)', () => {
    // A second park by the same sponsor in round 1; with one park per sponsor, only the first fits.
    const second = { id: 'd2', terms: { ...PARK_DEAL.terms, host: 'rivertown' }, signedRound: 1 };
    const twice = { ...record, rounds: record.rounds.map((r, i) => (i === 0 ? { ...r, deals: [...r.deals, second] } : r)) };
    const out = whatIf(s, twice, { params: { parksPerSponsor: 1 } });
    if (!out.ok) throw new Error(out.error.rule);
    expect(out.run.adjusted).toContainEqual({ round: 1, city: 'hillton', field: 'deals.d2.terms.sponsor', rule: 'hillton already sponsors 1 parks, the most one city may run; the deal is left out of this run' });
    expect(out.run.results[0]!.deals).toEqual([{ deal: 'd1', applied: true, reason: null }]);
  });

  it('refuses a parameter out of bounds and a deal that was never signed', () => {
    expect(whatIf(s, record, { params: { congestion: 99 } })).toMatchObject({ ok: false, error: { field: 'params.congestion' } });
    expect(whatIf(s, record, { withoutDeal: 'd9' })).toMatchObject({ ok: false, error: { field: 'withoutDeal' } });
  });
});

describe('routes', () => {
  const HOST = 'e'.repeat(32);
  let d1: TestD1;
  const id = gameId(record);
  beforeAll(async () => {
    d1 = await startD1();
    await saveRecord(d1.db, record, await sha256(HOST), '2026-11-25T10:00:00.000Z');
  }, 60_000);
  afterAll(async () => d1?.dispose());

  const call = (path: string, init: RequestInit = {}, token: string | null = HOST) =>
    api.request(`/api${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' } }, { DB: d1.db } as never);

  it('replays an archived game for its host', async () => {
    expect(await (await call(`/archive/games/${id}/replay`)).json()).toEqual({ match: true, rounds: 5 });
    expect((await call(`/archive/games/${id}/replay`, {}, 'f'.repeat(32))).status).toBe(404);
  });

  it('answers a what-if with both runs side by side', async () => {
    const res = await call(`/archive/games/${id}/what-if`, { method: 'POST', body: JSON.stringify({ withoutDeal: 'd1' }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { change: unknown; original: { results: unknown[] }; variant: { results: { parks: unknown[] }[]; adjusted: unknown[] } };
    expect(body.change).toEqual({ withoutDeal: 'd1' });
    expect(body.original.results).toEqual(record.rounds.map((r) => r.result));
    expect(body.variant.results.every((r) => r.parks.length === 0)).toBe(true);
  });

  it('refuses a what-if with no change, two changes, or a bad one, naming the field', async () => {
    const bad = async (body: unknown) => {
      const res = await call(`/archive/games/${id}/what-if`, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { field: string; rule: string } }).error;
    };
    expect((await bad({})).rule).toMatch(/exactly one change/);
    expect((await bad({ withoutSubsidies: true, withoutDeal: 'd1' })).rule).toMatch(/exactly one change/);
    expect(await bad({ params: { congestion: 99 } })).toMatchObject({ field: 'params.congestion' });
    expect(await bad({ params: { nonsense: 1 } })).toMatchObject({ field: 'params.nonsense', rule: 'is not a model parameter' });
    expect(await bad({ withoutSubsidies: false })).toMatchObject({ field: 'withoutSubsidies' });
  });

  it('checks an uploaded export, refusing a broken or oversized file', async () => {
    const ok = await call('/replay', { method: 'POST', body: JSON.stringify(record) }, null);
    expect(await ok.json()).toEqual({ match: true, rounds: 5 });
    const broken = await call('/replay', { method: 'POST', body: JSON.stringify({ ...record, rounds: [{ round: 1 }] }) }, null);
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { field: string } }).error.field).toMatch(/^record\.rounds\.0\./);
    const huge = await call('/replay', { method: 'POST', body: JSON.stringify({ ...record, pad: 'x'.repeat(5_100_000) }) }, null);
    expect(huge.status).toBe(413);
  });
});
