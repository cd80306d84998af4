import { describe, expect, it } from 'vitest';
import { FACTORS, initialState, resolveRound } from '../../core/model';
import type { RoundResult } from '../../core/protocol/state';
import { decisionsFor, flat, play, scenario, step } from '../support/model';

const s = scenario();

/** Sum of a flow matrix row or column, by location id ("outside" included). */
export function flowSum(result: RoundResult, f: (typeof FACTORS)[number], from: string | null, to: string | null): number {
  const m = result.flows[f];
  const ids = result.flows.ids;
  let sum = 0;
  ids.forEach((a, i) =>
    ids.forEach((b, j) => {
      if ((from === null || a === from) && (to === null || b === to) && i !== j) sum += m[i]![j]!;
    }),
  );
  return sum;
}

describe('factor conservation within a round', () => {
  const state0 = initialState(s, { seed: 3, rounds: 1 });
  const out = resolveRound(s, state0, decisionsFor(s, state0, (_r, city) => ({ subsidies: flat(city === 'seaport' ? 0.3 : 0) })));
  if (!out.ok) throw new Error(out.error.rule);
  const { state: state1, result } = out;

  for (const f of FACTORS) {
    it(`${f}: what leaves a place arrives at another or leaves the map, counted`, () => {
      const startups = f === 'startups';
      const born = startups ? result.metrics.born : 0;
      const matured = startups ? result.metrics.matured : 0;
      const before = state0.locations.reduce((sum, l) => sum + l.stock[f], 0);
      const after = state1.locations.reduce((sum, l) => sum + l.stock[f], 0);
      // Results are rounded to about five significant digits; the state is exact.
      expect(after).toBeCloseTo(before - result.metrics.exited[f] + result.metrics.entered[f] + born - matured, 2);

      // Location by location: stock after = before − everything out + everything in (by the
      // flow matrix) + startups born − startups matured.
      for (const loc of state0.locations) {
        const next = state1.locations.find((l) => l.id === loc.id)!;
        const region = result.regions.find((r) => r.id === loc.id)!;
        const local = startups ? region.firms.incubated - region.firms.matured : 0;
        expect(next.stock[f]).toBeCloseTo(loc.stock[f] - flowSum(result, f, loc.id, null) + flowSum(result, f, null, loc.id) + local, 2);
      }
      // The matrix accounts for exits and entries exactly.
      expect(flowSum(result, f, null, 'outside')).toBeCloseTo(result.metrics.exited[f], 3);
      expect(flowSum(result, f, 'outside', null)).toBeCloseTo(result.metrics.entered[f], 3);
    });
  }

  it('every newcomer is counted once: a location’s newcomers are its column of the flow matrix, arrivals the part from other cities and outside', () => {
    const zj = scenario('zhejiang-mountain-sea');
    const park = { kind: 'park' as const, sponsor: 'quzhou', host: 'hangzhou', landQuota: 2, space: 1, mode: 'mixed' as const, statsShare: 0.5, taxShare: 0.5 };
    const { state: st1 } = play(zj, 1, undefined, 3, { deals: { 1: [park] } });
    const { state: st2, result: r } = step(zj, st1, (_t, c) => ({ subsidies: flat(c === 'lishui' ? 0.2 : 0) }));
    const ids = r.flows.ids;
    const host = (id: string) => st2.locations.find((l) => l.id === id)?.host ?? 'outside';
    for (const loc of st2.locations) {
      const j = ids.indexOf(loc.id);
      for (const f of FACTORS) {
        let all = 0;
        let fromElsewhere = 0;
        ids.forEach((from, k) => {
          if (k === j) return;
          all += r.flows[f][k]![j]!;
          if (host(from) !== loc.host) fromElsewhere += r.flows[f][k]![j]!;
        });
        // The flow matrix is rounded for viewers; the state keeps the exact count.
        expect(Math.abs(loc.newcomers[f] - all)).toBeLessThan(1e-4 * Math.max(1, all));
        expect(Math.abs(loc.arrivals[f] - fromElsewhere)).toBeLessThan(1e-4 * Math.max(1, fromElsewhere));
        expect(loc.arrivals[f]).toBeLessThanOrEqual(loc.newcomers[f]);
      }
    }
    // Moves between Hangzhou and its park are newcomers, not arrivals.
    const p = st2.locations.find((l) => l.id === 'park-quzhou-hangzhou')!;
    expect(p.newcomers.talent - p.arrivals.talent).toBeGreaterThan(0);
    const city = st2.locations.find((l) => l.id === 'hangzhou')!;
    expect(city.newcomers.talent - city.arrivals.talent).toBeGreaterThan(0);
  });

  it('a subsidy draws factors in: the subsidising town gains against the same round without it', () => {
    const plain = resolveRound(s, state0, decisionsFor(s, state0, () => ({})));
    if (!plain.ok) throw new Error(plain.error.rule);
    const withSubsidy = result.regions.find((r) => r.id === 'seaport')!;
    const without = plain.result.regions.find((r) => r.id === 'seaport')!;
    // Paid on arrival, the subsidy draws newcomers (those already there are not paid to stay).
    for (const f of FACTORS) {
      expect(withSubsidy.stock[f]).toBeGreaterThan(without.stock[f]);
      expect(withSubsidy.inflow[f]).toBeGreaterThan(without.inflow[f] * 1.4);
    }
  });
});
