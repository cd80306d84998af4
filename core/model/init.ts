/** The state of a game before its first round, built from a scenario. */
import { MODEL_VERSION, type GameState, type LocationState } from '../protocol/state';
import type { FoundingPlatform, ScoreWeights, ScoringMode } from '../protocol/settings';
import { FOUNDING_DEAL } from '../protocol/deals';
import type { Scenario } from '../scenarios/schema';
import { makeContext, type ModelContext } from './context';
import { sumVec } from './factors';
import { geometry } from './geo';
import { absorbOf, innovationOf } from './innovation';
import { resolveParams, type ParamOverrides } from './params';
import { baseReturns, baseVec, spillovers } from './returns';
import { computeBaseline, noArrivals } from './baseline';
import { SCORE_PRESETS } from './score';

export interface GameOptions {
  seed: number;
  /** Rounds the game is set up for: how far the baseline is computed (default 30, a room's most). */
  rounds?: number;
  /** Model parameter overrides, already checked (checkOverrides). */
  params?: ParamOverrides;
  scoring?: ScoringMode;
  /** Weights for `custom` scoring. */
  weights?: ScoreWeights;
  /** Every city on one coordination platform with this cap from round 1 (§4.3; settings.platform). */
  platform?: Pick<FoundingPlatform, 'cap'> & { trading?: boolean } | null;
  /** `false`: no park may be signed in this game (§3.2; settings.parks). */
  parks?: boolean;
}

/** Industrial base at the start: 1 in a city's strengths, `weakBase` elsewhere (§3.3, note ⑥). */
export function initialBase(ctx: ModelContext, strengths: readonly string[]): Record<string, number> {
  return Object.fromEntries(ctx.scenario.sectors.map((s) => [s, strengths.includes(s) ? 1 : ctx.params.weakBase]));
}

export function initialState(scenario: Scenario, options: GameOptions): GameState {
  const { seed, params: overrides = {}, scoring = 'scorecard', rounds = 30 } = options;
  const weights = scoring === 'custom' ? (options.weights ?? SCORE_PRESETS.scorecard) : SCORE_PRESETS[scoring];
  const ctx = makeContext(scenario, resolveParams(overrides));
  // Room rules a class compares (core/classes/treatments.ts); without them the state is as it always was.
  const policy: GameState['policy'] = options.parks === false ? { subsidyCap: null, travel: [], parks: false } : { subsidyCap: null, travel: [] };
  const platforms: GameState['agreements']['platforms'] = options.platform
    ? [{ deal: FOUNDING_DEAL, members: scenario.regions.map((r) => r.id), subsidyCap: options.platform.cap, techTrading: options.platform.trading ?? false }]
    : [];
  const agreements = { parks: [], corridors: [], zones: [], platforms };
  const geo = geometry(ctx, policy, agreements);
  const spill = spillovers(ctx, scenario.regions.map((r) => r.knowledge), geo.hours, geo.reach);
  const locations: LocationState[] = scenario.regions.map((r, i) => {
    // Factors start out expecting what the city pays today, so round 1 is not a jump.
    const mass = sumVec(r.factors);
    const base = baseVec(baseReturns(ctx, { mass, crowd: mass, environment: r.environment, space: r.innovationSpace }, spill[i]!));
    return { id: r.id, host: r.id, sponsor: r.id, stock: { ...r.factors }, hunters: 0, ...noArrivals(), expected: { ...base }, realised: base };
  });
  const start: GameState = {
    model: MODEL_VERSION,
    scenario: scenario.id,
    seed: seed >>> 0,
    round: 0,
    params: { ...overrides } as Record<string, number>,
    scoring: { mode: scoring, weights: { ...weights } },
    baseline: [],
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
        cumulativeOutput: 0,
        cumulativeBalance: 0,
        cumulativeRevenue: 0,
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
  // The baseline, and from its first round an estimate of what a round's arrivals are (the
  // subsidy bill a city can check before its first bid).
  const { baseline, firstRound } = computeBaseline(scenario, start, rounds);
  const estimate = new Map(firstRound.map((l) => [l.id, l]));
  return {
    ...start,
    baseline,
    locations: start.locations.map((l) => ({ ...l, arrivals: { ...estimate.get(l.id)!.arrivals }, newcomers: { ...estimate.get(l.id)!.newcomers } })),
  };
}
