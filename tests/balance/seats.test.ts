/**
 * Property 8 (docs/scoring.md): every seat can win. Strategies assigned at random to seats;
 * each city wins between half and twice its fair share. Also property 7's second half: the
 * fiscal part is at most about half of the winner's score.
 *
 * It holds on classroom-4. On zhejiang-mountain-sea it does not yet, and the test says so:
 * Wenzhou (0.03 of its fair share over 400 games), Jiaxing and Zhoushan win too
 * rarely and Quzhou slightly too often (docs/scoring.md, "What is thin"). The strict check
 * is kept there as an expected failure, so the day it holds this file must change. The host
 * setup tells a facilitator which seats are hard (core/scenarios/seat-odds.json), checked here.
 */
import { describe, expect, it } from 'vitest';
import { EVEN_SEATS, seatOdds, unevenSeats } from '../../core/scenarios/seat-odds';
import { SEAT_GAMES, oddsOf, seats, type Seats } from '../../scripts/balance/properties';
import { CASES, ROUNDS } from './setup';

/** The full tournament of `npm run balance`, so the seat odds the host setup shows are checked too. */
const GAMES = SEAT_GAMES;
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

  it('8. the seat odds the host setup shows (core/scenarios/seat-odds.json) are what the model plays today', { timeout: 300_000 }, () => {
    const stored = seatOdds(scenario.id);
    expect(stored, 'no seat odds stored: run npm run balance').not.toBeNull();
    expect(stored, 'core/scenarios/seat-odds.json is stale: run npm run balance').toEqual(oddsOf(tournament(), ROUNDS));
    const { hard, easy } = unevenSeats(stored!, scenario.regions.map((r) => r.id));
    // Exactly the seats the fairness check above finds outside half to twice their share.
    const outside = tournament().wins.filter((w) => w.ratio < EVEN_SEATS.min || w.ratio > EVEN_SEATS.max).map((w) => w.city);
    expect([...hard, ...easy].map((x) => x.city).sort()).toEqual(outside.sort());
  });

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
