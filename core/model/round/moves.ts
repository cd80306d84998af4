/**
 * Factors move (docs/model.md "3. Expectations" and "4. Mobility"; §1.1, §1.2, §3.2, §3.3):
 * each factor's movers weigh the expected return of every location (adaptive base
 * expectation and local ties, plus the arrival bonus a move would earn) and choose by logit
 * (../mobility.ts); newcomers arrive
 * from outside as knowledge grows. A park then admits only what its space holds (§4.2),
 * and a science facility that opens brings top talent (§2.3).
 */
import { FACTORS, mapVec, sumVec, zeroVec, type Factor, type FactorVec } from '../factors';
import { moveFactor } from '../mobility';
import { admitToParks } from '../parks';
import { zeroArr, type RoundFrame } from './frame';
import type { Land } from './land';

export interface Moves {
  /** Genuine factors at each location after moves and arrivals (births come later). */
  stock: FactorVec[];
  /** Per factor, location × location with the outside last: row L arrivals, column L exits. */
  flows: Record<Factor, number[][]>;
  entered: FactorVec;
  exited: FactorVec;
  /**
   * Per location, the round's newcomers: from another city or from outside (the host
   * city's subsidy is owed on them), and from anywhere, the same city included (a park's
   * sponsor owes its rate on them). Subsidies are paid on arrival (§4.1).
   */
  arrivals: FactorVec[];
  newcomers: FactorVec[];
}

export function moveFactors(frame: RoundFrame, land: Land): Moves {
  const { ctx, p, n, locs, L, hostOf, parkOf, schedule } = frame;
  const knowledgeNow = frame.state.regions.reduce((s, r) => s + r.knowledge, 0);
  // Newcomers arrive faster as the region's knowledge grows, at most twice as fast as at the
  // start: otherwise knowledge that draws factors that make knowledge could run away.
  const growth = p.factorGrowth * Math.min(2, Math.sqrt(Math.max(knowledgeNow, 0) / ctx.knowledgeStart));
  const stock: FactorVec[] = locs.map(() => zeroVec());
  const flows = mapVec(() => Array.from({ length: L + 1 }, () => zeroArr(L + 1)));
  const entered = zeroVec();
  const exited = zeroVec();
  const stay = mapVec(() => zeroArr(L));
  // A place's size as a destination: its innovation mass, or the vacancies of space not yet filled.
  const size = locs.map((l, j) => {
    const capacity = parkOf[j] ? parkOf[j]!.space * p.parkDensity : land.regions[hostOf[j]!]!.innovationSpace;
    return Math.max(sumVec(l.stock), p.vacancy * capacity * p.spaceDensity);
  });
  const outsideSize = size.reduce((a, b) => a + b, 0) / n;
  for (const f of FACTORS) {
    const total = locs.reduce((s, l) => s + l.stock[f], 0);
    const cost = p[`moveCost.${f}`];
    const m = flows[f];
    const moves = moveFactor(
      locs.map((l, j) => ({
        host: hostOf[j]!,
        stock: l.stock[f],
        size: size[j]!,
        expected: l.expected[f],
        ties: ctx.ties[hostOf[j]!]![f],
        hostBonus: schedule.hostSide[j]![f],
        sponsorBonus: schedule.sponsorSide[j]![f],
      })),
      { share: p[`mobility.${f}`], spread: p[`tasteSpread.${f}`], cost, arrivals: growth * total, outside: p.outsideReturn - cost * p.outsideDistance, outsideSize },
      frame.geo.move,
      m,
    );
    for (let j = 0; j < L; j++) {
      stock[j]![f] = moves.stock[j]!;
      m[L]![j] = moves.entries[j]!;
      m[j]![L] = moves.exits[j]!;
      entered[f] += moves.entries[j]!;
      exited[f] += moves.exits[j]!;
      stay[f][j] = moves.stay[j]!;
    }
  }
  // A park admits factors only up to its space (its operator allots the incubator places):
  // newcomers beyond that are turned away and take their next choice (§4.2).
  admitToParks(locs, parkOf, stock, flows, stay, p.parkDensity * p.spaceDensity);
  // Top talent arrives when a facility opens (§2.3).
  for (let i = 0; i < n; i++) {
    if (!land.facilityOpens[i]) continue;
    const j = frame.cityLoc[i]!;
    const talent = p.facilityTalent * stock[j]!.talent;
    stock[j]!.talent += talent;
    flows.talent[L]![j]! += talent;
    entered.talent += talent;
  }
  return { stock, flows, entered, exited, ...newcomersOf(frame, flows) };
}

/** Newcomers at each location: from another city or outside, and from anywhere. */
export function newcomersOf(frame: Pick<RoundFrame, 'L' | 'hostOf'>, flows: Record<Factor, number[][]>): Pick<Moves, 'arrivals' | 'newcomers'> {
  const { L, hostOf } = frame;
  const arrivals = Array.from({ length: L }, zeroVec);
  const newcomers = Array.from({ length: L }, zeroVec);
  for (const f of FACTORS) {
    const m = flows[f];
    for (let k = 0; k <= L; k++) {
      const row = m[k]!;
      for (let j = 0; j < L; j++) {
        if (k === j) continue;
        const x = row[j]!;
        newcomers[j]![f] += x;
        if (k === L || hostOf[k] !== hostOf[j]) arrivals[j]![f] += x;
      }
    }
  }
  return { arrivals, newcomers };
}
