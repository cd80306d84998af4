/**
 * The built-in real-place scenarios are made the way a facilitator's region is: a region sheet
 * (core/scenarios/data/ID.csv), an optional travel sheet (ID-travel.csv) and a small overlay
 * (ID.overlay.json) holding only what a sheet cannot say: the id, titles, summary, sources,
 * the approximations text and the events (rail lines). `npm run scenario -- build-builtin`
 * writes core/scenarios/ID.json from them; tests/scenarios/builtin.test.ts fails when a JSON
 * file is not exactly what its sheet and overlay make, so the two can never drift apart.
 *
 * Why a generated file rather than building at load: the worker, the browser and vitest each
 * bundle JSON already, none needs a CSV loader, start-up costs nothing, and a change to a
 * sheet shows in review as the figures it moves.
 */
import * as v from 'valibot';
import { check, describe } from '../protocol/validate';
import { scenarioFromCsv, describeCsvError } from './csv';
import { checkScenario, scenarioFields, type Scenario } from './schema';

/** The built-in scenarios made from sheets, in the order they are listed (core/scenarios/index.ts). */
export const SHEET_SCENARIOS = ['zhejiang-mountain-sea', 'g60-corridor', 'greater-bay-area', 'andalucia'] as const;

/** What an overlay holds: the scenario's own words and events, never a city's figure. */
export const overlaySchema = v.pick(scenarioFields, ['id', 'title', 'summary', 'sources', 'approximations', 'events']);
export type Overlay = v.InferOutput<typeof overlaySchema>;

export interface BuiltinSources {
  /** The region sheet's text. */
  sheet: string;
  /** The travel sheet's text, if the region has one. */
  travel?: string;
  /** The overlay, parsed JSON (checked here). */
  overlay: unknown;
}

export type BuiltinResult = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

/** The scenario a sheet, its travel sheet and its overlay make, or every problem found. */
export function builtinScenario(src: BuiltinSources): BuiltinResult {
  const overlay = check(overlaySchema, src.overlay);
  if (!overlay.ok) return { ok: false, problems: [`overlay: ${describe(overlay.error)}`] };
  const built = scenarioFromCsv(src.sheet, { id: overlay.value.id, travel: src.travel });
  if (!built.ok) return { ok: false, problems: built.errors.map((e) => `${built.travel ? 'travel sheet' : 'sheet'}: ${describeCsvError(e)}`) };
  const s = built.scenario;
  // The schema's order of fields, so the written file reads as the hand-made ones did.
  const merged = {
    id: overlay.value.id,
    title: overlay.value.title,
    summary: overlay.value.summary,
    sources: overlay.value.sources,
    approximations: overlay.value.approximations,
    sectors: s.sectors,
    related: s.related,
    regions: s.regions,
    ...(s.travelHours ? { travelHours: s.travelHours } : {}),
    events: overlay.value.events,
  };
  const checked = checkScenario(merged);
  return checked.ok ? { ok: true, scenario: checked.value } : { ok: false, problems: [`scenario: ${describe(checked.error)}`] };
}

/** The file a built-in scenario is kept in: two-space JSON and a final newline. */
export function scenarioFileText(s: Scenario): string {
  return JSON.stringify(s, null, 2) + '\n';
}
