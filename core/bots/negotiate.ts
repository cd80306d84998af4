/**
 * Bots negotiating through the deal book (core/deals), the room's own rules: the room's bot
 * seats (party/rules/bots.ts) and the simulator (core/bots/game.ts) both run `botPasses`,
 * so bots are tuned under the rules and the rhythm people play with: the same refusals,
 * the same caps, deals that stay open across rounds.
 */
import { dealAction, dealView, signedIn, visibleTo, type BookEntry, type DealBook, type DealTable } from '../deals';
import type { DealAction, SignedDeal } from '../protocol/deals';
import type { GameState, RoundResult } from '../protocol/state';
import type { Scenario } from '../scenarios/schema';
import { botDealActions, type BotStrategy } from './index';

/** Passes over the bots: propose, answer, answer the counters. */
export const PASSES = 3;

/** What a bot's deal decisions depend on, in short: the deals it sees and where they stand. */
function seen(book: DealBook, city: string): string {
  return visibleTo(book, city)
    .map((d) => `${d.id}:${d.status}:${d.accepted.join('+')}`)
    .join(',');
}

/**
 * Let the bots of `cities` act on the deals they see, in that order, a few passes. A bot
 * looks again only when what it sees has changed since `before` (every bot when `before` is
 * null: a new round, say), since weighing a deal runs the model several rounds ahead. An
 * action the book refuses (another bot's got there first) is simply dropped.
 * `actionsOf(city, book, pass)` is the bot's answer to the book as it stands.
 */
export function botPasses(
  book: DealBook,
  table: DealTable,
  cities: readonly string[],
  actionsOf: (city: string, book: DealBook, pass: number) => readonly DealAction[],
  before: DealBook | null,
): { book: DealBook; log: BookEntry[] } {
  const looked = new Map(cities.map((c) => [c, before ? seen(before, c) : null]));
  const log: BookEntry[] = [];
  let current = book;
  for (let pass = 0; pass < PASSES; pass++) {
    let acted = false;
    for (const city of cities) {
      const now = seen(current, city);
      if (looked.get(city) === now) continue;
      looked.set(city, now);
      for (const action of actionsOf(city, current, pass)) {
        const out = dealAction(current, table, city, action);
        if (!out.ok) continue;
        current = out.book;
        log.push(...out.log);
        acted = true;
      }
    }
    if (!acted) break;
  }
  return { book: current, log };
}

/** Where the simulator's book is played in the round after `state`: every city of the scenario may be a party. */
export function simulatorTable(scenario: Scenario, state: DealTable['state'] & Pick<GameState, 'round'>): DealTable {
  return { scenario, state, round: state.round + 1, cities: scenario.regions.map((r) => r.id) };
}

/**
 * The simulator's negotiation before a round's decisions: every city with a strategy is a
 * bot seat and looks afresh, as in the room when a round opens. Returns the book, the deals
 * signed this round (for its resolution) and the steps taken, in order (for the record).
 */
export function negotiateRound(
  scenario: Scenario,
  state: GameState,
  results: readonly RoundResult[],
  strategies: Readonly<Record<string, BotStrategy>>,
  seed: number,
  book: DealBook,
): { book: DealBook; signed: SignedDeal[]; log: BookEntry[] } {
  const table = simulatorTable(scenario, state);
  const { seed: _seed, ...pub } = state;
  const bots = scenario.regions.map((r) => r.id).filter((c) => strategies[c]);
  const actionsOf = (city: string, current: DealBook, pass: number) =>
    botDealActions(strategies[city]!, { city, round: table.round, state: pub, results, scenario, deals: visibleTo(current, city).map(dealView) }, seed + pass);
  const out = botPasses(book, table, bots, actionsOf, null);
  return { book: out.book, signed: signedIn(out.book, table.round), log: out.log };
}
