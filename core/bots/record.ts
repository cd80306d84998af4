/**
 * A bot game kept as a room keeps its record (core/protocol/record.ts): every seat a bot, no
 * chat. The simulator writes it (`npm run sim -- --record`) and the class tests play their
 * rooms into it; the clock is the caller's, since the core has none.
 */
import { RECORD_FORMAT, type GameRecord } from '../protocol/record';
import type { Scenario } from '../scenarios/schema';
import type { BotGame } from './game';
import type { BotStrategy } from './names';

export interface BotRecordInfo {
  code: string;
  settings: GameRecord['settings'];
  strategies: Readonly<Record<string, BotStrategy>>;
  /** The time a round is dated with (round 0: the game's creation). */
  at: (round: number) => string;
}

export function botGameRecord(scenario: Scenario, game: BotGame, info: BotRecordInfo): GameRecord {
  const { at } = info;
  return {
    format: RECORD_FORMAT,
    model: game.state.model,
    code: info.code,
    createdAt: at(0),
    finishedAt: at(game.rounds.length + 1),
    settings: info.settings,
    seats: scenario.regions.map((r) => ({ city: r.id, players: [], bot: info.strategies[r.id] ?? 'frugal' })),
    initialState: game.initial,
    rounds: game.rounds.map((r) => ({
      round: r.result.round,
      decisions: r.decisions,
      source: Object.fromEntries(Object.keys(r.decisions).map((city) => [city, 'bot' as const])),
      deals: r.deals,
      events: r.events,
      result: r.result,
    })),
    dealLog: game.log.map((e) => ({ at: at(e.round), ...e })),
    chat: [],
    finalState: game.state,
  };
}
