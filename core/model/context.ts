/**
 * Everything about a scenario that does not change during a game, computed once per
 * resolve: index of cities, travel matrix, reference scales. Keeping it separate keeps
 * the per-round code free of lookups.
 */
import type { Scenario } from '../scenarios/schema';
import { FACTORS, sumVec } from './factors';
import { travelMatrix } from './geo';
import type { Params } from './params';

export interface ModelContext {
  scenario: Scenario;
  params: Params;
  /** City id → index in scenario.regions. */
  cityIndex: Map<string, number>;
  /** Travel hours between cities. */
  hours: number[][];
  /** Mean innovation mass of a city at the start: X̃ = X / massRef. */
  massRef: number;
  /** Mean knowledge stock at the start: spillovers scale with Z / knowledgeRef. */
  knowledgeRef: number;
  /** Total knowledge at the start: factor totals grow with knowledge (step 4). */
  knowledgeStart: number;
}

export function makeContext(scenario: Scenario, params: Params): ModelContext {
  const n = scenario.regions.length;
  const totalMass = scenario.regions.reduce((s, r) => s + sumVec(r.factors), 0);
  const totalKnowledge = scenario.regions.reduce((s, r) => s + r.knowledge, 0);
  return {
    scenario,
    params,
    cityIndex: new Map(scenario.regions.map((r, i) => [r.id, i])),
    hours: travelMatrix(scenario),
    massRef: totalMass / n,
    knowledgeRef: Math.max(totalKnowledge / n, 1e-9),
    knowledgeStart: Math.max(totalKnowledge, 1e-9),
  };
}

export { FACTORS };
