/**
 * Mature firms and where they produce (flow-model.md §2 step 7; §3.2, Fig. 5).
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
 * - pull: a park's sponsor pulls the park's firms home (§3.2.1, Fig. 6).
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
  return p.landCost * city.outputPerHead ** 2 * (1 + p.landScarcity * short);
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

export interface Placement {
  cohort: number;
  /** City of production, or −1 for leaving the map. */
  city: number;
  firms: number;
  /** Without production land, at the R&D city. */
  stayed: boolean;
  value: number;
  landPrice: number;
  wage: number;
}

/**
 * Site every cohort. `siteHours[a][b]` is the R&D–plant distance used in value (shortened
 * by technology trading between platform members). Two passes: where demand exceeds free
 * land, the land goes pro rata and the rest choose again among cities with land left; what
 * still finds no land stays at its R&D city at high cost, or leaves.
 */
export function siteFirms(ctx: ModelContext, cohorts: readonly Cohort[], cities: readonly SiteCity[], siteHours: readonly (readonly number[])[]): Placement[] {
  const p = ctx.params;
  const n = cities.length;
  const price = cities.map((c) => landPriceOf(ctx, c));
  const wage = cities.map((c) => wageOf(ctx, c));
  const capacity = cities.map((c) => Math.max(0, c.freeLand) / p.landPerFirm);
  const placements: Placement[] = [];
  const u = new Array<number>(n);
  const value = new Array<number>(n);
  // The distance and sector-match parts of a firm's value, computed once.
  const reach = siteHours.map((row) => row.map((h) => Math.exp(-h / p.siteReach)));
  const match = cities.map((c) => c.base.map((b) => b / (b + p.matchHalf)));

  // Utilities of one cohort over cities with land (`open`), plus staying and leaving.
  const choose = (c: Cohort, open: readonly boolean[]) => {
    let max = p.firmOutside;
    for (let r = 0; r < n; r++) {
      // firmValueOf, with its parts precomputed.
      value[r] = p.firmValue * c.quality * match[r]![c.sector]! * reach[c.rd]![r]!;
      u[r] = open[r] ? value[r]! - price[r]! - wage[r]! + (r === c.pull ? p.returnPull : 0) : -Infinity;
      if (u[r]! > max) max = u[r]!;
    }
    const stayValue = value[c.rd]! * (1 - p.stayPenalty);
    const stayU = stayValue - price[c.rd]! - wage[c.rd]! + (c.rd === c.pull ? p.returnPull : 0);
    if (stayU > max) max = stayU;
    const shares = new Array<number>(n);
    let total = Math.exp((p.firmOutside - max) / p.firmSpread) + Math.exp((stayU - max) / p.firmSpread);
    const leave = Math.exp((p.firmOutside - max) / p.firmSpread);
    const stay = Math.exp((stayU - max) / p.firmSpread);
    for (let r = 0; r < n; r++) {
      shares[r] = open[r] ? Math.exp((u[r]! - max) / p.firmSpread) : 0;
      total += shares[r]!;
    }
    for (let r = 0; r < n; r++) shares[r]! /= total;
    return { shares, stay: stay / total, leave: leave / total, values: value.slice(), stayValue };
  };

  // Pass 1: everyone chooses among cities with land.
  const open1 = capacity.map((x) => x > 1e-9);
  const first = cohorts.map((c) => choose(c, open1));
  const demand = new Array<number>(n).fill(0);
  first.forEach((ch, k) => ch.shares.forEach((s, r) => (demand[r]! += s * cohorts[k]!.firms)));
  const accept = demand.map((d, r) => (d <= capacity[r]! ? 1 : capacity[r]! / d));
  const left = capacity.map((cap, r) => Math.max(0, cap - demand[r]! * accept[r]!));
  const open2 = left.map((x) => x > 1e-9);

  const rejected: number[] = [];
  first.forEach((ch, k) => {
    const c = cohorts[k]!;
    let turnedAway = 0;
    for (let r = 0; r < n; r++) {
      const amount = ch.shares[r]! * c.firms;
      if (amount <= 0) continue;
      const ok = amount * accept[r]!;
      if (ok > 0) placements.push({ cohort: k, city: r, firms: ok, stayed: false, value: ch.values[r]!, landPrice: price[r]!, wage: wage[r]! });
      turnedAway += amount - ok;
    }
    if (ch.stay > 0) placements.push({ cohort: k, city: c.rd, firms: ch.stay * c.firms, stayed: true, value: ch.stayValue, landPrice: 0, wage: wage[c.rd]! + price[c.rd]! });
    if (ch.leave > 0) placements.push({ cohort: k, city: -1, firms: ch.leave * c.firms, stayed: false, value: 0, landPrice: 0, wage: 0 });
    rejected[k] = turnedAway;
  });

  // Pass 2: the turned-away choose among cities with land left; overflow stays or leaves.
  if (rejected.some((x) => x > 1e-12)) {
    const second = cohorts.map((c, k) => (rejected[k]! > 1e-12 ? choose(c, open2) : null));
    const demand2 = new Array<number>(n).fill(0);
    second.forEach((ch, k) => ch?.shares.forEach((s, r) => (demand2[r]! += s * rejected[k]!)));
    const accept2 = demand2.map((d, r) => (d <= left[r]! ? 1 : left[r]! / d));
    second.forEach((ch, k) => {
      if (!ch) return;
      const c = cohorts[k]!;
      const firms = rejected[k]!;
      let overflow = 0;
      for (let r = 0; r < n; r++) {
        const amount = ch.shares[r]! * firms;
        if (amount <= 0) continue;
        const ok = amount * accept2[r]!;
        if (ok > 0) placements.push({ cohort: k, city: r, firms: ok, stayed: false, value: ch.values[r]!, landPrice: price[r]!, wage: wage[r]! });
        overflow += amount - ok;
      }
      // Stay-or-leave split of those with no land anywhere, by the same logit.
      const stayShare = ch.stay + ch.leave > 0 ? ch.stay / (ch.stay + ch.leave) : 0;
      const stay = ch.stay * firms + overflow * stayShare;
      const leave = ch.leave * firms + overflow * (1 - stayShare);
      if (stay > 0) placements.push({ cohort: k, city: c.rd, firms: stay, stayed: true, value: ch.stayValue, landPrice: 0, wage: wage[c.rd]! + price[c.rd]! });
      if (leave > 1e-15) placements.push({ cohort: k, city: -1, firms: leave, stayed: false, value: 0, landPrice: 0, wage: 0 });
    });
  }
  return placements;
}
