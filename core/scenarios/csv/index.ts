/**
 * Bring your own region (docs/scenarios.md): a spreadsheet of cities, checked with errors a
 * facilitator can act on, built into a scenario by the rules the built-in ones use. Pure:
 * the browser, the worker and the CLI share it.
 */
import { checkRegionCsv, type CsvError } from './check';
import { buildScenario, type BuildOptions } from './build';
import type { Scenario } from '../schema';

export { checkRegionCsv, CSV_ERROR_CODES, describeCsvError, isFormula, type CityRow, type CsvError, type CsvErrorCode } from './check';
export { buildScenario, deriveRegion, mapPositions, relatedOf, APPROXIMATIONS, type BuildOptions } from './build';
export { COLUMNS, MAX_CITIES, MIN_CITIES, REQUIRED, SECTORS } from './columns';
export { MAX_CSV_CHARS, readCsv } from './parse';
export { templateCsv } from './template';

/** Check a sheet and build its scenario in one step. */
export function scenarioFromCsv(text: string, options: BuildOptions = {}): { ok: true; scenario: Scenario } | { ok: false; errors: CsvError[] } {
  const checked = checkRegionCsv(text);
  if (!checked.ok) return checked;
  return buildScenario(checked.cities, options);
}
