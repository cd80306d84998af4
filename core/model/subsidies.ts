/**
 * Who pays which subsidy where (docs/model.md "2. Returns" and "8. Fiscal"): subsidies are
 * paid to newcomers, on arrival (§4.1, `owedUnits`), and
 * - a city pays its own rate on newcomers to it from elsewhere, its parks included (the
 *   host's side of "both sides' policies", §3.2);
 * - a sponsor pays its park rate on every newcomer to each park it sponsors;
 * - inside a cooperation zone the members' rates are pooled (§2.2): one rate, the
 *   GDP-weighted mean of what members announce, paid everywhere in the zone, the bill split
 *   by GDP shares;
 * - a national cap (an event) cuts every rate to the cap; a coordination platform's cap
 *   (§4.3) is a promise: a member may break it, and the breach is made public.
 */
import type { Decisions } from '../protocol/decisions';
import type { Agreements, CapBreach, LocationState } from '../protocol/state';
import type { ModelContext } from './context';
import { FACTORS, mapVec, zeroVec, type FactorVec } from './factors';

export interface Payer {
  payer: number;
  /** The host city's side (owed on newcomers from another city) or a park sponsor's (owed on every newcomer). */
  side: 'host' | 'sponsor';
  rate: FactorVec;
}

export interface Schedule {
  /** Per location: who pays what per unit. */
  payers: Payer[][];
  /** Per location: total announced subsidy per unit (what movers expect to get). */
  total: FactorVec[];
  /** Per location: the part the host city side pays and the part a park's sponsor pays. */
  hostSide: FactorVec[];
  sponsorSide: FactorVec[];
  /** Per city: the rate paid in the city after the national cap and zone pooling. */
  cityRate: FactorVec[];
  breaches: CapBreach[];
}

const cut = (rate: FactorVec, cap: number | null): FactorVec => (cap === null ? { ...rate } : mapVec((f) => Math.min(rate[f], cap)));

export function subsidySchedule(
  ctx: ModelContext,
  locations: readonly LocationState[],
  agreements: Agreements,
  decisionOf: (city: number) => Decisions | undefined,
  nationalCap: number | null,
): Schedule {
  const cities = ctx.scenario.regions;
  const n = cities.length;
  const breaches: CapBreach[] = [];
  const platformOf = new Array<Agreements['platforms'][number] | undefined>(n);
  for (const pl of agreements.platforms) for (const m of pl.members) platformOf[ctx.cityIndex.get(m)!] = pl;

  const audit = (city: number, announced: FactorVec, park: string | null) => {
    const id = cities[city]!.id;
    for (const f of FACTORS) {
      if (nationalCap !== null && announced[f] > nationalCap + 1e-12) {
        breaches.push({ city: id, cap: 'national', factor: f, park, announced: announced[f], limit: nationalCap, enforced: true });
      }
      const pl = platformOf[city];
      if (pl && pl.subsidyCap !== null && Math.min(announced[f], nationalCap ?? Infinity) > pl.subsidyCap + 1e-12) {
        breaches.push({ city: id, cap: pl.deal, factor: f, park, announced: announced[f], limit: pl.subsidyCap, enforced: false });
      }
    }
  };

  const own: FactorVec[] = cities.map((_, i) => {
    const d = decisionOf(i);
    const announced = d ? d.subsidies : zeroVec();
    audit(i, announced, null);
    return cut(announced, nationalCap);
  });

  // Zone pooling: one rate per zone, paid by members in proportion to their GDP.
  const cityPayers: Payer[][] = own.map((rate, i) => [{ payer: i, side: 'host', rate }]);
  const cityRate = own.map((r) => ({ ...r }));
  for (const zone of agreements.zones) {
    const idx = zone.members.map((m) => ctx.cityIndex.get(m)!);
    const gdp = idx.reduce((s, i) => s + cities[i]!.gdp, 0);
    const pooled = mapVec((f) => idx.reduce((s, i) => s + own[i]![f] * cities[i]!.gdp, 0) / gdp);
    const payers = idx.map((i): Payer => ({ payer: i, side: 'host', rate: mapVec((f) => (pooled[f] * cities[i]!.gdp) / gdp) }));
    for (const i of idx) {
      cityPayers[i] = payers;
      cityRate[i] = pooled;
    }
  }

  const payers: Payer[][] = [];
  const total: FactorVec[] = [];
  const hostSide: FactorVec[] = [];
  const sponsorSide: FactorVec[] = [];
  for (const loc of locations) {
    const h = ctx.cityIndex.get(loc.host)!;
    const list = cityPayers[h]!.slice();
    let sponsor = zeroVec();
    if (loc.id !== loc.host) {
      const s = ctx.cityIndex.get(loc.sponsor)!;
      const announced = decisionOf(s)?.parkSubsidies[loc.id] ?? zeroVec();
      audit(s, announced, loc.id);
      sponsor = cut(announced, nationalCap);
      list.push({ payer: s, side: 'sponsor', rate: sponsor });
    }
    payers.push(list);
    hostSide.push(cityRate[h]!);
    sponsorSide.push(sponsor);
    total.push(mapVec((f) => cityRate[h]![f] + sponsor[f]));
  }
  return { payers, total, hostSide, sponsorSide, cityRate, breaches };
}

/**
 * Units a payer's subsidy is owed on at a location this round (§4.1): newcomers, paid on
 * arrival a package worth `subsidyRounds` rounds of the rate. The host city's side is owed
 * on newcomers from another city or from outside; a park sponsor's on every newcomer to its
 * park. Hunters collect and move on, so they arrive anew every round.
 */
export function owedUnits(side: Payer['side'], arrivals: FactorVec, newcomers: FactorVec, hunters: number, rounds: number): FactorVec {
  const units = side === 'host' ? arrivals : newcomers;
  return { talent: rounds * units.talent, startups: rounds * (units.startups + hunters), capital: rounds * units.capital };
}
