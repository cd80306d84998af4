/**
 * Mobility (flow-model.md §2 step 4). Each round a share μ_f of each factor at each
 * location reconsiders. It picks a destination by multinomial logit on
 *
 *   U[j→k] = π^e[f,k] − m_f · d(host_j, host_k)        (temperature τ_f)
 *
 * with staying (d = 0) and leaving the map (the outside return, minus the trip out) as
 * options. Moving into a park in one's own city costs nothing: d between a city and
 * itself is 0, which is the point of the reverse enclave (§3.2, §3.3). New factors arrive
 * from outside each round in proportion to the stock and the growth of knowledge.
 *
 * Everything is counted: what leaves a location arrives at another or leaves the map,
 * and the flows are returned pair by pair so conservation can be checked.
 */
import type { ModelContext } from './context';

export interface MoverLocation {
  /** Index of the city the location physically sits in. */
  host: number;
  stock: number;
  /** Expected return π^e (adaptive base expectation + announced subsidy). */
  expected: number;
}

export interface FactorMoves {
  /** Stock at each location after moves and arrivals. */
  stock: number[];
  /** flows[j][k]: amount moving from location j to location k (j ≠ k). */
  flows: number[][];
  /** Amount that left the map from each location. */
  exits: number[];
  /** Arrivals from outside at each location. */
  entries: number[];
}

export interface FactorMobility {
  /** μ: share that reconsiders. */
  share: number;
  /** τ: taste spread (logit temperature). */
  spread: number;
  /** m: moving cost per hour. */
  cost: number;
  /** Total arriving from outside this round. */
  arrivals: number;
}

export function moveFactor(ctx: ModelContext, locs: readonly MoverLocation[], mob: FactorMobility): FactorMoves {
  const n = locs.length;
  const { outsideReturn, outsideDistance } = ctx.params;
  const stock = locs.map((l) => l.stock * (1 - mob.share));
  const flows = locs.map(() => new Array<number>(n).fill(0));
  const exits = new Array<number>(n).fill(0);
  const entries = new Array<number>(n).fill(0);
  const weights = new Array<number>(n);
  const outsideUtility = outsideReturn - mob.cost * outsideDistance;

  for (let j = 0; j < n; j++) {
    const movers = locs[j]!.stock * mob.share;
    if (movers <= 0) continue;
    const row = ctx.hours[locs[j]!.host]!;
    // Log-sum-exp with the maximum subtracted, so large returns never overflow.
    let max = outsideUtility;
    for (let k = 0; k < n; k++) {
      const u = locs[k]!.expected - mob.cost * row[locs[k]!.host]!;
      weights[k] = u;
      if (u > max) max = u;
    }
    let total = Math.exp((outsideUtility - max) / mob.spread);
    for (let k = 0; k < n; k++) {
      const w = Math.exp((weights[k]! - max) / mob.spread);
      weights[k] = w;
      total += w;
    }
    for (let k = 0; k < n; k++) {
      const amount = (movers * weights[k]!) / total;
      stock[k]! += amount;
      if (k !== j) flows[j]![k] = amount;
    }
    exits[j] = (movers * Math.exp((outsideUtility - max) / mob.spread)) / total;
  }

  if (mob.arrivals > 0) {
    // Newcomers follow networks as well as returns: the pull of a place is its expected
    // return (logit) weighted by the stock already there, as in a gravity model.
    let max = -Infinity;
    for (let k = 0; k < n; k++) {
      weights[k] = locs[k]!.expected - mob.cost * outsideDistance;
      if (weights[k]! > max) max = weights[k]!;
    }
    let total = 0;
    for (let k = 0; k < n; k++) {
      weights[k] = locs[k]!.stock * Math.exp((weights[k]! - max) / mob.spread);
      total += weights[k]!;
    }
    if (total <= 0) {
      // An empty map: newcomers pick by returns alone.
      for (let k = 0; k < n; k++) {
        weights[k] = Math.exp((locs[k]!.expected - mob.cost * outsideDistance - max) / mob.spread);
        total += weights[k]!;
      }
    }
    for (let k = 0; k < n; k++) {
      const amount = (mob.arrivals * weights[k]!) / total;
      entries[k] = amount;
      stock[k]! += amount;
    }
  }
  return { stock, flows, exits, entries };
}
