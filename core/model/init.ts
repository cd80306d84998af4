/** The state of a game before its first round, built from a scenario. */
import { MODEL_VERSION, type GameState, type LocationState } from '../protocol/state';
import type { ScoreWeights, ScoringMode } from '../protocol/settings';
import type { Scenario } from '../scenarios/schema';
import { makeContext, type ModelContext } from './context';
import { sumVec } from './factors';
import { geometry } from './geo';
import { absorbOf, innovationOf } from './innovation';
import { resolveParams, type ParamOverrides } from './params';
import { baseReturns, baseVec, spillovers } from './returns';

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

/** Industrial base at the start: 1 in a city's strengths, `weakBase` elsewhere (§3.3, note ⑥). */
export function initialBase(ctx: ModelContext, strengths: readonly string[]): Record<string, number> {
  return Object.fromEntries(ctx.scenario.sectors.map((s) => [s, strengths.includes(s) ? 1 : ctx.params.weakBase]));
}

export function initialState(scenario: Scenario, options: GameOptions): GameState {
  const { seed, params: overrides = {}, scoring = 'tournament' } = options;
  const weights = scoring === 'custom' ? (options.weights ?? SCORE_WEIGHTS.tournament) : SCORE_WEIGHTS[scoring];
  const ctx = makeContext(scenario, resolveParams(overrides));
  const policy = { subsidyCap: null, travel: [] };
  const agreements = { parks: [], corridors: [], zones: [], platforms: [] };
  const geo = geometry(ctx, policy, agreements);
  const spill = spillovers(ctx, scenario.regions.map((r) => r.knowledge), geo.hours, geo.reach);
  const locations: LocationState[] = scenario.regions.map((r, i) => {
    // Factors start out expecting what the city pays today, so round 1 is not a jump.
    const mass = sumVec(r.factors);
    const base = baseVec(baseReturns(ctx, { mass, crowd: mass, environment: r.environment, space: r.innovationSpace }, spill[i]!));
    return { id: r.id, host: r.id, sponsor: r.id, stock: { ...r.factors }, hunters: 0, expected: { ...base }, realised: base };
  });
  return {
    model: MODEL_VERSION,
    scenario: scenario.id,
    seed: seed >>> 0,
    round: 0,
    params: { ...overrides } as Record<string, number>,
    scoring: { mode: scoring, weights: { ...weights } },
    regions: scenario.regions.map((r) => {
      const industrialBase = initialBase(ctx, r.strengths);
      // The innovation value in today's GDP; the rest is the base economy.
      const innovationValue = ctx.params.innovationToOutput * innovationOf(ctx, r.productivity, r.environment, r.factors) * absorbOf(ctx, Object.values(industrialBase));
      return {
        id: r.id,
        environment: r.environment,
        landQuota: r.landQuota,
        innovationSpace: r.innovationSpace,
        productionLand: 0,
        landUsed: 0,
        treasury: r.treasury,
        knowledge: r.knowledge,
        output: r.gdp,
        baseOutput: Math.max(r.gdp - innovationValue, r.gdp / 2),
        production: 0,
        firms: 0,
        initialOutput: r.gdp,
        cumulativeInnovation: 0,
        patents: 0,
        inventionPatents: 0,
        industrialBase,
        facility: 0,
        subsidiesPaid: 0,
      };
    }),
    locations,
    agreements,
    policy,
    firmPairs: [],
  };
}
