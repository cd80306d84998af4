/**
 * Bots in seats (game.md "Bots"): the model's strategies (core/bots) decide for a seat a bot
 * holds, seeing exactly what people in that seat would see: the public state, the published
 * results and the deals visible to the seat. They negotiate under the same deal rules as
 * people, whenever the deals they can see or the round change.
 */
import { botDealActions, botDecisions, isBotStrategy, type BotStrategy, type BotView } from '../../core/bots';
import type { DealAction } from '../../core/protocol/deals';
import type { Decisions } from '../../core/protocol/decisions';
import type { GameEvent } from '../../core/protocol/events';
import { publicState, type Room } from '../room';
import type { RuleEnv } from './common';
import { dealAction, dealView, dealsVisibleTo } from './deals';

/** Passes over the bot seats: propose, answer, answer the counters. */
const PASSES = 3;

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

/** What a bot's deal decisions depend on, in short: the deals it sees and where they stand. */
function seen(room: Room, city: string): string {
  return dealsVisibleTo(room, city)
    .map((d) => `${d.id}:${d.status}:${d.accepted.join('+')}`)
    .join(',');
}

/**
 * Let bot seats act on the deals they see, a few passes, under the room's deal rules. A bot
 * looks again only when what it sees has changed since `before` (all of them when `before`
 * is null: a new round, say), since weighing a deal runs the model several rounds ahead.
 */
export function botsNegotiate(room: Room, env: RuleEnv, before: Room | null): Room {
  const bots = room.meta.seats.filter((s) => s.bot !== null);
  if (bots.length === 0 || room.meta.phase !== 'playing' || room.meta.paused) return room;
  const looked = new Map(bots.map((s) => [s.city, before ? seen(before, s.city) : null]));
  let current = room;
  for (let pass = 0; pass < PASSES; pass++) {
    let acted = false;
    for (const seat of bots) {
      const now = seen(current, seat.city);
      if (looked.get(seat.city) === now) continue;
      looked.set(seat.city, now);
      for (const action of botActions(current, seat.city, seat.bot!, env, room.meta.settings.seed + pass)) {
        const out = dealAction(current, seat.city, action, env);
        // A bot's action can be overtaken by another's in the same pass; it is simply dropped.
        if (!out.ok) continue;
        current = out.room;
        acted = true;
      }
    }
    if (!acted) break;
  }
  return current;
}
