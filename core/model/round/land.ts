/**
 * Land released and science facilities funded (docs/model.md "1. Decisions", §2.3). Comes
 * after the deals took their quota: a release beyond what is left is cut. Land released for
 * innovation becomes innovation space at once, land for production becomes land firms can
 * buy; a facility's last funded round opens it.
 */
import type { RegionState } from '../../protocol/state';
import { zeroArr, type RoundFrame } from './frame';

export interface Land {
  /** Regions with this round's land and facility: the regions every later step starts from. */
  regions: RegionState[];
  /** Land quota released per city, km². */
  released: number[];
  /** Of which released as innovation space, km² (it is also built on: spacePrice). */
  space: number[];
  /** Whether a city's science facility opens this round. */
  facilityOpens: boolean[];
}

export function releaseLand(frame: RoundFrame): Land {
  const { p, n, decisionOf } = frame;
  const released = zeroArr(n);
  const space = zeroArr(n);
  const facilityOpens: boolean[] = [];
  const regions: RegionState[] = frame.deals.regions.map((r, i) => {
    const d = decisionOf(i);
    const innovation = Math.min(d.land.innovation, r.landQuota);
    const production = Math.min(d.land.production, r.landQuota - innovation);
    released[i] = innovation + production;
    space[i] = innovation;
    const funded = d.projects.scienceFacility && r.facility < p.facilityRounds;
    const facility = r.facility + (funded ? 1 : 0);
    facilityOpens[i] = funded && facility === p.facilityRounds;
    return {
      ...r,
      landQuota: Math.max(0, r.landQuota - innovation - production),
      innovationSpace: r.innovationSpace + innovation,
      productionLand: r.productionLand + production,
      facility,
      // A facility that opens lifts the environment at once (§2.3).
      environment: r.environment + (facilityOpens[i] ? p.facilityEnvironment : 0),
    };
  });
  return { regions, released, space, facilityOpens };
}
