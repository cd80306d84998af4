/**
 * The scenarios shipped with the game, checked when loaded: a broken file fails loudly at
 * start-up and in the tests, never in front of a class.
 */
import classroom4 from './classroom-4.json';
import { checkScenario, type Scenario } from './schema';
import { describe } from '../protocol/validate';

function load(id: string, data: unknown): Scenario {
  const checked = checkScenario(data);
  if (!checked.ok) throw new Error(`scenario ${id}: ${describe(checked.error)}`);
  return checked.value;
}

export const SCENARIOS: readonly Scenario[] = [load('classroom-4', classroom4)];

export function getScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export type { Scenario } from './schema';
