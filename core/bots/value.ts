/**
 * "When it pays, per the model": a bot values a deal by projecting the next few rounds with
 * the model itself (./project.ts), once with the deal and once without, from the public
 * state, and comparing its own score. Both runs assume the same status quo (last round's
 * published subsidies, default land) and the same seed, so the difference is the deal's.
 */
import type { DealTerms } from '../protocol/deals';
import type { BotView } from './index';
import { projectScores, statusQuoScores, viewKey } from './project';

/** Rounds a bot looks ahead: long enough for park firms to incubate and come home. */
export const HORIZON = 4;

/**
 * Projections depend only on the public state and the terms, not on who asks: both parties
 * of a deal, and every deal's "without" run, share them while the state is the same. The
 * room builds a fresh view per seat, so the cache is keyed by the state's content; a few
 * states are kept (a round's negotiation sees one).
 */
const projections = new Map<string, Map<string, number[] | null>>();
const KEPT_STATES = 4;

function projected(view: BotView, deal: DealTerms | null): number[] | null {
  // The status quo of a projection also reads last round's published subsidies.
  const stateKey = viewKey(view);
  if (!deal) return statusQuoScores(view, HORIZON, stateKey);
  let byTerms = projections.get(stateKey);
  if (!byTerms) {
    if (projections.size >= KEPT_STATES) projections.delete(projections.keys().next().value!);
    projections.set(stateKey, (byTerms = new Map()));
  }
  const key = JSON.stringify(deal);
  if (!byTerms.has(key)) byTerms.set(key, projectScores(view, null, HORIZON, [{ id: 'd999999', terms: deal, signedRound: view.state.round + 1 }]));
  return byTerms.get(key)!;
}

/** Score gain for `city` from signing `terms` now, over the horizon; null if it cannot apply. */
export function dealGain(view: BotView, terms: DealTerms, city = view.city): number | null {
  const without = projected(view, null);
  const withDeal = projected(view, terms);
  if (!without || !withDeal) return null;
  const i = view.state.regions.findIndex((r) => r.id === city);
  return withDeal[i]! - without[i]!;
}
