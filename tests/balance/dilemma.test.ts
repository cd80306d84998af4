/**
 * Properties 1–3 (docs/scoring.md): the subsidy race is a real prisoner's dilemma. A city
 * alone gains by subsidising (the gain comes from the factors it draws), all lose when all
 * do, and bots that each pick their own best bid race without being told to.
 */
import { describe, expect, it } from 'vitest';
import { collectiveLoss, race, temptation } from '../../scripts/balance/properties';
import { CASES, label, settings } from './setup';

describe.each(CASES)('$scenario.id', ({ scenario }) => {
  const all = settings(scenario);

  it('1. temptation: most cities gain by subsidising moderately while the others do not, from the factors they draw', { timeout: 60_000 }, () => {
    for (const st of all) {
      const t = temptation(st);
      expect(t.tempted, label(st)).toBeGreaterThan(0.5);
      const gainers = t.cities.filter((x) => x.gain > 0);
      for (const c of gainers) {
        expect(c.innovation + c.output, `${label(st)}: ${c.city}`).toBeGreaterThan(0);
        // The gain is the factors drawn, not bookkeeping: the treasury adds at most a quarter of it.
        expect(c.budget, `${label(st)}: ${c.city}'s budget part`).toBeLessThan(0.25 * c.gain);
      }
      // And for most it has a price: the subsidy costs the treasury more than the newcomers pay back.
      expect(gainers.filter((c) => c.budget < 0).length, label(st)).toBeGreaterThan(gainers.length / 2);
    }
  });

  it('2. collective loss: when all subsidise, most cities and the region lose, and the allocation barely moves', { timeout: 60_000 }, () => {
    for (const st of all) {
      const c = collectiveLoss(st);
      expect(c.losers, label(st)).toBeGreaterThan(c.scores.length / 2);
      expect(c.region, label(st)).toBeLessThan(0);
      expect(c.shift, `${label(st)}: share shift, percentage points`).toBeLessThan(2);
      expect(c.churn, `${label(st)}: more newcomers paid for than in the frugal game`).toBeGreaterThan(1.1);
    }
  });

  it('3. the race emerges: best responders raise their bids and end below the all-frugal game', { timeout: 120_000 }, () => {
    for (const st of all) {
      const r = race(st);
      const late = r.meanBid.slice(-3).reduce((a, b) => a + b, 0) / 3;
      expect(late, `${label(st)}: bids ${r.meanBid.map((b) => b.toFixed(2)).join(' ')}`).toBeGreaterThan(r.meanBid[0]! + 0.02);
      expect(r.region, label(st)).toBeLessThan(0);
    }
  });
});
