/**
 * A city's default policy (docs/model.md "Score"): what the baseline plays for every city,
 * what `fixed:RATE` bots play besides their subsidy, and what a projection assumes of a city
 * it knows nothing more about. No subsidies, no deals, and production land released as firms
 * are expected to need it: enough to keep two rounds of the firms that came last round (at
 * least two) on free land, as far as the quota allows.
 */
import { noDecisions, type Decisions } from '../protocol/decisions';
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
