/** Reaching a game room (a Durable Object) from the API. */
import * as v from 'valibot';
import { checkOverrides, initialState } from '../core/model';
import type { gameSettingsSchema } from '../core/protocol/settings';
import { newRoomCode } from '../core/protocol/codes';
import { refusal } from '../core/protocol/refusals';
import type { RoomInit, RoomSettings } from '../core/protocol/room';
import type { InputError } from '../core/protocol/validate';
import { getScenario, type Scenario } from '../core/scenarios';
import { isRegionId } from '../core/protocol/regions';
import { loadRegion } from './regions/store';
import { claimCode, releaseCode } from './room-registry';

/**
 * A built-in scenario, or a facilitator's region by its id (docs/scenarios.md): rooms and
 * screens load a game's map by the id its settings name, whichever kind it is.
 */
export async function findScenario(env: Env, id: string): Promise<{ scenario: Scenario; region: boolean } | null> {
  const builtIn = getScenario(id);
  if (builtIn) return { scenario: builtIn, region: false };
  const region = isRegionId(id) ? await loadRegion(env.DB, id) : null;
  return region && { scenario: region.scenario, region: true };
}

/**
 * A room's settings as the host asked for them (POST /api/games, and each room of POST
 * /api/classes), checked against what the schema cannot know (the scenario or region exists,
 * the parameter overrides are within the model's bounds, custom scoring has weights) and
 * completed (a seed), with the room's first state. `field` is where the settings sit in the
 * body. A room on a region holds its own copy of the map (party/game.ts), as its record will.
 */
export async function prepareRoom(env: Env, asked: v.InferOutput<typeof gameSettingsSchema>, field = 'settings'): Promise<{ ok: true; scenario: Scenario; init: Omit<RoomInit, 'hostTokenHash'> } | { ok: false; error: InputError }> {
  const found = await findScenario(env, asked.scenario);
  if (!found) return { ok: false, error: refusal(`${field}.scenario`, 'no-scenario', { scenario: asked.scenario }) };
  const { scenario } = found;
  const paramError = checkOverrides(asked.params);
  if (paramError) return { ok: false, error: { ...paramError, field: `${field}.${paramError.field}` } };
  if (asked.scoring === 'custom' && !asked.weights) return { ok: false, error: refusal(`${field}.weights`, 'weights-required', {}) };
  const settings: RoomSettings = { ...asked, scenario: scenario.id, seed: asked.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]! };
  const state = initialState(scenario, { seed: settings.seed, rounds: settings.rounds, params: settings.params, scoring: settings.scoring, weights: settings.weights });
  return { ok: true, scenario, init: { settings, state, cities: scenario.regions.map((r) => r.id), ...(found.region ? { region: scenario } : {}) } };
}

export type Created = { ok: true } | { ok: false; reason: string };

/**
 * Register `code` and ask its room to set itself up. A code already registered, or a room
 * that already holds a game, says "taken"; a room that cannot be set up gives its code back.
 */
export async function createRoom(env: Env, code: string, init: RoomInit): Promise<Created> {
  if (!(await claimCode(env.DB, code, new Date().toISOString()))) return { ok: false, reason: 'taken' };
  const stub = env.Game.get(env.Game.idFromName(code));
  const response = await stub
    .fetch('https://room/init', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(init) })
    .catch(async (err: unknown) => {
      await releaseCode(env.DB, code);
      throw err;
    });
  // A room holding a game is live: its code stays registered.
  if (response.status === 409) return { ok: false, reason: 'taken' };
  if (!response.ok) {
    await releaseCode(env.DB, code);
    return { ok: false, reason: `the room could not be created (${response.status}: ${(await response.text()).slice(0, 200)})` };
  }
  return { ok: true };
}

/** Create a room under a fresh code: a fresh code is almost never taken, so a few tries are enough. */
export async function openRoom(env: Env, init: RoomInit): Promise<{ ok: true; code: string } | { ok: false; error: InputError }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newRoomCode();
    const created = await createRoom(env, code, init);
    if (created.ok) return { ok: true, code };
    if (created.reason !== 'taken') return { ok: false, error: refusal('(room)', 'room-unavailable', { detail: created.reason }) };
  }
  return { ok: false, error: refusal('(room)', 'no-free-code', {}) };
}
