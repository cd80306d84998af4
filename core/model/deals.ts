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
 * - a game whose settings bar parks (policy.parks false) refuses every park.
 */
import { parkId, type DealTerms, type ParkTerms, type SignedDeal } from '../protocol/deals';
import { MAX_PARKS, type Agreements, type GameState, type LocationState, type ParkState, type RegionState } from '../protocol/state';
import type { InputError } from '../protocol/validate';
import type { Scenario } from '../scenarios/schema';
import { ROLE_RANK, contextFor, type ModelContext } from './context';
import { zeroVec } from './factors';
import { currentHours } from './geo';
import { refusal, round2, type GroupKind } from '../protocol/refusals';

/** What deal rules read of a state: the public part is enough (the room and bots use it). */
export type DealState = Pick<GameState, 'params' | 'regions' | 'agreements' | 'policy'>;

const fmt = round2;

/** The first rule the terms break in this state, or null when the deal could be signed now. */
export function checkDeal(scenario: Scenario, state: DealState, terms: DealTerms): InputError | null {
  return checkTerms(contextFor(scenario, state.params), state, terms);
}

export function checkTerms(ctx: ModelContext, state: DealState, terms: DealTerms): InputError | null {
  const cities = terms.kind === 'park' ? (['sponsor', 'host'] as const).map((k) => [`terms.${k}`, terms[k]] as const) : terms.members.map((m, i) => [`terms.members.${i}`, m] as const);
  for (const [field, city] of cities) {
    if (!ctx.cityIndex.has(city)) return refusal(field, 'not-a-city', { city });
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
          return refusal(`terms.members.${i}`, 'corridor-hop', { hours: fmt(hours[a]![b]!), from: terms.members[i - 1]!, max: fmt(ctx.params.corridorHopHours) });
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
          return refusal(`terms.members.${a}`, 'zone-adjacent', { hours: fmt(ctx.params.zoneAdjacencyHours) });
        }
      }
      return memberOfAnother(terms.members, state.agreements.zones, 'zone');
    }
    case 'platform':
      return memberOfAnother(terms.members, state.agreements.platforms, 'platform');
  }
}

function memberOfAnother(members: readonly string[], existing: readonly { deal: string; members: readonly string[] }[], kind: GroupKind): InputError | null {
  for (const [i, m] of members.entries()) {
    const other = existing.find((x) => x.members.includes(m));
    if (other) return refusal(`terms.members.${i}`, 'member-of', { city: m, kind, deal: other.deal });
  }
  return null;
}

function checkPark(ctx: ModelContext, state: DealState, t: ParkTerms): InputError | null {
  // A room where parks are not allowed (settings.parks: false, the class treatment "no parks").
  if (state.policy.parks === false) return refusal('terms.kind', 'parks-barred', {});
  const roles = ctx.scenario.regions;
  const host = roles[ctx.cityIndex.get(t.host)!]!;
  const sponsor = roles[ctx.cityIndex.get(t.sponsor)!]!;
  if (!ctx.isCore[ctx.cityIndex.get(t.host)!]) {
    return refusal('terms.host', 'park-host', { host: t.host, role: host.role });
  }
  if (ROLE_RANK[sponsor.role]! >= ROLE_RANK[host.role]!) {
    return refusal('terms.sponsor', 'park-sponsor', { sponsor: t.sponsor, sponsorRole: sponsor.role, host: t.host, hostRole: host.role });
  }
  const id = parkId(t);
  if (id.length > 40) return refusal('terms.host', 'park-name', {});
  const parks = state.agreements.parks;
  // A state with more parks would fail the resolver's own schema: no round could be resolved again.
  if (parks.length >= MAX_PARKS) return refusal('terms', 'parks-full', { max: MAX_PARKS });
  if (parks.some((p) => p.id === id)) return refusal('terms.host', 'park-exists', { sponsor: t.sponsor, host: t.host });
  if (parks.filter((p) => p.host === t.host).length >= ctx.params.parksPerHost) {
    return refusal('terms.host', 'host-full', { host: t.host, max: ctx.params.parksPerHost });
  }
  if (parks.filter((p) => p.sponsor === t.sponsor).length >= ctx.params.parksPerSponsor) {
    return refusal('terms.sponsor', 'sponsor-full', { sponsor: t.sponsor, max: ctx.params.parksPerSponsor });
  }
  const s = state.regions.find((r) => r.id === t.sponsor)!;
  if (t.landQuota > s.landQuota + 1e-9) {
    return refusal('terms.landQuota', 'land-quota', { city: t.sponsor, left: fmt(s.landQuota), asked: fmt(t.landQuota) });
  }
  const h = state.regions.find((r) => r.id === t.host)!;
  // The host pays for the park's space up front (§3.1): it must be able to.
  const cost = ctx.params.landPrice * t.space;
  const available = h.treasury + ctx.params.borrowLimit * ctx.params.taxRate * h.initialOutput;
  if (cost > available + 1e-9) {
    return refusal('terms.space', 'park-cost', { host: t.host, cost: fmt(cost), space: fmt(t.space), available: fmt(Math.max(0, available)) });
  }
  if (t.space > h.landQuota + t.landQuota + 1e-9) {
    return refusal('terms.space', 'park-space', { host: t.host, total: fmt(h.landQuota + t.landQuota), own: fmt(h.landQuota), given: fmt(t.landQuota), sponsor: t.sponsor, space: fmt(t.space) });
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
