/**
 * Bots in seats (game.md "Bots"): the model's strategies (core/bots) decide for a seat a bot
 * holds, seeing exactly what people in that seat would see: the public state, the published
 * results and the deals visible to the seat. They negotiate under the same deal rules as
 * people, whenever the deals they can see or the round change.
 */
import { botDealActions, isBotStrategy, type BotStrategy, type BotView } from '../../core/bots';
import type { Room } from '../room';
import type { RuleEnv } from './common';
import { dealAction, dealView, dealsVisibleTo } from './deals';

/** Passes over the bot seats: propose, answer, answer the counters. */
const PASSES = 3;

export function strategyOf(name: string): BotStrategy {
  return isBotStrategy(name) ? name : 'frugal';
}

/** What a seat's bot sees: what the seat's people would. */
export function botView(room: Room, city: string, env: RuleEnv): BotView {
  const { seed: _seed, ...state } = room.state;
  return {
    city,
    round: room.meta.round,
    state,
    results: room.rounds.map((r) => r.result),
    scenario: env.scenario,
    deals: dealsVisibleTo(room, city).map(dealView),
  };
}

/** Let every bot seat act on the deals it sees, a few passes, under the room's deal rules. */
export function botsNegotiate(room: Room, env: RuleEnv): Room {
  const bots = room.meta.seats.filter((s) => s.bot !== null);
  if (bots.length === 0 || room.meta.phase !== 'playing' || room.meta.paused) return room;
  let current = room;
  for (let pass = 0; pass < PASSES; pass++) {
    let acted = false;
    for (const seat of bots) {
      for (const action of botDealActions(strategyOf(seat.bot!), botView(current, seat.city, env), room.meta.settings.seed + pass)) {
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
