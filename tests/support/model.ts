/** Helpers for model tests: play rounds with given decisions, deals and events, straight through the pure core. */
import { initialState, resolveRound } from '../../core/model';
import type { ParamOverrides } from '../../core/model/params';
import type { DealTerms, SignedDeal } from '../../core/protocol/deals';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import type { GameEvent } from '../../core/protocol/events';
import type { GameState, RegionResult, RoundResult } from '../../core/protocol/state';
import { getScenario, type Scenario } from '../../core/scenarios';

export function scenario(id = 'classroom-4'): Scenario {
  const s = getScenario(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
}

export type Policy = (round: number, city: string, state: GameState) => Partial<Decisions>;

export const noPolicy: Policy = () => ({});

export function decisionsFor(s: Scenario, state: GameState, policy: Policy): Record<string, Decisions> {
  const round = state.round + 1;
  return Object.fromEntries(s.regions.map((r) => [r.id, { ...noDecisions(round), ...policy(round, r.id, state), round }]));
}

export interface PlayOptions {
  params?: ParamOverrides;
  /** Deals signed in a round (1-based). */
  deals?: Record<number, DealTerms[]>;
  events?: Record<number, GameEvent[]>;
  /** Change the state before a round is resolved (an exogenous shock). */
  shock?: (round: number, state: GameState) => GameState;
  /**
   * Rounds of the baseline the start computes (default: the rounds played). Row t of the
   * baseline does not depend on how many rows follow it (determinism.test.ts), so a short
   * game needs only its own rounds of it: every test's play() stays cheap.
   */
  baselineRounds?: number;
}

export function play(s: Scenario, rounds: number, policy: Policy = noPolicy, seed = 7, options: PlayOptions = {}): { state: GameState; results: RoundResult[] } {
  let state = initialState(s, { seed, params: options.params, rounds: options.baselineRounds ?? Math.max(1, rounds) });
  const results: RoundResult[] = [];
  let dealId = 1;
  for (let t = 1; t <= rounds; t++) {
    if (options.shock) state = options.shock(t, state);
    const deals: SignedDeal[] = (options.deals?.[t] ?? []).map((terms) => ({ id: `d${dealId++}`, terms, signedRound: t }));
    const out = resolveRound(s, state, decisionsFor(s, state, policy), { deals, events: options.events?.[t] ?? [] });
    if (!out.ok) throw new Error(`round ${t}: ${out.error.field}: ${out.error.rule}`);
    state = out.state;
    results.push(out.result);
  }
  return { state, results };
}

export const flat = (x: number) => ({ talent: x, startups: x, capital: x });

export const region = (result: RoundResult, id: string): RegionResult => {
  const r = result.regions.find((x) => x.id === id);
  if (!r) throw new Error(`no region ${id}`);
  return r;
};

/** Genuine factors (talent + startups + capital) physically in a city. */
export const mass = (r: Pick<RegionResult, 'stock'>) => r.stock.talent + r.stock.startups + r.stock.capital;

/** A city's share of all genuine factors on the map. */
export const share = (result: RoundResult, id: string) => mass(region(result, id)) / result.regions.reduce((a, r) => a + mass(r), 0);

/** Release this much production land each round, as far as the quota allows. */
export const releaseLand =
  (perRound: (city: string) => number): Policy =>
  (_round, city, state) => {
    const quota = state.regions.find((r) => r.id === city)!.landQuota;
    return { land: { innovation: 0, production: Math.min(quota, perRound(city)) } };
  };

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** One round from a state, refused rounds thrown: for tests that look at a single step. */
export function step(s: Scenario, state: GameState, policy: Policy = noPolicy, inputs: { deals?: SignedDeal[]; events?: GameEvent[] } = {}): { state: GameState; result: RoundResult } {
  const out = resolveRound(s, state, decisionsFor(s, state, policy), inputs);
  if (!out.ok) throw new Error(`round ${state.round + 1}: ${out.error.field}: ${out.error.rule}`);
  return out;
}

/**
 * The treasury's arithmetic of a round, as core/protocol/state.ts `fiscalSchema` states it:
 * what the end of a round should be from its parts.
 */
export const fiscalEnd = (f: RegionResult['fiscal']) =>
  f.start + f.tax + f.support + f.landSales - f.subsidies - f.environment - f.land - f.projects - f.parkCosts - f.returned;

/** Every number in a value (JSON turns NaN and Infinity into null, so they are looked for before). */
export function numbersIn(value: unknown): number[] {
  const out: number[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'number') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
}
