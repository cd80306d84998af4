/**
 * "When it pays, per the model": a bot values a deal by projecting the next few rounds with
 * the model itself (./project.ts), once with the deal and once without, from the public
 * state, and comparing its own score. Both runs assume the same status quo (last round's
 * published subsidies, default land) and the same seed, so the difference is the deal's.
 */
import type { DealTerms } from '../protocol/deals';
import type { BotView } from './index';
import { projectScores } from './project';

/** Rounds a bot looks ahead: long enough for park firms to incubate and come home. */
export const HORIZON = 4;

/** Every city's projected score with the deal signed now, or without it (shared by all who weigh it: ./project.ts). */
function projected(view: BotView, deal: DealTerms | null): number[] | null {
  return projectScores(view, null, HORIZON, deal ? [{ id: 'd999999', terms: deal, signedRound: view.state.round + 1 }] : []);
}

/** Score gain for `city` from signing `terms` now, over the horizon; null if it cannot apply. */
export function dealGain(view: BotView, terms: DealTerms, city = view.city): number | null {
  const without = projected(view, null);
  const withDeal = projected(view, terms);
  if (!without || !withDeal) return null;
  const i = view.state.regions.findIndex((r) => r.id === city);
  return withDeal[i]! - without[i]!;
}
