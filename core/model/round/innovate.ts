/**
 * Innovation, its credit and patents, startups born and matured (docs/model.md "6.
 * Innovation, knowledge, patents, incubation"; §2 step 6, §3.2). Innovation happens over the
 * genuine factors physically in each city, with the round's productivity shock; a park's
 * statistics, innovation value and tax are split between host and sponsor by its deal.
 */
import type { FactorVec } from '../factors';
import { absorbOf, innovationOf, inventionShareOf, locationShare } from '../innovation';
import { qualityOf } from '../returns';
import { normal } from '../rng';
import { zeroArr, type RoundFrame } from './frame';
import type { Land } from './land';
import type { Moves } from './moves';
import type { Returns } from './returns';

/** Per city unless said: who is credited with the innovation, its value and its patents. */
export interface Credit {
  credited: number[];
  innovationValue: number[];
  /** Innovation value each city taxes (a park's split by its tax share). */
  taxableInnovation: number[];
  parkTax: number[];
  patents: number[];
  invention: number[];
  /** Per location: the invention share of its patents, by the R&D quality of its host. */
  inventionShare: number[];
}

export interface Innovation extends Credit {
  /** Output each city's industries make from other platform members' innovations (technology trading, §4.3). */
  licensed: number[];
  /** R&D quality of each city, relative to the scenario's average at the start. */
  quality: number[];
  /** Innovation in each city, and each location's part of its host's. */
  cityQ: number[];
  locQ: number[];
  /** Industrial base of each city by sector index, and how much innovation it absorbs. */
  base: number[][];
  absorb: number[];
  /** Per location: startups born from innovation and startups that finished incubation. */
  born: number[];
  matured: number[];
  /** Genuine factors at each location at the end of the round: after births and maturing. */
  stock: FactorVec[];
}

export function innovate(frame: RoundFrame, land: Land, moves: Moves, returns: Returns): Innovation {
  const { ctx, p, cities, sectors, locs, hostOf, random } = frame;
  const { regions } = land;
  const { cityStock, mass, spill } = returns;
  const newStock = moves.stock;
  const quality = cities.map((_, i) => qualityOf(ctx, regions[i]!.environment, mass[i]!, spill[i]!) / ctx.qualityRef);
  const cityQ = cities.map((c, i) => {
    const shock = Math.exp(p.productivityShock * normal(random) - (p.productivityShock * p.productivityShock) / 2);
    return innovationOf(ctx, c.productivity, regions[i]!.environment, cityStock[i]!) * shock;
  });
  const locQ = locs.map((_, j) => cityQ[hostOf[j]!]! * locationShare(ctx, newStock[j]!, cityStock[hostOf[j]!]!));
  const base = regions.map((r) => sectors.map((s) => r.industrialBase[s]!));
  const absorb = base.map((b) => absorbOf(ctx, b));
  const credit = creditInnovation(frame, locQ, absorb, quality);
  // Technology trading on a coordination platform (§4.3): members' industries license one
  // another's innovations, the nearer the more, and turn them into output as far as they
  // absorb innovation. Every member gains; a member that broke the platform's cap does not.
  const licensed = cities.map((_, i) => {
    let sum = 0;
    for (let k = 0; k < cities.length; k++) {
      if (k === i || !frame.tradesTechnology(i, k)) continue;
      sum += cityQ[k]! * Math.exp(-frame.geo.hours[i]![k]! / p.spilloverReach);
    }
    return p.techLicensing * p.innovationToOutput * sum * absorb[i]!;
  });
  licensed.forEach((x, i) => {
    credit.innovationValue[i]! += x;
    credit.taxableInnovation[i]! += x;
  });

  // Startups born from innovation and startups that finished incubation.
  const born = locQ.map((q, j) => p.startupBirth * ctx.birthRate[hostOf[j]!]! * q);
  // A park is an incubator: its startups finish incubation faster (§3.2.1).
  const matured = newStock.map((s, j) => Math.min(1, p.maturation * (frame.parkOf[j] ? p.parkIncubation : 1)) * s.startups);
  const stock = newStock.map((s, j) => ({ ...s, startups: s.startups + (born[j]! - matured[j]!) }));
  return { ...credit, licensed, quality, cityQ, locQ, base, absorb, born, matured, stock };
}

/** Credit innovation, its value and patents: a park's statistics are split by its deal. */
function creditInnovation(frame: RoundFrame, locQ: readonly number[], absorb: readonly number[], quality: readonly number[]): Credit {
  const { ctx, p, n, locs, hostOf, sponsorOf, parkOf } = frame;
  const credited = zeroArr(n);
  const innovationValue = zeroArr(n);
  const taxableInnovation = zeroArr(n);
  const parkTax = zeroArr(n);
  const patents = zeroArr(n);
  const invention = zeroArr(n);
  const inventionShare = locs.map((_, j) => inventionShareOf(ctx, quality[hostOf[j]!]!));
  locs.forEach((_, j) => {
    const h = hostOf[j]!;
    const q = locQ[j]!;
    const value = p.innovationToOutput * q * absorb[h]!;
    const park = parkOf[j];
    const toSponsor = park ? park.statsShare : 0;
    const taxToSponsor = park ? park.taxShare : 0;
    const s = sponsorOf[j]!;
    credited[h]! += q * (1 - toSponsor);
    credited[s]! += q * toSponsor;
    innovationValue[h]! += value * (1 - toSponsor);
    innovationValue[s]! += value * toSponsor;
    taxableInnovation[h]! += value * (1 - taxToSponsor);
    taxableInnovation[s]! += value * taxToSponsor;
    if (park) {
      parkTax[h]! += p.taxRate * value * (1 - taxToSponsor);
      parkTax[s]! += p.taxRate * value * taxToSponsor;
    }
    const pat = p.patentsPerInnovation * q;
    patents[h]! += pat * (1 - toSponsor);
    patents[s]! += pat * toSponsor;
    invention[h]! += pat * inventionShare[j]! * (1 - toSponsor);
    invention[s]! += pat * inventionShare[j]! * toSponsor;
  });
  return { credited, innovationValue, taxableInnovation, parkTax, patents, invention, inventionShare };
}
