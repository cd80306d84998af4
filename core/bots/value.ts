/**
 * "When it pays, per the model": a bot values a deal by projecting the next few rounds with
 * the model itself, once with the deal and once without, from the public state, and
 * comparing its own score. Both runs use the same neutral play (last round's published
 * subsidies, a little production land) and the same seed, so the difference is the deal's.
 */
import { checkDecisions, makeContext, resolveParams, resolveRound } from '../model';
import type { DealTerms, SignedDeal } from '../protocol/deals';
import { noDecisions, type Decisions } from '../protocol/decisions';
import type { GameState } from '../protocol/state';
import type { BotView } from './index';

/** Rounds a bot looks ahead: long enough for park firms to incubate and come home. */
export const HORIZON = 4;
/** Production land each city is assumed to release per round in a projection, km². */
const PROJECTED_LAND = 0.5;

function neutralDecisions(view: BotView, state: GameState, _terms: DealTerms | null): Record<string, Decisions> {
  const ctx = makeContext(view.scenario, resolveParams(state.params));
  const last = view.results.at(-1);
  const round = state.round + 1;
  return Object.fromEntries(
    state.regions.map((r) => {
      const published = last?.regions.find((x) => x.id === r.id)?.subsidies;
      const parkSubsidies = Object.fromEntries(state.agreements.parks.filter((p) => p.sponsor === r.id).map((p) => [p.id, { talent: 0.2, startups: 0.3, capital: 0 }]));
      const land = { innovation: 0, production: Math.min(r.landQuota, PROJECTED_LAND) };
      const candidates: Decisions[] = [
        { ...noDecisions(round), subsidies: published ?? noDecisions(round).subsidies, parkSubsidies, land },
        { ...noDecisions(round), parkSubsidies, land },
        { ...noDecisions(round), land },
        noDecisions(round),
      ];
      return [r.id, candidates.find((d) => !checkDecisions(ctx, state, r.id, d)) ?? noDecisions(round)];
    }),
  );
}

/** Every city's score at the end of the horizon, with or without the deal; null if it cannot apply. */
function project(view: BotView, deal: DealTerms | null): Record<string, number> | null {
  let state: GameState = { ...view.state, seed: 0 };
  for (let t = 0; t < HORIZON; t++) {
    const deals: SignedDeal[] = t === 0 && deal ? [{ id: 'd999999', terms: deal, signedRound: state.round + 1 }] : [];
    const out = resolveRound(view.scenario, state, neutralDecisions(view, state, deal), { deals });
    if (!out.ok) return null;
    if (t === 0 && deal && !out.result.deals.every((d) => d.applied)) return null;
    state = out.state;
    if (t === HORIZON - 1) return Object.fromEntries(out.result.regions.map((r) => [r.id, r.score]));
  }
  return null;
}

/**
 * Projections depend only on the public state and the terms, not on who asks: both parties
 * of a deal, and every deal's "without" run, share them while the state is the same. The
 * room builds a fresh view per seat, so the cache is keyed by the state's content; a few
 * states are kept (a round's negotiation sees one).
 */
const projections = new Map<string, Map<string, Record<string, number> | null>>();
const KEPT_STATES = 4;

function projected(view: BotView, deal: DealTerms | null): Record<string, number> | null {
  // The neutral play of a projection also reads last round's published subsidies.
  const last = view.results.at(-1)?.regions.map((r) => r.subsidies);
  const stateKey = `${view.scenario.id}:${JSON.stringify(view.state)}:${JSON.stringify(last ?? null)}`;
  let byTerms = projections.get(stateKey);
  if (!byTerms) {
    if (projections.size >= KEPT_STATES) projections.delete(projections.keys().next().value!);
    projections.set(stateKey, (byTerms = new Map()));
  }
  const key = deal ? JSON.stringify(deal) : '';
  if (!byTerms.has(key)) byTerms.set(key, project(view, deal));
  return byTerms.get(key)!;
}

/** Score gain for `city` from signing `terms` now, over the horizon; null if it cannot apply. */
export function dealGain(view: BotView, terms: DealTerms, city = view.city): number | null {
  const without = projected(view, null);
  const withDeal = projected(view, terms);
  if (!without || !withDeal) return null;
  return withDeal[city]! - without[city]!;
}
