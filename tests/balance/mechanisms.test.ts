/**
 * Property 10 (docs/scoring.md): every mechanism changes some player's best decision
 * somewhere: park operation modes when subsidies are high, multi-centre hosting when several
 * sponsors want one core, corridor decay from the core end whatever the order of listing; and
 * the big science facility pays somewhere without being a tap.
 */
import { describe, expect, it } from 'vitest';
import { FACILITY_MAX_GAIN, PARK_HOSTS, PARK_SPONSORS, corridorOrder, facility, modes, multiCentre, paperPark } from '../../scripts/balance/properties';
import { ROUNDS, SEEDS, VARIANTS, scenario } from './setup';

const zj = scenario('zhejiang-mountain-sea');
const g60 = scenario('g60-corridor');

describe('10. every mechanism matters somewhere', () => {
  for (const variant of VARIANTS) {
    for (const seed of SEEDS) {
      const st = { scenario: zj, seed, variant, rounds: ROUNDS };
      it(`operation modes: the sponsor's best mode attracts at normal subsidies and screens when the host bids high (seed ${seed}, ${variant.id})`, { timeout: 60_000 }, () => {
        const m = modes(st, paperPark('quzhou', 'hangzhou'));
        expect(m.bestLow, JSON.stringify(m.low)).not.toBe(m.bestHigh);
        expect(['government', 'mixed']).toContain(m.bestHigh);
      });
      it(`multi-centre hosting: parks racing in one core escalate more, and each further park is worth less to the core (seed ${seed}, ${variant.id})`, { timeout: 90_000 }, () => {
        const mc = multiCentre(st, PARK_SPONSORS, PARK_HOSTS, 'hangzhou');
        expect(mc.single).toBeGreaterThan(mc.multi);
        expect(mc.marginal.at(-1)!, mc.marginal.map((x) => x.toFixed(1)).join(' ')).toBeLessThan(0.4 * mc.marginal[0]!);
        // At the default parameters the sixth park no longer pays the core: its answer turns to no.
        if (variant.id === 'default') expect(mc.flips, mc.marginal.map((x) => x.toFixed(1)).join(' ')).toBe(true);
      });
    }
  }

  // Funded alone, the facility paid five Zhejiang cities up to +46 (Ningbo) at its former
  // calibration (E +0.8 for 3 × 40): a human in Ningbo's seat who funded it won every game.
  it('the big science facility is a costly point design: it pays for a city with the base and the land to carry it, for fewer than half, by a bounded amount', { timeout: 60_000 }, () => {
    for (const variant of VARIANTS) {
      for (const seed of SEEDS) {
        const fa = facility({ scenario: zj, seed, variant, rounds: ROUNDS });
        const said = JSON.stringify(fa.alone.map((x) => [x.city, +x.score.toFixed(1)]));
        expect(fa.paying.length, said).toBeGreaterThan(0);
        expect(fa.paying.length / fa.alone.length, said).toBeLessThan(0.5);
        expect(fa.best, said).toBeLessThanOrEqual(FACILITY_MAX_GAIN);
      }
    }
    // On the small classroom map it pays for nobody (the paper: not a path for small and medium cities).
    const small = facility({ scenario: scenario('classroom-4'), seed: SEEDS[0]!, variant: VARIANTS[0]!, rounds: ROUNDS });
    expect(small.paying).toEqual([]);
  });

  it('corridor decay is measured from the core end, whatever the order the members are listed in', { timeout: 60_000 }, () => {
    for (const seed of SEEDS) {
      const c = corridorOrder({ scenario: g60, seed, variant: VARIANTS[0]!, rounds: ROUNDS }, ['songjiang', 'jiaxing', 'hangzhou', 'huzhou', 'xuancheng']);
      expect(c.same).toBe(true);
      expect(c.fades, JSON.stringify(c.forward)).toBe(true);
    }
  });
});
