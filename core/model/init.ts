/** The state of a game before its first round, built from a scenario. */
import { MODEL_VERSION, type GameState, type LocationState } from '../protocol/state';
import type { Scenario } from '../scenarios/schema';
import { makeContext } from './context';
import { resolveParams, type ParamOverrides } from './params';
import { baseReturns, baseVec, spillovers } from './returns';
import { sumVec } from './factors';

export function initialState(scenario: Scenario, seed: number, overrides: ParamOverrides = {}): GameState {
  const ctx = makeContext(scenario, resolveParams(overrides));
  const spill = spillovers(ctx, scenario.regions.map((r) => r.knowledge));
  const locations: LocationState[] = scenario.regions.map((r, i) => {
    // Factors start out expecting what the city pays today, so round 1 is not a jump.
    const base = baseVec(
      baseReturns(ctx, { mass: sumVec(r.factors), environment: r.environment, space: r.innovationSpace }, spill[i]!),
    );
    return { id: r.id, host: r.id, sponsor: r.id, stock: { ...r.factors }, expected: { ...base }, realised: base };
  });
  return {
    model: MODEL_VERSION,
    scenario: scenario.id,
    seed: seed >>> 0,
    round: 0,
    params: { ...overrides } as Record<string, number>,
    regions: scenario.regions.map((r) => ({
      id: r.id,
      environment: r.environment,
      landQuota: r.landQuota,
      innovationSpace: r.innovationSpace,
      productionLand: 0,
      treasury: r.treasury,
      knowledge: r.knowledge,
      output: r.gdp,
      initialOutput: r.gdp,
      cumulativeInnovation: 0,
      subsidiesPaid: 0,
    })),
    locations,
  };
}
