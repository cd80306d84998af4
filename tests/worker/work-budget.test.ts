/**
 * The work a public model request may ask for (worker/work-budget.ts), checked on the
 * parsed JSON before the schema and the model: rounds, deals and events per round, cities
 * and locations against the scenario, and Σ over rounds of (cities + parks)².
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../core/protocol/validate';
import { recordSchema } from '../../core/protocol/record';
import { MAX_MODEL_ROUNDS, WORK_BUDGET, checkRecordWork, checkResolveWork, modelWork } from '../../worker/work-budget';
import { api } from '../../worker/api';
import { craftedRecord } from '../support/crafted';
import { PARK_DEAL, makeRecord } from '../support/record';

const park = { terms: { kind: 'park' } };

describe('model work', () => {
  it('adds (cities + parks)² per round, a park deal counting from its own round', () => {
    expect(modelWork(4, 0, [{ deals: [park, { terms: { kind: 'corridor' } }], events: [] }, { deals: [], events: [] }])).toBe(25 + 25);
    expect(modelWork(4, 2, [])).toBe(0);
    // The largest scenario (11 cities) for a whole game with 20 parks fits.
    expect(modelWork(11, 20, Array.from({ length: MAX_MODEL_ROUNDS }, () => ({ deals: [], events: [] })))).toBeLessThanOrEqual(WORK_BUDGET);
  });

  it('lets a recorded game through', () => {
    expect(checkRecordWork(JSON.parse(JSON.stringify(makeRecord({ rounds: 5 }))))).toBeNull();
  });

  it('refuses the crafted replay of issue 12 before anything runs: too many rounds, then too much work', () => {
    const attack = craftedRecord(250, 40);
    expect(check(recordSchema, attack).ok).toBe(true); // valid against the schema
    expect(checkRecordWork(attack)).toMatchObject({ status: 413, error: { field: 'record.rounds', rule: `must list at most ${MAX_MODEL_ROUNDS} rounds` } });
    // 4 cities, 250 parks, and each copied round 1 signs one more park: 255² + 256².
    const fewer = checkRecordWork(craftedRecord(250, 2));
    expect(fewer?.status).toBe(413);
    expect(fewer?.error).toMatchObject({ field: 'record.rounds', rule: expect.stringMatching(/too much model work: the sum over rounds of \(cities \+ parks\)² is 130561, at most 32768/) });
  });

  it('refuses more deals or events in a round than the resolver takes, naming the round', () => {
    const record = makeRecord({ rounds: 2 });
    const deals = { ...record, rounds: record.rounds.map((r, i) => (i === 1 ? { ...r, deals: Array.from({ length: 65 }, () => PARK_DEAL) } : r)) };
    expect(checkRecordWork(deals)?.error).toMatchObject({ field: 'record.rounds.1.deals', rule: 'must list at most 64 deals' });
    const events = { ...record, rounds: record.rounds.map((r) => ({ ...r, events: Array.from({ length: 17 }, () => r.events[0] ?? { kind: 'downturn', severity: 0.1 }) })) };
    expect(checkRecordWork(events)?.error).toMatchObject({ field: 'record.rounds.0.events', rule: 'must list at most 16 events' });
  });

  it('holds the state to the scenario: its cities, and one location per city and park', () => {
    const record = makeRecord({ rounds: 1 });
    const regions = structuredClone(record);
    regions.initialState.regions.push(regions.initialState.regions[0]!);
    expect(checkRecordWork(regions)?.error.field).toBe('record.initialState.regions');
    const locations = structuredClone(record);
    locations.initialState.locations.push(locations.initialState.locations[0]!);
    expect(checkRecordWork(locations)?.error).toMatchObject({ field: 'record.initialState.locations', rule: 'must have at most 4 locations, one per city and park' });
    expect(checkRecordWork({ ...record, settings: { ...record.settings, scenario: 'atlantis' } })).toMatchObject({ status: 409, error: { field: 'record.settings.scenario', rule: 'this server has no scenario "atlantis"' } });
  });

  it('leaves a body of the wrong shape to the schema', () => {
    expect(checkRecordWork(null)).toBeNull();
    expect(checkRecordWork({ settings: { scenario: 'classroom-4' }, rounds: 'many', initialState: 7 })).toBeNull();
  });

  it('bounds one public resolve the same way', () => {
    const state = craftedRecord(200, 1).initialState;
    expect(checkResolveWork({ state, decisions: {} })?.error).toMatchObject({ field: 'state.agreements.parks', rule: expect.stringMatching(/too much model work/) });
    const small = makeRecord({ rounds: 1 }).initialState;
    expect(checkResolveWork({ state: small, decisions: {} })).toBeNull();
    expect(checkResolveWork({ state: small, decisions: {}, deals: Array.from({ length: 65 }, () => PARK_DEAL) })?.error).toMatchObject({ field: 'deals', rule: 'must list at most 64 deals' });
  });
});

describe('the routes', () => {
  const post = (path: string, body: unknown) => api.request(`/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, {} as never);

  it('answer the crafted replay 413, naming the field and rule', async () => {
    const res = await post('/replay', craftedRecord(250, 40));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { field: 'record.rounds', rule: 'must list at most 30 rounds' } });
  });

  it('answer a public resolve with too many parks 413', async () => {
    const res = await post('/rounds/resolve', { state: craftedRecord(200, 1).initialState, decisions: {} });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('state.agreements.parks');
  });
});
