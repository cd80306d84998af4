/**
 * The full record of a game: what the room keeps and hands to the archive at the end
 * (issue: "every decision, deal, chat line, event and round result"). It is enough to
 * replay the game through the model and get every result again, byte for byte.
 */
import * as v from 'valibot';
import { gameSettingsSchema } from './settings';
import { dealTermsSchema, signedDealSchema } from './deals';
import { decisionsSchema } from './decisions';
import { eventSchema } from './events';
import { gameStateSchema, roundResultSchema } from './state';
import { id, int, text } from './validate';
import { say } from './refusals';

export const RECORD_FORMAT = 'enclave-record/1';

const isoTime = v.pipe(v.string(), v.isoTimestamp(say('not-a-time')));

/** How a city's decisions for a round came about. */
export const DECISION_SOURCES = ['player', 'draft', 'bot', 'none'] as const;

export const recordSchema = v.strictObject({
  format: v.literal(RECORD_FORMAT),
  /** Model version that produced the results (state.model). */
  model: v.string(),
  code: v.string(),
  createdAt: isoTime,
  finishedAt: v.nullable(isoTime),
  settings: v.strictObject({ ...gameSettingsSchema.entries, seed: int(0, 4294967295) }),
  seats: v.array(
    v.strictObject({
      city: id,
      /** Display names of the people in the seat (a team may have several). */
      players: v.array(text(1, 40)),
      /** Bot strategy while a bot held the seat at the end, else null. */
      bot: v.nullable(v.string()),
    }),
  ),
  initialState: gameStateSchema,
  rounds: v.array(
    v.strictObject({
      round: int(1, 1000),
      decisions: v.record(id, decisionsSchema),
      source: v.record(id, v.picklist(DECISION_SOURCES)),
      deals: v.array(signedDealSchema),
      events: v.array(eventSchema),
      result: roundResultSchema,
    }),
  ),
  /** Every deal action, signed or not, in order. */
  dealLog: v.array(
    v.strictObject({
      at: isoTime,
      round: int(0, 1000),
      deal: v.string(),
      action: v.picklist(['propose', 'counter', 'accept', 'reject', 'withdraw', 'sign', 'lapse', 'reopen']),
      by: v.string(),
      terms: v.optional(dealTermsSchema),
    }),
  ),
  chat: v.array(
    v.strictObject({
      at: isoTime,
      round: int(0, 1000),
      /** City id of the sender, or "host". */
      from: v.string(),
      /** City id for a seat-to-seat message; null for the whole room. */
      to: v.nullable(v.string()),
      text: v.string(),
    }),
  ),
  finalState: gameStateSchema,
  /**
   * A game on a facilitator's own region carries the region's scenario, so the record replays
   * anywhere (docs/scenarios.md); absent for a built-in scenario. Checked where it is used
   * (core/scenarios/played.ts), which keeps the scenario schema out of the clients' bundle.
   */
  region: v.optional(v.unknown()),
});

export type GameRecord = v.InferOutput<typeof recordSchema>;
