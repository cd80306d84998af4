/**
 * Travel times between cities: given by the scenario, or derived from coordinates as
 * great-circle distance × a detour factor at an average intercity speed, plus access
 * time. Distances enter moving costs (§1.1) and spillover decay (§2.1).
 */
import type { Scenario } from '../scenarios/schema';

const EARTH_KM = 6371;
const DETOUR = 1.3;
const SPEED_KMH = 160;
const ACCESS_HOURS = 0.4;

export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
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
