import { describe, expect, it } from 'vitest';
import { FACTORS, initialState, resolveRound } from '../../core/model';
import type { RoundResult } from '../../core/protocol/state';
import { decisionsFor, flat, scenario } from '../support/model';

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
  const state0 = initialState(s, { seed: 3 });
  const out = resolveRound(s, state0, decisionsFor(s, state0, (_r, city) => ({ subsidies: flat(city === 'seaport' ? 0.8 : 0) })));
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

  it('a subsidy draws factors in: the subsidising town gains against the same round without it', () => {
    const plain = resolveRound(s, state0, decisionsFor(s, state0, () => ({})));
    if (!plain.ok) throw new Error(plain.error.rule);
    const withSubsidy = result.regions.find((r) => r.id === 'seaport')!;
    const without = plain.result.regions.find((r) => r.id === 'seaport')!;
    for (const f of FACTORS) expect(withSubsidy.stock[f]).toBeGreaterThan(without.stock[f] * 1.05);
  });
});
