/**
 * The bots' answers to deals: the cooperator proposes and accepts reverse-enclave parks and
 * coordination platforms when they pay by the model's own projection. Kept apart from the
 * subsidy rules: this is the negotiating side.
 */
import { checkDeal, contextFor } from '../model';
import { ROLE_RANK } from '../model/context';
import { type DealAction, type DealTerms, type DealView, type ParkTerms } from '../protocol/deals';
import type { BotView } from './index';
import { dealGain } from './value';

/** Land quota a sponsor offers per km² of park space (§3.1: "small-scale park construction land for larger land development indices"). */
export const PARK_QUOTA_PER_SPACE = 3;

/** Smallest projected score gain that makes a deal worth signing. */
const WORTH = 0.05;

const round2 = (x: number) => Math.round(x * 100) / 100;

function sameTerms(a: DealTerms, b: DealTerms): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Variants of terms that give this city more, smallest ask first: what a counter-offer asks for. */
function askMore(terms: DealTerms, city: string): DealTerms[] {
  if (terms.kind !== 'park') return [];
  const host = terms.host === city;
  const shift = (x: number, d: number) => round2(Math.min(1, Math.max(0, x + d)));
  const d = host ? -0.25 : 0.25;
  return [
    { ...terms, taxShare: shift(terms.taxShare, d) },
    { ...terms, statsShare: shift(terms.statsShare, d), taxShare: shift(terms.taxShare, d) },
  ].filter((t) => !sameTerms(t, terms));
}

/**
 * The smallest of `asks` (ordered from smallest to largest) that pays. Each asks more of
 * the same terms, so what the largest does not pay, no smaller one does: the largest is
 * weighed first, and when it does not pay the offer is refused at the cost of one projection.
 */
function smallestAsk(asks: readonly DealTerms[], pays: (t: DealTerms) => boolean): DealTerms | undefined {
  const largest = asks.at(-1);
  if (!largest || !pays(largest)) return undefined;
  return asks.slice(0, -1).find(pays) ?? largest;
}

/** Park terms a lagging city could offer a host: some of its spare land quota for park space. */
function parkOffers(view: BotView): ParkTerms[] {
  const ctx = contextFor(view.scenario, view.state.params);
  const me = ctx.cityIndex.get(view.city)!;
  const mine = view.scenario.regions[me]!;
  const region = view.state.regions[me]!;
  // A game that bars parks (settings.parks false): the book would refuse them, so offer none.
  if (view.state.policy.parks === false) return [];
  if (view.state.agreements.parks.filter((p) => p.sponsor === view.city).length >= ctx.params.parksPerSponsor) return [];
  // The paper's terms (§3.1): a small park for a larger land quota, about 3 km² of quota per km² of space.
  const landQuota = round2(Math.min(PARK_QUOTA_PER_SPACE, region.landQuota));
  const space = round2(landQuota / PARK_QUOTA_PER_SPACE);
  if (space < 0.1) return [];
  // Hosts whose industries match ours come first (§4.1: cooperate with similar categories), then the nearest.
  const hosts = view.scenario.regions
    .map((r, i) => ({ r, i }))
    .filter(({ r, i }) => ctx.isCore[i] && ROLE_RANK[r.role]! > ROLE_RANK[mine.role]!)
    .map(({ r, i }) => ({ r, match: r.strengths.filter((s) => mine.strengths.includes(s)).length, hours: ctx.hours[me]![i]! }))
    .sort((a, b) => b.match - a.match || a.hours - b.hours || a.r.id.localeCompare(b.r.id))
    // The best match first; a second offer only to a second core (the multi-centre network, §4.1).
    .filter((h, i, all) => i === 0 || (i === all.findIndex((x) => x.r.role !== all[0]!.r.role) && h.r.role !== all[0]!.r.role));
  return hosts.map(({ r }) => {
    return {
      kind: 'park',
      sponsor: view.city,
      host: r.id,
      landQuota,
      space,
      mode: 'mixed',
      statsShare: 0.3,
      taxShare: 0.5,
    } satisfies ParkTerms;
  });
}

/** Cities within this many hours are neighbours a cooperator invites onto a coordination platform. */
const PLATFORM_HOURS = 1.5;

/**
 * A coordination platform (§4.3, new regionalism) a cooperator may propose: its neighbours
 * and itself agree no subsidies (a cap of 0) and trade technology. First its three nearest
 * neighbours; after a refusal, one neighbour at a time, since a platform needs every
 * member's yes and the book does not say who said no. None if it already belongs to one or
 * has no neighbour left to invite.
 */
function platformOffer(view: BotView): DealTerms | null {
  const ctx = contextFor(view.scenario, view.state.params);
  const taken = new Set(view.state.agreements.platforms.flatMap((p) => p.members));
  if (taken.has(view.city)) return null;
  const me = ctx.cityIndex.get(view.city)!;
  const near = view.scenario.regions
    .map((r, i) => ({ id: r.id, hours: ctx.hours[me]![i]! }))
    .filter((x) => x.id !== view.city && !taken.has(x.id) && x.hours <= PLATFORM_HOURS)
    .sort((a, b) => a.hours - b.hours || a.id.localeCompare(b.id))
    .map((x) => x.id);
  const mine = view.deals.filter((d) => d.proposer === view.city && d.terms.kind === 'platform');
  // First the neighbourhood: the three nearest.
  const wide = near.slice(0, 3);
  if (mine.length === 0) return wide.length ? { kind: 'platform', members: [view.city, ...wide], subsidyCap: 0, techTrading: true } : null;
  // Once refused, one neighbour at a time, the nearest not yet invited alone: a platform needs
  // every member's yes, and one who refused is not named.
  const invited = new Set(mine.filter((d) => d.parties.length === 2).flatMap((d) => d.parties));
  const next = near.find((id) => !invited.has(id));
  return next ? { kind: 'platform', members: [view.city, next], subsidyCap: 0, techTrading: true } : null;
}

export function cooperatorDealActions(view: BotView, open: readonly DealView[]): DealAction[] {
  const feasible = (t: DealTerms) => checkDeal(view.scenario, view.state, t) === null;
  const actions: DealAction[] = [];
  for (const deal of open) {
    const gain = feasible(deal.terms) ? dealGain(view, deal.terms) : null;
    if (gain !== null && gain > WORTH) {
      actions.push({ type: 'accept', deal: deal.id });
      continue;
    }
    // One counter per negotiation: answer an original offer, not a counter.
    const better = deal.counters === null ? smallestAsk(askMore(deal.terms, view.city).filter(feasible), (t) => (dealGain(view, t) ?? 0) > WORTH) : undefined;
    actions.push(better ? { type: 'counter', deal: deal.id, terms: better } : { type: 'reject', deal: deal.id });
  }
  // Propose a park when none of ours is pending and one pays.
  const pending = view.deals.some((d) => d.status === 'open' && d.proposer === view.city);
  if (!pending) {
    const tried = (t: DealTerms) => view.deals.some((d) => d.proposer === view.city && sameTerms(d.terms, t));
    let best: { terms: DealTerms; gain: number } | null = null;
    const platform = platformOffer(view);
    for (const terms of [...parkOffers(view), ...(platform ? [platform] : [])]) {
      if (tried(terms) || !feasible(terms)) continue;
      const gain = dealGain(view, terms);
      if (gain !== null && gain > WORTH && (!best || gain > best.gain)) best = { terms, gain };
    }
    if (best) actions.push({ type: 'propose', terms: best.terms });
  }
  return actions;
}

export function randomDealActions(view: BotView, open: readonly DealView[], next: () => number, feasible: (t: DealTerms) => boolean): DealAction[] {
  const actions: DealAction[] = [];
  for (const deal of open) {
    const x = next();
    if (x < 0.4 && feasible(deal.terms)) actions.push({ type: 'accept', deal: deal.id });
    else if (x < 0.7) actions.push({ type: 'reject', deal: deal.id });
  }
  return actions;
}

