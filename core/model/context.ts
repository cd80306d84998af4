/**
 * Everything about a scenario that does not change during a game, computed once per
 * resolve: index of cities and sectors, the scenario's travel matrix, reference scales.
 * Keeping it separate keeps the per-round code free of lookups.
 */
import type { Scenario } from '../scenarios/schema';
import { FACTORS, mapVec, sumVec, type FactorVec } from './factors';
import { travelMatrix } from './geo';
import { resolveParams, type ParamOverrides, type Params } from './params';
import { innovationOf } from './innovation';
import { baseReturns, qualityOf, spillovers } from './returns';

/** Roles in the paper's core–periphery framing, from most to least developed. */
export const ROLE_RANK: Record<string, number> = { core: 3, 'second-core': 2, 'near-core': 1, periphery: 0 };

export interface ModelContext {
  scenario: Scenario;
  params: Params;
  /** City id → index in scenario.regions. */
  cityIndex: Map<string, number>;
  /** Travel hours between cities as the scenario gives them (events may shorten them). */
  hours: number[][];
  /** Sector id → index in scenario.sectors. */
  sectorIndex: Map<string, number>;
  /** For each sector, the indices of its related sectors (§3.3 upstream/downstream). */
  related: number[][];
  /** Core or second core: a centre that can host parks and counts as "core" in Fig. 5. */
  isCore: boolean[];
  /** Mean innovation mass of a city at the start: X̃ = X / massRef. */
  massRef: number;
  /** Mean knowledge stock at the start: spillovers scale with Z / knowledgeRef. */
  knowledgeRef: number;
  /** Total knowledge at the start: factor totals grow with knowledge (step 4). */
  knowledgeStart: number;
  /** Mean output per head at the start: wages and land prices are relative to it. */
  outputPerHeadRef: number;
  /** Innovation mass of each city at the start (the environment's density term). */
  mass0: number[];
  /** Mean R&D quality of a city at the start: quality is reported relative to it. */
  qualityRef: number;
  /** Startups born per unit of innovation in each city, such that births replace the
   * startups that mature at the start: each city's own entrepreneurial culture. */
  birthRate: number[];
  /**
   * Local ties of each city, money per unit: what housing, family and quality of life are
   * worth to a factor that is there, calibrated once so that they offset a share (`ties`) of
   * the city's return gap to the region's mean at the start. Factors still follow return
   * differentials (§1.1), but the map does not empty on day one: what moves them is how
   * returns change, by agglomeration, policy and projects.
   */
  ties: FactorVec[];
}

/**
 * Contexts are pure data derived from (scenario, params) and never mutated, so they are
 * cached: the room, the bots and every resolve of a game reuse the same one.
 */
const cache = new WeakMap<Scenario, Map<string, ModelContext>>();

export function makeContext(scenario: Scenario, params: Params): ModelContext {
  let byParams = cache.get(scenario);
  if (!byParams) cache.set(scenario, (byParams = new Map()));
  const key = Object.values(params).join(',');
  const hit = byParams.get(key);
  if (hit) return hit;
  if (byParams.size >= 32) byParams.clear();
  const ctx = buildContext(scenario, params);
  byParams.set(key, ctx);
  return ctx;
}

/**
 * The context of a game state's parameter overrides. States are never mutated, so the same
 * overrides object always resolves alike: the bots, which ask for it at every projection and
 * every deal they weigh, skip resolving and keying the parameters.
 */
const byOverrides = new WeakMap<ParamOverrides, ModelContext>();

export function contextFor(scenario: Scenario, overrides: ParamOverrides): ModelContext {
  const hit = byOverrides.get(overrides);
  if (hit && hit.scenario === scenario) return hit;
  const ctx = makeContext(scenario, resolveParams(overrides));
  byOverrides.set(overrides, ctx);
  return ctx;
}

function buildContext(scenario: Scenario, params: Params): ModelContext {
  const regions = scenario.regions;
  const n = regions.length;
  const totalMass = regions.reduce((s, r) => s + sumVec(r.factors), 0);
  const totalKnowledge = regions.reduce((s, r) => s + r.knowledge, 0);
  const sectorIndex = new Map(scenario.sectors.map((s, i) => [s, i]));
  const related = scenario.sectors.map(() => [] as number[]);
  for (const [a, b] of scenario.related) {
    const i = sectorIndex.get(a)!;
    const j = sectorIndex.get(b)!;
    if (!related[i]!.includes(j)) related[i]!.push(j);
    if (!related[j]!.includes(i)) related[j]!.push(i);
  }
  const population = regions.reduce((s, r) => s + r.population, 0);
  const gdp = regions.reduce((s, r) => s + r.gdp, 0);
  const hours = travelMatrix(scenario);
  const ctx: ModelContext = {
    scenario,
    params,
    cityIndex: new Map(regions.map((r, i) => [r.id, i])),
    hours,
    sectorIndex,
    related,
    isCore: regions.map((r) => r.role === 'core' || r.role === 'second-core'),
    massRef: totalMass / n,
    knowledgeRef: Math.max(totalKnowledge / n, 1e-9),
    knowledgeStart: Math.max(totalKnowledge, 1e-9),
    outputPerHeadRef: gdp / population,
    mass0: regions.map((r) => sumVec(r.factors)),
    qualityRef: 1,
    birthRate: [],
    ties: [],
  };
  const spill = spillovers(ctx, regions.map((r) => r.knowledge), hours, hours.map((row) => row.map(() => params.spilloverReach)));
  const quality = regions.map((r, i) => qualityOf(ctx, r.environment, ctx.mass0[i]!, spill[i]!));
  ctx.qualityRef = quality.reduce((s, q) => s + q, 0) / n;
  const start = regions.map((r, i) => baseReturns(ctx, { mass: ctx.mass0[i]!, crowd: ctx.mass0[i]!, environment: r.environment, space: r.innovationSpace }, spill[i]!));
  const mean = mapVec((f) => start.reduce((s, x, i) => s + x[f].base * ctx.mass0[i]!, 0) / Math.max(totalMass, 1e-9));
  ctx.ties = start.map((x) => mapVec((f) => -params.ties * (x[f].base - mean[f])));
  ctx.birthRate = regions.map((r) => {
    const q = innovationOf(ctx, r.productivity, r.environment, r.factors);
    return q > 0 ? (params.maturation * r.factors.startups) / q : 0;
  });
  return ctx;
}

export { FACTORS };
