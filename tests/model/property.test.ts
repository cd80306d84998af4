/**
 * Properties that hold for any valid decisions (seeded random games): factors are
 * conserved, no number is NaN or infinite, treasuries add up and never pass the credit
 * limit, and the same inputs give the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { checkDecisions, creditLimit, initialState, makeContext, resolveParams, resolveRound } from '../../core/model';
import { FACTORS } from '../../core/model/factors';
import { mixSeed, rng } from '../../core/model/rng';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import type { DealTerms, SignedDeal } from '../../core/protocol/deals';
import type { GameEvent } from '../../core/protocol/events';
import { gameStateSchema, roundResultSchema, type GameState, type RoundResult } from '../../core/protocol/state';
import { check } from '../../core/protocol/validate';
import { SCENARIOS } from '../../core/scenarios';
import type { Scenario } from '../../core/scenarios/schema';

/** Random decisions a city could submit: drawn, then scaled down until the rules accept them. */
function randomDecisions(s: Scenario, state: GameState, city: string, next: () => number): Decisions {
  const ctx = makeContext(s, resolveParams(state.params));
  const r = (max: number) => Math.round(next() * max * 100) / 100;
  const region = state.regions.find((x) => x.id === city)!;
  const parks = state.agreements.parks.filter((p) => p.sponsor === city);
  const want: Decisions = {
    ...noDecisions(state.round + 1),
    subsidies: { talent: r(0.8), startups: r(0.8), capital: r(0.8) },
    parkSubsidies: Object.fromEntries(parks.map((p) => [p.id, { talent: r(0.6), startups: r(0.6), capital: r(0.6) }])),
    land: { innovation: Math.min(region.landQuota, r(1)), production: 0 },
    environment: r(5),
    projects: { scienceFacility: next() < 0.1 && region.facility < ctx.params.facilityRounds },
  };
  want.land.production = Math.min(region.landQuota - want.land.innovation, r(1));
  for (const scale of [1, 0.5, 0.25, 0.1, 0]) {
    const d: Decisions = {
      ...want,
      subsidies: { talent: want.subsidies.talent * scale, startups: want.subsidies.startups * scale, capital: want.subsidies.capital * scale },
      parkSubsidies: Object.fromEntries(Object.entries(want.parkSubsidies).map(([k, v]) => [k, { talent: v.talent * scale, startups: v.startups * scale, capital: v.capital * scale }])),
      environment: want.environment * scale,
      projects: { scienceFacility: want.projects.scienceFacility && scale === 1 },
    };
    if (!checkDecisions(ctx, state, city, d)) return d;
  }
  return noDecisions(state.round + 1);
}

/** A few random deals and events, some of them infeasible: the model must cope either way. */
function randomExtras(s: Scenario, next: () => number, round: number): { deals: SignedDeal[]; events: GameEvent[] } {
  const ids = s.regions.map((r) => r.id);
  const pick = () => ids[Math.floor(next() * ids.length)]!;
  const deals: SignedDeal[] = [];
  if (next() < 0.4) {
    const cores = s.regions.filter((r) => r.role === 'core' || r.role === 'second-core').map((r) => r.id);
    const terms: DealTerms = {
      kind: 'park',
      sponsor: pick(),
      host: cores[Math.floor(next() * cores.length)]!,
      landQuota: Math.round(next() * 4 * 10) / 10,
      space: 0.5 + Math.round(next() * 2 * 10) / 10,
      mode: (['government', 'third-party', 'mixed'] as const)[Math.floor(next() * 3)]!,
      statsShare: Math.round(next() * 10) / 10,
      taxShare: Math.round(next() * 10) / 10,
    };
    if (terms.sponsor !== terms.host) deals.push({ id: `d${round * 10 + 1}`, terms, signedRound: round });
  }
  if (next() < 0.2) deals.push({ id: `d${round * 10 + 2}`, terms: { kind: 'platform', members: [...new Set([pick(), pick(), pick()])], subsidyCap: next() < 0.5 ? 0.2 : null, techTrading: next() < 0.5 }, signedRound: round });
  if (next() < 0.15) deals.push({ id: `d${round * 10 + 3}`, terms: { kind: 'cooperation-zone', members: [...new Set([pick(), pick()])] }, signedRound: round });
  const events: GameEvent[] = [];
  if (next() < 0.15) events.push({ kind: 'downturn', severity: Math.round(next() * 5) / 10 });
  if (next() < 0.1) events.push({ kind: 'subsidy-cap', cap: 0.3 });
  if (next() < 0.1) {
    const a = pick();
    const b = pick();
    if (a !== b) events.push({ kind: 'rail-line', between: [a, b], hours: 0.5 });
  }
  return { deals: deals.filter((d) => d.terms.kind !== 'cooperation-zone' || d.terms.members.length >= 2).filter((d) => d.terms.kind !== 'platform' || d.terms.members.length >= 2), events };
}

function randomGame(s: Scenario, seed: number, rounds: number) {
  const next = rng(mixSeed(seed, s.id, 'property'));
  let state = initialState(s, { seed });
  const states = [state];
  const results: RoundResult[] = [];
  for (let t = 1; t <= rounds; t++) {
    const decisions = Object.fromEntries(s.regions.map((r) => [r.id, randomDecisions(s, state, r.id, next)]));
    const { deals, events } = randomExtras(s, next, t);
    const out = resolveRound(s, state, decisions, { deals, events });
    if (!out.ok) throw new Error(`${s.id} seed ${seed} round ${t}: ${out.error.field}: ${out.error.rule}`);
    state = out.state;
    states.push(state);
    results.push(out.result);
  }
  return { states, results };
}

const GAMES = SCENARIOS.flatMap((s) => [11, 12].map((seed) => ({ s, seed })));

describe('properties of random valid games', () => {
  for (const { s, seed } of GAMES) {
    it(`${s.id}, seed ${seed}: conservation, finite numbers, treasury arithmetic, credit limit`, () => {
      const { states, results } = randomGame(s, seed, 6);
      const ctx = makeContext(s, resolveParams());
      results.forEach((result, t) => {
        const before = states[t]!;
        const after = states[t + 1]!;
        for (const f of FACTORS) {
          const b = before.locations.reduce((a, l) => a + l.stock[f], 0);
          const a = after.locations.reduce((x, l) => x + l.stock[f], 0);
          const extra = f === 'startups' ? result.metrics.born - result.metrics.matured : 0;
          expect(Math.abs(a - (b - result.metrics.exited[f] + result.metrics.entered[f] + extra))).toBeLessThan(1e-3 * Math.max(1, b));
        }
        for (const r of result.regions) {
          const fi = r.fiscal;
          expect(Math.abs(fi.end - (fi.start + fi.tax + fi.landSales - fi.subsidies - fi.environment - fi.land - fi.projects))).toBeLessThan(1e-3 * Math.max(1, Math.abs(fi.end)));
        }
        for (const r of after.regions) {
          expect(r.treasury).toBeGreaterThanOrEqual(-creditLimit(ctx, r) - 1e-6);
          expect(r.landUsed).toBeLessThanOrEqual(r.productionLand + 1e-9);
          expect(r.landQuota).toBeGreaterThanOrEqual(0);
        }
      });
      // Every state and result passes the protocol's schemas (the worker and the room check them).
      for (const st of states) expect(check(gameStateSchema, JSON.parse(JSON.stringify(st))).ok).toBe(true);
      for (const r of results) {
        const checked = check(roundResultSchema, JSON.parse(JSON.stringify(r)));
        expect(checked.ok ? null : checked.error).toBeNull();
      }
      const numbers: number[] = [];
      JSON.stringify({ states, results }, (_k, v: unknown) => {
        if (typeof v === 'number') numbers.push(v);
        return v;
      });
      expect(numbers.every(Number.isFinite)).toBe(true);
      // JSON turns NaN into null: no number-valued field may be null.
      expect(JSON.stringify(results)).not.toMatch(/"(total|stock|innovation|output|score|treasury)":null/);
    });
  }
  it('the same scenario, decisions, deals, events and seed give byte-identical results', () => {
    for (const s of SCENARIOS) expect(JSON.stringify(randomGame(s, 21, 4))).toBe(JSON.stringify(randomGame(s, 21, 4)));
  });
});
