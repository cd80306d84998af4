/**
 * One round of the flow model (flow-model.md §2): a pure function of the scenario, the
 * state and every city's decisions. No I/O, no clock; randomness comes only from the
 * game's seed and the round number, so replaying a game reproduces it exactly.
 *
 * Order within a round (one "year"):
 *   1. decisions are checked; land is released (step 1)
 *   2. factors form expectations: adaptive base return + announced subsidy (step 3)
 *   3. a share of each factor reconsiders and moves by logit (step 4)
 *   4. realised returns at the new locations (step 2), subsidies actually paid
 *   5. innovation output, knowledge, output (step 6)
 *   6. fiscal balance (step 9) and environment (step 10)
 *   7. expectations are updated from the realised returns, for the next round (step 3)
 */
import type { Decisions } from '../protocol/decisions';
import {
  MODEL_VERSION,
  type Flow,
  type GameState,
  type LocationState,
  type RegionResult,
  type RegionState,
  type ReturnParts,
  type RoundResult,
} from '../protocol/state';
import type { InputError } from '../protocol/validate';
import type { Scenario } from '../scenarios/schema';
import { checkDecisions, creditLimit } from './budget';
import { makeContext, type ModelContext } from './context';
import { FACTORS, mapVec, sumVec, zeroVec, type Factor, type FactorVec } from './factors';
import { gini } from './metrics';
import { moveFactor } from './mobility';
import { checkOverrides, resolveParams } from './params';
import { baseReturns, spillovers, type BaseReturn } from './returns';
import { mixSeed, normal, rng } from './rng';

export type ResolveOutcome = { ok: true; state: GameState; result: RoundResult } | { ok: false; error: InputError };

/** The state must belong to the scenario: same cities in the same order, known hosts. */
function checkState(scenario: Scenario, state: GameState): InputError | null {
  if (state.model !== MODEL_VERSION) return { field: 'state.model', rule: `must be "${MODEL_VERSION}"` };
  if (state.scenario !== scenario.id) return { field: 'state.scenario', rule: `must be "${scenario.id}"` };
  const paramError = checkOverrides(state.params);
  if (paramError) return { ...paramError, field: `state.${paramError.field}` };
  if (state.regions.length !== scenario.regions.length) {
    return { field: 'state.regions', rule: `must list the scenario's ${scenario.regions.length} cities` };
  }
  for (const [i, r] of scenario.regions.entries()) {
    if (state.regions[i]!.id !== r.id) return { field: `state.regions.${i}.id`, rule: `must be "${r.id}"` };
  }
  const ids = new Set<string>();
  for (const [i, loc] of state.locations.entries()) {
    if (ids.has(loc.id)) return { field: `state.locations.${i}.id`, rule: `duplicates "${loc.id}"` };
    ids.add(loc.id);
    for (const key of ['host', 'sponsor'] as const) {
      if (!scenario.regions.some((r) => r.id === loc[key])) {
        return { field: `state.locations.${i}.${key}`, rule: `"${loc[key]}" is not a city of the scenario` };
      }
    }
  }
  for (const r of scenario.regions) {
    if (!ids.has(r.id)) return { field: 'state.locations', rule: `must include the city "${r.id}"` };
  }
  return null;
}

export function resolveRound(
  scenario: Scenario,
  state: GameState,
  decisions: Readonly<Record<string, Decisions>>,
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
    const error = checkDecisions(ctx, state, r.id, d);
    if (error) return { ok: false, error: { ...error, field: `decisions.${r.id}.${error.field}` } };
  }
  return { ok: true, ...advance(ctx, state, decisions) };
}

interface CityNumbers {
  mass: number;
  stock: FactorVec;
  returns: Record<Factor, BaseReturn>;
}

function advance(
  ctx: ModelContext,
  state: GameState,
  decisions: Readonly<Record<string, Decisions>>,
): { state: GameState; result: RoundResult } {
  const p = ctx.params;
  const round = state.round + 1;
  const random = rng(mixSeed(state.seed, round, 'round'));
  const cities = ctx.scenario.regions;
  const n = cities.length;
  const decisionOf = (i: number) => decisions[cities[i]!.id]!;

  // 1. Land released this round becomes innovation space and production land at once.
  const regions: RegionState[] = state.regions.map((r, i) => {
    const d = decisionOf(i);
    return {
      ...r,
      landQuota: Math.max(0, r.landQuota - d.land.innovation - d.land.production),
      innovationSpace: r.innovationSpace + d.land.innovation,
      productionLand: r.productionLand + d.land.production,
    };
  });

  // 2–3. Expected returns and moves, factor by factor.
  const locs = state.locations;
  const hostOf = locs.map((l) => ctx.cityIndex.get(l.host)!);
  const subsidyAt = (j: number): FactorVec => {
    // A city's subsidies apply to the factors located in the city itself.
    const loc = locs[j]!;
    return loc.id === loc.host ? decisions[loc.host]!.subsidies : zeroVec();
  };
  const knowledgeNow = state.regions.reduce((s, r) => s + r.knowledge, 0);
  const growth = p.factorGrowth * Math.sqrt(Math.max(knowledgeNow, 0) / ctx.knowledgeStart);
  const newStock: FactorVec[] = locs.map(() => zeroVec());
  const flows: Flow[] = [];
  const inflow = locs.map(() => zeroVec());
  const outflow = locs.map(() => zeroVec());
  const entered = zeroVec();
  const exited = zeroVec();
  for (const f of FACTORS) {
    const total = locs.reduce((s, l) => s + l.stock[f], 0);
    const moves = moveFactor(
      ctx,
      locs.map((l, j) => ({ host: hostOf[j]!, stock: l.stock[f], expected: l.expected[f] + subsidyAt(j)[f] })),
      { share: p[`mobility.${f}`], spread: p[`tasteSpread.${f}`], cost: p[`moveCost.${f}`], arrivals: growth * total },
    );
    for (let j = 0; j < locs.length; j++) {
      newStock[j]![f] = moves.stock[j]!;
      inflow[j]![f] += moves.entries[j]!;
      outflow[j]![f] += moves.exits[j]!;
      entered[f] += moves.entries[j]!;
      exited[f] += moves.exits[j]!;
      if (moves.entries[j]! > 0) flows.push({ factor: f, from: 'outside', to: locs[j]!.id, amount: moves.entries[j]! });
      if (moves.exits[j]! > 0) flows.push({ factor: f, from: locs[j]!.id, to: 'outside', amount: moves.exits[j]! });
      for (let k = 0; k < locs.length; k++) {
        const amount = moves.flows[j]![k]!;
        if (amount <= 0) continue;
        outflow[j]![f] += amount;
        inflow[k]![f] += amount;
        flows.push({ factor: f, from: locs[j]!.id, to: locs[k]!.id, amount });
      }
    }
  }

  // 4. Realised returns where factors now are.
  const spill = spillovers(ctx, state.regions.map((r) => r.knowledge));
  const city: CityNumbers[] = cities.map(() => ({ mass: 0, stock: zeroVec(), returns: undefined as never }));
  locs.forEach((_, j) => {
    const c = city[hostOf[j]!]!;
    for (const f of FACTORS) c.stock[f] += newStock[j]![f];
  });
  city.forEach((c, i) => {
    c.mass = sumVec(c.stock);
    c.returns = baseReturns(ctx, { mass: c.mass, environment: regions[i]!.environment, space: regions[i]!.innovationSpace }, spill[i]!);
  });

  // 5. Innovation output over the factors physically in each city (Q = A·T^a·K^b·S^c).
  const innovation = city.map((c, i) => {
    const shock = Math.exp(p.productivityShock * normal(random) - (p.productivityShock ** 2) / 2);
    return (
      cities[i]!.productivity *
      shock *
      Math.pow(c.stock.talent, p['elasticity.talent']) *
      Math.pow(c.stock.capital, p['elasticity.capital']) *
      Math.pow(c.stock.startups, p['elasticity.startups'])
    );
  });

  // 6. Fiscal balance. Subsidies are owed on the factors actually there; past the credit
  // limit they are paid only in part, and factors see that in their realised return.
  const payRatio: number[] = [];
  const subsidiesOwed: FactorVec[] = [];
  const results: RegionResult[] = [];
  regions.forEach((r, i) => {
    const d = decisionOf(i);
    const own = locs.findIndex((l) => l.id === r.id);
    const owed = mapVec((f) => d.subsidies[f] * newStock[own]![f]);
    const output = r.output * (1 + p.baseGrowth) + p.innovationToOutput * innovation[i]!;
    const tax = p.taxRate * output;
    const land = p.landPrice * (d.land.innovation + d.land.production);
    const before = r.treasury + tax - land - d.environment;
    const floor = -creditLimit(ctx, r);
    const owedTotal = sumVec(owed);
    const ratio = owedTotal <= 0 ? 1 : Math.min(1, Math.max(0, before - floor) / owedTotal);
    payRatio[i] = ratio;
    subsidiesOwed[i] = owed;
    const paid = mapVec((f) => owed[f] * ratio);
    const paidTotal = sumVec(paid);
    const end = before - paidTotal;
    const knowledge = (1 - p.knowledgeDecay) * r.knowledge + innovation[i]!;
    // Environment: decays slowly, is rebuilt by investment and sustained by innovation density.
    const start = cities[i]!;
    const density = Math.pow(Math.max(city[i]!.mass, 1e-9) / sumVec(start.factors), 0.3);
    const environment =
      r.environment * (1 - p.environmentDecay) + p.environmentDecay * start.environment * density + p.environmentPerMoney * d.environment;
    regions[i] = {
      ...r,
      treasury: end,
      knowledge,
      output,
      environment,
      cumulativeInnovation: r.cumulativeInnovation + innovation[i]!,
      subsidiesPaid: paidTotal,
    };
    const parts = scoreParts(ctx, regions[i]!, i);
    results.push({
      id: r.id,
      stock: city[i]!.stock,
      inflow: inflow[own]!,
      outflow: outflow[own]!,
      returns: mapRecord((f) => returnParts(city[i]!.returns[f], d.subsidies[f] * ratio, locs[own]!.expected[f] + d.subsidies[f])),
      subsidies: { ...d.subsidies },
      subsidiesPaid: paid,
      innovation: innovation[i]!,
      output,
      fiscal: { start: r.treasury, tax, subsidies: paidTotal, environment: d.environment, land, end },
      score: parts.output + parts.knowledge + parts.fiscal,
      scoreParts: parts,
    });
  });

  // 7. Adaptive expectations of the base return for next round (the cobweb's lag).
  const locations: LocationState[] = locs.map((l, j) => {
    const realised = mapVec((f) => city[hostOf[j]!]!.returns[f].base);
    return {
      ...l,
      stock: newStock[j]!,
      realised,
      expected: mapVec((f) => p.expectationWeight * realised[f] + (1 - p.expectationWeight) * l.expected[f]),
    };
  });

  const population = cities.map((c) => c.population);
  const totalSubsidies = regions.reduce((s, r) => s + r.subsidiesPaid, 0);
  const lastSubsidies = state.regions.reduce((s, r) => s + r.subsidiesPaid, 0);
  const result: RoundResult = {
    round,
    regions: results,
    flows,
    metrics: {
      innovationGini: gini(innovation.map((q, i) => q / population[i]!), population),
      outputGini: gini(regions.map((r, i) => r.output / population[i]!), population),
      totalInnovation: innovation.reduce((s, q) => s + q, 0),
      totalSubsidies,
      subsidyGrowth: lastSubsidies > 0 ? totalSubsidies / lastSubsidies : 1,
      entered,
      exited,
    },
  };
  return { state: { ...state, round, regions, locations }, result };
}

function mapRecord<T>(f: (factor: Factor) => T): Record<Factor, T> {
  return { talent: f('talent'), startups: f('startups'), capital: f('capital') };
}

function returnParts(b: BaseReturn, subsidy: number, expected: number): ReturnParts {
  return {
    environment: b.environment,
    agglomeration: b.agglomeration,
    spillover: b.spillover,
    congestion: b.congestion,
    subsidy,
    total: b.base + subsidy,
    expected,
  };
}

/**
 * Tournament score (game.md "Scoring modes"): growth of output in percent, plus half the
 * growth of knowledge in percent, plus ten points per round of initial tax income saved
 * (or minus, spent) from the treasury. The parts are reported so players see the trade.
 */
export function scoreParts(ctx: ModelContext, r: RegionState, i: number) {
  const start = ctx.scenario.regions[i]!;
  const taxRound = Math.max(ctx.params.taxRate * start.gdp, 1e-9);
  return {
    output: 100 * (r.output / start.gdp - 1),
    knowledge: 50 * (r.knowledge / Math.max(start.knowledge, 1e-9) - 1),
    fiscal: (10 * (r.treasury - start.treasury)) / taxRound,
  };
}
