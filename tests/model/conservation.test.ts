import { describe, expect, it } from 'vitest';
import { FACTORS } from '../../core/model';
import { initialState, resolveRound } from '../../core/model';
import { decisionsFor, flat, scenario } from '../support/model';

const s = scenario();

describe('factor conservation within a round', () => {
  const state0 = initialState(s, { seed: 3 });
  const out = resolveRound(s, state0, decisionsFor(s, state0, (_r, city) => ({ subsidies: flat(city === 'seaport' ? 0.8 : 0) })));
  if (!out.ok) throw new Error(out.error.rule);
  const { state: state1, result } = out;

  for (const f of FACTORS) {
    it(`${f}: what leaves a place arrives at another or leaves the map, counted`, () => {
      const before = state0.locations.reduce((sum, l) => sum + l.stock[f], 0);
      const after = state1.locations.reduce((sum, l) => sum + l.stock[f], 0);
      expect(after).toBeCloseTo(before - result.metrics.exited[f] + result.metrics.entered[f], 9);

      // Location by location: stock after = before − everything out + everything in, by the flow list.
      for (const loc of state0.locations) {
        const flows = result.flows.filter((x) => x.factor === f);
        const out = flows.filter((x) => x.from === loc.id).reduce((sum, x) => sum + x.amount, 0);
        const inn = flows.filter((x) => x.to === loc.id).reduce((sum, x) => sum + x.amount, 0);
        const next = state1.locations.find((l) => l.id === loc.id)!;
        expect(next.stock[f]).toBeCloseTo(loc.stock[f] - out + inn, 9);
      }
      // The flow list accounts for exits and entries exactly.
      const exits = result.flows.filter((x) => x.factor === f && x.to === 'outside').reduce((a, x) => a + x.amount, 0);
      const entries = result.flows.filter((x) => x.factor === f && x.from === 'outside').reduce((a, x) => a + x.amount, 0);
      expect(exits).toBeCloseTo(result.metrics.exited[f], 9);
      expect(entries).toBeCloseTo(result.metrics.entered[f], 9);
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
