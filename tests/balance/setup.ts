/**
 * What the balance tests share (docs/scoring.md): the two scenarios every property is shown
 * on, a few seeds, and the main parameters moved ±20% together. `npm run balance` runs the
 * long version (more seeds, every parameter one at a time, more games).
 */
import { paperPark, together, type Setting, type Variant } from '../../scripts/balance/properties';
import { getScenario, type Scenario } from '../../core/scenarios';

export const ROUNDS = 8;
export const SEEDS = [1, 2];
export const VARIANTS: Variant[] = together(0.2);

export function scenario(id: string): Scenario {
  const s = getScenario(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
}

/** Each scenario with its reverse-enclave pair on the paper's terms (a lagging sponsor, a matching core). */
export const CASES = [
  { scenario: scenario('classroom-4'), park: paperPark('hillton', 'metropolis') },
  { scenario: scenario('zhejiang-mountain-sea'), park: paperPark('quzhou', 'hangzhou') },
] as const;

export function settings(s: Scenario, seeds = SEEDS, variants = VARIANTS): Setting[] {
  return seeds.flatMap((seed) => variants.map((variant) => ({ scenario: s, seed, variant, rounds: ROUNDS })));
}

export const label = (st: Setting) => `${st.scenario.id}, seed ${st.seed}, ${st.variant.id}`;
