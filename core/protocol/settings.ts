/**
 * What the host chooses when creating a game (game.md "A session" step 1), and the scoring
 * modes. Kept apart from api.ts so the state schema can use it without an import cycle.
 */
import * as v from 'valibot';
import { id, int, num } from './validate';

export const SCORING_MODES = ['tournament', 'regional', 'custom'] as const;
export type ScoringMode = (typeof SCORING_MODES)[number];
export const LANGUAGES = ['en', 'zh', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Weights of the score's parts (docs/model.md "Score"); `custom` scoring sets them. */
export const scoreWeightsSchema = v.strictObject({
  /** Own output growth. */
  output: num(0, 10),
  /** Own knowledge (innovation) growth. */
  knowledge: num(0, 10),
  /** Own treasury kept (or spent). */
  fiscal: num(0, 10),
  /** Share of regional welfare (all cities' growth): new regionalism. */
  regional: num(0, 10),
  /** Penalty per point of the regional innovation Gini. */
  inequality: num(0, 10),
});
export type ScoreWeights = v.InferOutput<typeof scoreWeightsSchema>;

/** What the host chooses when creating a game (game.md "A session" step 1). */
export const gameSettingsSchema = v.strictObject({
  scenario: id,
  /** Rounds in the game (game.md: default 8). */
  rounds: v.optional(int(1, 30), 8),
  /** Length of a round before drafts are taken as submitted, seconds (default 3 min). */
  roundSeconds: v.optional(int(30, 3600), 180),
  scoring: v.optional(v.picklist(SCORING_MODES, `must be one of ${SCORING_MODES.join(', ')}`), 'tournament'),
  /** Only for `custom` scoring. */
  weights: v.optional(scoreWeightsSchema),
  /** Sealed bids: nobody sees another city's decisions until the round is resolved. */
  sealed: v.optional(v.boolean('must be true or false'), true),
  /** Fill empty seats with bots when the game starts. */
  bots: v.optional(v.boolean('must be true or false'), true),
  language: v.optional(v.picklist(LANGUAGES, `must be one of ${LANGUAGES.join(', ')}`), 'en'),
  /** Model parameter overrides, checked against the model's bounds (core/model/params.ts). */
  params: v.optional(v.pipe(v.record(v.string(), v.number('must be a number')), v.maxEntries(64, 'must set at most 64 parameters')), {}),
  /** Seed of the model's randomness; chosen by the server when absent. */
  seed: v.optional(int(0, 4294967295)),
});
