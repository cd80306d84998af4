/**
 * The worker's HTTP API (`/api/*`): request and response bodies, checked on both sides.
 */
import * as v from 'valibot';
import { decisionsSchema } from './decisions';
import { gameStateSchema, roundResultSchema } from './state';
import { id, int } from './validate';

/** Largest request body the API reads; bigger bodies are answered 413. */
export const MAX_BODY_BYTES = 1_000_000;

export const resolveRequestSchema = v.strictObject({
  state: gameStateSchema,
  /** Every city's decisions for the round, keyed by city id. */
  decisions: v.record(id, decisionsSchema),
});
export type ResolveRequest = v.InferOutput<typeof resolveRequestSchema>;

export const resolveResponseSchema = v.strictObject({
  state: gameStateSchema,
  result: roundResultSchema,
});
export type ResolveResponse = v.InferOutput<typeof resolveResponseSchema>;

export const gameSettingsSchema = v.strictObject({
  scenario: id,
  /** Rounds in the game (game.md: default 8). */
  rounds: v.optional(int(1, 30), 8),
  /** Seed of the model's randomness; chosen by the server when absent. */
  seed: v.optional(int(0, 4294967295)),
});
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
