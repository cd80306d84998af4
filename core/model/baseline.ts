/**
 * The baseline every score is measured against (docs/model.md "Score"): the same scenario,
 * parameters and seed, played by the model with every city on its default policy
 * (./policy.ts) and no deals or events, computed once when the game starts. Deterministic,
 * so a replay computes the very same numbers; it travels inside the game's state.
 */
import { zeroVec } from './factors';
import type { Baseline, GameState, RegionResult } from '../protocol/state';
import type { Scenario } from '../scenarios/schema';
import { makeContext } from './context';
import { resolveParams } from './params';
import { affordable, defaultDecisions } from './policy';
import { advance } from './round';

export interface BaselineRun {
  baseline: Baseline;
  /** The first round's newcomers per location: the start's estimate of a round's arrivals. */
  firstRound: GameState['locations'];
}

export function computeBaseline(scenario: Scenario, start: GameState, rounds: number): BaselineRun {
  const ctx = makeContext(scenario, resolveParams(start.params));
  let state: GameState = { ...start, baseline: [] };
  let last: readonly RegionResult[] | undefined;
  const baseline: Baseline = [];
  let firstRound = start.locations;
  for (let t = 1; t <= rounds; t++) {
    const decisions = Object.fromEntries(
      state.regions.map((r, i) => {
        // Scaled down to what the city can afford, as a bot on its default course would be.
        return [r.id, affordable(ctx, state, r.id, defaultDecisions(ctx, r, last?.[i], t))];
      }),
    );
    const out = advance(ctx, state, decisions, [], []);
    state = out.state;
    last = out.result.regions;
    if (t === 1) firstRound = state.locations;
    baseline.push({
      innovation: state.regions.map((r) => r.cumulativeInnovation),
      output: state.regions.map((r) => r.cumulativeOutput),
      balance: state.regions.map((r) => r.cumulativeBalance),
      revenue: state.regions.map((r) => r.cumulativeRevenue),
    });
  }
  return { baseline, firstRound };
}

export const noArrivals = () => ({ arrivals: zeroVec(), newcomers: zeroVec() });
