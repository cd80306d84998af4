/**
 * What a city government decides each round (docs/protocol.md "Rounds", docs/model.md "1. Decisions").
 * The schema checks each field's own rule; budget and land limits depend on the city's
 * state and are checked by the model (core/model/budget.ts).
 */
import * as v from 'valibot';
import { id, int, num } from './validate';
import { say } from './refusals';

/** Highest subsidy a city may announce per unit of a factor, in money units. */
export const MAX_SUBSIDY = 5;

export const subsidySchema = v.strictObject({
  talent: num(0, MAX_SUBSIDY),
  startups: num(0, MAX_SUBSIDY),
  capital: num(0, MAX_SUBSIDY),
});
export type Subsidies = v.InferOutput<typeof subsidySchema>;

export const decisionsSchema = v.strictObject({
  /** The round these decisions are for: a stale draft from an earlier round is refused. */
  round: int(1, 1000),
  /** Subsidy per unit of each factor located in the city this round, parks in it included
   * (the host's side of a park's "both sides' policies", §3.2), money/unit. */
  subsidies: subsidySchema,
  /** Subsidy per unit the city pays in each park it sponsors in another city, by park id
   * (the sponsor's side, §3.2). */
  parkSubsidies: v.optional(v.pipe(v.record(id, subsidySchema), v.maxEntries(16, say('max-items', { max: 16, items: 'parks' }))), {}),
  /** Land quota released this round, km²: for innovation space and for production. */
  land: v.optional(v.strictObject({ innovation: num(0, 1000), production: num(0, 1000) }), { innovation: 0, production: 0 }),
  /** Investment in the innovation environment E this round, money units. */
  environment: v.optional(num(0, 1e6), 0),
  /** Single-city projects funded this round (§2.3: a big science facility takes several rounds). */
  projects: v.optional(v.strictObject({ scienceFacility: v.optional(v.boolean(say('not-a-flag')), false) }), { scienceFacility: false }),
});

export type Decisions = v.InferOutput<typeof decisionsSchema>;
export type DecisionsInput = v.InferInput<typeof decisionsSchema>;

/** What a city that decides nothing does: no subsidies, no land, no investment. */
export function noDecisions(round: number): Decisions {
  return {
    round,
    subsidies: { talent: 0, startups: 0, capital: 0 },
    parkSubsidies: {},
    land: { innovation: 0, production: 0 },
    environment: 0,
    projects: { scienceFacility: false },
  };
}
