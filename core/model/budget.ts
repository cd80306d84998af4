/**
 * Fiscal limits (flow-model.md §2 step 9): what a city may spend this round. A city may
 * borrow down to −credit, where credit is `borrowLimit` rounds of its initial tax income;
 * past it, bids are refused with the amounts that make the reason plain.
 */
import type { Decisions } from '../protocol/decisions';
import type { GameState, RegionState } from '../protocol/state';

/** What the budget rules read of a state: the public part is enough (the client uses it too). */
export type BudgetState = Pick<GameState, 'round' | 'regions' | 'locations'>;
import type { InputError } from '../protocol/validate';
import type { ModelContext } from './context';
import { FACTORS, zeroVec, type FactorVec } from './factors';

export function creditLimit(ctx: ModelContext, region: RegionState): number {
  return ctx.params.borrowLimit * ctx.params.taxRate * region.initialOutput;
}

/** Factors the city pays subsidies to: those located in the city itself. */
export function subsidisedStock(state: BudgetState, regionId: string): FactorVec {
  const stock = zeroVec();
  for (const loc of state.locations) {
    if (loc.id !== regionId) continue;
    for (const f of FACTORS) stock[f] += loc.stock[f];
  }
  return stock;
}

export interface SpendingEstimate {
  subsidies: number;
  land: number;
  environment: number;
  total: number;
  available: number;
}

/** Spending if factors stayed where they are now: what a player can check before submitting. */
export function estimateSpending(ctx: ModelContext, state: BudgetState, region: RegionState, d: Decisions): SpendingEstimate {
  const stock = subsidisedStock(state, region.id);
  const subsidies = FACTORS.reduce((s, f) => s + d.subsidies[f] * stock[f], 0);
  const land = ctx.params.landPrice * (d.land.innovation + d.land.production);
  const environment = d.environment;
  return {
    subsidies,
    land,
    environment,
    total: subsidies + land + environment,
    available: region.treasury + creditLimit(ctx, region),
  };
}

const fmt = (x: number) => (Math.round(x * 10) / 10).toString();

/** The first rule a city's decisions break, or null. */
export function checkDecisions(ctx: ModelContext, state: BudgetState, regionId: string, d: Decisions): InputError | null {
  const expected = state.round + 1;
  if (d.round !== expected) {
    return { field: 'round', rule: `must be ${expected}, the round being decided (got ${d.round})` };
  }
  const region = state.regions.find((r) => r.id === regionId);
  if (!region) return { field: 'city', rule: `"${regionId}" is not a city of this game` };
  const released = d.land.innovation + d.land.production;
  if (released > region.landQuota + 1e-9) {
    return {
      field: 'land',
      rule: `releases ${fmt(released)} km² but only ${fmt(region.landQuota)} km² of land quota is left`,
    };
  }
  const e = estimateSpending(ctx, state, region, d);
  if (e.total > e.available + 1e-9) {
    const field = e.subsidies > e.available ? 'subsidies' : e.subsidies + e.land > e.available ? 'land' : 'environment';
    return {
      field,
      rule:
        `spending ${fmt(e.total)} (subsidies ${fmt(e.subsidies)} at current stocks, land ${fmt(e.land)}, ` +
        `environment ${fmt(e.environment)}) exceeds the ${fmt(e.available)} available ` +
        `(treasury ${fmt(region.treasury)} + credit ${fmt(creditLimit(ctx, region))})`,
    };
  }
  return null;
}
