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
import { botGameRecord } from '../../core/bots/record';
import type { GameEvent } from '../../core/protocol/events';
import { scenario } from '../support/model';
import { replayRecord } from '../../core/replay/replay';
import type { Decisions, Subsidies } from '../../core/protocol/decisions';
import type { GameState } from '../../core/protocol/state';

export const BASE: SettingsInput = { scenario: 'classroom-4', rounds: 4, bots: true };

/** Cities that race (the escalator outbids the top bid each round) and one that seeks parks and platforms. */
export const STRATEGIES: Record<string, BotStrategy> = { metropolis: 'escalator', rivertown: 'matcher', hillton: 'cooperator', seaport: 'escalator' };

const at = (round: number) => new Date(Date.UTC(2026, 10, 20, 9, round * 3)).toISOString();

export interface RoomOptions {
  base?: SettingsInput;
  strategies?: Record<string, BotStrategy>;
  /** Cities keep a founding platform's cap (people who keep the promise; the bots do not, core/bots). */
  keepCap?: boolean;
}

export function playRoom(code: string, choice: TreatmentChoiceInput, seed: number, options: RoomOptions = {}): ClassRoom {
  const treated = applyTreatment(options.base ?? BASE, choice);
  if (!treated.ok) throw new Error(`${treated.error.field}: ${treated.error.rule}`);
  const settings = { ...treated.settings, seed };
  const s = scenario(settings.scenario);
  const events: Record<number, GameEvent[]> = {};
  for (let t = 1; t <= settings.rounds; t++) events[t] = scheduledFor(settings, t).map((id) => s.events.find((e) => e.id === id)!.event);
  const strategies = options.strategies ?? STRATEGIES;
  const opts = gameOptions(settings);
  const cap = settings.platform?.cap;
  const keep = options.keepCap && cap !== undefined ? (_: number, _city: string, _state: GameState, bot: Decisions): Decisions => ({ ...bot, subsidies: capped(bot.subsidies, cap) }) : undefined;
  const game = playBotGame(s, { ...opts, rounds: settings.rounds, strategies, events, ...(keep ? { override: keep } : {}) });
  const record = botGameRecord(s, game, { code, settings, strategies, at });
  return { code, treatment: treated.tag, record };
}

const capped = (x: Subsidies, cap: number): Subsidies => ({ talent: Math.min(x.talent, cap), startups: Math.min(x.startups, cap), capital: Math.min(x.capital, cap) });

/** A room still playing: its record after `rounds` rounds (the state then, as a room's record holds it while the game runs). */
export function behind(room: ClassRoom, rounds: number): ClassRoom {
  const kept = { ...room.record, finishedAt: null, rounds: room.record.rounds.slice(0, rounds) };
  const replayed = replayRecord(scenario(room.record.settings.scenario), kept);
  if (!replayed.ok) throw new Error(replayed.error.rule);
  return { ...room, record: { ...kept, finalState: replayed.run.finalState } };
}
