/**
 * Fiscal limits (docs/model.md "8. Output, fiscal balance"): what a city may spend this round. A city may
 * borrow down to −credit, where credit is `borrowLimit` rounds of its initial tax income;
 * past it, bids are refused with the amounts that make the reason plain. Also the rules a
 * city's decisions must keep: land within its quota, park subsidies only for parks it
 * sponsors, subsidies within a national cap, a science facility not yet open.
 */
import type { Decisions } from '../protocol/decisions';
import type { GameEvent } from '../protocol/events';
import type { CapBreach, GameState, LocationState, RegionState } from '../protocol/state';
import type { InputError } from '../protocol/validate';
import type { ModelContext } from './context';
import { FACTORS, type FactorVec } from './factors';
import { owedUnits, subsidySchedule } from './subsidies';
import { refusal, round1 } from '../protocol/refusals';

/** What the budget rules read of a state: the public part is enough (the client uses it too). */
export type BudgetState = Pick<GameState, 'round' | 'regions' | 'locations' | 'agreements' | 'policy'>;

/** What is about to change before the round resolves: events the host has injected. */
export interface Pending {
  events?: readonly GameEvent[];
}

export function creditLimit(ctx: ModelContext, region: RegionState): number {
  return ctx.params.borrowLimit * ctx.params.taxRate * region.initialOutput;
}

/**
 * Newcomers a rate would be paid on at a location, estimated from last round's (§4.1): the
 * host city's side on newcomers from elsewhere, a park sponsor's on all its park's, hunters
 * anew; scaled up by how much more a newcomer is drawn at this rate (exp(rate/τ), the
 * logit's response), so the estimate errs on the side of the bill.
 */
export function estimatedUnits(ctx: ModelContext, loc: Pick<LocationState, 'arrivals' | 'newcomers' | 'hunters'>, side: 'host' | 'sponsor', rate: FactorVec): FactorVec {
  const units = owedUnits(side, loc.arrivals, loc.newcomers, rate.startups > 0 ? loc.hunters : 0, ctx.params.subsidyRounds);
  for (const f of FACTORS) units[f] *= Math.exp(Math.min(rate[f], 2) / ctx.params[`tasteSpread.${f}`]);
  return units;
}

/** The national subsidy cap in force this round, pending events included; null if none. */
export function nationalCap(state: Pick<GameState, 'policy'>, pending?: Pending): number | null {
  let cap = state.policy.subsidyCap;
  for (const e of pending?.events ?? []) if (e.kind === 'subsidy-cap') cap = e.cap;
  return cap;
}

export interface SpendingEstimate {
  /** Subsidies in the city and in the parks it hosts (host side), zone pooling included. */
  subsidies: number;
  /** Subsidies paid in the parks it sponsors. */
  parkSubsidies: number;
  land: number;
  environment: number;
  projects: number;
  /** Running the parks the city sponsors. */
  parkCosts: number;
  total: number;
  available: number;
}

/**
 * Spending if as many newcomers came as last round (more at a higher rate): what a player
 * can check before submitting.
 * Inside a cooperation zone the other members are assumed to announce the same rates, so
 * the pooled rate is the city's own and it pays its GDP share of the zone's bill.
 */
export function estimateSpending(ctx: ModelContext, state: BudgetState, region: RegionState, d: Decisions, pending?: Pending): SpendingEstimate {
  const cap = nationalCap(state, pending);
  const capped = (x: number) => (cap === null ? x : Math.min(x, cap));
  const zone = state.agreements.zones.find((z) => z.members.includes(region.id));
  const payers = zone ? zone.members : [region.id];
  const gdp = (id: string) => ctx.scenario.regions[ctx.cityIndex.get(id)!]!.gdp;
  const share = zone ? gdp(region.id) / zone.members.reduce((a, m) => a + gdp(m), 0) : 1;
  let subsidies = 0;
  let parkSubsidies = 0;
  const own = { talent: capped(d.subsidies.talent), startups: capped(d.subsidies.startups), capital: capped(d.subsidies.capital) };
  for (const loc of state.locations) {
    if (payers.includes(loc.host)) {
      const units = estimatedUnits(ctx, loc, 'host', own);
      for (const f of FACTORS) subsidies += own[f] * units[f] * share;
    }
    if (loc.sponsor === region.id && loc.host !== region.id) {
      const asked = d.parkSubsidies[loc.id];
      if (!asked) continue;
      const rate = { talent: capped(asked.talent), startups: capped(asked.startups), capital: capped(asked.capital) };
      const units = estimatedUnits(ctx, loc, 'sponsor', rate);
      for (const f of FACTORS) parkSubsidies += rate[f] * units[f];
    }
  }
  const land = ctx.params.landPrice * (d.land.innovation + d.land.production) + ctx.params.spacePrice * d.land.innovation;
  const environment = d.environment;
  const projects = d.projects.scienceFacility ? ctx.params.facilityCost : 0;
  const parkCosts = ctx.params.parkRunningCost * state.agreements.parks.filter((p) => p.sponsor === region.id).reduce((a, p) => a + p.space, 0);
  return {
    subsidies,
    parkSubsidies,
    land,
    environment,
    projects,
    parkCosts,
    total: subsidies + parkSubsidies + land + environment + projects + parkCosts,
    available: region.treasury + creditLimit(ctx, region),
  };
}

const fmt = round1;

/** The first rule a city's decisions break, or null. */
export function checkDecisions(ctx: ModelContext, state: BudgetState, regionId: string, d: Decisions, pending?: Pending): InputError | null {
  const expected = state.round + 1;
  if (d.round !== expected) {
    return refusal('round', 'stale-round', { expected, got: d.round, which: 'deciding' });
  }
  const region = state.regions.find((r) => r.id === regionId);
  if (!region) return refusal('city', 'not-a-city', { city: regionId });
  const cap = nationalCap(state, pending);
  if (cap !== null) {
    for (const f of FACTORS) {
      if (d.subsidies[f] > cap + 1e-12) return refusal(`subsidies.${f}`, 'cap', { cap });
    }
  }
  for (const [park, rates] of Object.entries(d.parkSubsidies)) {
    const p = state.agreements.parks.find((x) => x.id === park);
    if (!p || p.sponsor !== regionId) return refusal(`parkSubsidies.${park}`, 'not-sponsor', { park, city: regionId });
    if (cap !== null) {
      for (const f of FACTORS) {
        if (rates[f] > cap + 1e-12) return refusal(`parkSubsidies.${park}.${f}`, 'cap', { cap });
      }
    }
  }
  const released = d.land.innovation + d.land.production;
  if (released > region.landQuota + 1e-9) {
    return refusal('land', 'land', { released: fmt(released), left: fmt(region.landQuota) });
  }
  if (d.projects.scienceFacility && region.facility >= ctx.params.facilityRounds) {
    return refusal('projects.scienceFacility', 'facility-open', {});
  }
  const e = estimateSpending(ctx, state, region, d, pending);
  // Running the parks a city sponsors is committed: it is paid whatever the city decides, and
  // may take it past its credit limit. What the city chooses must fit in what is left; doing
  // nothing is always allowed, so a city in deep debt still plays its rounds.
  const chosen = e.total - e.parkCosts;
  const room = e.available - e.parkCosts;
  const tolerance = 1e-9 * Math.max(1, Math.abs(e.available));
  if (chosen > 1e-12 && chosen > room + tolerance) {
    const order: [string, number][] = [
      ['subsidies', e.subsidies],
      ['parkSubsidies', e.parkSubsidies],
      ['land', e.land],
      ['environment', e.environment],
      ['projects', e.projects],
    ];
    let running = 0;
    let field = 'projects';
    for (const [name, amount] of order) {
      running += amount;
      if (running > room + tolerance) {
        field = name;
        break;
      }
    }
    return refusal(field, 'budget', {
      chosen: fmt(chosen),
      subsidies: fmt(e.subsidies + e.parkSubsidies),
      land: fmt(e.land),
      environment: fmt(e.environment),
      projects: fmt(e.projects),
      available: fmt(Math.max(0, room)),
      treasury: fmt(region.treasury),
      credit: fmt(creditLimit(ctx, region)),
      parks: fmt(e.parkCosts),
    });
  }
  return null;
}

/**
 * Platform caps these decisions would break (§4.3). Not a refusal: a member may break its
 * platform's cap, but the breach is published with the round's results. The client shows
 * this as a warning before the player submits.
 */
export function capWarnings(ctx: ModelContext, state: BudgetState, regionId: string, d: Decisions, pending?: Pending): CapBreach[] {
  const i = ctx.cityIndex.get(regionId);
  if (i === undefined) return [];
  const schedule = subsidySchedule(ctx, state.locations, state.agreements, (c) => (c === i ? d : undefined), nationalCap(state, pending));
  return schedule.breaches.filter((b) => b.city === regionId && !b.enforced);
}

