/**
 * How often each seat of a built-in scenario wins, measured: property 8's tournament at the
 * default parameters (docs/scoring.md, "8. Every seat can win"), bots on strategies drawn at
 * random for every seat, 8-round games. `npm run balance` writes ./seat-odds.json from the
 * same tournament it prints, and tests/balance/seats.test.ts fails when the file is not what
 * the model plays today, so what the host setup tells a facilitator is never stale.
 *
 * Why tell them: on a real map some seats are much harder to win from than others (on
 * Zhejiang, Wenzhou far less than its share). A facilitator who knows can seat a strong team
 * there, or pick a map where every seat holds.
 */
import measured from './seat-odds.json';
import type { Scenario } from './schema';

/** Wins by city over `games` tournament games of `rounds` rounds. */
export interface SeatOdds {
  games: number;
  rounds: number;
  wins: Record<string, number>;
}

/** A seat wins between half and twice its fair share (1 / number of cities) to count as even. */
export const EVEN_SEATS = { min: 0.5, max: 2 } as const;

const ODDS: Readonly<Record<string, SeatOdds>> = measured.scenarios;

/** The measured odds of a built-in scenario, or null (a facilitator's region is never measured). */
export function seatOdds(scenarioId: string): SeatOdds | null {
  return Object.hasOwn(ODDS, scenarioId) ? ODDS[scenarioId]! : null;
}

/** Each city's wins as a multiple of its fair share, in the scenario's order of cities. */
export function seatRatios(odds: SeatOdds, cities: readonly string[]): { city: string; ratio: number }[] {
  return cities.map((city) => ({ city, ratio: ((odds.wins[city] ?? 0) / odds.games) * cities.length }));
}

/** The seats outside the even range: the hard ones (below half their share) and the easy ones (above twice). */
export function unevenSeats(odds: SeatOdds, cities: readonly string[]): { hard: { city: string; ratio: number }[]; easy: { city: string; ratio: number }[] } {
  const all = seatRatios(odds, cities);
  return { hard: all.filter((s) => s.ratio < EVEN_SEATS.min).sort((a, b) => a.ratio - b.ratio), easy: all.filter((s) => s.ratio > EVEN_SEATS.max).sort((a, b) => b.ratio - a.ratio) };
}

/** A seat the host setup names, in the scenario's own words. */
export interface SeatNote {
  id: string;
  name: Scenario['regions'][number]['name'];
  /** Wins ÷ fair share. */
  ratio: number;
}

/** What GET /api/scenarios says of a scenario's seats: absent when not measured. */
export interface SeatSummary {
  games: number;
  hard: SeatNote[];
  easy: SeatNote[];
}

export function seatSummary(scenario: Scenario): SeatSummary | undefined {
  const odds = seatOdds(scenario.id);
  if (!odds) return undefined;
  const name = (id: string) => scenario.regions.find((r) => r.id === id)!.name;
  const note = ({ city, ratio }: { city: string; ratio: number }): SeatNote => ({ id: city, name: name(city), ratio: Math.round(ratio * 100) / 100 });
  const { hard, easy } = unevenSeats(odds, scenario.regions.map((r) => r.id));
  return { games: odds.games, hard: hard.map(note), easy: easy.map(note) };
}
