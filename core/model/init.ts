/** The state of a game before its first round, built from a scenario. */
import { MODEL_VERSION, type GameState, type LocationState } from '../protocol/state';
import type { Scenario } from '../scenarios/schema';
import { makeContext } from './context';
import { resolveParams, type ParamOverrides } from './params';
import type { ScoreWeights, ScoringMode } from '../protocol/settings';

export interface GameOptions {
  seed: number;
  /** Model parameter overrides, already checked (checkOverrides). */
  params?: ParamOverrides;
  scoring?: ScoringMode;
  /** Weights for `custom` scoring. */
  weights?: ScoreWeights;
}

/** Weights of each scoring mode (docs/model.md "Score"); `custom` uses the host's. */
export const SCORE_WEIGHTS: Record<Exclude<ScoringMode, 'custom'>, ScoreWeights> = {
  tournament: { output: 1, knowledge: 1, fiscal: 1, regional: 0, inequality: 0 },
  regional: { output: 1, knowledge: 1, fiscal: 1, regional: 1, inequality: 1 },
};
import { baseReturns, baseVec, spillovers } from './returns';
import { sumVec } from './factors';

export function initialState(scenario: Scenario, options: GameOptions): GameState {
  const { seed, params: overrides = {}, scoring = 'tournament' } = options;
  const weights = scoring === 'custom' ? (options.weights ?? SCORE_WEIGHTS.tournament) : SCORE_WEIGHTS[scoring];
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
    scoring: { mode: scoring, weights: { ...weights } },
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
