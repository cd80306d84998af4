/**
 * Deals between cities (§3): whether terms are feasible in the current
 * state, and what a signed deal changes. The room calls `checkDeal` when a deal is
 * proposed and again when it is signed; the model checks once more when it applies the
 * deal, since the state may have changed in between (a refused deal is reported, the round
 * still resolves).
 *
 * Rules, each from the paper:
 * - park (§3, Fig. 4; multi-centre network §4.1): the host is a core or a second core; the
 *   sponsor is less developed than the host (the lagging city sponsors, the "reverse"
 *   enclave); the sponsor has the land quota it hands over; the host has land for the
 *   park's space once it receives that quota; a host holds at most `parksPerHost` parks,
 *   a sponsor runs at most `parksPerSponsor`, one park per sponsor and host, and a game
 *   holds at most MAX_PARKS (what a state may carry, core/protocol/state.ts).
 * - corridor (§2.1): neighbouring members lie along a transport axis, at most
 *   `corridorHopHours` apart; a city belongs to one corridor.
 * - cooperation zone (§2.2): members are adjacent (`zoneAdjacencyHours`), connected as one
 *   area; a city belongs to one zone.
 * - coordination platform (§4.3): a city belongs to one platform.
 */
import { parkId, type DealTerms, type ParkTerms, type SignedDeal } from '../protocol/deals';
import { MAX_PARKS, type Agreements, type GameState, type LocationState, type ParkState, type RegionState } from '../protocol/state';
import type { InputError } from '../protocol/validate';
import type { Scenario } from '../scenarios/schema';
import { ROLE_RANK, contextFor, type ModelContext } from './context';
import { zeroVec } from './factors';
import { currentHours } from './geo';

/** What deal rules read of a state: the public part is enough (the room and bots use it). */
export type DealState = Pick<GameState, 'params' | 'regions' | 'agreements' | 'policy'>;

const fmt = (x: number) => (Math.round(x * 100) / 100).toString();

/** The first rule the terms break in this state, or null when the deal could be signed now. */
export function checkDeal(scenario: Scenario, state: DealState, terms: DealTerms): InputError | null {
  return checkTerms(contextFor(scenario, state.params), state, terms);
}

export function checkTerms(ctx: ModelContext, state: DealState, terms: DealTerms): InputError | null {
  const cities = terms.kind === 'park' ? (['sponsor', 'host'] as const).map((k) => [`terms.${k}`, terms[k]] as const) : terms.members.map((m, i) => [`terms.members.${i}`, m] as const);
  for (const [field, city] of cities) {
    if (!ctx.cityIndex.has(city)) return { field, rule: `"${city}" is not a city of this game` };
  }
  switch (terms.kind) {
    case 'park':
      return checkPark(ctx, state, terms);
    case 'corridor': {
      const hours = currentHours(ctx, state.policy);
      for (let i = 1; i < terms.members.length; i++) {
        const a = ctx.cityIndex.get(terms.members[i - 1]!)!;
        const b = ctx.cityIndex.get(terms.members[i]!)!;
        if (hours[a]![b]! > ctx.params.corridorHopHours + 1e-9) {
          return {
            field: `terms.members.${i}`,
            rule: `is ${fmt(hours[a]![b]!)} h from ${terms.members[i - 1]}; neighbours along a corridor must be within ${fmt(ctx.params.corridorHopHours)} h (a transport axis)`,
          };
        }
      }
      return memberOfAnother(terms.members, state.agreements.corridors, 'corridor');
    }
    case 'cooperation-zone': {
      const hours = currentHours(ctx, state.policy);
      const idx = terms.members.map((m) => ctx.cityIndex.get(m)!);
      // Connected under adjacency: grow the area from the first member.
      const reached = new Set([0]);
      for (let grew = true; grew; ) {
        grew = false;
        for (let a = 0; a < idx.length; a++) {
          if (reached.has(a)) continue;
          for (const b of reached) {
            if (hours[idx[a]!]![idx[b]!]! <= ctx.params.zoneAdjacencyHours + 1e-9) {
              reached.add(a);
              grew = true;
              break;
            }
          }
        }
      }
      for (let a = 0; a < idx.length; a++) {
        if (!reached.has(a)) {
          return {
            field: `terms.members.${a}`,
            rule: `is not adjacent to the rest of the zone: a cooperation zone joins cities within ${fmt(ctx.params.zoneAdjacencyHours)} h of each other`,
          };
        }
      }
      return memberOfAnother(terms.members, state.agreements.zones, 'cooperation zone');
    }
    case 'platform':
      return memberOfAnother(terms.members, state.agreements.platforms, 'platform');
  }
}

function memberOfAnother(members: readonly string[], existing: readonly { deal: string; members: readonly string[] }[], what: string): InputError | null {
  for (const [i, m] of members.entries()) {
    const other = existing.find((x) => x.members.includes(m));
    if (other) return { field: `terms.members.${i}`, rule: `${m} already belongs to ${what} ${other.deal}` };
  }
  return null;
}

function checkPark(ctx: ModelContext, state: DealState, t: ParkTerms): InputError | null {
  const roles = ctx.scenario.regions;
  const host = roles[ctx.cityIndex.get(t.host)!]!;
  const sponsor = roles[ctx.cityIndex.get(t.sponsor)!]!;
  if (!ctx.isCore[ctx.cityIndex.get(t.host)!]) {
    return { field: 'terms.host', rule: `must be a core or second-core city (a park needs a mature ecosystem, §4.1); ${t.host} is ${host.role}` };
  }
  if (ROLE_RANK[sponsor.role]! >= ROLE_RANK[host.role]!) {
    return { field: 'terms.sponsor', rule: `must be less developed than the host (a reverse enclave); ${t.sponsor} is ${sponsor.role}, ${t.host} is ${host.role}` };
  }
  const id = parkId(t);
  if (id.length > 40) return { field: 'terms.host', rule: 'city ids too long to name the park' };
  const parks = state.agreements.parks;
  // A state with more parks would fail the resolver's own schema: no round could be resolved again.
  if (parks.length >= MAX_PARKS) return { field: 'terms', rule: `this game already has ${MAX_PARKS} parks, the most one game can hold` };
  if (parks.some((p) => p.id === id)) return { field: 'terms.host', rule: `${t.sponsor} already has a park in ${t.host}` };
  if (parks.filter((p) => p.host === t.host).length >= ctx.params.parksPerHost) {
    return { field: 'terms.host', rule: `${t.host} already hosts ${ctx.params.parksPerHost} parks, the most one city may host` };
  }
  if (parks.filter((p) => p.sponsor === t.sponsor).length >= ctx.params.parksPerSponsor) {
    return { field: 'terms.sponsor', rule: `${t.sponsor} already sponsors ${ctx.params.parksPerSponsor} parks, the most one city may run` };
  }
  const s = state.regions.find((r) => r.id === t.sponsor)!;
  if (t.landQuota > s.landQuota + 1e-9) {
    return { field: 'terms.landQuota', rule: `${t.sponsor} has only ${fmt(s.landQuota)} km² of land quota left (asked ${fmt(t.landQuota)})` };
  }
  const h = state.regions.find((r) => r.id === t.host)!;
  // The host pays for the park's space up front (§3.1): it must be able to.
  const cost = ctx.params.landPrice * t.space;
  const available = h.treasury + ctx.params.borrowLimit * ctx.params.taxRate * h.initialOutput;
  if (cost > available + 1e-9) {
    return { field: 'terms.space', rule: `${t.host} would pay ${fmt(cost)} up front for ${fmt(t.space)} km² of park space but has only ${fmt(Math.max(0, available))} available (treasury and credit)` };
  }
  if (t.space > h.landQuota + t.landQuota + 1e-9) {
    return {
      field: 'terms.space',
      rule: `${t.host} would have ${fmt(h.landQuota + t.landQuota)} km² of land quota (its ${fmt(h.landQuota)} + ${fmt(t.landQuota)} from ${t.sponsor}), less than the ${fmt(t.space)} km² of park space`,
    };
  }
  return null;
}

export interface AppliedDeals {
  regions: RegionState[];
  locations: LocationState[];
  agreements: Agreements;
  /** Land quota that came in (+) or went out (−) per city. */
  transferred: number[];
  /** Park space granted per host city this round, km² (serviced at the land price). */
  spaceGranted: number[];
  outcomes: { deal: string; applied: boolean; reason: string | null }[];
}

/**
 * Signed deals take effect at the start of the round they were signed in, in the order listed:
 * the room lists them in the order they were proposed (ids are opaque, core/deals/ids.ts).
 * A park: the sponsor's land quota moves to the host, the host turns `space` of its quota
 * into park space, and the park becomes a location (empty; factors fill it by moving).
 */
export function applyDeals(
  ctx: ModelContext,
  base: { regions: RegionState[]; locations: LocationState[]; agreements: Agreements; policy: GameState['policy']; params: GameState['params'] },
  deals: readonly SignedDeal[],
  round: number,
): AppliedDeals {
  const regions = base.regions.slice();
  const locations = base.locations.slice();
  const agreements: Agreements = {
    parks: base.agreements.parks.slice(),
    corridors: base.agreements.corridors.slice(),
    zones: base.agreements.zones.slice(),
    platforms: base.agreements.platforms.slice(),
  };
  const n = regions.length;
  const transferred = new Array<number>(n).fill(0);
  const spaceGranted = new Array<number>(n).fill(0);
  const outcomes: AppliedDeals['outcomes'] = [];
  for (const deal of deals) {
    if (outcomes.some((o) => o.deal === deal.id)) {
      outcomes.push({ deal: deal.id, applied: false, reason: 'listed twice' });
      continue;
    }
    const error = checkTerms(ctx, { params: base.params, policy: base.policy, regions, agreements }, deal.terms);
    if (error) {
      outcomes.push({ deal: deal.id, applied: false, reason: `${error.field}: ${error.rule}` });
      continue;
    }
    const t = deal.terms;
    switch (t.kind) {
      case 'park': {
        const si = ctx.cityIndex.get(t.sponsor)!;
        const hi = ctx.cityIndex.get(t.host)!;
        regions[si] = { ...regions[si]!, landQuota: Math.max(0, regions[si]!.landQuota - t.landQuota) };
        regions[hi] = { ...regions[hi]!, landQuota: Math.max(0, regions[hi]!.landQuota + t.landQuota - t.space) };
        transferred[si]! -= t.landQuota;
        transferred[hi]! += t.landQuota;
        spaceGranted[hi]! += t.space;
        const park: ParkState = {
          id: parkId(t),
          deal: deal.id,
          sponsor: t.sponsor,
          host: t.host,
          mode: t.mode,
          space: t.space,
          statsShare: t.statsShare,
          taxShare: t.taxShare,
          since: round,
        };
        agreements.parks.push(park);
        // The park starts empty, expecting what its host city offers.
        const city = locations.find((l) => l.id === t.host)!;
        locations.push({ id: park.id, host: t.host, sponsor: t.sponsor, stock: zeroVec(), hunters: 0, arrivals: zeroVec(), newcomers: zeroVec(), expected: { ...city.expected }, realised: { ...city.realised } });
        break;
      }
      case 'corridor':
        agreements.corridors.push({ deal: deal.id, members: [...t.members] });
        break;
      case 'cooperation-zone':
        agreements.zones.push({ deal: deal.id, members: [...t.members] });
        break;
      case 'platform':
        agreements.platforms.push({ deal: deal.id, members: [...t.members], subsidyCap: t.subsidyCap, techTrading: t.techTrading });
        break;
    }
    outcomes.push({ deal: deal.id, applied: true, reason: null });
  }
  return { regions, locations, agreements, transferred, spaceGranted, outcomes };
}
