/**
 * Returns to a factor at a place (docs/model.md "2. Returns"):
 *
 *   π[f,j] = θ_f · E_h^ε · (1 + κ·X̃_h^γ) · spill_h · (1 − downturn) − cong_j + attraction_j + subsidy[f,j]
 *
 * - E^ε: the innovation environment (universities, services, institutional thickness, note ①).
 * - (1 + κ·X̃^γ): agglomeration, the cumulative causation of §1.1 (Myrdal): innovation
 *   agglomeration → urban development → re-agglomeration. γ < 1 makes it concave.
 * - spill = 1 + w·Σ_k (Z_k/Z̄)·exp(−d_hk/λ_hk): knowledge spillovers that fade with travel
 *   time, the city's own "local buzz" (note ④) included. They keep a knowledge-rich core
 *   attractive after congestion sets in: the long tail of convergence (§1.1, Fig. 1).
 * - cong = c0·(X/cap)^δ: congestion where one sits; cap grows with land released for
 *   innovation space. Diminishing returns are what make convergence possible at all (§1.1,
 *   Fig. 1). A park has its own space and so its own congestion (round/returns.ts).
 * - attraction: a park operator's services (§4.3), 0 in a city.
 * - subsidy: what the host (and, in a park, the sponsor) pays per unit (§3.2: "both sides' policies").
 */
import type { ModelContext } from './context';
import { FACTORS, type Factor, type FactorVec } from './factors';
import { pow } from './math';

export interface CityConditions {
  /** Genuine innovation mass X_h: every genuine factor physically in the city (parks included). */
  mass: number;
  /** Everything that takes space: genuine factors and subsidy hunters. */
  crowd: number;
  environment: number;
  /** Innovation space, km², parks' space included. */
  space: number;
}

export interface BaseReturn {
  environment: number;
  agglomeration: number;
  spillover: number;
  congestion: number;
  downturn: number;
  /** environment · agglomeration · spillover · (1 − downturn) − congestion, before subsidies. */
  base: number;
}

/** Spillover multiplier of every city from the knowledge stocks of all cities, its own included. */
export function spillovers(ctx: ModelContext, knowledge: readonly number[], hours: readonly number[][], reach: readonly number[][]): number[] {
  const w = ctx.params.spillover;
  return hours.map((row, h) => {
    let sum = 0;
    for (let k = 0; k < row.length; k++) sum += (knowledge[k]! / ctx.knowledgeRef) * Math.exp(-row[k]! / reach[h]![k]!);
    return 1 + w * sum;
  });
}

/** Congestion cost of a crowd in a space (km²). */
export function congestionOf(ctx: ModelContext, crowd: number, space: number): number {
  const cap = Math.max(space * ctx.params.spaceDensity, 1e-9);
  return ctx.params.congestion * pow(Math.max(crowd, 0) / cap, ctx.params.congestionExponent);
}

/** Agglomeration multiplier 1 + κ·X̃^γ. */
export function agglomerationOf(ctx: ModelContext, mass: number): number {
  return 1 + ctx.params.agglomeration * pow(Math.max(mass, 0) / ctx.massRef, ctx.params.agglomerationExponent);
}

/** Base return (no subsidy) of each factor in one city under given conditions. */
export function baseReturns(ctx: ModelContext, city: CityConditions, spill: number, downturn = 0): Record<Factor, BaseReturn> {
  const p = ctx.params;
  const envTerm = pow(Math.max(city.environment, 0), p.envElasticity);
  const agglomeration = agglomerationOf(ctx, city.mass);
  const congestion = congestionOf(ctx, city.crowd, city.space);
  const out = {} as Record<Factor, BaseReturn>;
  for (const f of FACTORS) {
    const environment = p[`theta.${f}`] * envTerm;
    out[f] = {
      environment,
      agglomeration,
      spillover: spill,
      congestion,
      downturn,
      base: environment * agglomeration * spill * (1 - downturn) - congestion,
    };
  }
  return out;
}

/**
 * R&D quality of a city: the environment · agglomeration · spillover part of a return,
 * θ = 1. It sets a firm's value wherever it later produces (§3.2) and the invention share
 * of patents (§3.2: ~30% from the enclave firm against ~10.8% in Longyou county).
 */
export function qualityOf(ctx: ModelContext, environment: number, mass: number, spill: number): number {
  return pow(Math.max(environment, 0), ctx.params.envElasticity) * agglomerationOf(ctx, mass) * spill;
}

export const baseVec = (r: Record<Factor, BaseReturn>): FactorVec => ({
  talent: r.talent.base,
  startups: r.startups.base,
  capital: r.capital.base,
});
