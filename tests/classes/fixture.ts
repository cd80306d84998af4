/**
 * Rooms of a class, played by bots straight through the core: each room's settings come from
 * its treatment (core/classes/treatments.ts), its first state from those settings
 * (core/model/settings.ts `gameOptions`, as the worker creates a room), its scheduled events
 * go in at their rounds (as the room injects them, party/rules/events.ts), and the game is
 * kept as a room keeps its record (core/protocol/record.ts).
 */
import { playBotGame } from '../../core/bots/game';
import type { BotStrategy } from '../../core/bots';
import { applyTreatment, type SettingsInput, type TreatmentChoiceInput } from '../../core/classes/treatments';
import type { ClassRoom } from '../../core/classes/compare';
import { gameOptions, scheduledFor } from '../../core/model/settings';
import { RECORD_FORMAT, type GameRecord } from '../../core/protocol/record';
import type { GameEvent } from '../../core/protocol/events';
import { scenario } from '../support/model';

export const BASE: SettingsInput = { scenario: 'classroom-4', rounds: 4, bots: true };

/** Cities that race (the escalator outbids the top bid each round) and one that seeks parks and platforms. */
export const STRATEGIES: Record<string, BotStrategy> = { metropolis: 'escalator', rivertown: 'matcher', hillton: 'cooperator', seaport: 'escalator' };

const at = (round: number) => new Date(Date.UTC(2026, 10, 20, 9, round * 3)).toISOString();

export function playRoom(code: string, choice: TreatmentChoiceInput, seed: number, options: { base?: SettingsInput; strategies?: Record<string, BotStrategy>; rounds?: number } = {}): ClassRoom {
  const treated = applyTreatment(options.base ?? BASE, choice);
  if (!treated.ok) throw new Error(`${treated.error.field}: ${treated.error.rule}`);
  const settings = { ...treated.settings, seed };
  const s = scenario(settings.scenario);
  const played = options.rounds ?? settings.rounds;
  const events: Record<number, GameEvent[]> = {};
  for (let t = 1; t <= played; t++) events[t] = scheduledFor(settings, t).map((id) => s.events.find((e) => e.id === id)!.event);
  const strategies = options.strategies ?? STRATEGIES;
  const opts = gameOptions(settings);
  const game = playBotGame(s, { ...opts, rounds: played, strategies, events });
  // The baseline the room computes runs over the game's rounds, not the rounds played so far.
  if (played !== settings.rounds) throw new Error('play a room behind with playBehind');
  const record: GameRecord = {
    format: RECORD_FORMAT,
    model: game.state.model,
    code,
    createdAt: at(0),
    finishedAt: at(played + 1),
    settings: { ...settings },
    seats: s.regions.map((r) => ({ city: r.id, players: [], bot: strategies[r.id] ?? 'frugal' })),
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
  return { code, treatment: treated.tag, record };
}

/** A room still playing: its record so far, `rounds` rounds of a longer game (the rounds after them cut off). */
export function behind(room: ClassRoom, rounds: number): ClassRoom {
  const kept = room.record.rounds.slice(0, rounds);
  return { ...room, record: { ...room.record, finishedAt: null, rounds: kept, finalState: room.record.finalState } };
}
