/**
 * One round of the flow model over HTTP. Two doors lead here: the rooms' own call through the
 * SELF service binding (worker/room-resolver.ts, never rate limited or budgeted, so no
 * stranger can starve a game), and the public `POST /api/rounds/resolve` (worker/api.ts),
 * which is rate limited per client and refuses a round that asks for too much work.
 */
import type { Context } from 'hono';
import { resolveRound } from '../core/model';
import { resolveRequestSchema, type ApiError } from '../core/protocol/api';
import { getScenario } from '../core/scenarios';
import { readBody, type BodyOptions } from './body';

export const resolveWith = (options: BodyOptions) => async (c: Context<{ Bindings: Env }>) => {
  const body = await readBody(c.req.raw, resolveRequestSchema, options);
  if (!body.ok) return c.json({ error: body.error } satisfies ApiError, body.status);
  const scenario = getScenario(body.value.state.scenario);
  if (!scenario) return c.json({ error: { field: 'state.scenario', rule: `no scenario "${body.value.state.scenario}"` } } satisfies ApiError, 400);
  const { state, decisions, deals, events } = body.value;
  const outcome = resolveRound(scenario, state, decisions, { deals, events });
  if (!outcome.ok) return c.json({ error: outcome.error } satisfies ApiError, 400);
  return c.json({ state: outcome.state, result: outcome.result });
};
