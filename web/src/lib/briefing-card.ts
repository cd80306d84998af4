/**
 * A city's briefing card before the first round, for the printed briefings (one page per
 * city, screens/Briefings.svelte): where the city stands among the others, and a suggested
 * first move read from the scenario alone. The words are in the host catalogue (`print`);
 * this only chooses what to say.
 *
 * The first move follows the paper's way out of the subsidy race (docs/scoring.md, property
 * 4; docs/model.md "Projects and deals"): a lagging city sponsors a reverse-enclave park in
 * a core or second core (§3), preferring a host strong in the same industries and then the
 * nearest; a core or second core offers one the space; a city that can do neither proposes
 * a subsidy cap on a coordination platform (§4.3).
 */
import { ROLE_RANK } from '../../../core/model/context';
import { travelMatrix } from '../../../core/model/geo';
import type { Scenario, ScenarioRegion } from '../../../core/scenarios/schema';

export type FirstMove =
  /** Propose a park in `host`, `hours` away; `shared`: industries both are strong in. */
  | { kind: 'sponsor-park'; host: string; hours: number; shared: string[] }
  /** Offer `sponsor` space for a park. */
  | { kind: 'host-park'; sponsor: string; hours: number; shared: string[] }
  | { kind: 'cap' };

export interface CityCard {
  city: string;
  region: ScenarioRegion;
  /** 1 = the largest, among the scenario's cities. */
  gdpRank: number;
  talentRank: number;
  of: number;
  firstMove: FirstMove;
}

const isHost = (r: ScenarioRegion) => r.role === 'core' || r.role === 'second-core';
const rank = (all: readonly ScenarioRegion[], me: ScenarioRegion, by: (r: ScenarioRegion) => number) => 1 + all.filter((r) => by(r) > by(me)).length;

/** The partner a move names: most industries in common, then the nearest, then the scenario's order. */
function best(candidates: { r: ScenarioRegion; hours: number; shared: string[] }[]) {
  return [...candidates].sort((a, b) => b.shared.length - a.shared.length || a.hours - b.hours)[0] ?? null;
}

export function firstMove(scenario: Scenario, city: string, hours: number[][] = travelMatrix(scenario)): FirstMove {
  const rs = scenario.regions;
  const i = rs.findIndex((r) => r.id === city);
  const me = rs[i]!;
  const partner = (j: number) => ({ r: rs[j]!, hours: hours[i]![j]!, shared: me.strengths.filter((s) => rs[j]!.strengths.includes(s)) });
  const all = rs.map((_, j) => j).filter((j) => j !== i);
  // A park needs a host of a higher role that is a core or second core (core/model/deals.ts `checkPark`).
  const hosts = all.filter((j) => isHost(rs[j]!) && ROLE_RANK[rs[j]!.role]! > ROLE_RANK[me.role]!).map(partner);
  // A host offers first to the most lagging cities (the lowest role), as the paper's parks go.
  const lowest = Math.min(...all.map((j) => ROLE_RANK[rs[j]!.role]!));
  const sponsors = isHost(me) ? all.filter((j) => ROLE_RANK[rs[j]!.role]! < ROLE_RANK[me.role]! && ROLE_RANK[rs[j]!.role]! === lowest).map(partner) : [];
  // A second core is both: it hosts (the multi-centre network, §4.1) rather than sponsors.
  const host = isHost(me) ? null : best(hosts);
  if (host) return { kind: 'sponsor-park', host: host.r.id, hours: host.hours, shared: host.shared };
  const sponsor = best(sponsors);
  if (sponsor) return { kind: 'host-park', sponsor: sponsor.r.id, hours: sponsor.hours, shared: sponsor.shared };
  return { kind: 'cap' };
}

/** Every city's card, in the scenario's order. */
export function cityCards(scenario: Scenario): CityCard[] {
  const rs = scenario.regions;
  const hours = travelMatrix(scenario);
  return rs.map((r) => ({
    city: r.id,
    region: r,
    gdpRank: rank(rs, r, (x) => x.gdp),
    talentRank: rank(rs, r, (x) => x.factors.talent),
    of: rs.length,
    firstMove: firstMove(scenario, r.id, hours),
  }));
}
