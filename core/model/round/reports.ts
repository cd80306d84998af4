/**
 * What the round reports per city and per park (docs/model.md "Results"): stocks and flows,
 * the decomposition of returns with the subsidy actually received, subsidies paid,
 * innovation and patents, firms, land, the treasury's arithmetic and the score.
 */
import type { ParkResult, RegionResult, ReturnParts } from '../../protocol/state';
import { FACTORS, mapVec, zeroVec, type Factor } from '../factors';
import { cityFlows } from '../mobility';
import { scoreOf, scorePartsAll } from '../score';
import type { RoundFrame } from './frame';
import type { RoundSteps } from './steps';

/** The return of factor f at location j, part by part. */
export type PartsAt = (j: number, f: Factor) => ReturnParts;

/** Subsidies actually received per unit at each location (a city past its credit limit pays part), and realised returns. */
export function returnPartsAt(frame: RoundFrame, steps: RoundSteps): PartsAt {
  const { locs, hostOf, schedule } = frame;
  const { payRatio } = steps.budgets;
  const received = locs.map((_, j) => {
    const out = zeroVec();
    for (const { payer, rate } of schedule.payers[j]!) for (const f of FACTORS) out[f] += rate[f] * payRatio[payer]!;
    return out;
  });
  return (j, f) => {
    const city = steps.returns.cities[hostOf[j]!]![f];
    const b = steps.returns.locations[j]!;
    return {
      environment: city.environment,
      agglomeration: city.agglomeration,
      spillover: city.spillover,
      congestion: b.congestion,
      attraction: b.attraction,
      downturn: city.downturn,
      subsidy: received[j]![f],
      total: b.base[f] + received[j]![f],
      expected: locs[j]!.expected[f] + schedule.total[j]![f],
    };
  };
}

/** What the region-wide measures give each city's report: its score and its subsidies to hunters and parks. */
export interface RegionShares {
  partsAt: PartsAt;
  toHunters: readonly number[];
  parkPaid: readonly number[];
}

export function regionResults(frame: RoundFrame, steps: RoundSteps, shares: RegionShares): RegionResult[] {
  const { ctx, state, cities, n, locs, hostOf, cityLoc, schedule } = frame;
  const { land, moves, returns, innovation, sited, budgets } = steps;
  const { partsAt, toHunters, parkPaid } = shares;
  const scores = scorePartsAll(budgets.regions, state.baseline, frame.round, state.scoring.weights);
  // Flows into and out of each city (its parks included), moves inside a city left out.
  const { into: cityIn, out: cityOut } = cityFlows(moves.flows, hostOf, n);
  // Genuine factors in each city at the end of the round (births and maturing included).
  const endStock = cities.map(() => zeroVec());
  locs.forEach((_, j) => {
    for (const f of FACTORS) endStock[hostOf[j]!]![f] += innovation.stock[j]![f];
  });
  return budgets.regions.map((r, i) => {
    const own = cityLoc[i]!;
    const inflow = cityIn[i]!;
    const outflow = cityOut[i]!;
    const parts = scores[i]!;
    return {
      id: r.id,
      stock: endStock[i]!,
      hunters: returns.cityHunters[i]!,
      inflow,
      outflow,
      returns: mapVec((f) => partsAt(own, f)),
      subsidies: { ...schedule.cityRate[i]! },
      subsidiesPaid: mapVec((f) => budgets.bills[i]![f] * budgets.payRatio[i]!),
      subsidiesToHunters: toHunters[i]!,
      parkSubsidiesPaid: parkPaid[i]!,
      innovation: innovation.credited[i]!,
      innovationLocal: innovation.cityQ[i]!,
      patents: innovation.patents[i]! + sited.transferredPatents[i]!,
      inventionPatents: sited.inventionPatents[i]!,
      patentsTransferred: sited.transferredPatents[i]!,
      output: r.output,
      outputParts: budgets.outputParts[i]!,
      firms: { ...sited.firms[i]!, producing: r.firms },
      industrialBase: { ...r.industrialBase },
      land: {
        released: land.released[i]!,
        used: sited.landUsed[i]!,
        transferred: frame.deals.transferred[i]!,
        quotaLeft: r.landQuota,
        freeProductionLand: Math.max(0, r.productionLand - r.landUsed),
      },
      environment: r.environment,
      knowledge: r.knowledge,
      fiscal: budgets.fiscal[i]!,
      score: scoreOf(parts, state.scoring.weights),
      scoreParts: parts,
    };
  });
}

/** Each park: its factors and flows, returns, both sides' subsidies, how its innovation, tax and firms split. */
export function parkResults(frame: RoundFrame, steps: RoundSteps, partsAt: PartsAt): ParkResult[] {
  const { p, locs, L, hostOf, parkOf, schedule } = frame;
  const { moves, hunters, innovation, sited } = steps;
  const { locQ, absorb } = innovation;
  const flowMatrix = moves.flows;
  const parks: ParkResult[] = [];
  locs.forEach((l, j) => {
    const park = parkOf[j];
    if (!park) return;
    const value = p.innovationToOutput * locQ[j]! * absorb[hostOf[j]!]!;
    const inflow = zeroVec();
    const outflow = zeroVec();
    for (const f of FACTORS) {
      for (let k = 0; k <= L; k++) {
        if (k === j) continue;
        inflow[f] += flowMatrix[f][k]![j]!;
        outflow[f] += flowMatrix[f][j]![k]!;
      }
    }
    parks.push({
      id: l.id,
      deal: park.deal,
      sponsor: park.sponsor,
      host: park.host,
      mode: park.mode,
      stock: { ...innovation.stock[j]! },
      hunters: hunters[j]!,
      inflow,
      outflow,
      returns: mapVec((f) => partsAt(j, f)),
      subsidyHost: mapVec((f) => schedule.hostSide[j]![f]),
      subsidySponsor: mapVec((f) => schedule.sponsorSide[j]![f]),
      innovation: locQ[j]!,
      innovationToSponsor: locQ[j]! * park.statsShare,
      innovationToHost: locQ[j]! * (1 - park.statsShare),
      taxToSponsor: p.taxRate * value * park.taxShare,
      taxToHost: p.taxRate * value * (1 - park.taxShare),
      matured: innovation.matured[j]!,
      ...sited.parkFirms[j]!,
      inventionShare: innovation.inventionShare[j]!,
    });
  });
  return parks;
}
