/**
 * What the host chooses when creating a game (docs/protocol.md "Creating a game"), and the scoring
 * modes. Kept apart from api.ts so the state schema can use it without an import cycle.
 */
import * as v from 'valibot';
import { id, int, num } from './validate';
import { say } from './refusals';
import { MAX_SUBSIDY } from './decisions';
import { MAX_ROUND_EVENTS } from './events';

/**
 * Scoring presets (docs/model.md "Score"): which of a city's gains over its own baseline
 * count, and how much. `scorecard` is the officials' scorecard (output and fiscal health
 * first), `innovation` puts innovation first, `regional` adds the whole region's gain to each
 * city's own (new regionalism, §4.3), `custom` takes the host's weights.
 */
/** The most rounds a game has; replays and what-ifs run at most this many too (worker/work-budget.ts). */
export const MAX_ROUNDS = 30;
/** The longest automatic reveal between rounds, seconds. */
export const MAX_REVIEW_SECONDS = 1800;

export const SCORING_MODES = ['scorecard', 'innovation', 'regional', 'custom'] as const;
export type ScoringMode = (typeof SCORING_MODES)[number];
export const LANGUAGES = ['en', 'zh', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Points per unit of each part of the score (docs/model.md "Score"); `custom` scoring sets them. */
export const scoreWeightsSchema = v.strictObject({
  /** Per % more innovation (credited) than on the city's own course. */
  innovation: num(0, 20),
  /** Per % more output than on the city's own course. */
  output: num(0, 20),
  /** Per 1% of the city's own-course revenue saved (or, negative, spent) against its own course. */
  budget: num(0, 20),
  /** Per point of the whole region's score (the same parts over all cities together). */
  region: num(0, 20),
});
export type ScoreWeights = v.InferOutput<typeof scoreWeightsSchema>;

/**
 * A coordination platform every city belongs to from round 1 (§4.3, new regionalism): the
 * class treatment "platform with a subsidy cap". As a signed platform deal would: a member
 * may bid above the cap, and the breach is published with the round's results.
 */
export const foundingPlatformSchema = v.strictObject({
  /** The platform's cap on every subsidy per unit (¥100m per unit and round). */
  cap: num(0, MAX_SUBSIDY),
  /** A technology-trading platform among the members too (default no). */
  trading: v.optional(v.boolean(say('not-a-flag')), false),
});
export type FoundingPlatform = v.InferOutput<typeof foundingPlatformSchema>;

/** Most scheduled events a game may carry (one a round at most MAX_ROUND_EVENTS). */
export const MAX_SCHEDULED_EVENTS = 64;

/**
 * Scenario events the room injects by itself when a round opens (the class treatment "a
 * chosen event schedule"), each as if the host had injected it: `event` is the id of one of
 * the scenario's `events` (checked against the scenario when the game is created,
 * core/model/settings.ts), `round` the round it goes to the resolver with.
 */
export const scheduleSchema = v.pipe(
  v.array(v.strictObject({ round: int(1, MAX_ROUNDS), event: id })),
  v.maxLength(MAX_SCHEDULED_EVENTS, say('max-items', { max: MAX_SCHEDULED_EVENTS, items: 'events' })),
  v.check((xs) => new Set(xs.map((x) => `${x.round} ${x.event}`)).size === xs.length, say('listed-twice')),
  v.check((xs) => xs.every((x) => xs.filter((y) => y.round === x.round).length <= MAX_ROUND_EVENTS), say('invalid', { detail: `must schedule at most ${MAX_ROUND_EVENTS} events in one round` })),
);
export type Schedule = v.InferOutput<typeof scheduleSchema>;

/** What the host chooses when creating a game (docs/protocol.md "Creating a game"). */
export const gameSettingsSchema = v.strictObject({
  scenario: id,
  /** Rounds in the game (default 8). */
  rounds: v.optional(int(1, MAX_ROUNDS), 8),
  /** Length of a round before drafts are taken as submitted, seconds (default 3 min). */
  roundSeconds: v.optional(int(30, 3600), 180),
  /**
   * The reveal after each round (docs/protocol.md "Rounds"): `null` holds the room in review
   * until the host continues; N > 0 continues by itself after N seconds (the host may continue
   * sooner); 0 (the default) opens the next round at once, as rooms did before the review phase.
   */
  reviewSeconds: v.optional(v.nullable(int(0, MAX_REVIEW_SECONDS)), 0),
  scoring: v.optional(v.picklist(SCORING_MODES, say('one-of', { options: [...SCORING_MODES] })), 'scorecard'),
  /** Only for `custom` scoring. */
  weights: v.optional(scoreWeightsSchema),
  /** Sealed bids: nobody sees another city's decisions until the round is resolved. */
  sealed: v.optional(v.boolean(say('not-a-flag')), true),
  /**
   * Start with a practice round that does not count: it is played and revealed like any
   * round, then the game starts again from the scenario's first state (docs/protocol.md "Rounds").
   */
  practice: v.optional(v.boolean(say('not-a-flag')), false),
  /** Fill empty seats with bots when the game starts. */
  bots: v.optional(v.boolean(say('not-a-flag')), true),
  language: v.optional(v.picklist(LANGUAGES, say('one-of', { options: [...LANGUAGES] })), 'en'),
  /** Model parameter overrides, checked against the model's bounds (core/model/params.ts). */
  params: v.optional(
    v.pipe(
      v.unknown(),
      // A record schema drops these keys without a word; a setting that vanishes silently is worse than a refusal.
      v.check((o) => !(o !== null && typeof o === 'object' && ['__proto__', 'constructor', 'prototype'].some((k) => Object.hasOwn(o, k))), say('reserved-key')),
      v.record(v.string(), v.number(say('not-a-number'))),
      v.maxEntries(64, say('invalid', { detail: 'must set at most 64 parameters' })),
    ),
    {},
  ),
  /**
   * Room rules a class of rooms compares (core/classes/treatments.ts). Absent: today's game,
   * so settings written before them read, play and replay exactly as they did.
   * `platform`: every city starts on one coordination platform with this cap (null: none).
   */
  platform: v.optional(v.nullable(foundingPlatformSchema)),
  /** `false`: reverse-enclave parks (§3.2) may not be proposed or signed (default true). */
  parks: v.optional(v.boolean(say('not-a-flag'))),
  /** Scenario events the room injects by itself at the rounds given (default none). */
  schedule: v.optional(scheduleSchema),
  /** Seed of the model's randomness; chosen by the server when absent. */
  seed: v.optional(int(0, 4294967295)),
});
