/**
 * A city's default policy (docs/model.md "Score"): what the baseline plays for every city,
 * what `fixed:RATE` bots play besides their subsidy, and what a projection assumes of a city
 * it knows nothing more about. No subsidies, no deals, and production land released as firms
 * are expected to need it: enough to keep two rounds of the firms that came last round (at
 * least two) on free land, as far as the quota allows.
 */
import { MAX_SUBSIDY, noDecisions, type Decisions, type Subsidies } from '../protocol/decisions';
import { checkDecisions, type BudgetState, type Pending } from './budget';
import { FACTORS } from './factors';
import type { RegionResult, RegionState } from '../protocol/state';
import type { ModelContext } from './context';

/** Land a city releases on its default course this round, km². */
export function defaultLand(ctx: ModelContext, region: RegionState, last: Pick<RegionResult, 'firms'> | undefined): Decisions['land'] {
  const expected = Math.max(2, 1.5 * (last?.firms.producedHere ?? 0));
  const free = Math.max(0, region.productionLand - region.landUsed);
  const want = Math.max(0, 2 * expected * ctx.params.landPerFirm - free);
  // Rounded down to the hundredth, so it never exceeds the quota left.
  return { innovation: 0, production: Math.floor(Math.min(region.landQuota, want) * 100) / 100 };
}

export function defaultDecisions(ctx: ModelContext, region: RegionState, last: Pick<RegionResult, 'firms'> | undefined, round: number): Decisions {
  return { ...noDecisions(round), land: defaultLand(ctx, region, last) };
}

/**
 * Decisions scaled down, subsidies and land together, until they keep the budget and land
 * rules (`checkDecisions`); no action at all if nothing fits. What a bot submits, and what a
 * scripted player among bots plays in the balance tests.
 */
export function affordable(ctx: ModelContext, state: BudgetState, city: string, wanted: Decisions, pending?: Pending): Decisions {
  for (const scale of [1, 0.75, 0.5, 0.25, 0.1, 0]) {
    const scaled = (s: Subsidies): Subsidies => {
      const out = { ...s };
      for (const f of FACTORS) out[f] = Math.min(MAX_SUBSIDY, Math.max(0, Math.round(s[f] * scale * 100) / 100));
      return out;
    };
    const decisions: Decisions = {
      ...wanted,
      subsidies: scaled(wanted.subsidies),
      parkSubsidies: Object.fromEntries(Object.entries(wanted.parkSubsidies).map(([id, s]) => [id, scaled(s)])),
      land: { innovation: Math.round(wanted.land.innovation * scale * 100) / 100, production: Math.round(wanted.land.production * scale * 100) / 100 },
    };
    if (!checkDecisions(ctx, state, city, decisions, pending)) return decisions;
  }
  return noDecisions(wanted.round);
}
