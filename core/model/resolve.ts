/**
 * One round of the flow model (flow-model.md §2): a pure function of the scenario, the
 * state, every city's decisions, the deals signed and the events injected this round. No
 * I/O, no clock; randomness comes only from the game's seed and the round number, so
 * replaying a game reproduces it byte for byte (§5.9).
 *
 * Order within a round (one "year"):
 *   0. events (rail lines, caps, downturn) and signed deals take effect (§3)
 *   1. land released; a science facility's last funded round opens it (§2.3)   (step 1)
 *   2. factors form expectations: adaptive base return + announced subsidy     (step 3)
 *   3. a share of each factor reconsiders and moves by logit                    (step 4)
 *   4. subsidy hunters go where subsidies are highest, parks screen them        (step 5)
 *   5. realised returns where factors now are                                   (step 2)
 *   6. innovation, patents, knowledge; startups born and matured                (step 6)
 *   7. mature firms site production; diffusion into industrial bases           (steps 7–8)
 *   8. output, fiscal balance, environment                                      (steps 9–10)
 *   9. expectations updated from realised returns, for the next round           (step 3)
 */
import type { SignedDeal } from '../protocol/deals';
import type { Decisions } from '../protocol/decisions';
import type { GameEvent } from '../protocol/events';
import {
  MODEL_VERSION,
  type CapBreach,
  type FirmPair,
  type GameState,
  type LocationState,
  type ParkResult,
  type ParkState,
  type Quadrant,
  type RegionResult,
  type RegionState,
  type ReturnParts,
  type RoundResult,
} from '../protocol/state';
import type { InputError } from '../protocol/validate';
import type { Scenario } from '../scenarios/schema';
import { checkDecisions, creditLimit } from './budget';
import { makeContext, type ModelContext } from './context';
import { applyDeals } from './deals';
import { applyEvents, checkEvents } from './events';
import { FACTORS, mapVec, sumVec, zeroVec, type Factor, type FactorVec } from './factors';
import { siteFirms, type Cohort } from './firms';
import { geometry } from './geo';
import { screeningOf, attractionOf, huntersPool, placeHunters } from './hunters';
import { absorbOf, innovationOf, inventionShareOf, locationShare } from './innovation';
import { gini, theil } from './metrics';
import { cityFlows, moveFactor } from './mobility';
import { admitToParks } from './parks';
import { diffusionShare, emptyQuadrant, mergePairs, pairList, quadrantKey } from './quadrant';
import { compact, consistent } from './rounding';
import { checkOverrides, resolveParams } from './params';
import { baseReturns, congestionOf, qualityOf, spillovers } from './returns';
import { mixSeed, normal, rng } from './rng';
import { scoreOf, scoreParts } from './score';
import { paidUnits, subsidySchedule } from './subsidies';
import { pow } from './math';

export type ResolveOutcome = { ok: true; state: GameState; result: RoundResult } | { ok: false; error: InputError };

/** What else happens in a round besides the cities' decisions. */
export interface RoundInputs {
  /** Deals signed during this round: they take effect in this resolution. */
  deals?: readonly SignedDeal[];
  /** Events the host injected before this round. */
  events?: readonly GameEvent[];
}

/** The state must belong to the scenario: same cities in the same order, known hosts. */
function checkState(scenario: Scenario, state: GameState): InputError | null {
  if (state.model !== MODEL_VERSION) return { field: 'state.model', rule: `must be "${MODEL_VERSION}"` };
  if (state.scenario !== scenario.id) return { field: 'state.scenario', rule: `must be "${scenario.id}"` };
  const paramError = checkOverrides(state.params);
  if (paramError) return { ...paramError, field: `state.${paramError.field}` };
  if (state.regions.length !== scenario.regions.length) {
    return { field: 'state.regions', rule: `must list the scenario's ${scenario.regions.length} cities` };
  }
  const cities = new Set(scenario.regions.map((r) => r.id));
  for (const [i, r] of scenario.regions.entries()) {
    const region = state.regions[i]!;
    if (region.id !== r.id) return { field: `state.regions.${i}.id`, rule: `must be "${r.id}"` };
    for (const s of scenario.sectors) {
      if (region.industrialBase[s] === undefined) return { field: `state.regions.${i}.industrialBase`, rule: `must have the sector "${s}"` };
    }
  }
  const ids = new Set<string>();
  for (const [i, loc] of state.locations.entries()) {
    if (ids.has(loc.id)) return { field: `state.locations.${i}.id`, rule: `duplicates "${loc.id}"` };
    ids.add(loc.id);
    for (const key of ['host', 'sponsor'] as const) {
      if (!cities.has(loc[key])) return { field: `state.locations.${i}.${key}`, rule: `"${loc[key]}" is not a city of the scenario` };
    }
    const isCity = cities.has(loc.id);
    if (isCity ? loc.host !== loc.id || loc.sponsor !== loc.id : !state.agreements.parks.some((p) => p.id === loc.id)) {
      return { field: `state.locations.${i}`, rule: isCity ? 'a city location must host and sponsor itself' : `"${loc.id}" is neither a city nor a park` };
    }
  }
  for (const r of scenario.regions) {
    if (!ids.has(r.id)) return { field: 'state.locations', rule: `must include the city "${r.id}"` };
  }
  for (const [i, p] of state.agreements.parks.entries()) {
    const loc = state.locations.find((l) => l.id === p.id);
    if (!loc || loc.host !== p.host || loc.sponsor !== p.sponsor) return { field: `state.agreements.parks.${i}`, rule: 'must match a park location' };
  }
  for (const kind of ['corridors', 'zones', 'platforms'] as const) {
    for (const [i, a] of state.agreements[kind].entries()) {
      for (const [k, m] of a.members.entries()) {
        if (!cities.has(m)) return { field: `state.agreements.${kind}.${i}.members.${k}`, rule: `"${m}" is not a city of the scenario` };
      }
    }
  }
  for (const [i, pair] of state.firmPairs.entries()) {
    if (!cities.has(pair.rd) || !cities.has(pair.prod)) return { field: `state.firmPairs.${i}`, rule: 'must name cities of the scenario' };
  }
  return null;
}

export function resolveRound(
  scenario: Scenario,
  state: GameState,
  decisions: Readonly<Record<string, Decisions>>,
  inputs: RoundInputs = {},
): ResolveOutcome {
  const stateError = checkState(scenario, state);
  if (stateError) return { ok: false, error: stateError };
  const ctx = makeContext(scenario, resolveParams(state.params));
  for (const id of Object.keys(decisions)) {
    if (!ctx.cityIndex.has(id)) return { ok: false, error: { field: `decisions.${id}`, rule: `"${id}" is not a city of this game` } };
  }
  for (const r of state.regions) {
    const d = decisions[r.id];
    if (!d) return { ok: false, error: { field: `decisions.${r.id}`, rule: 'is missing: every city needs decisions' } };
    // Checked against the state the players saw; a cap arriving with this round's events
    // cuts bids at resolution instead of refusing the round.
    const error = checkDecisions(ctx, state, r.id, d);
    if (error) return { ok: false, error: { ...error, field: `decisions.${r.id}.${error.field}` } };
  }
  const events = inputs.events ?? [];
  const eventError = checkEvents(ctx, events);
  if (eventError) return { ok: false, error: eventError };
  return { ok: true, ...advance(ctx, state, decisions, inputs.deals ?? [], events) };
}


function advance(
  ctx: ModelContext,
  state: GameState,
  decisions: Readonly<Record<string, Decisions>>,
  deals: readonly SignedDeal[],
  events: readonly GameEvent[],
): { state: GameState; result: RoundResult } {
  const p = ctx.params;
  const round = state.round + 1;
  const random = rng(mixSeed(state.seed, round, 'round'));
  const cities = ctx.scenario.regions;
  const sectors = ctx.scenario.sectors;
  const n = cities.length;
  const decisionOf = (i: number) => decisions[cities[i]!.id]!;

  // 0. Events, then deals signed this round.
  const { policy, downturn } = applyEvents(state.policy, events);
  const applied = applyDeals(ctx, { regions: state.regions, locations: state.locations, agreements: state.agreements, policy, params: state.params }, deals, round);
  const { agreements, transferred, spaceGranted } = applied;
  const locs = applied.locations;
  const L = locs.length;
  const hostOf = locs.map((l) => ctx.cityIndex.get(l.host)!);
  const sponsorOf = locs.map((l) => ctx.cityIndex.get(l.sponsor)!);
  const parkOf = locs.map((l) => agreements.parks.find((pk) => pk.id === l.id) ?? null);
  /** Location index of each city's own location. */
  const cityLoc = cities.map((c) => locs.findIndex((l) => l.id === c.id));

  // 1. Land released (after the deals took their quota: a release beyond what is left is cut),
  // and science facilities funded.
  const released = zeroArr(n);
  const facilityOpens: boolean[] = [];
  let regions: RegionState[] = applied.regions.map((r, i) => {
    const d = decisionOf(i);
    const innovation = Math.min(d.land.innovation, r.landQuota);
    const production = Math.min(d.land.production, r.landQuota - innovation);
    released[i] = innovation + production;
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

  const geo = geometry(ctx, policy, agreements);
  const schedule = subsidySchedule(ctx, locs, agreements, decisionOf, policy.subsidyCap);
  // Who broke a platform cap this round loses the platform's benefits for the round (§4.3).
  const breakers = new Set(schedule.breaches.filter((b) => !b.enforced).map((b) => ctx.cityIndex.get(b.city)!));
  const platformOf = new Array<(typeof agreements.platforms)[number] | undefined>(n);
  for (const pl of agreements.platforms) for (const m of pl.members) platformOf[ctx.cityIndex.get(m)!] = pl;
  const samePlatform = (a: number, b: number) => platformOf[a] !== undefined && platformOf[a] === platformOf[b] && !breakers.has(a) && !breakers.has(b);

  // 2–3. Expected returns and moves, factor by factor.
  const knowledgeNow = state.regions.reduce((s, r) => s + r.knowledge, 0);
  const growth = p.factorGrowth * Math.sqrt(Math.max(knowledgeNow, 0) / ctx.knowledgeStart);
  const newStock: FactorVec[] = locs.map(() => zeroVec());
  const flowMatrix = mapVec(() => Array.from({ length: L + 1 }, () => zeroArr(L + 1)));
  const entered = zeroVec();
  const exited = zeroVec();
  const stayMatrix = mapVec(() => zeroArr(L));
  // A place's size as a destination: its innovation mass, or the vacancies of space not yet filled.
  const size = locs.map((l, j) => {
    const capacity = parkOf[j] ? parkOf[j]!.space * p.parkDensity : regions[hostOf[j]!]!.innovationSpace;
    return Math.max(sumVec(l.stock), p.vacancy * capacity * p.spaceDensity);
  });
  const outsideSize = size.reduce((a, b) => a + b, 0) / n;
  for (const f of FACTORS) {
    const total = locs.reduce((s, l) => s + l.stock[f], 0);
    const cost = p[`moveCost.${f}`];
    const m = flowMatrix[f];
    const moves = moveFactor(
      locs.map((l, j) => ({ host: hostOf[j]!, stock: l.stock[f], size: size[j]!, expected: l.expected[f] + schedule.total[j]![f] })),
      { share: p[`mobility.${f}`], spread: p[`tasteSpread.${f}`], cost, arrivals: growth * total, outside: p.outsideReturn - cost * p.outsideDistance, outsideSize },
      geo.move,
      m,
    );
    for (let j = 0; j < L; j++) {
      newStock[j]![f] = moves.stock[j]!;
      m[L]![j] = moves.entries[j]!;
      m[j]![L] = moves.exits[j]!;
      entered[f] += moves.entries[j]!;
      exited[f] += moves.exits[j]!;
      stayMatrix[f][j] = moves.stay[j]!;
    }
  }
  // A park admits factors only up to its space (its operator allots the incubator places):
  // newcomers beyond that are turned away and take their next choice (§4.2).
  admitToParks(locs, parkOf, newStock, flowMatrix, stayMatrix, p.parkDensity * p.spaceDensity);
  // Top talent arrives when a facility opens (§2.3).
  for (let i = 0; i < n; i++) {
    if (!facilityOpens[i]) continue;
    const j = cityLoc[i]!;
    const talent = p.facilityTalent * newStock[j]!.talent;
    newStock[j]!.talent += talent;
    flowMatrix.talent[L]![j]! += talent;
    entered.talent += talent;
  }

  // 4. Subsidy hunters (§4.1), screened by who runs each location (§4.3).
  const screening = locs.map((_, j) => screeningOf(ctx, parkOf[j] ?? null, (a, b) => samePlatform(a, b), hostOf[j]!, sponsorOf[j]!));
  const pool = huntersPool(ctx, locs, newStock, schedule.total);
  const hunters = placeHunters(ctx, pool, schedule.total, screening);

  // 5. Realised returns where factors now are.
  const spill = spillovers(ctx, state.regions.map((r) => r.knowledge), geo.hours, geo.reach);
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
  const ownCrowd = cities.map((_, i) => sumVec(newStock[cityLoc[i]!]!) + hunters[cityLoc[i]!]!);
  const cityReturns = cities.map((_, i) =>
    baseReturns(ctx, { mass: mass[i]!, crowd: ownCrowd[i]!, environment: regions[i]!.environment, space: regions[i]!.innovationSpace }, spill[i]!, downturn),
  );
  // A park: its host's environment, agglomeration and spillovers, its own crowding, its
  // operator's services.
  const locBase = locs.map((_, j) => {
    const city = cityReturns[hostOf[j]!]!;
    const park = parkOf[j];
    if (!park) return { congestion: city.talent.congestion, attraction: 0, base: mapVec((f) => city[f].base) };
    const congestion = congestionOf(ctx, sumVec(newStock[j]!) + hunters[j]!, park.space * p.parkDensity);
    const attraction = attractionOf(ctx, park.mode);
    return { congestion, attraction, base: mapVec((f) => city[f].base + city[f].congestion - congestion + attraction) };
  });

  // 6. Innovation over genuine factors physically in each city.
  const quality = cities.map((_, i) => qualityOf(ctx, regions[i]!.environment, mass[i]!, spill[i]!) / ctx.qualityRef);
  const cityQ = cities.map((c, i) => {
    const shock = Math.exp(p.productivityShock * normal(random) - (p.productivityShock * p.productivityShock) / 2);
    return innovationOf(ctx, c.productivity, regions[i]!.environment, cityStock[i]!) * shock;
  });
  const locQ = locs.map((_, j) => cityQ[hostOf[j]!]! * locationShare(ctx, newStock[j]!, cityStock[hostOf[j]!]!));
  const base = regions.map((r) => sectors.map((s) => r.industrialBase[s]!));
  const absorb = base.map((b) => absorbOf(ctx, b));

  // Credit innovation, its value and patents: a park's statistics are split by its deal.
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

  // Startups born from innovation and startups that finished incubation.
  const born = locQ.map((q, j) => p.startupBirth * ctx.birthRate[hostOf[j]!]! * q);
  const matured = newStock.map((s) => p.maturation * s.startups);
  locs.forEach((_, j) => (newStock[j]!.startups += born[j]! - matured[j]!));

  // 7. Production siting of the matured firms (§3.2, Fig. 5), then diffusion (§3.3).
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
  // Firms close at a steady rate and free their land.
  const exitKeep = 1 - p.firmExit;
  regions = regions.map((r) => ({ ...r, firms: r.firms * exitKeep, production: r.production * exitKeep, landUsed: r.landUsed * exitKeep }));
  const outputPerHead = regions.map((r, i) => r.output / cities[i]!.population / ctx.outputPerHeadRef);
  const siteHours = geo.hours.map((row, a) => row.map((hrs, b) => (samePlatform(a, b) && platformOf[a]!.techTrading ? hrs * (1 - p.techTrading) : hrs)));
  const siteCities = regions.map((r, i) => ({ outputPerHead: outputPerHead[i]!, freeLand: Math.max(0, r.productionLand - r.landUsed), base: base[i]! }));
  const siting = siteFirms(ctx, cohorts, siteCities, siteHours);

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
  // New firms this round by R&D city × production city: firms and value added, row-major.
  const pairFirms = new Float64Array(n * n);
  const pairValue = new Float64Array(n * n);
  const quadrant = emptyQuadrant();
  let firmsSited = 0;
  let firmsLeft = 0;
  const production = regions.map((r) => r.production);
  const firmCount = regions.map((r) => r.firms);
  // Every (cohort, city) where firms sited, then those that stayed without land or left.
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
      const trading = samePlatform(c.rd, r) && platformOf[r]!.techTrading ? 1 + p.techTrading : 1;
      const pat = count * p.patentsPerFirm;
      transferredPatents[r]! += pat;
      invention[r]! += pat * inventionShare[j]!;
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
  // Diffusion: new firms raise the base of their sector and of related sectors (§3.3);
  // a technology-trading platform between R&D city and plant makes it go further (§4.3).
  const newBase = base.map((b) => b.slice());
  const diffuse = (k: number, r: number, addedValue: number) => {
    const c = cohorts[k]!;
    const trading = r !== c.rd && samePlatform(c.rd, r) && platformOf[r]!.techTrading ? 1 + p.techTrading : 1;
    const gain = (p.baseGain * addedValue * trading) / Math.max(regions[r]!.output, 1e-9);
    newBase[r]![c.sector]! += gain;
    for (const s of ctx.related[c.sector]!) newBase[r]![s]! += gain * p.relatedShare;
  };
  for (let k = 0; k < cohorts.length; k++) {
    for (let r = 0; r < n; r++) {
      const count = siting.placed[k * n + r]!;
      if (count > 0) diffuse(k, r, count * siting.value[k * n + r]!);
    }
    if (siting.stayed[k]! > 0) diffuse(k, cohorts[k]!.rd, siting.stayed[k]! * siting.stayValue[k]!);
  }

  // 8. Output, fiscal balance, environment.
  const subsidyUnits = locs.map((_, j) => paidUnits({ stock: newStock[j]!, hunters: hunters[j]! }));
  const bills = cities.map(() => zeroVec());
  schedule.payers.forEach((list, j) => {
    for (const { payer, rate } of list) for (const f of FACTORS) bills[payer]![f] += rate[f] * subsidyUnits[j]![f];
  });
  const payRatio = zeroArr(n);
  const nextRegions: RegionState[] = [];
  const fiscal: RegionResult['fiscal'][] = [];
  const outputParts: RegionResult['outputParts'][] = [];
  regions.forEach((r, i) => {
    const d = decisionOf(i);
    const baseOutput = r.baseOutput * (1 + p.baseGrowth - downturn * p.downturnDepth);
    const output = baseOutput + innovationValue[i]! + production[i]!;
    const tax = p.taxRate * (baseOutput + production[i]!) + p.taxRate * taxableInnovation[i]!;
    const land = p.landPrice * (released[i]! + spaceGranted[i]!);
    const projects = d.projects.scienceFacility && state.regions[i]!.facility < p.facilityRounds ? p.facilityCost : 0;
    const before = r.treasury + tax + landSales[i]! - land - d.environment - projects;
    const owed = sumVec(bills[i]!);
    const ratio = owed <= 0 ? 1 : Math.min(1, Math.max(0, before + creditLimit(ctx, r)) / owed);
    payRatio[i] = ratio;
    const paid = owed * ratio;
    fiscal.push({ start: r.treasury, tax, parkTax: parkTax[i]!, landSales: landSales[i]!, subsidies: paid, environment: d.environment, land, projects, end: before - paid });
    outputParts.push({ base: baseOutput, innovation: innovationValue[i]!, production: production[i]! });
    // Environment: decays slowly, is rebuilt by investment and sustained by innovation density (step 10).
    const density = pow(Math.max(mass[i]!, 1e-9) / Math.max(ctx.mass0[i]!, 1e-9), p.environmentDensity);
    const environment = Math.min(1000, r.environment * (1 - p.environmentDecay) + p.environmentDecay * cities[i]!.environment * density + p.environmentPerMoney * d.environment);
    nextRegions.push({
      ...r,
      treasury: before - paid,
      knowledge: (1 - p.knowledgeDecay) * r.knowledge + cityQ[i]! + transferredKnowledge[i]!,
      output,
      baseOutput,
      production: production[i]!,
      firms: firmCount[i]!,
      landUsed: r.landUsed + landUsed[i]!,
      environment,
      cumulativeInnovation: r.cumulativeInnovation + credited[i]!,
      patents: r.patents + patents[i]! + transferredPatents[i]!,
      inventionPatents: r.inventionPatents + invention[i]!,
      industrialBase: Object.fromEntries(sectors.map((s, k) => [s, newBase[i]![k]!])),
      subsidiesPaid: paid,
    });
  });

  // Subsidies actually received per unit at each location, and realised returns.
  const received = locs.map((_, j) => {
    const out = zeroVec();
    for (const { payer, rate } of schedule.payers[j]!) for (const f of FACTORS) out[f] += rate[f] * payRatio[payer]!;
    return out;
  });
  const partsAt = (j: number, f: Factor): ReturnParts => {
    const city = cityReturns[hostOf[j]!]![f];
    const b = locBase[j]!;
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

  // 9. Adaptive expectations of the base return for next round (the cobweb's lag).
  const locations: LocationState[] = locs.map((l, j) => {
    const realised = locBase[j]!.base;
    return {
      ...l,
      stock: newStock[j]!,
      hunters: hunters[j]!,
      realised,
      expected: mapVec((f) => p.expectationWeight * realised[f] + (1 - p.expectationWeight) * l.expected[f]),
    };
  });

  // Region-wide measures and scores.
  const population = cities.map((c) => c.population);
  const innovationGini = gini(credited.map((q, i) => q / population[i]!), population);
  const totalOutput = nextRegions.reduce((s, r) => s + r.output, 0);
  const regionalGrowth = totalOutput / cities.reduce((s, c) => s + c.gdp, 0) - 1;
  const firmPairs = mergePairs(ctx, state.firmPairs, exitKeep, pairFirms, pairValue);
  const totalSubsidies = nextRegions.reduce((s, r) => s + r.subsidiesPaid, 0);
  const lastSubsidies = state.regions.reduce((s, r) => s + r.subsidiesPaid, 0);
  let hunterTake = 0;
  const toHunters = zeroArr(n);
  const parkPaid = zeroArr(n);
  schedule.payers.forEach((list, j) => {
    for (const { payer, rate } of list) {
      const t = rate.startups * hunters[j]! * payRatio[payer]!;
      toHunters[payer]! += t;
      hunterTake += t;
      if (parkOf[j] && payer === sponsorOf[j]) parkPaid[payer]! += FACTORS.reduce((s, f) => s + rate[f] * subsidyUnits[j]![f], 0) * payRatio[payer]!;
    }
  });
  const totalInnovation = cityQ.reduce((s, q) => s + q, 0);

  // Flows into and out of each city (its parks included), moves inside a city left out.
  const { into: cityIn, out: cityOut } = cityFlows(flowMatrix, hostOf, n);
  // Genuine factors in each city at the end of the round (births and maturing included).
  const endStock = cities.map(() => zeroVec());
  locs.forEach((_, j) => {
    for (const f of FACTORS) endStock[hostOf[j]!]![f] += newStock[j]![f];
  });
  const results: RegionResult[] = nextRegions.map((r, i) => {
    const own = cityLoc[i]!;
    const inflow = cityIn[i]!;
    const outflow = cityOut[i]!;
    const parts = scoreParts(ctx, r, i, regionalGrowth, innovationGini);
    return {
      id: r.id,
      stock: endStock[i]!,
      hunters: cityHunters[i]!,
      inflow,
      outflow,
      returns: mapVec((f) => partsAt(own, f)),
      subsidies: { ...schedule.cityRate[i]! },
      subsidiesPaid: mapVec((f) => bills[i]![f] * payRatio[i]!),
      subsidiesToHunters: toHunters[i]!,
      parkSubsidiesPaid: parkPaid[i]!,
      innovation: credited[i]!,
      innovationLocal: cityQ[i]!,
      patents: patents[i]! + transferredPatents[i]!,
      inventionPatents: invention[i]!,
      patentsTransferred: transferredPatents[i]!,
      output: r.output,
      outputParts: outputParts[i]!,
      firms: { ...firms[i]!, producing: r.firms },
      industrialBase: { ...r.industrialBase },
      land: {
        released: released[i]!,
        used: landUsed[i]!,
        transferred: transferred[i]!,
        quotaLeft: r.landQuota,
        freeProductionLand: Math.max(0, r.productionLand - r.landUsed),
      },
      environment: r.environment,
      knowledge: r.knowledge,
      fiscal: fiscal[i]!,
      score: scoreOf(parts, state.scoring.weights),
      scoreParts: parts,
    };
  });

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
      stock: { ...newStock[j]! },
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
      matured: matured[j]!,
      ...parkFirms[j]!,
      inventionShare: inventionShare[j]!,
    });
  });

  const result: RoundResult = {
    round,
    regions: results,
    parks,
    flows: {
      ids: [...locs.map((l) => l.id), 'outside'],
      talent: flowMatrix.talent,
      startups: flowMatrix.startups,
      capital: flowMatrix.capital,
    },
    metrics: {
      innovationGini,
      outputGini: gini(nextRegions.map((r, i) => r.output / population[i]!), population),
      innovationTheil: theil(credited.map((q, i) => q / population[i]!), population),
      outputTheil: theil(nextRegions.map((r, i) => r.output / population[i]!), population),
      totalInnovation,
      totalOutput,
      totalSubsidies,
      subsidyGrowth: lastSubsidies > 0 ? totalSubsidies / lastSubsidies : 1,
      hunterSubsidyShare: totalSubsidies > 0 ? Math.min(1, hunterTake / totalSubsidies) : 0,
      hunters: hunters.reduce((s, h) => s + h, 0),
      subsidyPerInnovation: totalInnovation > 0 ? totalSubsidies / totalInnovation : 0,
      diffusionShare: diffusionShare(ctx, firmPairs),
      entered,
      exited,
      born: born.reduce((s, x) => s + x, 0),
      matured: matured.reduce((s, x) => s + x, 0),
      firmsSited,
      firmsLeft,
      downturn,
      subsidyCap: policy.subsidyCap,
      capBreaches: schedule.breaches as CapBreach[],
    },
    quadrant,
    firmPairs: pairList(ctx, pairFirms, pairValue),
    deals: applied.outcomes,
    events: events.map((e) => structuredCloneEvent(e)),
  };
  return { state: { ...state, round, regions: nextRegions, locations, agreements, policy, firmPairs }, result: consistent(compact(result)) };
}

function structuredCloneEvent(e: GameEvent): GameEvent {
  return e.kind === 'rail-line' ? { ...e, between: [e.between[0], e.between[1]] } : { ...e };
}

function zeroArr(n: number): number[] {
  return new Array<number>(n).fill(0);
}

