/**
 * The HTTP API (`/api/*`), a Hono app. Thin: it checks input against the protocol and
 * calls the pure model; rooms are reached through the Durable Object namespace.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { checkOverrides, initialState } from '../core/model';
import type { ApiError } from '../core/protocol/api';
import { newRoomCode } from '../core/protocol/codes';
import { PROTOCOL_VERSION, createGameRequestSchema, type RoomSettings } from '../core/protocol/room';
import { MODEL_VERSION } from '../core/protocol/state';
import type { InputError } from '../core/protocol/validate';
import { SCENARIOS, getScenario, type Scenario } from '../core/scenarios';
import { isRegionId } from '../core/protocol/regions';
import { regions } from './regions/routes';
import { loadRegion } from './regions/store';
import { readBody } from './body';
import { apiHeaders } from './headers';
import { hashToken, newToken } from '../core/protocol/tokens';
import { archive } from './archive/routes';
import { perClient } from './rate-limit';
import { resolveWith } from './resolve';
import { checkResolveWork } from './work-budget';
import { createRoom } from './rooms';
import { refusal } from '../core/protocol/refusals';

export const api = new Hono<{ Bindings: Env }>().basePath('/api');

api.use('*', apiHeaders);

const fail = (c: Context, status: 400 | 404 | 409 | 413 | 415 | 500 | 503, error: InputError) =>
  c.json({ error } satisfies ApiError, status);

/** `joinOrigin`: where phones reach this server when the page is opened on localhost (web/src/lib/join.ts). */
api.get('/health', (c) => c.json({ ok: true, model: MODEL_VERSION, protocol: PROTOCOL_VERSION, joinOrigin: joinOrigin(c.env?.JOIN_ORIGIN) }));

/** Only an http(s) origin is handed to clients: a variable set by hand cannot inject a script URL into a QR code. */
function joinOrigin(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

api.get('/scenarios', (c) =>
  c.json(SCENARIOS.map((s) => ({ id: s.id, title: s.title, summary: s.summary, cities: s.regions.length }))),
);

/**
 * A built-in scenario, or a facilitator's region by its id (docs/scenarios.md): rooms and
 * screens load a game's map by the id its settings name, whichever kind it is.
 */
async function findScenario(env: Env, id: string): Promise<{ scenario: Scenario; region: boolean } | null> {
  const builtIn = getScenario(id);
  if (builtIn) return { scenario: builtIn, region: false };
  const region = isRegionId(id) ? await loadRegion(env.DB, id) : null;
  return region && { scenario: region.scenario, region: true };
}

api.get('/scenarios/:id', async (c) => {
  const found = await findScenario(c.env, c.req.param('id'));
  if (!found) return fail(c, 404, refusal('id', 'no-scenario', { scenario: c.req.param('id') }));
  return c.json(found.scenario);
});

/**
 * Run the flow model for one round, for anyone (a researcher's script): rate limited per
 * client and bounded in work. The rooms reach the same function through worker/model.ts.
 */
api.post('/rounds/resolve', perClient('MODEL_LIMIT', 'model runs'), resolveWith({ cost: checkResolveWork }));

/**
 * Create a game room and hand the host its secret token: a fresh one, or the one the
 * facilitator's device already holds (so the archive lists all their games).
 */
api.post('/games', perClient('CREATE_LIMIT', 'new games'), async (c) => {
  const body = await readBody(c.req.raw, createGameRequestSchema, 16_384);
  if (!body.ok) return fail(c, body.status, body.error);
  const asked = body.value.settings;
  const found = await findScenario(c.env, asked.scenario);
  if (!found) return fail(c, 400, refusal('settings.scenario', 'no-scenario', { scenario: asked.scenario }));
  const { scenario } = found;
  const paramError = checkOverrides(asked.params);
  if (paramError) return fail(c, 400, { ...paramError, field: `settings.${paramError.field}` });
  if (asked.scoring === 'custom' && !asked.weights) return fail(c, 400, refusal('settings.weights', 'weights-required', {}));
  const settings: RoomSettings = { ...asked, scenario: scenario.id, seed: asked.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]! };
  const state = initialState(scenario, { seed: settings.seed, rounds: settings.rounds, params: settings.params, scoring: settings.scoring, weights: settings.weights });
  const hostToken = body.value.hostToken ?? newToken();
  const hostTokenHash = await hashToken(hostToken);
  // A fresh code is almost never taken; try a few before giving up.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newRoomCode();
    // A room on a region holds its own copy of the map (party/game.ts), as its record will.
    const created = await createRoom(c.env, code, { settings, state, cities: scenario.regions.map((r) => r.id), hostTokenHash, ...(found.region ? { region: scenario } : {}) });
    if (created.ok) return c.json({ code, hostToken }, 201);
    if (created.reason !== 'taken') return fail(c, 503, refusal('(room)', 'room-unavailable', { detail: created.reason }));
  }
  return fail(c, 503, refusal('(room)', 'no-free-code', {}));
});

api.route('/', archive);
api.route('/', regions);

api.notFound((c) => fail(c, 404, refusal('(path)', 'no-route', { method: c.req.method, path: new URL(c.req.url).pathname })));

api.onError((err, c) => {
  console.error('api error', err);
  return fail(c, 500, refusal('(server)', 'server-error', {}));
});
