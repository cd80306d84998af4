/**
 * The seat odds the host setup shows for the built-in maps the properties are not shown on
 * (core/scenarios/seat-odds.json; classroom-4 and Zhejiang are checked in seats.test.ts with
 * property 8): each is what property 8's tournament plays today, so a facilitator choosing the
 * G60, the Greater Bay Area or Andalucía is never told something the model no longer does.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../core/scenarios';
import { seatOdds } from '../../core/scenarios/seat-odds';
import { SEAT_GAMES, oddsOf, seats } from '../../scripts/balance/properties';
import { CASES, ROUNDS, scenario } from './setup';

const shown = new Set<string>(CASES.map((c) => c.scenario.id));
const others = Object.entries(SEAT_GAMES).filter(([id]) => !shown.has(id));

describe.each(others)('%s', (id, games) => {
  it(`its seat odds are the tournament of ${games} games the model plays today`, { timeout: 300_000 }, () => {
    const stored = seatOdds(id);
    expect(stored, 'no seat odds stored: run npm run balance').not.toBeNull();
    expect(stored, 'core/scenarios/seat-odds.json is stale: run npm run balance').toEqual(oddsOf(seats(scenario(id), games), ROUNDS));
  });
});

it('every built-in map has its seat odds, and no other id does', () => {
  expect(Object.keys(SEAT_GAMES).sort()).toEqual(SCENARIOS.map((s) => s.id).sort());
  expect(seatOdds('sheet-abcdefabcdef')).toBeNull();
});
