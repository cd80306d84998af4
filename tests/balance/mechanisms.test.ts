/**
 * Property 10 (docs/balance.md): every mechanism changes some player's best decision
 * somewhere: park operation modes when subsidies are high, multi-centre hosting when several
 * sponsors want one core, corridor decay from the core end whatever the order of listing.
 */
import { describe, expect, it } from 'vitest';
import { corridorOrder, modes, multiCentre, paperPark } from '../../scripts/balance/properties';
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
      it(`multi-centre hosting: parks racing in one core escalate more, and a sponsor does better in a second core (seed ${seed}, ${variant.id})`, { timeout: 60_000 }, () => {
        const mc = multiCentre(st, ['quzhou', 'lishui', 'zhoushan'], ['hangzhou', 'wenzhou', 'ningbo'], 'hangzhou');
        expect(mc.single.subsidy).toBeGreaterThan(mc.multi.subsidy);
        expect(mc.better.length, JSON.stringify(mc)).toBeGreaterThan(0);
      });
    }
  }

  it('corridor decay is measured from the core end, whatever the order the members are listed in', { timeout: 60_000 }, () => {
    for (const seed of SEEDS) {
      const c = corridorOrder({ scenario: g60, seed, variant: VARIANTS[0]!, rounds: ROUNDS }, ['songjiang', 'jiaxing', 'hangzhou', 'huzhou', 'xuancheng']);
      expect(c.same).toBe(true);
      expect(c.fades, JSON.stringify(c.forward)).toBe(true);
    }
  });
});
