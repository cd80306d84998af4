/**
 * Whether terms can be signed now. A deal signed earlier in the round already binds: the
 * resolver applies the round's signed deals in id order (core/model/deals.ts `applyDeals`),
 * so a new signature is checked against the last resolved state with those deals applied
 * the same way. Checking against the bare state would let two seats sign, say, the same
 * city into two platforms (§4.3: one platform per city) in one round; the resolver would
 * then refuse the second, and past its per-round limit refuse the whole round.
 */
import { makeContext } from '../model/context';
import { applyDeals, checkDeal, type DealState } from '../model/deals';
import { resolveParams } from '../model/params';
import type { DealTerms, SignedDeal } from '../protocol/deals';
import type { GameState } from '../protocol/state';
import type { InputError } from '../protocol/validate';
import type { Scenario } from '../scenarios/schema';

/** What the book reads of the state: what `applyDeals` needs (the public part suffices). */
export type BookState = Pick<GameState, 'params' | 'regions' | 'agreements' | 'policy' | 'locations'>;

/** The state a new signature must fit: `state` with the deals signed during `round` applied. */
export function stateAfter(scenario: Scenario, state: BookState, signed: readonly SignedDeal[], round: number): DealState {
  if (signed.length === 0) return state;
  const ctx = makeContext(scenario, resolveParams(state.params));
  const applied = applyDeals(ctx, state, signed, round);
  return { params: state.params, policy: state.policy, regions: applied.regions, agreements: applied.agreements };
}

/** The first rule the terms break once this round's signed deals are applied, or null. */
export function checkSigning(scenario: Scenario, state: BookState, signed: readonly SignedDeal[], round: number, terms: DealTerms): InputError | null {
  return checkDeal(scenario, stateAfter(scenario, state, signed, round), terms);
}
