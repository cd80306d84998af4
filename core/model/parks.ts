/**
 * Park capacity (§3.2, §4.2): a reverse-enclave park holds only the innovation space its host
 * granted. Newcomers beyond it are turned away and take their other choices. Space is taken
 * by people and firms (talent and startups); venture capital needs no incubator place, so it
 * is not turned away (it still crowds the park's returns).
 */
import type { LocationState, ParkState } from '../protocol/state';
import type { Factor, FactorVec } from './factors';

/** The factors that take a park's space. */
const SPACE_TAKERS = ['talent', 'startups'] as const satisfies readonly Factor[];

/**
 * Cap each park at its capacity. Newcomers turned away from a full park take their other
 * choices in proportion to how they chose the first time (staying put included); a
 * newcomer from outside goes where the other newcomers went. Two passes: a second park
 * may fill up with the redirected.
 */
export function admitToParks(
  locs: readonly LocationState[],
  parkOf: readonly (ParkState | null)[],
  stock: FactorVec[],
  flows: Record<Factor, number[][]>,
  stay: Record<Factor, number[]>,
  unitsPerKm2: number,
): void {
  const L = locs.length;
  const full = new Array<boolean>(L).fill(false);
  const back = new Array<number>(L).fill(0);
  for (let pass = 0; pass < 2; pass++) {
    let any = false;
    back.fill(0);
    for (let j = 0; j < L; j++) {
      const park = parkOf[j];
      if (!park) continue;
      const excess = stock[j]!.talent + stock[j]!.startups - park.space * unitsPerKm2;
      if (excess <= 1e-9) continue;
      full[j] = true;
      let inflow = 0;
      for (const f of SPACE_TAKERS) for (let k = 0; k <= L; k++) if (k !== j) inflow += flows[f][k]![j]!;
      if (inflow > 0) {
        back[j] = Math.min(1, excess / inflow);
        any = true;
      }
    }
    if (!any) return;
    for (const f of SPACE_TAKERS) {
      const m = flows[f];
      for (let k = 0; k <= L; k++) {
        const row = m[k]!;
        // Everyone from k turned away by a full park, then their other choices.
        let rejected = 0;
        for (let j = 0; j < L; j++) {
          if (back[j] === 0 || j === k) continue;
          const r = row[j]! * back[j]!;
          row[j]! -= r;
          stock[j]![f] -= r;
          rejected += r;
        }
        if (rejected <= 0) continue;
        let sum = 0;
        for (let d = 0; d < L; d++) if (!full[d]) sum += d === k ? stay[f][k]! : row[d]!;
        if (sum <= 0) {
          // Nowhere else they wanted: they stay where they were (newcomers settle in the first city).
          const d = k < L ? k : locs.findIndex((l) => l.id === l.host);
          if (d !== k) row[d]! += rejected;
          stock[d]![f] += rejected;
          continue;
        }
        for (let d = 0; d < L; d++) {
          if (full[d]) continue;
          const w = d === k ? stay[f][k]! : row[d]!;
          if (w <= 0) continue;
          const amount = (rejected * w) / sum;
          if (d !== k) row[d]! += amount;
          stock[d]![f] += amount;
        }
      }
    }
  }
}
