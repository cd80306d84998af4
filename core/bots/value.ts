/**
 * "When it pays, per the model": a bot values a deal by projecting the next few rounds with
 * the model itself (./project.ts), once with the deal and once without, from the public
 * state, and comparing its own score. Both runs assume the same status quo (last round's
 * published subsidies, default land) and the same seed, so the difference is the deal's.
 */
import type { DealKind, DealTerms } from '../protocol/deals';
import type { BotView } from './index';
import { projectScores } from './project';

/**
 * Rounds a bot looks ahead, by the kind of deal: long enough for its effect to show. A park's
 * startups must be admitted, incubate and come home as firms (3 rounds: a park's startups
 * mature `parkIncubation` times faster, most within a round of arriving); a platform's cap and technology trading, a
 * corridor's or a zone's shorter distances act from the round they are signed (2 rounds, so
 * the newcomers it draws or saves are paid for and innovate).
 */
export const HORIZON: Record<DealKind, number> = { park: 3, platform: 2, corridor: 2, 'cooperation-zone': 2 };

/** Every city's projected score with the deal signed now, or without it (shared by all who weigh it: ./project.ts). */
function projected(view: BotView, deal: DealTerms | null, horizon: number): number[] | null {
  return projectScores(view, null, horizon, deal ? [{ id: 'd999999', terms: deal, signedRound: view.state.round + 1 }] : []);
}

/** Score gain for `city` from signing `terms` now, over the deal's horizon; null if it cannot apply. */
export function dealGain(view: BotView, terms: DealTerms, city = view.city): number | null {
  const horizon = HORIZON[terms.kind];
  const without = projected(view, null, horizon);
  const withDeal = projected(view, terms, horizon);
  if (!without || !withDeal) return null;
  const i = view.state.regions.findIndex((r) => r.id === city);
  return withDeal[i]! - without[i]!;
}
