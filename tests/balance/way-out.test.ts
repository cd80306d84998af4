/**
 * Properties 4–7 (docs/scoring.md): a way out of the race pays those who take it; production
 * reaches the far periphery only through an enclave; the reverse enclave wins twice on the
 * paper's terms; land is a trade-off, not a tap.
 */
import { describe, expect, it } from 'vitest';
import { diffusion, doubleWin, land, wayOut } from '../../scripts/balance/properties';
import { CASES, label, settings } from './setup';

describe.each(CASES)('$scenario.id', ({ scenario, park }) => {
  const all = settings(scenario);
  const everyCity = scenario.regions.map((r) => r.id);

  it('4. a way out pays: a platform cap, and a reverse-enclave park, each leave their members better off than racing, whether the others race or not', { timeout: 180_000 }, () => {
    for (const st of all.slice(0, 3)) {
      const w = wayOut(st, park, everyCity);
      for (const row of w.rows) expect(row.worseOff, `${label(st)}: ${row.deal}, others ${row.others}`).toEqual([]);
    }
  });

  it('5. directed diffusion needs the enclave: without a park core-incubated production stays in the core and near it; a park multiplies the sponsor’s share', { timeout: 60_000 }, () => {
    for (const st of all) {
      const d = diffusion(st, park);
      expect(d.byRole['periphery'] ?? 0, label(st)).toBeLessThan(0.3);
      expect(d.ratio, `${label(st)}: sponsor's share ${d.without.toFixed(3)} → ${d.withPark.toFixed(3)}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('6. the double win on the paper’s terms (3 km² of quota for 1 km² of park): sponsor and host both gain, third cities lose less than the pair gains', { timeout: 60_000 }, () => {
    for (const st of all) {
      const w = doubleWin(st, park);
      expect(w.sponsor, label(st)).toBeGreaterThan(0);
      expect(w.host, label(st)).toBeGreaterThan(0);
      expect(-w.others, label(st)).toBeLessThan(w.pair);
    }
  });

  it('7. land is a trade-off: releasing all the quota at once beats the default course for fewer than half the cities', { timeout: 60_000 }, () => {
    for (const st of all) expect(land(st).dominant, label(st)).toBeLessThan(0.5);
  });
});
