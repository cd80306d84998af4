/**
 * Mobility (flow-model.md §2 step 4). Each round a share μ_f of each factor at each
 * location reconsiders. It picks a destination by multinomial logit on
 *
 *   P[j→k] ∝ size_k · exp((π^e[f,k] − m_f · d(host_j, host_k)) / τ_f)
 *
 * with staying (d = 0) and leaving the map (the outside return, minus the trip out) as
 * options. size_k, the innovation mass already there (or the vacant space a new place
 * offers), is the usual size term of destination choice: with equal returns factors stay
 * spread as they are, and only differences in returns move them. Moving into a park in one's own city costs nothing: d between a city and
 * itself is 0, which is the point of the reverse enclave (§3.2, §3.3). Inside a
 * cooperation zone d is 0 too (one factor market, §2.2); along a corridor it is shorter
 * (§2.1). New factors arrive from outside each round in proportion to the stock and the
 * growth of knowledge (§1.1).
 *
 * Everything is counted: what leaves a location arrives at another or leaves the map,
 * and the flows are returned pair by pair so conservation can be checked.
 */
export interface MoverLocation {
  /** Index of the city the location physically sits in. */
  host: number;
  stock: number;
  /** Size of the place as a destination: innovation mass, or vacant space in a new place. */
  size: number;
  /** Expected return π^e (adaptive base expectation + attraction + announced subsidy). */
  expected: number;
}

export interface FactorMoves {
  /** Stock at each location after moves and arrivals. */
  stock: number[];
  /** flows[j][k]: amount moving from location j to location k (0 on the diagonal). */
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
  /** Utility of leaving the map: the outside return minus the trip out. */
  outside: number;
  /** Size of the outside option in the logit (the mean size of a place on the map). */
  outsideSize: number;
}

/**
 * Destination shares of movers leaving a location in city h: the same for every location
 * in h (parks included), so they are computed once per city: cities × locations logits.
 */
function sharesFrom(locs: readonly MoverLocation[], mob: FactorMobility, hours: readonly number[], out: number[]): number {
  const n = locs.length;
  // Log-sum-exp with the maximum subtracted, so large returns never overflow.
  let max = mob.outside;
  for (let k = 0; k < n; k++) {
    const u = locs[k]!.expected - mob.cost * hours[locs[k]!.host]!;
    out[k] = u;
    if (u > max) max = u;
  }
  // The outside world is as big as the place being left.
  const exit = mob.outsideSize * Math.exp((mob.outside - max) / mob.spread);
  let total = exit;
  for (let k = 0; k < n; k++) {
    const w = locs[k]!.size * Math.exp((out[k]! - max) / mob.spread);
    out[k] = w;
    total += w;
  }
  for (let k = 0; k < n; k++) out[k]! /= total;
  return exit / total;
}

export function moveFactor(locs: readonly MoverLocation[], mob: FactorMobility, move: readonly (readonly number[])[]): FactorMoves {
  const n = locs.length;
  const stock = locs.map((l) => l.stock * (1 - mob.share));
  const flows = locs.map(() => new Array<number>(n).fill(0));
  const exits = new Array<number>(n).fill(0);
  const entries = new Array<number>(n).fill(0);
  const byCity = new Map<number, { shares: number[]; exit: number }>();

  for (let j = 0; j < n; j++) {
    const movers = locs[j]!.stock * mob.share;
    if (movers <= 0) continue;
    const h = locs[j]!.host;
    let row = byCity.get(h);
    if (!row) {
      const shares = new Array<number>(n);
      row = { shares, exit: sharesFrom(locs, mob, move[h]!, shares) };
      byCity.set(h, row);
    }
    for (let k = 0; k < n; k++) {
      const amount = movers * row.shares[k]!;
      stock[k]! += amount;
      if (k !== j) flows[j]![k] = amount;
    }
    exits[j] = movers * row.exit;
  }

  if (mob.arrivals > 0) {
    // Newcomers follow networks as well as returns: the pull of a place is its expected
    // return (logit) weighted by the stock already there, as in a gravity model.
    const weights = new Array<number>(n);
    let max = -Infinity;
    for (let k = 0; k < n; k++) if (locs[k]!.expected > max) max = locs[k]!.expected;
    let total = 0;
    for (let k = 0; k < n; k++) {
      weights[k] = locs[k]!.size * Math.exp((locs[k]!.expected - max) / mob.spread);
      total += weights[k]!;
    }
    if (total <= 0) {
      // An empty map: newcomers pick by returns alone.
      for (let k = 0; k < n; k++) {
        weights[k] = Math.exp((locs[k]!.expected - max) / mob.spread);
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
