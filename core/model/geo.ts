/**
 * Travel times between cities: given by the scenario, or derived from coordinates as
 * great-circle distance × a detour factor at an average intercity speed, plus access
 * time. Distances enter moving costs (§1.1), spillover decay (§2.1) and the distance
 * between a firm's R&D and its plant (§3.2). Rail lines (events) shorten them; corridors
 * and cooperation zones change what a trip costs between their members (§2.1, §2.2).
 */
import type { Agreements, Policy } from '../protocol/state';
import type { Scenario } from '../scenarios/schema';
import { ROLE_RANK, type ModelContext } from './context';

const EARTH_KM = 6371;
const DETOUR = 1.3;
const SPEED_KMH = 160;
const ACCESS_HOURS = 0.4;

export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const sLat = Math.sin(dLat / 2);
  const sLon = Math.sin(dLon / 2);
  const a = sLat * sLat + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * sLon * sLon;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Symmetric matrix of travel hours, indexed like `scenario.regions`; 0 on the diagonal. */
export function travelMatrix(scenario: Scenario): number[][] {
  const rs = scenario.regions;
  return rs.map((a) =>
    rs.map((b) => {
      if (a.id === b.id) return 0;
      const given = scenario.travelHours?.[a.id]?.[b.id] ?? scenario.travelHours?.[b.id]?.[a.id];
      if (given !== undefined) return given;
      // checkScenario guarantees coordinates where hours are missing.
      const km = greatCircleKm(a.lat!, a.lon!, b.lat!, b.lon!);
      return Math.round(((km * DETOUR) / SPEED_KMH + ACCESS_HOURS) * 100) / 100;
    }),
  );
}

/** Travel hours now: the scenario's, with every rail line opened so far. */
export function currentHours(ctx: ModelContext, policy: Pick<Policy, 'travel'>): number[][] {
  const hours = ctx.hours.map((row) => row.slice());
  for (const line of policy.travel) {
    const a = ctx.cityIndex.get(line.between[0]);
    const b = ctx.cityIndex.get(line.between[1]);
    if (a === undefined || b === undefined) continue;
    hours[a]![b] = line.hours;
    hours[b]![a] = line.hours;
  }
  return hours;
}

export interface Geometry {
  /** Travel hours with rail lines. */
  hours: number[][];
  /** Hours that enter a factor's moving cost: 0 inside a cooperation zone, less along a corridor. */
  move: number[][];
  /** Spillover reach λ between two cities: longer between corridor members. */
  reach: number[][];
  /** Corridor benefit of each city: exp(−hours from the core end / fade); 0 outside corridors. */
  corridorFade: number[];
}

/**
 * The core end of a corridor: its most developed member (by role, then by output), wherever
 * it is listed. Listing the members from the other end names the same corridor.
 */
export function coreEndOf(ctx: ModelContext, members: readonly number[]): number {
  let best = members[0]!;
  const rank = (i: number) => ROLE_RANK[ctx.scenario.regions[i]!.role]!;
  for (const i of members) {
    const better = rank(i) > rank(best) || (rank(i) === rank(best) && ctx.scenario.regions[i]!.gdp > ctx.scenario.regions[best]!.gdp);
    if (better) best = i;
  }
  return best;
}

/**
 * A corridor's benefit fades with distance from its core end (§2.1: Jiaxing, next to
 * Songjiang, gained; Jinhua and Xuancheng did not); between two members it is the fade of
 * the farther one. A cooperation zone is one factor market: moving inside it costs nothing (§2.2).
 */
export function geometry(ctx: ModelContext, policy: Pick<Policy, 'travel'>, agreements: Pick<Agreements, 'corridors' | 'zones'>): Geometry {
  const p = ctx.params;
  const n = ctx.hours.length;
  const hours = currentHours(ctx, policy);
  const move = hours.map((row) => row.slice());
  const reach = hours.map((row) => row.map(() => p.spilloverReach));
  const corridorFade = new Array<number>(n).fill(0);
  for (const corridor of agreements.corridors) {
    const idx = corridor.members.map((m) => ctx.cityIndex.get(m)!);
    const coreEnd = coreEndOf(ctx, idx);
    const fade = idx.map((k) => Math.exp(-hours[coreEnd]![k]! / p.corridorFade));
    idx.forEach((k, a) => (corridorFade[k] = Math.max(corridorFade[k]!, fade[a]!)));
    for (let a = 0; a < idx.length; a++) {
      for (let b = 0; b < idx.length; b++) {
        if (a === b) continue;
        const f = Math.min(fade[a]!, fade[b]!);
        const i = idx[a]!;
        const j = idx[b]!;
        move[i]![j] = Math.min(move[i]![j]!, hours[i]![j]! * (1 - p.corridorMoveDiscount * f));
        reach[i]![j] = Math.max(reach[i]![j]!, p.spilloverReach * (1 + p.corridorReach * f));
      }
    }
  }
  for (const zone of agreements.zones) {
    const idx = zone.members.map((m) => ctx.cityIndex.get(m)!);
    for (const i of idx) for (const j of idx) move[i]![j] = 0;
  }
  return { hours, move, reach, corridorFade };
}
