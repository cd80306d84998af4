/**
 * Whether deal terms are feasible in the current state: the model's rule (checkDeal in
 * core/model), bound to the game's scenario for the rules.
 */
import type { DealTerms } from '../core/protocol/deals';
import type { GameState } from '../core/protocol/state';
import type { InputError } from '../core/protocol/validate';
import type { Scenario } from '../core/scenarios';

export function checkDealTerms(_scenario: Scenario): (state: GameState, terms: DealTerms) => InputError | null {
  // Until the model's checkDeal lands (branch `model`), only the room's own rules apply.
  return () => null;
}
