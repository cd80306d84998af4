/**
 * Events the host may inject between rounds (docs/protocol.md "Client → room", the host's `event`). A scenario lists
 * the ones that fit it; each takes effect in the next round's resolution.
 */
import * as v from 'valibot';
import { MAX_SUBSIDY } from './decisions';
import { id, num } from './validate';
import { say } from './refusals';

/** Events the resolver takes in one round: the room, the API and the work budget share it. */
export const MAX_ROUND_EVENTS = 16;

export const eventSchema = v.variant(
  'kind',
  [
    /** A high-speed rail line opens: travel between two cities falls to `hours`. */
    v.pipe(
      v.strictObject({ kind: v.literal('rail-line'), between: v.tuple([id, id]), hours: num(0.1, 24) }),
      v.check((e) => e.between[0] !== e.between[1], say('invalid', { detail: 'between must name two different cities' })),
    ),
    /** A national "unified market" rule caps every subsidy per unit (April 2022 opinions). */
    v.strictObject({ kind: v.literal('subsidy-cap'), cap: num(0, MAX_SUBSIDY) }),
    /** A downturn: output growth and factor returns fall by `severity` for a round. */
    v.strictObject({ kind: v.literal('downturn'), severity: num(0, 0.5) }),
  ],
  'kind must be one of rail-line, subsidy-cap, downturn',
);

export type GameEvent = v.InferOutput<typeof eventSchema>;
