/**
 * What a game's settings (core/protocol/settings.ts) mean to the model: the options its first
 * state is built with, and the checks that need the scenario. One function each, used where a
 * game is created (worker/rooms.ts `prepareRoom`, for a game and each room of a class), where a record is played again (core/replay) and by a
 * class of rooms (core/classes), so a room rule reaches every one of them alike.
 */
import type * as v from 'valibot';
import type { gameSettingsSchema } from '../protocol/settings';
import type { InputError } from '../protocol/validate';
import { refusal } from '../protocol/refusals';
import type { Scenario } from '../scenarios/schema';
import type { GameOptions } from './init';
import { checkOverrides } from './params';

/** Settings as the schema gives them: defaults filled, room rules optional. */
type Settings = v.InferOutput<typeof gameSettingsSchema>;

/** The options of `initialState` for these settings; room rules left out stay out, so old settings give the very same state. */
export function gameOptions(settings: Pick<Settings, 'rounds' | 'params' | 'scoring' | 'weights' | 'platform' | 'parks'> & { seed: number }): GameOptions {
  return {
    seed: settings.seed,
    rounds: settings.rounds,
    params: settings.params,
    scoring: settings.scoring,
    ...(settings.weights ? { weights: settings.weights } : {}),
    ...(settings.platform ? { platform: settings.platform } : {}),
    ...(settings.parks === false ? { parks: false } : {}),
  };
}

/**
 * The rules of settings the schema cannot check alone, the first one broken or null: model
 * parameters within their bounds, weights for custom scoring, and a schedule of this
 * scenario's events within the game's rounds. Fields are named from `settings`.
 */
export function checkSettings(scenario: Scenario, settings: Partial<Pick<Settings, 'params' | 'scoring' | 'weights' | 'rounds' | 'schedule'>>, field = 'settings'): InputError | null {
  const paramError = checkOverrides(settings.params ?? {});
  if (paramError) return { ...paramError, field: `${field}.${paramError.field}` };
  if (settings.scoring === 'custom' && !settings.weights) return refusal(`${field}.weights`, 'weights-required', {});
  const rounds = settings.rounds ?? 8;
  for (const [i, s] of (settings.schedule ?? []).entries()) {
    if (!scenario.events.some((e) => e.id === s.event)) {
      return refusal(`${field}.schedule.${i}.event`, 'unknown-event', { event: s.event, known: scenario.events.map((e) => e.id) });
    }
    if (s.round > rounds) return refusal(`${field}.schedule.${i}.round`, 'at-most', { max: rounds });
  }
  return null;
}

/** The scenario events the schedule injects into `round`, in the order listed (their ids). */
export function scheduledFor(settings: Pick<Settings, 'schedule'>, round: number): string[] {
  return (settings.schedule ?? []).filter((s) => s.round === round).map((s) => s.event);
}
