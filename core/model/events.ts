/**
 * Events the host injects between rounds (docs/protocol.md, the host's `event`); each takes effect in the
 * resolution of the round it was injected before:
 * - rail-line: travel between two cities falls to the given hours from now on (a standing
 *   change: moving costs, spillovers and R&D–plant distances all shorten);
 * - subsidy-cap: a national "unified market" rule (the April 2022 opinions the paper cites)
 *   caps every subsidy per unit from now on; higher bids are cut to the cap and reported;
 * - downturn: for this round, factor returns and base output growth fall by its severity.
 */
import type { GameEvent } from '../protocol/events';
import type { Policy } from '../protocol/state';
import type { InputError } from '../protocol/validate';
import type { ModelContext } from './context';
import { refusal } from '../protocol/refusals';

export function checkEvents(ctx: ModelContext, events: readonly GameEvent[]): InputError | null {
  for (const [i, e] of events.entries()) {
    if (e.kind !== 'rail-line') continue;
    for (const [k, city] of e.between.entries()) {
      if (!ctx.cityIndex.has(city)) return refusal(`events.${i}.between.${k}`, 'not-a-city', { city });
    }
  }
  return null;
}

export function applyEvents(policy: Policy, events: readonly GameEvent[]): { policy: Policy; downturn: number } {
  let subsidyCap = policy.subsidyCap;
  const travel = policy.travel.slice();
  let downturn = 0;
  for (const e of events) {
    if (e.kind === 'rail-line') travel.push({ between: [e.between[0], e.between[1]], hours: e.hours });
    else if (e.kind === 'subsidy-cap') subsidyCap = e.cap;
    else downturn = Math.min(0.9, downturn + e.severity);
  }
  // Standing rules no event changes (settings.parks) carry over as they are.
  return { policy: { ...policy, subsidyCap, travel }, downturn };
}
