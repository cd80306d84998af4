/**
 * Rent-seeking (docs/model.md "5. Subsidy hunters"; §4.1): a share of "startups" are subsidy hunters.
 * They produce nothing, move each round to wherever the startup subsidy is highest
 * (near-perfect mobility), and collect it wherever they are let in. Their number grows with
 * subsidies relative to fundamentals:
 *
 *   H = hunterRate · Σ_j S_j · (σ_j / π̄)^hunterElasticity
 *
 * with S_j the genuine startups at location j, σ_j the startup subsidy announced there and π̄
 * the startups' mean expected base return. Each location screens a share of the hunters who come:
 * a city's own programmes, or a park's operator by its mode (§4.3 "death if managed, chaos
 * if released"): a government-run park screens well but attracts less, a third-party
 * operator attracts more but screens poorly, a mixed one sits between and screens well
 * only with an evaluation index, which a coordination platform joining sponsor and host
 * provides.
 */
import type { OperationMode } from '../protocol/deals';
import type { LocationState, ParkState } from '../protocol/state';
import type { ModelContext } from './context';
import type { FactorVec } from './factors';
import { pow } from './math';

export function attractionOf(ctx: ModelContext, mode: OperationMode): number {
  const p = ctx.params;
  return mode === 'government' ? p['attraction.government'] : mode === 'third-party' ? p['attraction.thirdParty'] : p['attraction.mixed'];
}

export function screeningOf(ctx: ModelContext, park: ParkState | null, indexed: (a: number, b: number) => boolean, host: number, sponsor: number): number {
  const p = ctx.params;
  if (!park) return p['screening.city'];
  if (park.mode === 'government') return p['screening.government'];
  if (park.mode === 'third-party') return p['screening.thirdParty'];
  return indexed(host, sponsor) ? p['screening.mixedIndexed'] : p['screening.mixed'];
}

/**
 * Hunters on the map this round: each location's startup subsidy, relative to the
 * fundamental return, draws rent-seekers in proportion to the startups it subsidises, and
 * more than in proportion to how generous it is (elasticity > 1): one lavish park or city
 * draws a crowd, as §4.1 describes.
 */
export function huntersPool(ctx: ModelContext, locs: readonly LocationState[], stock: readonly FactorVec[], subsidy: readonly FactorVec[]): number {
  const p = ctx.params;
  let startups = 0;
  let fundamentals = 0;
  locs.forEach((l, j) => {
    const s = stock[j]!.startups;
    startups += s;
    fundamentals += s * Math.max(l.expected.startups, 0);
  });
  if (startups <= 0) return 0;
  const fundamental = Math.max(fundamentals / startups, 0.1);
  let pool = 0;
  locs.forEach((_, j) => {
    const sigma = subsidy[j]!.startups;
    if (sigma > 0) pool += stock[j]!.startups * pow(sigma / fundamental, p.hunterElasticity);
  });
  return p.hunterRate * pool;
}

/** Hunters admitted at each location: they pick by subsidy (logit, tiny spread), then get screened. */
export function placeHunters(ctx: ModelContext, pool: number, subsidy: readonly FactorVec[], screening: readonly number[]): number[] {
  const n = subsidy.length;
  const out = new Array<number>(n).fill(0);
  if (pool <= 0) return out;
  let max = 0;
  for (const s of subsidy) if (s.startups > max) max = s.startups;
  if (max <= 0) return out;
  let total = 0;
  for (let j = 0; j < n; j++) {
    out[j] = subsidy[j]!.startups > 0 ? Math.exp((subsidy[j]!.startups - max) / ctx.params.hunterSpread) : 0;
    total += out[j]!;
  }
  for (let j = 0; j < n; j++) out[j] = (pool * out[j]! * (1 - screening[j]!)) / total;
  return out;
}
