/**
 * Deals (docs/model.md "Projects and deals", core/model/deals.ts) and events: feasibility rules with the field and the rule named,
 * what a signed deal changes, and what the model does when the state moved since signing.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { capWarnings, checkDeal, checkDecisions, initialState, makeContext, resolveParams, resolveRound } from '../../core/model';
import { noDecisions } from '../../core/protocol/decisions';
import type { DealTerms, ParkTerms } from '../../core/protocol/deals';
import { MAX_PARKS, agreementsSchema, type GameState } from '../../core/protocol/state';
import { decisionsFor, flat, mass, play, region, scenario } from '../support/model';

const zj = scenario('zhejiang-mountain-sea');
const c8 = scenario('classroom-8');
const state0 = initialState(zj, { seed: 3, rounds: 1 });
const park = (over: Partial<ParkTerms> = {}): ParkTerms => ({ kind: 'park', sponsor: 'quzhou', host: 'hangzhou', landQuota: 2, space: 1, mode: 'mixed', statsShare: 0.5, taxShare: 0.5, ...over });

describe('checkDeal: feasibility in the current state', () => {
  const cases: [string, DealTerms, string, RegExp][] = [
    ['an unknown city', park({ sponsor: 'atlantis' }), 'terms.sponsor', /not a city/],
    ['a host that is not a core (§4.1)', park({ host: 'jinhua', sponsor: 'quzhou' }), 'terms.host', /core or second-core/],
    ['a sponsor as developed as its host', park({ sponsor: 'wenzhou', host: 'ningbo' }), 'terms.sponsor', /less developed/],
    ['more land quota than the sponsor has', park({ landQuota: 60 }), 'terms.landQuota', /only 21\.74 km²/],
    ['more park space than the host could grant', park({ landQuota: 1, space: 10 }), 'terms.space', /less than the 10 km² of park space/],
    ['corridor neighbours too far apart (§2.1)', { kind: 'corridor', members: ['hangzhou', 'zhoushan'] }, 'terms.members.1', /within 2\.5 h/],
    ['a zone member not adjacent to the rest (§2.2)', { kind: 'cooperation-zone', members: ['hangzhou', 'shaoxing', 'wenzhou'] }, 'terms.members.2', /not adjacent/],
  ];
  for (const [name, terms, field, rule] of cases) {
    it(`refuses ${name}, naming the field`, () => {
      const error = checkDeal(zj, state0, terms);
      expect(error?.field).toBe(field);
      expect(error?.rule).toMatch(rule);
    });
  }
  it('accepts feasible terms of every kind, second cores as hosts included', () => {
    expect(checkDeal(zj, state0, park())).toBeNull();
    expect(checkDeal(zj, state0, park({ host: 'ningbo' }))).toBeNull();
    expect(checkDeal(zj, state0, { kind: 'corridor', members: ['hangzhou', 'shaoxing', 'ningbo'] })).toBeNull();
    expect(checkDeal(zj, state0, { kind: 'cooperation-zone', members: ['hangzhou', 'shaoxing', 'huzhou'] })).toBeNull();
    expect(checkDeal(zj, state0, { kind: 'platform', members: ['hangzhou', 'quzhou', 'lishui'], subsidyCap: 0.3, techTrading: true })).toBeNull();
  });
  it('counts what is already signed: one park per pair, park limits, one corridor, zone or platform per city', () => {
    const { state } = play(zj, 1, undefined, 3, {
      deals: { 1: [park(), { kind: 'platform', members: ['hangzhou', 'quzhou'], subsidyCap: null, techTrading: false }, { kind: 'corridor', members: ['jiaxing', 'hangzhou'] }] },
    });
    expect(checkDeal(zj, state, park())?.rule).toMatch(/already has a park in hangzhou/);
    expect(checkDeal(zj, state, { kind: 'platform', members: ['lishui', 'quzhou'], subsidyCap: null, techTrading: true })).toMatchObject({ field: 'terms.members.1', rule: 'quzhou already belongs to platform d2' });
    expect(checkDeal(zj, state, { kind: 'corridor', members: ['hangzhou', 'shaoxing'] })?.field).toBe('terms.members.0');
    const limited: GameState = { ...state, params: { parksPerSponsor: 1 } };
    expect(checkDeal(zj, limited, park({ host: 'ningbo' }))?.rule).toMatch(/already sponsors 1 parks/);
  });
  it('refuses a park beyond what a state may hold, so the resolver never gets a state its schema refuses', () => {
    const filler = Array.from({ length: MAX_PARKS }, (_, i) => ({ id: `park-x${i}-y`, deal: `d${i + 1}`, sponsor: 'quzhou', host: 'hangzhou', mode: 'mixed' as const, space: 1, statsShare: 0.5, taxShare: 0.5, since: 1 }));
    const full: GameState = { ...state0, agreements: { ...state0.agreements, parks: filler } };
    expect(checkDeal(zj, full, park({ sponsor: 'lishui' }))).toMatchObject({ field: 'terms', rule: `this game already has ${MAX_PARKS} parks, the most one game can hold` });
    expect(v.safeParse(agreementsSchema, { ...full.agreements, parks: [...filler, filler[0]!] }).success).toBe(false);
  });
});

describe('what a signed deal changes', () => {
  it('a park becomes a location that fills with factors, and its sponsor may subsidise it', () => {
    const { state, results } = play(zj, 3, (t, c) => (c === 'quzhou' && t > 1 ? { parkSubsidies: { 'park-quzhou-hangzhou': flat(0.2) } } : {}), 3, { deals: { 1: [park()] } });
    const loc = state.locations.find((l) => l.id === 'park-quzhou-hangzhou')!;
    expect(loc).toMatchObject({ host: 'hangzhou', sponsor: 'quzhou' });
    expect(mass(loc)).toBeGreaterThan(5);
    expect(results[2]!.parks[0]!.subsidySponsor.talent).toBeCloseTo(0.2, 6);
    expect(region(results[2]!, 'quzhou').parkSubsidiesPaid).toBeGreaterThan(0);
    // Only the sponsor may subsidise it.
    const ctx = makeContext(zj, resolveParams());
    expect(checkDecisions(ctx, state, 'lishui', { ...noDecisions(4), parkSubsidies: { 'park-quzhou-hangzhou': flat(0.1) } })).toMatchObject({
      field: 'parkSubsidies.park-quzhou-hangzhou',
      rule: 'is not a park lishui sponsors',
    });
  });
  it('a deal that is no longer feasible at resolution is reported, and the round still resolves', () => {
    const deals = [
      { id: 'd1', terms: park({ landQuota: 15 }), signedRound: 1 },
      { id: 'd2', terms: park({ landQuota: 15, host: 'ningbo' }), signedRound: 1 },
    ];
    const out = resolveRound(zj, state0, decisionsFor(zj, state0, () => ({})), { deals });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.deals[0]).toEqual({ deal: 'd1', applied: true, reason: null });
    expect(out.result.deals[1]!.applied).toBe(false);
    expect(out.result.deals[1]!.reason).toMatch(/landQuota/);
    expect(out.state.agreements.parks).toHaveLength(1);
  });
  it('a cooperation zone is one factor market with pooled subsidies that favours the already strong (§2.2)', () => {
    const zone: DealTerms = { kind: 'cooperation-zone', members: ['metropolis', 'millbrook', 'greenfield'] };
    // Same seed both ways: the difference is the zone's.
    const without = play(c8, 3, undefined, 3).results[2]!;
    const withZone = play(c8, 3, undefined, 3, { deals: { 1: [zone] } }).results[2]!;
    expect(mass(region(withZone, 'metropolis'))).toBeGreaterThan(mass(region(without, 'metropolis')));
    expect(mass(region(withZone, 'millbrook'))).toBeLessThan(mass(region(without, 'millbrook')));
    // Pooled: one rate everywhere in the zone, the GDP-weighted mean of what members announce.
    const pooled = play(c8, 2, (_t, c) => ({ subsidies: flat(c === 'metropolis' ? 0.3 : 0) }), 3, { deals: { 1: [zone] } }).results[1]!;
    const gdp = (id: string) => c8.regions.find((r) => r.id === id)!.gdp;
    const expected = (0.3 * gdp('metropolis')) / (gdp('metropolis') + gdp('millbrook') + gdp('greenfield'));
    expect(region(pooled, 'millbrook').subsidies.talent).toBeCloseTo(expected, 4);
    expect(region(pooled, 'millbrook').fiscal.subsidies).toBeGreaterThan(0);
  });
});

describe('subsidy caps: national (an event) and a platform’s (§4.3)', () => {
  it('a national cap cuts bids at once, and from then on bids above it are refused', () => {
    const out = resolveRound(zj, state0, decisionsFor(zj, state0, (_t, c) => ({ subsidies: flat(c === 'hangzhou' ? 0.4 : 0) })), { events: [{ kind: 'subsidy-cap', cap: 0.3 }] });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(region(out.result, 'hangzhou').subsidies.talent).toBeCloseTo(0.3, 9);
    expect(out.result.metrics.capBreaches.some((b) => b.city === 'hangzhou' && b.cap === 'national' && b.enforced)).toBe(true);
    const ctx = makeContext(zj, resolveParams());
    expect(checkDecisions(ctx, out.state, 'hangzhou', { ...noDecisions(2), subsidies: flat(0.4) })).toMatchObject({ field: 'subsidies.talent', rule: 'must be at most 0.3, the national subsidy cap' });
    // A cap the host has announced for the coming round counts already.
    expect(checkDecisions(ctx, state0, 'hangzhou', { ...noDecisions(1), subsidies: flat(0.4) }, { events: [{ kind: 'subsidy-cap', cap: 0.2 }] })?.field).toBe('subsidies.talent');
  });
  it('breaking a platform cap is allowed but public, and costs the breaker the platform’s benefits', () => {
    const platform: DealTerms = { kind: 'platform', members: ['hangzhou', 'quzhou'], subsidyCap: 0.1, techTrading: true };
    const { state } = play(zj, 1, undefined, 3, { deals: { 1: [platform] } });
    const ctx = makeContext(zj, resolveParams());
    const bid = { ...noDecisions(2), subsidies: flat(0.2) };
    expect(checkDecisions(ctx, state, 'hangzhou', bid)).toBeNull();
    expect(capWarnings(ctx, state, 'hangzhou', bid)).toHaveLength(3);
    const out = resolveRound(zj, state, decisionsFor(zj, state, (_t, c) => (c === 'hangzhou' ? bid : {})));
    expect(out.ok && out.result.metrics.capBreaches.filter((b) => b.city === 'hangzhou' && b.cap === 'd1' && !b.enforced)).toHaveLength(3);
  });
});

describe('events (core/model/events.ts)', () => {
  it('a rail line shortens travel for good: more flows between the two cities', () => {
    const s = scenario('classroom-4');
    const line = { kind: 'rail-line' as const, between: ['metropolis', 'seaport'] as [string, string], hours: 0.5 };
    const { state, results } = play(s, 3, undefined, 3, { events: { 1: [line] } });
    const without = play(s, 3).results;
    expect(state.policy.travel).toEqual([{ between: ['metropolis', 'seaport'], hours: 0.5 }]);
    const flow = (r: (typeof results)[number]) => r.flows.talent[r.flows.ids.indexOf('metropolis')]![r.flows.ids.indexOf('seaport')]!;
    expect(flow(results[2]!)).toBeGreaterThan(flow(without[2]!) * 1.5);
    expect(results[0]!.events).toEqual([line]);
  });
  it('a downturn lowers returns and base output for one round only', () => {
    const s = scenario('classroom-4');
    const shocked = play(s, 3, undefined, 3, { events: { 2: [{ kind: 'downturn', severity: 0.2 }] } }).results;
    const base = play(s, 3, undefined, 3).results;
    const r = (rs: typeof base, t: number) => region(rs[t]!, 'metropolis');
    expect(r(shocked, 1).returns.talent.downturn).toBe(0.2);
    expect(r(shocked, 1).outputParts.base).toBeLessThan(r(base, 1).outputParts.base * 0.97);
    expect(r(shocked, 2).returns.talent.downturn).toBe(0);
    expect(shocked[1]!.metrics.downturn).toBe(0.2);
  });
  it('an event naming an unknown city is refused with the field', () => {
    const out = resolveRound(zj, state0, decisionsFor(zj, state0, () => ({})), { events: [{ kind: 'rail-line', between: ['hangzhou', 'atlantis'], hours: 1 }] });
    expect(out).toMatchObject({ ok: false, error: { field: 'events.0.between.1', rule: '"atlantis" is not a city of this game' } });
  });
});
