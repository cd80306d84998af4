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
import { say } from './refusals';
import type { InputError } from './validate';

/** Largest request body the API reads; bigger bodies are answered 413. */
export const MAX_BODY_BYTES = 1_000_000;

export const resolveRequestSchema = v.strictObject({
  state: gameStateSchema,
  /** Every city's decisions for the round, keyed by city id. */
  decisions: v.record(id, decisionsSchema),
  /** Deals signed during this round: they take effect in this resolution. */
  deals: v.optional(v.pipe(v.array(signedDealSchema), v.maxLength(MAX_ROUND_DEALS, say('max-items', { max: MAX_ROUND_DEALS, items: 'deals' }))), []),
  /** Events the host injected before this round. */
  events: v.optional(v.pipe(v.array(eventSchema), v.maxLength(MAX_ROUND_EVENTS, say('max-items', { max: MAX_ROUND_EVENTS, items: 'events' }))), []),
  /** The scenario of a game on a facilitator's own region (`state.scenario` is its `sheet-` id); checked by core/scenarios/played.ts. */
  region: v.optional(v.unknown()),
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
  // The refusal as every refusal travels (core/protocol/refusals.ts): its code and arguments, and its English.
  v.strictObject({ ok: v.literal(false), refusal: v.strictObject({ field: v.string(), code: v.string(), args: v.record(v.string(), v.unknown()), rule: v.string() }) }),
]);
/** The answer as the model gives it: a refusal is one of the catalogue's (the schema checks only its shape). */
export type ResolveAnswer = Exclude<v.InferOutput<typeof resolveAnswerSchema>, { ok: false }> | { ok: false; refusal: InputError };

export { gameSettingsSchema, SCORING_MODES, LANGUAGES, scoreWeightsSchema, type ScoringMode, type Language, type ScoreWeights } from './settings';
export type GameSettingsInput = v.InferInput<typeof gameSettingsSchema>;
export type GameSettings = Required<v.InferOutput<typeof gameSettingsSchema>>;

export const createGameResponseSchema = v.strictObject({
  code: v.string(),
  hostToken: v.string(),
});
export type CreateGameResponse = v.InferOutput<typeof createGameResponseSchema>;

/** Every error the API returns has this shape: the field, the code and arguments of the rule it broke, and the rule in English (core/protocol/refusals.ts). */
export interface ApiError {
  error: InputError;
}
