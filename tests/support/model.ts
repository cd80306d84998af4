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
}

export function play(s: Scenario, rounds: number, policy: Policy = noPolicy, seed = 7, options: PlayOptions = {}): { state: GameState; results: RoundResult[] } {
  let state = initialState(s, { seed, params: options.params });
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
