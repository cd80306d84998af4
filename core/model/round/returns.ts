/**
 * Realised returns where factors now are (docs/model.md "2. Returns"; §1.1, §1.2, §2.1,
 * §3.2): environment, agglomeration and knowledge spillovers of the city, minus congestion
 * where one sits. The formulas are ../returns.ts; this step gathers each city's and park's
 * conditions.
 */
import { FACTORS, mapVec, sumVec, zeroVec, type Factor, type FactorVec } from '../factors';
import { attractionOf } from '../hunters';
import { baseReturns, congestionOf, spillovers, type BaseReturn } from '../returns';
import { zeroArr, type RoundFrame } from './frame';
import type { Land } from './land';
import type { Moves } from './moves';

/** A location's return before subsidies, and the parts that are its own rather than its city's. */
export interface LocationReturn {
  congestion: number;
  /** A park operator's services (§4.3); 0 in a city. */
  attraction: number;
  base: FactorVec;
}

export interface Returns {
  /** Spillover multiplier of each city. */
  spill: number[];
  /** Genuine factors physically in each city, its parks included, and their sum (the mass X). */
  cityStock: FactorVec[];
  mass: number[];
  /** Hunters admitted in each city, its parks included. */
  cityHunters: number[];
  /** Each city's base return per factor, part by part. */
  cities: Record<Factor, BaseReturn>[];
  /** Each location's: its city's, with a park's own congestion and attraction. */
  locations: LocationReturn[];
}

export function realiseReturns(frame: RoundFrame, land: Land, moves: Moves, hunters: readonly number[]): Returns {
  const { ctx, p, cities, n, locs, hostOf, parkOf, cityLoc, geo } = frame;
  const { regions } = land;
  const newStock = moves.stock;
  const spill = spillovers(ctx, frame.state.regions.map((r) => r.knowledge), geo.hours, geo.reach);
  // Agglomeration counts every genuine factor in the city, parks included (the park's
  // firms work inside the host's ecosystem); congestion is felt where one sits: a park has
  // its own space, the city's own location the city's innovation space.
  const cityStock = cities.map(() => zeroVec());
  const cityHunters = zeroArr(n);
  locs.forEach((_, j) => {
    const h = hostOf[j]!;
    for (const f of FACTORS) cityStock[h]![f] += newStock[j]![f];
    cityHunters[h]! += hunters[j]!;
  });
  const mass = cityStock.map(sumVec);
  // Everyone in the city crowds its housing and services, parks' tenants included; a park's
  // own space relieves only its tenants, and only in part (parkShelter, below).
  const ownCrowd = cities.map((_, i) => mass[i]! + cityHunters[i]!);
  const cityReturns = cities.map((_, i) =>
    baseReturns(ctx, { mass: mass[i]!, crowd: ownCrowd[i]!, environment: regions[i]!.environment, space: regions[i]!.innovationSpace }, spill[i]!, frame.downturn),
  );
  // A park: its host's environment, agglomeration and spillovers, its operator's services,
  // and crowding: its own space's, but its tenants still live and commute in the city, so
  // they escape only a share (parkShelter) of the city's congestion (§4.2).
  const locBase = locs.map((_, j) => {
    const city = cityReturns[hostOf[j]!]!;
    const park = parkOf[j];
    if (!park) return { congestion: city.talent.congestion, attraction: 0, base: mapVec((f) => city[f].base) };
    const own = congestionOf(ctx, sumVec(newStock[j]!) + hunters[j]!, park.space * p.parkDensity);
    const congestion = p.parkShelter * own + (1 - p.parkShelter) * city.talent.congestion;
    const attraction = attractionOf(ctx, park.mode);
    return { congestion, attraction, base: mapVec((f) => city[f].base + city[f].congestion - congestion + attraction) };
  });
  return { spill, cityStock, mass, cityHunters, cities: cityReturns, locations: locBase };
}
