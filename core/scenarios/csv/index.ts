/**
 * Bring your own region (docs/scenarios.md): a spreadsheet of cities, checked with errors a
 * facilitator can act on, built into a scenario by the rules the built-in ones use. Pure:
 * the browser, the worker and the CLI share it.
 */
import { checkRegionCsv, type CsvError } from './check';
import { buildScenario, type BuildOptions } from './build';
import { checkTravelCsv } from './travel';
import type { Scenario } from '../schema';

export { checkRegionCsv, CSV_ERROR_CODES, describeCsvError, isFormula, type CityRow, type CsvError, type CsvErrorCode } from './check';
export { buildScenario, deriveRegion, mapPositions, relatedOf, APPROXIMATIONS, type BuildOptions } from './build';
export { COLUMNS, MAX_CITIES, MIN_CITIES, REQUIRED, SECTORS } from './columns';
export { MAX_CSV_CHARS, readCsv } from './parse';
export { templateCsv } from './template';
export { checkTravelCsv, MAX_HOURS, tripsGiven, type TravelHours } from './travel';

/**
 * Check a sheet (and its travel sheet, if any) and build its scenario in one step. A travel
 * sheet is checked against the cities of a valid region sheet only, so its errors come after.
 */
export function scenarioFromCsv(text: string, options: BuildOptions & { travel?: string } = {}): { ok: true; scenario: Scenario } | { ok: false; errors: CsvError[]; travel?: boolean } {
  const checked = checkRegionCsv(text);
  if (!checked.ok) return checked;
  const { travel, ...rest } = options;
  if (travel === undefined) return buildScenario(checked.cities, rest);
  const hours = checkTravelCsv(travel, checked.cities.map((c) => c.id));
  if (!hours.ok) return { ok: false, errors: hours.errors, travel: true };
  return buildScenario(checked.cities, { ...rest, travelHours: hours.hours });
}
