/** What the round's steps hand the last one, assembling the result: every step's output, by step. */
import type { LocationState } from '../../protocol/state';
import type { Budgets } from './budgets';
import type { Innovation } from './innovate';
import type { Land } from './land';
import type { Moves } from './moves';
import type { Returns } from './returns';
import type { SitedFirms } from './siting';

export interface RoundSteps {
  land: Land;
  moves: Moves;
  /** Hunters admitted at each location. */
  hunters: number[];
  returns: Returns;
  innovation: Innovation;
  sited: SitedFirms;
  budgets: Budgets;
  /** The locations' next state, with updated expectations. */
  locations: LocationState[];
}
