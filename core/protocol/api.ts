/**
 * The worker's HTTP API (`/api/*`): request and response bodies, checked on both sides.
 */
import * as v from 'valibot';
import { MAX_ROUND_DEALS, signedDealSchema } from './deals';
import { id } from './validate';
import { decisionsSchema } from './decisions';
import { eventSchema, MAX_ROUND_EVENTS } from './events';
import { gameStateSchema, roundResultSchema } from './state';
import { gameSettingsSchema } from './settings';

/** Largest request body the API reads; bigger bodies are answered 413. */
export const MAX_BODY_BYTES = 1_000_000;

export const resolveRequestSchema = v.strictObject({
  state: gameStateSchema,
  /** Every city's decisions for the round, keyed by city id. */
  decisions: v.record(id, decisionsSchema),
  /** Deals signed during this round: they take effect in this resolution. */
  deals: v.optional(v.pipe(v.array(signedDealSchema), v.maxLength(MAX_ROUND_DEALS, `must list at most ${MAX_ROUND_DEALS} deals`)), []),
  /** Events the host injected before this round. */
  events: v.optional(v.pipe(v.array(eventSchema), v.maxLength(MAX_ROUND_EVENTS, `must list at most ${MAX_ROUND_EVENTS} events`)), []),
});
export type ResolveRequest = v.InferOutput<typeof resolveRequestSchema>;

export const resolveResponseSchema = v.strictObject({
  state: gameStateSchema,
  result: roundResultSchema,
});
export type ResolveResponse = v.InferOutput<typeof resolveResponseSchema>;

/**
 * What the model's RPC entrypoint answers a room (`env.MODEL.resolve(request)`,
 * worker/model.ts): the round resolved, or the rule the request breaks. A refusal is final
 * (the same request is refused again, so the room does not retry it); a failure that may pass
 * is thrown instead, and the room retries. The room checks the answer with this schema, as
 * it would any answer from outside its own object.
 */
export const resolveAnswerSchema = v.variant('ok', [
  v.strictObject({ ok: v.literal(true), state: gameStateSchema, result: roundResultSchema }),
  v.strictObject({ ok: v.literal(false), refusal: v.strictObject({ field: v.string(), rule: v.string() }) }),
]);
export type ResolveAnswer = v.InferOutput<typeof resolveAnswerSchema>;

export { gameSettingsSchema, SCORING_MODES, LANGUAGES, scoreWeightsSchema, type ScoringMode, type Language, type ScoreWeights } from './settings';
export type GameSettingsInput = v.InferInput<typeof gameSettingsSchema>;
export type GameSettings = Required<v.InferOutput<typeof gameSettingsSchema>>;

export const createGameResponseSchema = v.strictObject({
  code: v.string(),
  hostToken: v.string(),
});
export type CreateGameResponse = v.InferOutput<typeof createGameResponseSchema>;

/** Every error the API returns has this shape: the field and the rule it broke. */
export interface ApiError {
  error: { field: string; rule: string };
}
