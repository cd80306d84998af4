/**
 * Mature firms and where they produce (docs/model.md "7. Production siting"; §3.2, Fig. 5).
 *
 * A startup that finishes incubation becomes a firm that needs a production site with land.
 * Its R&D stays where it was incubated; its plant goes to the city r that maximises
 *
 *   U[r] = value[r] − landPrice[r] − wage[r] + pull[r]           (logit, temperature firmSpread)
 *   value[r] = v0 · q_rd · I[r,s]/(I[r,s] + matchHalf) · exp(−hours(rd, r)/siteReach)
 *
 * - q_rd: R&D quality of the incubating city (its environment, agglomeration, spillovers);
 * - I[r,s]/(I+half): match with r's industrial base in the firm's sector (localisation
 *   economies, note ⑥);
 * - exp(−hours/reach): R&D and plant must keep talking (a technology-trading platform
 *   shortens that distance between its members, §4.3);
 * - landPrice, wage: dearer where output per head is higher; land dearer still where free
 *   production land is short (§3.1: Hangzhou lacks land indicators);
 * - pull: a park's sponsor pulls the park's firms home (§3.2.1, Fig. 6), and the joint
 *   support of both governments shortens the line between the park and the sponsor's plants
 *   (hours × (1 − parkLink)): "R&D in Hangzhou, production in Quzhou".
 * A firm needs `landPerFirm` of free production land. Where none is left it is turned
 * away and chooses again among the rest; with nowhere affordable it stays at its R&D city
 * without land, at high cost, or leaves the map (§1.2, third paradox).
 *
 * The four quadrants of Fig. 5 follow: R&D in a core and production in the periphery joins
 * high quality with low cost (best); R&D in the periphery and production in the core joins
 * low quality with high cost (worst).
 */
import type { ModelContext } from './context';

export interface SiteCity {
  /** Output per head relative to the scenario's mean at the start. */
  outputPerHead: number;
  /** Free production land, km². */
  freeLand: number;
  /** Industrial base per sector. */
  base: readonly number[];
}

/** What a firm pays for its land where it sites (once, a land sale to the city). */
export function landPriceOf(ctx: ModelContext, city: Pick<SiteCity, 'outputPerHead' | 'freeLand'>): number {
  const p = ctx.params;
  const short = Math.exp(-city.freeLand / (30 * p.landPerFirm));
  return p.landCost * city.outputPerHead * city.outputPerHead * (1 + p.landScarcity * short);
}

export function wageOf(ctx: ModelContext, city: Pick<SiteCity, 'outputPerHead'>): number {
  return ctx.params.wageCost * city.outputPerHead;
}

/** Value added per round by a firm of R&D quality q in sector s producing in a city. */
export function firmValueOf(ctx: ModelContext, quality: number, baseInSector: number, hours: number): number {
  const p = ctx.params;
  return p.firmValue * quality * (baseInSector / (baseInSector + p.matchHalf)) * Math.exp(-hours / p.siteReach);
}

/** Profit per round of a firm: value − land (spread as rent) − wages. The Fig. 5 comparison. */
export function firmProfitOf(ctx: ModelContext, quality: number, city: SiteCity, sector: number, hours: number): number {
  return firmValueOf(ctx, quality, city.base[sector]!, hours) - landPriceOf(ctx, city) - wageOf(ctx, city);
}

/** A group of firms that matured together: same R&D location, same sector. */
export interface Cohort {
  /** Index of the location they were incubated in. */
  location: number;
  /** City of their R&D (where the location physically sits). */
  rd: number;
  /** City that pulls them home (a park's sponsor), or −1. */
  pull: number;
  sector: number;
  firms: number;
  quality: number;
}

/**
 * Where every cohort went, as matrices over cohort k and city r (row-major, k·n + r):
 * firms that bought production land in r, and their value added per firm; per cohort, the
 * firms that stayed at their R&D city without land and those that left the map.
 */
export interface Siting {
  n: number;
  placed: Float64Array;
  value: Float64Array;
  stayed: Float64Array;
  stayValue: Float64Array;
  left: Float64Array;
  /** Land price and wage per firm in each city this round. */
  landPrice: number[];
  wage: number[];
}

/**
 * Site every cohort. `siteHours[a][b]` is the R&D–plant distance used in value (shortened
 * by technology trading between platform members). Two passes: where demand exceeds free
 * land, the land goes pro rata and the rest choose again among cities with land left; what
 * still finds no land stays at its R&D city at high cost, or leaves.
 */
export function siteFirms(ctx: ModelContext, cohorts: readonly Cohort[], cities: readonly SiteCity[], siteHours: readonly (readonly number[])[]): Siting {
  const p = ctx.params;
  const n = cities.length;
  const K = cohorts.length;
  const price = cities.map((c) => landPriceOf(ctx, c));
  const wage = cities.map((c) => wageOf(ctx, c));
  const capacity = cities.map((c) => Math.max(0, c.freeLand) / p.landPerFirm);
  // The distance and sector-match parts of a firm's value, computed once.
  const reach = siteHours.map((row) => row.map((h) => Math.exp(-h / p.siteReach)));
  const linked = siteHours.map((row) => row.map((h) => Math.exp(-(h * (1 - p.parkLink)) / p.siteReach)));
  const match = cities.map((c) => c.base.map((b) => b / (b + p.matchHalf)));
  const out: Siting = {
    n,
    placed: new Float64Array(K * n),
    value: new Float64Array(K * n),
    stayed: new Float64Array(K),
    stayValue: new Float64Array(K),
    left: new Float64Array(K),
    landPrice: price,
    wage,
  };
  // Choice shares of the pass being run: cities, then staying and leaving.
  const share = new Float64Array(K * n);
  const stayShare = new Float64Array(K);
  const leaveShare = new Float64Array(K);
  const u = new Float64Array(n);

  // Logit shares of cohort k over the open cities, staying and leaving.
  const choose = (k: number, open: readonly boolean[]) => {
    const c = cohorts[k]!;
    const row = k * n;
    let max = p.firmOutside;
    for (let r = 0; r < n; r++) {
      // firmValueOf, with its parts precomputed; a park's firms keep a shorter line to their
      // R&D when they produce in the sponsor (both governments' joint support, Fig. 6).
      const v = p.firmValue * c.quality * match[r]![c.sector]! * (r === c.pull ? linked[c.rd]![r]! : reach[c.rd]![r]!);
      out.value[row + r] = v;
      u[r] = open[r] ? v - price[r]! - wage[r]! + (r === c.pull ? p.returnPull : 0) : -Infinity;
      if (u[r]! > max) max = u[r]!;
    }
    const stayValue = out.value[row + c.rd]! * (1 - p.stayPenalty);
    out.stayValue[k] = stayValue;
    const stayU = stayValue - price[c.rd]! - wage[c.rd]! + (c.rd === c.pull ? p.returnPull : 0);
    if (stayU > max) max = stayU;
    const leave = Math.exp((p.firmOutside - max) / p.firmSpread);
    const stay = Math.exp((stayU - max) / p.firmSpread);
    let total = leave + stay;
    for (let r = 0; r < n; r++) {
      const w = open[r] ? Math.exp((u[r]! - max) / p.firmSpread) : 0;
      share[row + r] = w;
      total += w;
    }
    for (let r = 0; r < n; r++) share[row + r]! /= total;
    stayShare[k] = stay / total;
    leaveShare[k] = leave / total;
  };

  /** Place `firms[k]` of every cohort by the current shares; returns those turned away per cohort. */
  const place = (firms: Float64Array, free: number[]) => {
    const demand = new Float64Array(n);
    for (let k = 0; k < K; k++) for (let r = 0; r < n; r++) demand[r]! += share[k * n + r]! * firms[k]!;
    const accept = Array.from(demand, (d, r) => (d <= free[r]! ? 1 : free[r]! / d));
    const rejected = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      if (firms[k]! <= 0) continue;
      for (let r = 0; r < n; r++) {
        const amount = share[k * n + r]! * firms[k]!;
        if (amount <= 0) continue;
        out.placed[k * n + r]! += amount * accept[r]!;
        rejected[k]! += amount * (1 - accept[r]!);
      }
    }
    for (let r = 0; r < n; r++) free[r] = Math.max(0, free[r]! - demand[r]! * accept[r]!);
    return rejected;
  };

  // Pass 1: everyone chooses among cities with land; staying and leaving are final.
  const free = capacity.slice();
  const all = Float64Array.from(cohorts, (c) => c.firms);
  const open1 = free.map((x) => x > 1e-9);
  for (let k = 0; k < K; k++) choose(k, open1);
  for (let k = 0; k < K; k++) {
    out.stayed[k] = stayShare[k]! * all[k]!;
    out.left[k] = leaveShare[k]! * all[k]!;
  }
  const rejected = place(all, free);

  // Pass 2: the turned-away choose among cities with land left; overflow stays or leaves
  // in the proportions of their own choice.
  if (rejected.some((x) => x > 1e-12)) {
    const open = free.map((x) => x > 1e-9);
    for (let k = 0; k < K; k++) if (rejected[k]! > 1e-12) choose(k, open);
    const overflow = place(rejected, free);
    for (let k = 0; k < K; k++) {
      const firms = rejected[k]!;
      if (firms <= 1e-12) continue;
      const stayPart = stayShare[k]! + leaveShare[k]! > 0 ? stayShare[k]! / (stayShare[k]! + leaveShare[k]!) : 0;
      out.stayed[k]! += stayShare[k]! * firms + overflow[k]! * stayPart;
      out.left[k]! += leaveShare[k]! * firms + overflow[k]! * (1 - stayPart);
    }
  }
  return out;
}
