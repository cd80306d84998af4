/**
 * Bots in seats (docs/protocol.md "Bots"): the model's strategies (core/bots) decide for a
 * seat a bot holds, seeing exactly what people in that seat would see: the public state, the
 * published results and the deals visible to the seat. They negotiate under the same deal
 * rules as people, whenever the deals they can see or the round change.
 */
import { botDealActions, botDecisions, isBotStrategy, type BotStrategy, type BotView } from '../../core/bots';
import { botPasses } from '../../core/bots/negotiate';
import type { DealBook } from '../../core/deals';
import type { DealAction } from '../../core/protocol/deals';
import type { Decisions } from '../../core/protocol/decisions';
import type { GameEvent } from '../../core/protocol/events';
import { publicState, type Room } from '../room';
import { roundIsOpen, type RuleEnv } from './common';
import { bookOf, dealTable, dealView, dealsVisibleTo, withBook } from './deals';

export function strategyOf(name: string): BotStrategy {
  return isBotStrategy(name) ? name : 'frugal';
}

/** What a seat's bot sees: what the seat's people would. */
export function botView(room: Room, city: string, env: RuleEnv): BotView {
  return {
    city,
    round: room.meta.round,
    state: publicState(room),
    results: room.rounds.map((r) => r.result),
    scenario: env.scenario,
    deals: dealsVisibleTo(room, city).map(dealView),
    // Events injected into this round are public news: a bot heeds a national cap announced for it.
    events: pendingEvents(room, env),
  };
}

/** The scenario events injected into the open round. */
export function pendingEvents(room: Room, env: RuleEnv): GameEvent[] {
  return room.meta.events.pending.flatMap((id) => env.scenario.events.find((e) => e.id === id)?.event ?? []);
}

/**
 * A bot's decisions for its seat, or null if the strategy failed. A bot is code the room
 * runs on every deal change and at every deadline: its failure must cost one seat one
 * round, never the round itself.
 */
export function botDecide(room: Room, city: string, strategy: string, env: RuleEnv): Decisions | null {
  try {
    return botDecisions(strategyOf(strategy), botView(room, city, env), room.meta.settings.seed);
  } catch (err) {
    console.error(`bot ${strategy} in ${city} failed to decide`, err);
    return null;
  }
}

function botActions(room: Room, city: string, strategy: string, env: RuleEnv, seed: number): DealAction[] {
  try {
    return botDealActions(strategyOf(strategy), botView(room, city, env), seed);
  } catch (err) {
    console.error(`bot ${strategy} in ${city} failed to negotiate`, err);
    return [];
  }
}

/**
 * Let bot seats act on the deals they see, under the room's deal rules and in the same passes
 * as the simulator's bots (core/bots/negotiate.ts `botPasses`). A bot looks again only when
 * what it sees has changed since `before` (all of them when `before` is null: a new round, say).
 */
export function botsNegotiate(room: Room, env: RuleEnv, before: Room | null): Room {
  const bots = room.meta.seats.filter((s) => s.bot !== null);
  if (bots.length === 0 || roundIsOpen(room)) return room;
  const strategy = new Map(bots.map((s) => [s.city, s.bot!]));
  const seed = room.meta.settings.seed;
  const actionsOf = (city: string, book: DealBook, pass: number) => botActions(withBook(room, book, [], env.now), city, strategy.get(city)!, env, seed + pass);
  const out = botPasses(bookOf(room), dealTable(room, env), [...strategy.keys()], actionsOf, before && bookOf(before));
  return withBook(room, out.book, out.log, env.now);
}
