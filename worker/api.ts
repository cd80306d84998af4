/**
 * The HTTP API (`/api/*`), a Hono app. Thin: it checks input against the protocol and
 * calls the pure model; rooms are reached through the Durable Object namespace.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ApiError } from '../core/protocol/api';
import { PROTOCOL_VERSION, createGameRequestSchema } from '../core/protocol/room';
import { MODEL_VERSION } from '../core/protocol/state';
import type { InputError } from '../core/protocol/validate';
import { SCENARIOS } from '../core/scenarios';
import { seatSummary } from '../core/scenarios/seat-odds';
import { regions } from './regions/routes';
import { readBody } from './body';
import { apiHeaders } from './headers';
import { hashToken, newToken } from '../core/protocol/tokens';
import { archive } from './archive/routes';
import { perClient } from './rate-limit';
import { resolveWith } from './resolve';
import { checkResolveWork } from './work-budget';
import { findScenario, openRoom, prepareRoom } from './rooms';
import { classes } from './classes';
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
  // With each built-in map, how even its seats are, as measured (core/scenarios/seat-odds.ts).
  c.json(
    SCENARIOS.map((s) => {
      const seats = seatSummary(s);
      return { id: s.id, title: s.title, summary: s.summary, cities: s.regions.length, ...(seats ? { seats } : {}) };
    }),
  ),
);

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
  const prepared = await prepareRoom(c.env, body.value.settings);
  if (!prepared.ok) return fail(c, 400, prepared.error);
  const hostToken = body.value.hostToken ?? newToken();
  const hostTokenHash = await hashToken(hostToken);
  const created = await openRoom(c.env, { ...prepared.init, hostTokenHash });
  return created.ok ? c.json({ code: created.code, hostToken }, 201) : fail(c, 503, created.error);
});

api.route('/', archive);
api.route('/', regions);
api.route('/', classes);

api.notFound((c) => fail(c, 404, refusal('(path)', 'no-route', { method: c.req.method, path: new URL(c.req.url).pathname })));

api.onError((err, c) => {
  console.error('api error', err);
  return fail(c, 500, refusal('(server)', 'server-error', {}));
});
