/**
 * The round's frame (docs/model.md "0. Events and deals"): what every step of the round
 * reads and none changes, built once. Events take effect first, then the deals signed this
 * round (§3); then the locations (cities and parks) and who hosts and sponsors each, the
 * travel geometry with rail lines, corridors and zones (§2.1, §2.2), the subsidy schedule
 * with its cap breaches, and platform membership (§4.3).
 */
import type { SignedDeal } from '../../protocol/deals';
import type { Decisions } from '../../protocol/decisions';
import type { GameEvent } from '../../protocol/events';
import type { Agreements, GameState, LocationState, ParkState, Policy } from '../../protocol/state';
import type { Scenario } from '../../scenarios/schema';
import type { ModelContext } from '../context';
import { applyDeals, type AppliedDeals } from '../deals';
import { applyEvents } from '../events';
import { geometry, type Geometry } from '../geo';
import type { Params } from '../params';
import { mixSeed, rng } from '../rng';
import { subsidySchedule, type Schedule } from '../subsidies';

export interface RoundFrame {
  ctx: ModelContext;
  p: Params;
  /** The state the round starts from (last round's stocks and knowledge). */
  state: GameState;
  round: number;
  /** The round's only source of randomness: the game's seed and the round number (§5.9). */
  random: () => number;
  cities: Scenario['regions'];
  sectors: readonly string[];
  /** Number of cities. */
  n: number;
  decisionOf: (city: number) => Decisions;
  events: readonly GameEvent[];
  /** Standing policy after this round's events. */
  policy: Policy;
  downturn: number;
  /** Regions, locations and agreements after this round's deals, with what they moved. */
  deals: AppliedDeals;
  agreements: Agreements;
  /** Every location: the cities' own, then the parks. */
  locs: readonly LocationState[];
  /** Number of locations; flow matrices have one more row and column, the outside. */
  L: number;
  /** City index of each location's host and sponsor, and its park (null for a city). */
  hostOf: readonly number[];
  sponsorOf: readonly number[];
  parkOf: readonly (ParkState | null)[];
  /** Location index of each city's own location. */
  cityLoc: readonly number[];
  geo: Geometry;
  schedule: Schedule;
  /** Two cities on the same coordination platform, neither of which broke its cap this round. */
  samePlatform: (a: number, b: number) => boolean;
  /** …and the platform trades technology (§4.3). */
  tradesTechnology: (a: number, b: number) => boolean;
}

export function roundFrame(
  ctx: ModelContext,
  state: GameState,
  decisions: Readonly<Record<string, Decisions>>,
  signed: readonly SignedDeal[],
  events: readonly GameEvent[],
): RoundFrame {
  const round = state.round + 1;
  const cities = ctx.scenario.regions;
  const n = cities.length;
  const decisionOf = (i: number) => decisions[cities[i]!.id]!;

  // Events, then deals signed this round.
  const { policy, downturn } = applyEvents(state.policy, events);
  const deals = applyDeals(ctx, { regions: state.regions, locations: state.locations, agreements: state.agreements, policy, params: state.params }, signed, round);
  const { agreements } = deals;
  const locs = deals.locations;

  const schedule = subsidySchedule(ctx, locs, agreements, decisionOf, policy.subsidyCap);
  // Who broke a platform cap this round loses the platform's benefits for the round (§4.3).
  const breakers = new Set(schedule.breaches.filter((b) => !b.enforced).map((b) => ctx.cityIndex.get(b.city)!));
  const platformOf = new Array<Agreements['platforms'][number] | undefined>(n);
  for (const pl of agreements.platforms) for (const m of pl.members) platformOf[ctx.cityIndex.get(m)!] = pl;
  const samePlatform = (a: number, b: number) => platformOf[a] !== undefined && platformOf[a] === platformOf[b] && !breakers.has(a) && !breakers.has(b);

  return {
    ctx,
    p: ctx.params,
    state,
    round,
    random: rng(mixSeed(state.seed, round, 'round')),
    cities,
    sectors: ctx.scenario.sectors,
    n,
    decisionOf,
    events,
    policy,
    downturn,
    deals,
    agreements,
    locs,
    L: locs.length,
    hostOf: locs.map((l) => ctx.cityIndex.get(l.host)!),
    sponsorOf: locs.map((l) => ctx.cityIndex.get(l.sponsor)!),
    parkOf: locs.map((l) => agreements.parks.find((pk) => pk.id === l.id) ?? null),
    cityLoc: cities.map((c) => locs.findIndex((l) => l.id === c.id)),
    geo: geometry(ctx, policy, agreements),
    schedule,
    samePlatform,
    tradesTechnology: (a, b) => samePlatform(a, b) && platformOf[a]!.techTrading,
  };
}

/** A row of zeros, one per city or location: what every step's tallies start from. */
export function zeroArr(n: number): number[] {
  return new Array<number>(n).fill(0);
}
