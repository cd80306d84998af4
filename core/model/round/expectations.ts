/**
 * Expectations updated for next round (docs/model.md "3. Expectations: the cobweb" and "9.
 * Expectations updated"; §1.2, Fig. 2, note ②): factors expect an adaptive mix of the base
 * return they realised and what they expected, the lag that lets a thin place overshoot.
 * The locations' next state comes out of this step.
 */
import type { LocationState } from '../../protocol/state';
import { mapVec, type FactorVec } from '../factors';
import type { RoundFrame } from './frame';
import type { Moves } from './moves';
import type { LocationReturn } from './returns';

export function updateExpectations(frame: RoundFrame, stock: readonly FactorVec[], hunters: readonly number[], realisedAt: readonly LocationReturn[], moves: Pick<Moves, 'arrivals' | 'newcomers'>): LocationState[] {
  const { p } = frame;
  return frame.locs.map((l, j) => {
    const realised = realisedAt[j]!.base;
    return {
      ...l,
      stock: stock[j]!,
      hunters: hunters[j]!,
      // Kept so a city can estimate next round's subsidy bill before it bids (../budget.ts).
      arrivals: moves.arrivals[j]!,
      newcomers: moves.newcomers[j]!,
      realised,
      expected: mapVec((f) => p.expectationWeight * realised[f] + (1 - p.expectationWeight) * l.expected[f]),
    };
  });
}
