/** Real rounds from the model for the client's data transforms: a classroom game with subsidies and a park. */
import { affordable } from '../../core/bots';
import { makeContext, resolveParams } from '../../core/model';
import { noDecisions } from '../../core/protocol/decisions';
import type { ParkTerms } from '../../core/protocol/deals';
import type { RoundResult } from '../../core/protocol/state';
import { flat, play, releaseLand, scenario, type Policy } from '../support/model';

export const classroom = scenario('classroom-4');
export const park: ParkTerms = { kind: 'park', sponsor: 'hillton', host: 'metropolis', landQuota: 3, space: 2, mode: 'mixed', statsShare: 0.7, taxShare: 0.5 };
const ctx = makeContext(classroom, resolveParams());

/**
 * Subsidies that escalate every round (an arms race), a little land for production, a park
 * from round 1; scaled down as a bot's are where a city cannot afford them (released land
 * and every newcomer cost money up front).
 */
export const racing: Policy = (t, city, st) =>
  affordable(ctx, st, city, {
    ...noDecisions(t),
    ...releaseLand(() => 0.3)(t, city, st),
    subsidies: flat(0.1 * t),
    ...(city === 'hillton' && t > 1 ? { parkSubsidies: { 'park-hillton-metropolis': { talent: 0.2, startups: 0.3, capital: 0 } } } : {}),
  });

let cached: RoundResult[] | null = null;
export function raceWithPark(): RoundResult[] {
  cached ??= play(classroom, 6, racing, 7, { deals: { 1: [park] } }).results;
  return cached;
}
export const quiet = () => play(classroom, 4).results;
