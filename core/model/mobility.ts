/**
 * Mobility (docs/model.md "4. Mobility"). Each round a share μ_f of each factor at each
 * location reconsiders. It picks where to be by multinomial logit (temperature τ_f):
 *
 *   stay at j:        (2H − A_j) · exp(π^e[f,j] / τ)
 *   move to k ≠ j:    size_k · exp((π^e[f,k] + bonus(j→k) − m_f · d(host_j, host_k)) / τ)
 *   leave the map:    size_out · exp((π_out − m_f · d_out) / τ)
 *
 * π^e is the expected return plus the city's local ties (newcomers from outside the map have
 * none and go where returns are highest, so free flow concentrates them in the core, §1.1).
 * Subsidies are paid to newcomers
 * (§4.1: introduction packages, rent-free years), so they enter only the choice to move:
 * bonus(j→k) is the sponsor's park rate at a park k plus the host city's rate when k lies in
 * another city than j (moving into a park inside one's own city earns the host nothing new).
 * Those who stay get no bonus. When every city pays, more factors move and the bill rises,
 * while where they end up barely changes: the arms race's churn.
 *
 * size_k is the innovation mass already at k (or the vacant space a new place offers): the
 * usual size term of destination choice, more people, firms and money, more openings.
 * Staying is weighed (2H − A_j), with H = Σ size and A_j = Σ_k size_k·exp(−m_f·d_jk/τ) the
 * places within reach of j: inertia, larger where fewer alternatives are near. With this,
 * every origin's total weight is the same at equal returns, so two places with equal
 * returns exchange equal flows whatever their sizes, and only differences in returns (net
 * of moving costs) move factors on balance: flows j→k over k→j = exp((π_k − π_j)/τ).
 *
 * Moving into a park in one's own city costs nothing: d between a city and itself is 0,
 * which is the point of the reverse enclave (§3.2, §3.3). Inside a cooperation zone d is 0
 * too (one factor market, §2.2); along a corridor it is shorter (§2.1). New factors arrive
 * from outside each round in proportion to the stock and the growth of knowledge (§1.1),
 * drawn by size and expected return.
 *
 * Everything is counted: what leaves a location arrives at another or leaves the map,
 * and the flows are returned pair by pair so conservation can be checked.
 */
import { FACTORS, zeroVec, type Factor, type FactorVec } from './factors';

export interface MoverLocation {
  /** Index of the city the location physically sits in. */
  host: number;
  stock: number;
  /** Size of the place as a destination: innovation mass, or vacant space in a new place. */
  size: number;
  /** Expected return π^e (adaptive base expectation and park services), before subsidies. */
  expected: number;
  /**
   * Local ties of the city the location sits in: what living there is worth to someone
   * already in the region (housing, family, quality of life). Newcomers from outside have no
   * such ties and choose by returns alone.
   */
  ties: number;
  /** Arrival bonus the host city pays a newcomer from another city (or from outside). */
  hostBonus: number;
  /** Arrival bonus a park's sponsor pays every newcomer to the park; 0 in a city. */
  sponsorBonus: number;
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
  /** Movers who reconsidered and chose to stay, at each location. */
  stay: number[];
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
  /** Size of the outside option (the mean size of a place on the map). */
  outsideSize: number;
}

/**
 * Move one factor. `into`, if given, is an (n+1)×(n+1) matrix the flows are written to
 * (row n, column n: the outside), saving a copy; it must start at zero.
 */
export function moveFactor(locs: readonly MoverLocation[], mob: FactorMobility, move: readonly (readonly number[])[], into?: number[][]): FactorMoves {
  const n = locs.length;
  const stock = locs.map((l) => l.stock * (1 - mob.share));
  const flows = into ?? locs.map(() => new Array<number>(n).fill(0));
  const exits = new Array<number>(n).fill(0);
  const entries = new Array<number>(n).fill(0);
  const stay = new Array<number>(n).fill(0);
  const u = new Array<number>(n);
  let home = 0;
  for (const l of locs) home += l.size;
  // exp(−m·d/τ) between the cities the locations sit in: one per pair of cities, not of locations.
  const cities = move.length;
  const near = new Float64Array(cities * cities);
  for (let a = 0; a < cities; a++) for (let b = 0; b < cities; b++) near[a * cities + b] = Math.exp((-mob.cost * move[a]![b]!) / mob.spread);

  for (let j = 0; j < n; j++) {
    const movers = locs[j]!.stock * mob.share;
    if (movers <= 0) continue;
    const hours = move[locs[j]!.host]!;
    // Log-sum-exp with the maximum subtracted, so large returns never overflow.
    let max = mob.outside;
    const host = locs[j]!.host;
    for (let k = 0; k < n; k++) {
      const to = locs[k]!;
      u[k] = k === j ? locs[j]!.expected + locs[j]!.ties : to.expected + to.ties + to.sponsorBonus + (to.host !== host ? to.hostBonus : 0) - mob.cost * hours[to.host]!;
      if (u[k]! > max) max = u[k]!;
    }
    const exit = mob.outsideSize * Math.exp((mob.outside - max) / mob.spread);
    let reach = 0;
    const nearJ = host * cities;
    for (let k = 0; k < n; k++) if (k !== j) reach += locs[k]!.size * near[nearJ + locs[k]!.host]!;
    let total = exit;
    for (let k = 0; k < n; k++) {
      u[k] = (k === j ? 2 * home - reach : locs[k]!.size) * Math.exp((u[k]! - max) / mob.spread);
      total += u[k]!;
    }
    for (let k = 0; k < n; k++) {
      const amount = (movers * u[k]!) / total;
      stock[k]! += amount;
      if (k !== j) flows[j]![k] = amount;
      else stay[j] = amount;
    }
    exits[j] = (movers * exit) / total;
  }

  if (mob.arrivals > 0) {
    // Newcomers from outside get every bonus on offer where they settle.
    let max = -Infinity;
    for (let k = 0; k < n; k++) {
      u[k] = locs[k]!.expected + locs[k]!.hostBonus + locs[k]!.sponsorBonus;
      if (u[k]! > max) max = u[k]!;
    }
    let total = 0;
    for (let k = 0; k < n; k++) {
      u[k] = locs[k]!.size * Math.exp((u[k]! - max) / mob.spread);
      total += u[k]!;
    }
    for (let k = 0; k < n; k++) {
      const amount = total > 0 ? (mob.arrivals * u[k]!) / total : 0;
      entries[k] = amount;
      stock[k]! += amount;
    }
  }
  return { stock, flows, exits, entries, stay };
}

/**
 * Flows into and out of each city, its parks included, from the location flow matrices
 * (the last row and column are the outside); moves within a city are left out. Kept out of
 * the round's long function so it stays fast on its own.
 */
export function cityFlows(flows: Record<Factor, number[][]>, hostOf: readonly number[], n: number): { into: FactorVec[]; out: FactorVec[] } {
  const L = hostOf.length;
  const cityOf = hostOf.concat(-1);
  const into = Array.from({ length: n }, zeroVec);
  const out = Array.from({ length: n }, zeroVec);
  for (const f of FACTORS) {
    const m = flows[f];
    const inF = new Float64Array(n);
    const outF = new Float64Array(n);
    for (let j = 0; j <= L; j++) {
      const a = cityOf[j]!;
      const row = m[j]!;
      for (let k = 0; k <= L; k++) {
        const b = cityOf[k]!;
        if (a === b) continue;
        if (b >= 0) inF[b]! += row[k]!;
        if (a >= 0) outF[a]! += row[k]!;
      }
    }
    for (let i = 0; i < n; i++) {
      into[i]![f] = inF[i]!;
      out[i]![f] = outF[i]!;
    }
  }
  return { into, out };
}
