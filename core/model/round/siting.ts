/**
 * Production siting (docs/model.md "7. Production siting"; §3.2, Fig. 5): matured startups
 * become firms, split by sector in proportion to the base they were incubated in, and pick
 * where to produce (../firms.ts) after the old firms closed and freed their land. Then every
 * firm is counted where it went: by city, by park, by R&D × production pair and quadrant;
 * the land it bought, and the patents a firm producing away from its R&D city takes along.
 */
import type { FirmCounts, ParkResult, Quadrant, RegionState } from '../../protocol/state';
import { siteFirms, type Cohort, type Siting } from '../firms';
import { emptyQuadrant, quadrantKey } from '../quadrant';
import { zeroArr, type RoundFrame } from './frame';
import type { Innovation } from './innovate';
import type { Land } from './land';

export type ParkFirms = Pick<ParkResult, 'returnedToSponsor' | 'producedInHost' | 'producedElsewhere' | 'left'>;

export interface SitedFirms {
  /** Regions after the old firms closed (their production and land freed). */
  regions: RegionState[];
  cohorts: Cohort[];
  siting: Siting;
  /** Per city: the round's firm counts; per location: where a park's firms went. */
  firms: Omit<FirmCounts, 'producing'>[];
  parkFirms: ParkFirms[];
  /** Per city: producing firms and their value added, after closures and this round's firms. */
  firmCount: number[];
  production: number[];
  /** Per city: production land bought this round and what it sold for. */
  landUsed: number[];
  landSales: number[];
  /** Per city: patents firms brought from elsewhere and the knowledge they carry. */
  transferredPatents: number[];
  transferredKnowledge: number[];
  /** Per city: every invention patent of the round, from its own innovation and brought by firms. */
  inventionPatents: number[];
  /** New firms and their value added by R&D city × production city, row-major. */
  pairFirms: Float64Array;
  pairValue: Float64Array;
  /** New firms by quadrant: count, mean value, mean profit per firm. */
  quadrant: Quadrant;
  firmsSited: number;
  firmsLeft: number;
}

export function siteProduction(frame: RoundFrame, land: Land, innovation: Innovation): SitedFirms {
  const { ctx, p, cities, geo, tradesTechnology } = frame;
  const cohorts = cohortsOf(frame, innovation);
  // Firms close at a steady rate and free their land.
  const exitKeep = 1 - p.firmExit;
  const regions = land.regions.map((r) => ({ ...r, firms: r.firms * exitKeep, production: r.production * exitKeep, landUsed: r.landUsed * exitKeep }));
  const outputPerHead = regions.map((r, i) => r.output / cities[i]!.population / ctx.outputPerHeadRef);
  const siteHours = geo.hours.map((row, a) => row.map((hrs, b) => (tradesTechnology(a, b) ? hrs * (1 - p.techTrading) : hrs)));
  const siteCities = regions.map((r, i) => ({ outputPerHead: outputPerHead[i]!, freeLand: Math.max(0, r.productionLand - r.landUsed), base: innovation.base[i]! }));
  const siting = siteFirms(ctx, cohorts, siteCities, siteHours);
  return { regions, cohorts, siting, ...tally(frame, innovation, regions, cohorts, siting) };
}

/** The matured firms of each location, by sector. */
function cohortsOf(frame: RoundFrame, innovation: Innovation): Cohort[] {
  const { sectors, locs, hostOf, sponsorOf, parkOf } = frame;
  const { matured, base, quality } = innovation;
  const cohorts: Cohort[] = [];
  locs.forEach((_, j) => {
    if (matured[j]! <= 0) return;
    const h = hostOf[j]!;
    const s = sponsorOf[j]!;
    // A park incubates firms in both sides' sectors; a city in its own.
    const mix = sectors.map((_, k) => (base[h]![k]! + base[s]![k]!) / 2);
    const mixSum = mix.reduce((a, b) => a + b, 0);
    mix.forEach((w, k) => {
      if (w <= 0) return;
      cohorts.push({ location: j, rd: h, pull: parkOf[j] ? s : -1, sector: k, firms: (matured[j]! * w) / mixSum, quality: quality[h]! });
    });
  });
  return cohorts;
}

/** What the tally of the sited firms adds to the siting itself. */
type Tally = Omit<SitedFirms, 'regions' | 'cohorts' | 'siting'>;

/** Count every (cohort, city) where firms sited, then those that stayed without land or left. */
function tally(frame: RoundFrame, innovation: Innovation, regions: readonly RegionState[], cohorts: readonly Cohort[], siting: Siting): Tally {
  const { ctx, p, cities, n, locs, hostOf, sponsorOf, parkOf, tradesTechnology } = frame;
  const { born, matured, inventionShare } = innovation;
  const firms = cities.map(() => ({ incubated: 0, matured: 0, producedHere: 0, lost: 0, left: 0, returned: 0 }));
  locs.forEach((_, j) => {
    firms[hostOf[j]!]!.incubated += born[j]!;
    firms[hostOf[j]!]!.matured += matured[j]!;
  });
  const parkFirms = locs.map(() => ({ returnedToSponsor: 0, producedInHost: 0, producedElsewhere: 0, left: 0 }));
  const landUsed = zeroArr(n);
  const landSales = zeroArr(n);
  const transferredPatents = zeroArr(n);
  const transferredKnowledge = zeroArr(n);
  // Patents carried by firms add to the invention patents credited by innovation.
  const inventionPatents = innovation.invention.slice();
  const pairFirms = new Float64Array(n * n);
  const pairValue = new Float64Array(n * n);
  const quadrant = emptyQuadrant();
  let firmsSited = 0;
  let firmsLeft = 0;
  const production = regions.map((r) => r.production);
  const firmCount = regions.map((r) => r.firms);
  const site = (k: number, r: number, count: number, value: number, landPrice: number, wage: number, stayed: boolean) => {
    const c = cohorts[k]!;
    const j = c.location;
    firmsSited += count;
    firms[r]!.producedHere += count;
    if (r !== c.rd) firms[c.rd]!.lost += count;
    if (parkOf[j]) {
      const pf = parkFirms[j]!;
      if (r === sponsorOf[j]) {
        pf.returnedToSponsor += count;
        firms[r]!.returned += count;
      } else if (r === c.rd) pf.producedInHost += count;
      else pf.producedElsewhere += count;
    }
    firmCount[r]! += count;
    production[r]! += count * value;
    if (!stayed) {
      landUsed[r]! += count * p.landPerFirm;
      landSales[r]! += count * landPrice;
    }
    if (r !== c.rd) {
      // Patents travel with the firm (§3.2: 40+ patents, 30% invention) and seed local knowledge.
      const trading = tradesTechnology(c.rd, r) ? 1 + p.techTrading : 1;
      const pat = count * p.patentsPerFirm;
      transferredPatents[r]! += pat;
      inventionPatents[r]! += pat * inventionShare[j]!;
      transferredKnowledge[r]! += pat * p.patentKnowledge * trading;
    }
    pairFirms[c.rd * n + r]! += count;
    pairValue[c.rd * n + r]! += count * value;
    const cell = quadrant[quadrantKey(ctx.isCore[c.rd]!, ctx.isCore[r]!)];
    cell.firms += count;
    cell.value += count * value;
    cell.profit += count * (value - landPrice - wage);
  };
  for (let k = 0; k < cohorts.length; k++) {
    const c = cohorts[k]!;
    for (let r = 0; r < n; r++) {
      const count = siting.placed[k * n + r]!;
      if (count > 0) site(k, r, count, siting.value[k * n + r]!, siting.landPrice[r]!, siting.wage[r]!, false);
    }
    // Staying without land: rent at the local land price, paid to no treasury.
    if (siting.stayed[k]! > 0) site(k, c.rd, siting.stayed[k]!, siting.stayValue[k]!, 0, siting.wage[c.rd]! + siting.landPrice[c.rd]!, true);
    const gone = siting.left[k]!;
    if (gone > 0) {
      firms[c.rd]!.left += gone;
      firmsLeft += gone;
      parkFirms[c.location]!.left += gone;
    }
  }
  for (const cell of Object.values(quadrant)) {
    // Report means per firm: the chart compares what a firm gets in each quadrant.
    if (cell.firms > 0) {
      cell.value /= cell.firms;
      cell.profit /= cell.firms;
    }
  }
  return {
    firms, parkFirms, firmCount, production, landUsed, landSales, transferredPatents, transferredKnowledge,
    inventionPatents, pairFirms, pairValue, quadrant, firmsSited, firmsLeft,
  };
}
