/**
 * Bots fill seats so a class of five or a kiosk of one can still play (docs/model.md "Bots").
 * Each strategy is a pure function of what a human in that seat would see, plus a seed:
 * the public state, the published results, the deals visible to the seat. No hidden state,
 * no clock, no peeking at sealed bids. A bot never submits decisions the room would refuse:
 * they pass `checkDecisions`, scaled down until they fit the budget.
 *
 * Every strategy but `random` releases production land as its city's default policy does
 * (core/model/policy.ts), so strategies differ in what they pay for factors and in deals:
 * - frugal: pays no subsidies and declines deals (`fixed:0`).
 * - fixed:RATE: a constant subsidy per newcomer, RATE for every factor, and declines deals.
 * - matcher: matches the others' average subsidy of last round (and rival parks'), declines deals.
 * - escalator: outbids last round's top subsidy by a step, and its parks outbid the rival
 *   parks that draw on the same pool (a scripted arms race, §1.2 and §4.1); declines deals.
 * - best-response: each round the bids (talent and capital, startups) that maximise its own
 *   projected score given the others' last bids (./best-response.ts); nobody scripts it to
 *   escalate; declines deals.
 * - cooperator: pays no subsidy race; proposes and accepts enclave deals when they pay by
 *   the model's own projection (./value.ts), counters when a variant would pay.
 * - random: seeded random bids, land and answers, within the rules.
 */
import { affordable, checkDeal, contextFor, defaultLand, nationalCap, type ModelContext } from '../model';

export { affordable };
import { mixSeed, rng } from '../model/rng';
import type { DealAction, DealView } from '../protocol/deals';
import type { GameEvent } from '../protocol/events';
import { MAX_SUBSIDY, noDecisions, type Decisions, type Subsidies } from '../protocol/decisions';
import type { PublicState } from '../protocol/room';
import type { RoundResult } from '../protocol/state';
import type { Scenario } from '../scenarios/schema';
import { bestResponseSubsidies } from './best-response';
import { cooperatorDealActions, randomDealActions } from './deals';
import { STEADY_PARK_OFFER } from './project';

export { BOT_STRATEGIES, fixedRate, isBotStrategy, STRATEGY_ARGS, STRATEGY_RULE, type BotStrategy, type NamedStrategy } from './names';
import { BOT_STRATEGIES, fixedRate, type BotStrategy, type NamedStrategy } from './names';

/** What a seat sees when it decides: the public state, every published result, its deals. */
export interface BotView {
  city: string;
  /** The round being decided. */
  round: number;
  state: PublicState;
  results: readonly RoundResult[];
  scenario: Scenario;
  /** Deals this seat may see: those it is a party to, and every signed deal. */
  deals: readonly DealView[];
  /** Events the host has announced for this round (a subsidy cap binds the bids already). */
  events?: readonly GameEvent[];
}

const zero: Subsidies = { talent: 0, startups: 0, capital: 0 };
const STEP = 0.1;

export const clampRate = (x: number) => Math.min(MAX_SUBSIDY, Math.max(0, Math.round(x * 100) / 100));

/** Subsidies every other city paid last round (public once resolved). */
function othersLast(view: BotView): Subsidies[] {
  const last = view.results.at(-1);
  return last ? last.regions.filter((r) => r.id !== view.city).map((r) => r.subsidies) : [];
}

function cityRates(strategy: BotStrategy, view: BotView, next: () => number, cap: number): Subsidies {
  const others = othersLast(view);
  const fixed = fixedRate(strategy);
  if (fixed !== null) return { talent: fixed, startups: fixed, capital: fixed };
  switch (strategy as NamedStrategy) {
    case 'frugal':
    case 'cooperator':
      // Pays nothing for factors; the cooperator's gains come from deals instead.
      return zero;
    case 'matcher': {
      // Matches the average subsidy of the other cities last round, factor by factor.
      const mean = (f: keyof Subsidies) => (others.length ? others.reduce((s, x) => s + x[f], 0) / others.length : 0);
      return { talent: clampRate(mean('talent')), startups: clampRate(mean('startups')), capital: clampRate(mean('capital')) };
    }
    case 'escalator': {
      // Outbids the top subsidy of last round by a step: the arms race (§1.2, §4.1).
      const top = (f: keyof Subsidies) => Math.max(0, ...others.map((x) => x[f]));
      return { talent: clampRate(top('talent') + STEP), startups: clampRate(top('startups') + STEP), capital: clampRate(top('capital') + STEP) };
    }
    case 'best-response':
      return bestResponseSubsidies(view, cap);
    case 'random':
      return { talent: clampRate(next() * 0.6), startups: clampRate(next() * 0.6), capital: clampRate(next() * 0.6) };
  }
}

/**
 * Rival parks of one of the bot's parks: the other parks in the same host city. They draw
 * on the same pool of talent and firms, who can switch between them at no cost since none
 * has to leave the city (§3.2); this is the single-centre arms race of §4.1. Parks in
 * another core are further away and compete far less.
 */
export function rivalParks(view: Pick<BotView, 'state'>, parkId: string): string[] {
  const parks = view.state.agreements.parks;
  const mine = parks.find((p) => p.id === parkId);
  return mine ? parks.filter((p) => p.id !== parkId && p.host === mine.host).map((p) => p.id) : [];
}

/** What a park's sponsor paid per unit there last round (public), or 0. */
function parkRateLast(view: BotView, parkId: string): Subsidies {
  return view.results.at(-1)?.parks.find((p) => p.id === parkId)?.subsidySponsor ?? zero;
}

function parkRates(strategy: BotStrategy, view: BotView, parkId: string, next: () => number): Subsidies {
  const rivals = rivalParks(view, parkId).map((id) => parkRateLast(view, id));
  const own = parkRateLast(view, parkId);
  const fixed = fixedRate(strategy);
  if (fixed !== null) return { talent: fixed, startups: fixed, capital: fixed };
  switch (strategy as NamedStrategy) {
    case 'frugal':
      return zero;
    case 'cooperator':
    case 'best-response':
      // A steady offer for startups and talent, enough to fill the park; no race.
      return { ...STEADY_PARK_OFFER };
    case 'matcher': {
      const mean = (f: keyof Subsidies) => (rivals.length ? rivals.reduce((s, x) => s + x[f], 0) / rivals.length : own[f]);
      return { talent: clampRate(Math.max(0.1, mean('talent'))), startups: clampRate(Math.max(0.2, mean('startups'))), capital: clampRate(mean('capital')) };
    }
    case 'escalator': {
      // Start with an offer; outbid the top rival park; hold when there is none.
      const top = (f: keyof Subsidies, start: number) => (rivals.length ? Math.max(start, own[f], ...rivals.map((x) => x[f])) + STEP : Math.max(start, own[f]));
      return { talent: clampRate(top('talent', 0.2)), startups: clampRate(top('startups', 0.3)), capital: clampRate(top('capital', 0)) };
    }
    case 'random':
      return { talent: clampRate(next() * 0.6), startups: clampRate(next() * 0.6), capital: clampRate(next() * 0.3) };
  }
}

/** Land to release: the city's default policy, or for the random bot, a random amount of production land. */
function landWanted(strategy: BotStrategy, ctx: ModelContext, view: BotView, next: () => number): Decisions['land'] {
  const region = view.state.regions.find((r) => r.id === view.city)!;
  if (strategy === 'random') return { innovation: 0, production: Math.round(Math.min(region.landQuota, next() * 2) * 100) / 100 };
  return defaultLand(ctx, region, view.results.at(-1)?.regions.find((r) => r.id === view.city));
}

/**
 * The decisions a bot submits: what its strategy wants, scaled down until it fits the
 * budget and the rules (a bot never submits something the room would refuse).
 */
export function botDecisions(strategy: BotStrategy, view: BotView, seed: number): Decisions {
  const ctx = contextFor(view.scenario, view.state.params);
  const next = rng(mixSeed(seed, view.city, view.round, 'bot'));
  const pending = { events: view.events ?? [] };
  const cap = nationalCap(view.state, pending) ?? MAX_SUBSIDY;
  const capped = (s: Subsidies): Subsidies => ({ talent: Math.min(cap, s.talent), startups: Math.min(cap, s.startups), capital: Math.min(cap, s.capital) });
  const want = capped(cityRates(strategy, view, next, cap));
  const sponsored = view.state.agreements.parks.filter((p) => p.sponsor === view.city);
  const parks = Object.fromEntries(sponsored.map((p) => [p.id, capped(parkRates(strategy, view, p.id, next))]));
  const land = landWanted(strategy, ctx, view, next);
  const wanted: Decisions = { ...noDecisions(view.round), subsidies: want, parkSubsidies: parks, land: { innovation: 0, production: land.production } };
  return affordable(ctx, view.state, view.city, wanted, pending);
}


/**
 * What a bot does about deals this round: propose, accept, reject or counter. Only the
 * cooperator seeks deals; the others decline what they are offered; the random bot answers
 * at random. Every action is valid when taken: a bot accepts or proposes only terms
 * `checkDeal` finds feasible now.
 */
export function botDealActions(strategy: BotStrategy, view: BotView, seed: number): DealAction[] {
  const open = view.deals.filter((d) => d.status === 'open' && d.parties.includes(view.city) && !d.accepted.includes(view.city));
  if (strategy === 'cooperator') return cooperatorDealActions(view, open);
  if (strategy === 'random') return randomDealActions(view, open, rng(mixSeed(seed, view.city, view.round, 'deals')), (terms) => checkDeal(view.scenario, view.state, terms) === null);
  return open.map((d) => ({ type: 'reject', deal: d.id }));
}

