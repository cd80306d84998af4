/**
 * The API through the real Hono app (worker/api.ts), in-process: every route's answers and
 * every refusal's status and reason.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from '../../core/model';
import { noDecisions } from '../../core/protocol/decisions';
import type { ResolveResponse } from '../../core/protocol/api';
import { PROTOCOL_VERSION } from '../../core/protocol/room';
import { MODEL_VERSION } from '../../core/protocol/state';
import { api } from '../../worker/api';
import { decisionsFor, flat, scenario } from '../support/model';

const s = scenario();
const state = initialState(s, { seed: 5 });

function post(path: string, body: unknown) {
  return api.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function refusal(res: Response) {
  return ((await res.json()) as { error: { field: string; rule: string } }).error;
}

/** A 400 naming the field and the rule. */
async function expectRefusal(path: string, body: unknown, field: string, rule: RegExp) {
  const res = await post(path, body);
  expect(res.status).toBe(400);
  const error = await refusal(res);
  expect(error.field).toBe(field);
  expect(error.rule).toMatch(rule);
}

describe('GET routes', () => {
  it('reports health with the model and protocol versions', async () => {
    const res = await api.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, model: MODEL_VERSION, protocol: PROTOCOL_VERSION, joinOrigin: null });
  });

  it('reports where phones join (JOIN_ORIGIN) as an http(s) origin only', async () => {
    const origin = async (value: string) => ((await (await api.request('/api/health', {}, { JOIN_ORIGIN: value } as never)).json()) as { joinOrigin: string | null }).joinOrigin;
    expect(await origin('http://192.168.1.20:8787/')).toBe('http://192.168.1.20:8787');
    expect(await origin('https://enclave.example.org/play')).toBe('https://enclave.example.org');
    expect(await origin('javascript:alert(1)')).toBeNull();
    expect(await origin('not a url')).toBeNull();
  });

  it('lists scenarios including classroom-4, and serves one in full', async () => {
    const list = (await (await api.request('/api/scenarios')).json()) as { id: string; cities: number }[];
    expect(list).toContainEqual(expect.objectContaining({ id: 'classroom-4', cities: 4 }));
    const one = (await (await api.request('/api/scenarios/classroom-4')).json()) as { regions: { id: string }[] };
    expect(one.regions.map((r) => r.id)).toEqual(['metropolis', 'rivertown', 'hillton', 'seaport']);
  });

  it('says how even each built-in map’s seats are: the hard and the easy ones, by name', async () => {
    type Listed = { id: string; seats?: { games: number; hard: { id: string; name: { en: string; zh: string }; ratio: number }[]; easy: { id: string; ratio: number }[] } };
    const list = (await (await api.request('/api/scenarios')).json()) as Listed[];
    const by = (id: string) => list.find((s) => s.id === id)!;
    // Every classroom-4 seat wins between half and twice its share (property 8 holds there).
    expect(by('classroom-4').seats).toEqual({ games: 300, hard: [], easy: [] });
    const zj = by('zhejiang-mountain-sea').seats!;
    expect(zj.games).toBe(400);
    expect(zj.hard[0]).toMatchObject({ id: 'wenzhou', name: { en: 'Wenzhou', zh: '温州' } });
    expect(zj.hard[0]!.ratio).toBeLessThan(0.5);
    expect(zj.easy.map((s) => s.id)).toContain('quzhou');
    for (const s of zj.easy) expect(s.ratio).toBeGreaterThan(2);
    // The other maps, measured only for this: Suzhou, next to Shanghai's reach, is the G60's hardest seat.
    expect(by('g60-corridor').seats!.games).toBe(200);
    expect(by('g60-corridor').seats!.hard[0]).toMatchObject({ id: 'suzhou' });
    for (const s of list) expect(s.seats, s.id).toBeDefined();
  });

  it('answers an unknown scenario or route with 404 and a reason', async () => {
    const res = await api.request('/api/scenarios/atlantis');
    expect(res.status).toBe(404);
    expect(await refusal(res)).toMatchObject({ field: 'id', rule: 'no scenario "atlantis"' });
    const nothing = await api.request('/api/nothing');
    expect(nothing.status).toBe(404);
  });
});

describe('POST /api/rounds/resolve', () => {
  it('returns the next state and the round result', async () => {
    const res = await post('/api/rounds/resolve', { state, decisions: decisionsFor(s, state, () => ({ subsidies: flat(0.1) })) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ResolveResponse;
    expect(body.state.round).toBe(1);
    expect(body.result.round).toBe(1);
    expect(body.result.regions.map((r) => r.id)).toEqual(['metropolis', 'rivertown', 'hillton', 'seaport']);
    expect(body.result.regions[0]!.returns.talent.subsidy).toBeCloseTo(0.1);
  });

  it('applies the deals signed this round and the events injected before it', async () => {
    const zj = scenario('zhejiang-mountain-sea');
    const st = initialState(zj, { seed: 5 });
    const deals = [{ id: 'd1', terms: { kind: 'park', sponsor: 'quzhou', host: 'hangzhou', landQuota: 2, space: 1, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 }, signedRound: 1 }];
    const events = [{ kind: 'rail-line', between: ['ningbo', 'zhoushan'], hours: 0.7 }];
    const res = await post('/api/rounds/resolve', { state: st, decisions: decisionsFor(zj, st, () => ({})), deals, events });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ResolveResponse;
    expect(body.result.deals).toEqual([{ deal: 'd1', applied: true, reason: null }]);
    expect(body.result.parks.map((p) => p.id)).toEqual(['park-quzhou-hangzhou']);
    expect(body.state.policy.travel).toEqual([{ between: ['ningbo', 'zhoushan'], hours: 0.7 }]);
    expect(body.result.events).toEqual(events);
  });

  const cases: [string, unknown, string, RegExp][] = [
    ['text that is not JSON', '{oops', '(message)', /valid JSON/],
    ['a body without state', { decisions: {} }, 'state', /./],
    ['a negative subsidy', { state, decisions: { ...decisionsFor(s, state, () => ({})), hillton: { ...noDecisions(1), subsidies: { talent: -1, startups: 0, capital: 0 } } } }, 'decisions.hillton.subsidies.talent', /at least 0/],
    ['a subsidy that is not a number', { state, decisions: { ...decisionsFor(s, state, () => ({})), hillton: { ...noDecisions(1), subsidies: { talent: 'lots', startups: 0, capital: 0 } } } }, 'decisions.hillton.subsidies.talent', /number/],
    ['an unknown field in decisions', { state, decisions: { ...decisionsFor(s, state, () => ({})), hillton: { ...noDecisions(1), bribe: 1 } } }, 'decisions.hillton.bribe', /./],
    ['a city missing its decisions', { state, decisions: { metropolis: noDecisions(1) } }, 'decisions.rivertown', /missing/],
    ['decisions for a city not in the game', { state, decisions: { ...decisionsFor(s, state, () => ({})), atlantis: noDecisions(1) } }, 'decisions.atlantis', /not a city/],
    ['decisions for the wrong round', { state, decisions: decisionsFor(s, { ...state, round: 3 }, () => ({})) }, 'decisions.metropolis.round', /must be 1/],
    ['an over-budget bid', { state, decisions: decisionsFor(s, state, (_r, c) => (c === 'seaport' ? { subsidies: flat(5) } : {})) }, 'decisions.seaport.subsidies', /exceeds/],
    ['a state from an unknown scenario', { state: { ...state, scenario: 'atlantis' }, decisions: {} }, 'state.scenario', /no scenario/],
    ['a deal whose terms break a rule', { state, decisions: decisionsFor(s, state, () => ({})), deals: [{ id: 'd1', terms: { kind: 'park', sponsor: 'hillton', host: 'hillton', landQuota: 1, space: 1, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 }, signedRound: 1 }] }, 'deals.0.terms', /different cities/],
    ['an event of an unknown kind', { state, decisions: decisionsFor(s, state, () => ({})), events: [{ kind: 'flood' }] }, 'events.0.kind', /rail-line, subsidy-cap, downturn/],
    ['an event naming an unknown city', { state, decisions: decisionsFor(s, state, () => ({})), events: [{ kind: 'rail-line', between: ['metropolis', 'atlantis'], hours: 1 }] }, 'events.0.between.1', /not a city/],
    ['a state whose parameters are out of bounds', { state: { ...state, params: { congestion: 99 } }, decisions: decisionsFor(s, state, () => ({})) }, 'state.params.congestion', /between 0 and 5/],
  ];
  for (const [name, body, field, rule] of cases) {
    it(`answers 400 naming the field for ${name}`, () => expectRefusal('/api/rounds/resolve', body, field, rule));
  }

  it('answers 413 for a body over the limit', async () => {
    const res = await post('/api/rounds/resolve', JSON.stringify({ pad: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect((await refusal(res)).field).toBe('(body)');
  });
});

describe('POST /api/games', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['an unknown scenario', { settings: { scenario: 'atlantis' } }, 'settings.scenario', /no scenario "atlantis"/],
    ['zero rounds', { settings: { scenario: 'classroom-4', rounds: 0 } }, 'settings.rounds', /at least 1/],
    ['rounds shorter than 30 s', { settings: { scenario: 'classroom-4', roundSeconds: 5 } }, 'settings.roundSeconds', /at least 30/],
    ['an unknown scoring mode', { settings: { scenario: 'classroom-4', scoring: 'winner-takes-all' } }, 'settings.scoring', /one of scorecard, innovation, regional, custom/],
    ['custom scoring without weights', { settings: { scenario: 'classroom-4', scoring: 'custom' } }, 'settings.weights', /required for custom scoring/],
    ['an unknown model parameter', { settings: { scenario: 'classroom-4', params: { warpDrive: 1 } } }, 'settings.params.warpDrive', /not a model parameter/],
    ['a parameter out of its bounds', { settings: { scenario: 'classroom-4', params: { congestion: 99 } } }, 'settings.params.congestion', /between 0 and 5/],
    // An own "__proto__" key, as JSON.parse makes it: refused by name, never dropped silently.
    ['a __proto__ parameter', { settings: { scenario: 'classroom-4', params: JSON.parse('{"__proto__": {"congestion": 4}, "congestion": 1}') } }, 'settings.params', /must not name __proto__/],
    ['an unknown language', { settings: { scenario: 'classroom-4', language: 'tlh' } }, 'settings.language', /one of en, zh, es/],
    ['a malformed host token', { settings: { scenario: 'classroom-4' }, hostToken: 'secret' }, 'hostToken', /32-character token/],
    ['settings outside `settings`', { scenario: 'classroom-4' }, 'settings', /./],
    // The room rules a class compares (docs/protocol.md): bounded, and a schedule of this scenario's events within the game.
    ['a platform cap above the most a city may pay', { settings: { scenario: 'classroom-4', platform: { cap: 9 } } }, 'settings.platform.cap', /at most 5/],
    ['parks that are not a flag', { settings: { scenario: 'classroom-4', parks: 'no' } }, 'settings.parks', /./],
    ['a scheduled event the scenario lacks', { settings: { scenario: 'classroom-4', schedule: [{ round: 2, event: 'meteor' }] } }, 'settings.schedule.0.event', /not an event of this scenario/],
    ['an event scheduled after the last round', { settings: { scenario: 'classroom-4', rounds: 3, schedule: [{ round: 4, event: 'downturn' }] } }, 'settings.schedule.0.round', /at most 3/],
  ];
  for (const [name, body, field, rule] of cases) {
    it(`refuses ${name} before touching any room`, () => expectRefusal('/api/games', body, field, rule));
  }
});
