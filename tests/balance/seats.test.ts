/**
 * Property 8 (docs/scoring.md): every seat can win. Strategies assigned at random to seats;
 * each city wins between half and twice its fair share. Also property 7's second half: the
 * fiscal part is at most about half of the winner's score.
 *
 * It holds on classroom-4. On zhejiang-mountain-sea it does not yet, and the test says so:
 * Wenzhou (about 0.04 of its fair share over 300 games), Jiaxing and Zhoushan win too
 * rarely and Quzhou slightly too often (docs/scoring.md, "What is thin"). The strict check
 * is kept there as an expected failure, so the day it holds this file must change.
 */
import { describe, expect, it } from 'vitest';
import { seats, type Seats } from '../../scripts/balance/properties';
import { CASES } from './setup';

const GAMES: Record<string, number> = { 'classroom-4': 120, 'zhejiang-mountain-sea': 300 };
/** Scenarios where property 8 is a known gap. */
const KNOWN_GAP = new Set(['zhejiang-mountain-sea']);

describe.each(CASES)('$scenario.id', ({ scenario }) => {
  let played: Seats | undefined;
  const tournament = () => (played ??= seats(scenario, GAMES[scenario.id]!));
  const fair = () => {
    const s = tournament();
    for (const w of s.wins) expect(w.ratio, `${w.city}: ${w.wins} of ${s.games} games`).toBeGreaterThanOrEqual(0.5);
    for (const w of s.wins) expect(w.ratio, `${w.city}: ${w.wins} of ${s.games} games`).toBeLessThanOrEqual(2);
  };
  const title = '8. every seat wins between half and twice its fair share';
  if (KNOWN_GAP.has(scenario.id)) it.fails(`${title} (known gap)`, { timeout: 300_000 }, fair);
  else it(title, { timeout: 300_000 }, fair);

  it('8. each seat’s best strategy scores at least its mean, and the strategies’ games add up to the tournament', { timeout: 300_000 }, () => {
    const s = tournament();
    for (const c of s.scores) {
      expect(c.best.mean, c.city).toBeGreaterThanOrEqual(c.mean - 1e-9);
      expect(c.best.games, c.city).toBeGreaterThan(0);
      expect(s.pool).toContain(c.best.strategy);
    }
    expect(s.scores.map((c) => c.city)).toEqual(s.wins.map((w) => w.city));
  });

  it('7b. the budget is at most about half of the winner’s score; every strategy but frugal wins some games', { timeout: 300_000 }, () => {
    const s = tournament();
    expect(s.fiscalShare).toBeLessThan(0.5);
    // No one strategy is the only way to win.
    expect(Object.keys(s.byStrategy).length, JSON.stringify(s.byStrategy)).toBeGreaterThanOrEqual(3);
  });
});
