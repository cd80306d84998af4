/**
 * Property 8 (docs/balance.md): every seat can win. Strategies assigned at random to seats;
 * each city wins between half and twice its fair share. Also property 7's second half: the
 * fiscal part is at most about half of the winner's score.
 */
import { describe, expect, it } from 'vitest';
import { seats } from '../../scripts/balance/properties';
import { CASES } from './setup';

const GAMES: Record<string, number> = { 'classroom-4': 120, 'zhejiang-mountain-sea': 300 };

describe.each(CASES)('$scenario.id', ({ scenario }) => {
  it('8. every seat wins between half and twice its fair share; 7b. the budget is at most about half of the winner’s score', { timeout: 300_000 }, () => {
    const s = seats(scenario, GAMES[scenario.id]!);
    for (const w of s.wins) expect(w.ratio, `${w.city}: ${w.wins} of ${s.games} games`).toBeGreaterThanOrEqual(0.5);
    for (const w of s.wins) expect(w.ratio, `${w.city}: ${w.wins} of ${s.games} games`).toBeLessThanOrEqual(2);
    expect(s.fiscalShare).toBeLessThan(0.5);
  });
});
