/**
 * What a city government decides each round (game.md "A session", flow-model.md §2 step 1).
 * The schema checks each field's own rule; budget and land limits depend on the city's
 * state and are checked by the model (core/model/validate.ts).
 */
import * as v from 'valibot';
import { int, num } from './validate';

/** Highest subsidy a city may announce per unit of a factor, in money units. */
export const MAX_SUBSIDY = 5;

export const subsidySchema = v.strictObject({
  talent: num(0, MAX_SUBSIDY),
  startups: num(0, MAX_SUBSIDY),
  capital: num(0, MAX_SUBSIDY),
});

export const decisionsSchema = v.strictObject({
  /** The round these decisions are for: a stale draft from an earlier round is refused. */
  round: int(1, 1000),
  /** Subsidy per unit of each factor located in the city this round (money/unit). */
  subsidies: subsidySchema,
  /** Land quota released this round, km²: for innovation space and for production. */
  land: v.optional(
    v.strictObject({ innovation: num(0, 1000), production: num(0, 1000) }),
    { innovation: 0, production: 0 },
  ),
  /** Investment in the innovation environment E this round, money units. */
  environment: v.optional(num(0, 1e6), 0),
});

export type Decisions = v.InferOutput<typeof decisionsSchema>;
export type DecisionsInput = v.InferInput<typeof decisionsSchema>;

/** What a city that decides nothing does: no subsidies, no land, no investment. */
export function noDecisions(round: number): Decisions {
  return {
    round,
    subsidies: { talent: 0, startups: 0, capital: 0 },
    land: { innovation: 0, production: 0 },
    environment: 0,
  };
}
