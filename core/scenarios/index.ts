/**
 * The scenarios shipped with the game, checked when loaded: a broken file fails loudly at
 * start-up and in the tests, never in front of a class. Each file names its sources and
 * marks which numbers are approximations for play (docs/model.md "Scenarios"). The
 * real-place ones are generated from region sheets (core/scenarios/builtin.ts, SHEET_SCENARIOS:
 * edit core/scenarios/data, then `npm run scenario -- build-builtin`); the classroom ones are
 * abstract cities, written by hand.
 */
import classroom4 from './classroom-4.json';
import classroom8 from './classroom-8.json';
import andalucia from './andalucia.json';
import g60 from './g60-corridor.json';
import greaterBayArea from './greater-bay-area.json';
import zhejiang from './zhejiang-mountain-sea.json';
import { checkScenario, type Scenario } from './schema';
import { describe } from '../protocol/validate';

function load(id: string, data: unknown): Scenario {
  const checked = checkScenario(data);
  if (!checked.ok) throw new Error(`scenario ${id}: ${describe(checked.error)}`);
  return checked.value;
}

export const SCENARIOS: readonly Scenario[] = [
  load('classroom-4', classroom4),
  load('classroom-8', classroom8),
  load('zhejiang-mountain-sea', zhejiang),
  load('g60-corridor', g60),
  load('greater-bay-area', greaterBayArea),
  load('andalucia', andalucia),
];

export function getScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export type { Scenario } from './schema';
