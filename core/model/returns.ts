/**
 * Returns to a factor at a place (flow-model.md §2 step 2):
 *
 *   π[f,j] = θ_f · E_h^ε · (1 + κ·X̃_h^γ) · spill_h − c0·(X_h/cap_h)^δ + subsidy[f,j]
 *
 * - E^ε: the innovation environment (universities, services, institutional thickness).
 * - (1 + κ·X̃^γ): agglomeration, the cumulative causation of §1.1 (Myrdal): innovation
 *   agglomeration → urban development → re-agglomeration. γ < 1 makes it concave.
 * - spill = 1 + w·Σ_k (Z_k/Z̄)·exp(−d_hk/λ): knowledge spillovers that fade with travel
 *   time; they delay convergence and give it its long tail (§1.1, Fig. 1).
 * - c0·(X/cap)^δ: congestion; cap grows with land released for innovation space.
 *   Diminishing returns are what make convergence possible at all (§1.1, Fig. 1).
 * - subsidy: what the city pays per unit located there (the "tournament" of §1.2, §4.1).
 */
import type { ModelContext } from './context';
import { FACTORS, type Factor, type FactorVec } from './factors';

export interface CityConditions {
  /** Innovation mass X_h: all factors physically in the city (its own and its parks'). */
  mass: number;
  environment: number;
  /** Innovation space, km². */
  space: number;
}

export interface BaseReturn {
  environment: number;
  agglomeration: number;
  spillover: number;
  congestion: number;
  /** environment · agglomeration · spillover − congestion, before subsidies. */
  base: number;
}

/** Spillover multiplier of every city from the knowledge stocks of the others. */
export function spillovers(ctx: ModelContext, knowledge: readonly number[]): number[] {
  const { spillover: w, spilloverReach: reach } = ctx.params;
  return ctx.hours.map((row, h) => {
    let sum = 0;
    for (let k = 0; k < row.length; k++) {
      if (k === h) continue;
      sum += (knowledge[k]! / ctx.knowledgeRef) * Math.exp(-row[k]! / reach);
    }
    return 1 + w * sum;
  });
}

export function congestionOf(ctx: ModelContext, mass: number, space: number): number {
  const cap = Math.max(space * ctx.params.spaceDensity, 1e-9);
  return ctx.params.congestion * Math.pow(mass / cap, ctx.params.congestionExponent);
}

/** Base return (no subsidy) of each factor in one city under given conditions. */
export function baseReturns(ctx: ModelContext, city: CityConditions, spill: number): Record<Factor, BaseReturn> {
  const p = ctx.params;
  const envTerm = Math.pow(Math.max(city.environment, 0), p.envElasticity);
  const agglomeration = 1 + p.agglomeration * Math.pow(Math.max(city.mass, 0) / ctx.massRef, p.agglomerationExponent);
  const congestion = congestionOf(ctx, city.mass, city.space);
  const out = {} as Record<Factor, BaseReturn>;
  for (const f of FACTORS) {
    const environment = p[`theta.${f}`] * envTerm;
    out[f] = {
      environment,
      agglomeration,
      spillover: spill,
      congestion,
      base: environment * agglomeration * spill - congestion,
    };
  }
  return out;
}

export const baseVec = (r: Record<Factor, BaseReturn>): FactorVec => ({
  talent: r.talent.base,
  startups: r.startups.base,
  capital: r.capital.base,
});
