/**
 * One round of the flow model, checked: the same pure function behind both doors to it. The
 * rooms call it through the model's RPC entrypoint (worker/model.ts, reached only over the
 * MODEL service binding, never rate limited or budgeted, so no stranger can starve a game);
 * anyone else through the public `POST /api/rounds/resolve` (worker/api.ts), a thin Hono
 * wrapper below that is rate limited per client and refuses a round that asks for too much work.
 */
import type { Context } from 'hono';
import { resolveRound } from '../core/model';
import { resolveRequestSchema, type ApiError, type ResolveAnswer, type ResolveRequest } from '../core/protocol/api';
import { getScenario } from '../core/scenarios';
import { playedScenario } from '../core/scenarios/played';
import { readBody, type BodyOptions } from './body';
import { refusal } from '../core/protocol/refusals';

/** Resolve one round of a request already checked against its schema; a refusal names the field and the rule. */
export function resolveChecked(request: ResolveRequest): ResolveAnswer {
  // A game on a facilitator's own region sends its scenario along (core/scenarios/played.ts).
  const played = request.region === undefined ? null : playedScenario(request.state.scenario, request.region, 'region');
  if (played && !played.ok) return { ok: false, refusal: played.error };
  const scenario = played ? played.scenario : getScenario(request.state.scenario);
  if (!scenario) return { ok: false, refusal: refusal('state.scenario', 'no-scenario', { scenario: request.state.scenario }) };
  const { state, decisions, deals, events } = request;
  const outcome = resolveRound(scenario, state, decisions, { deals, events });
  if (!outcome.ok) return { ok: false, refusal: outcome.error };
  return { ok: true, state: outcome.state, result: outcome.result };
}

/** The public route: read and check the body (its limits in `options`), resolve, answer 400 with the refusal. */
export const resolveWith = (options: BodyOptions) => async (c: Context<{ Bindings: Env }>) => {
  const body = await readBody(c.req.raw, resolveRequestSchema, options);
  if (!body.ok) return c.json({ error: body.error } satisfies ApiError, body.status);
  const answer = resolveChecked(body.value);
  if (!answer.ok) return c.json({ error: answer.refusal } satisfies ApiError, 400);
  return c.json({ state: answer.state, result: answer.result });
};
