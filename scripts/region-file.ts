/**
 * A region sheet read from disk for the command line (scripts/scenario.ts, scripts/sim.ts):
 * the file's size is checked before it is read whole, and the scenario takes its id from
 * the file name (`chengdu-plain.csv` → `chengdu-plain`), so records and tables say which
 * region they are. A travel sheet (core/scenarios/csv/travel.ts) may come with it.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { MAX_CSV_CHARS, scenarioFromCsv, type CsvError } from '../core/scenarios/csv';
import { getScenario } from '../core/scenarios';
import type { Scenario } from '../core/scenarios/schema';

/**
 * A scenario id from a file name: lowercase, other characters as -, starting with a letter.
 * Never a built-in scenario's id: a record made on a sheet must not replay against the
 * built-in map of the same name, so a clash gets `-sheet` added.
 */
export function idFromFile(file: string): string {
  const stem = basename(file).replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 40);
  if (!stem) return 'custom-region';
  return getScenario(stem) ? `${stem}-sheet` : stem;
}

export type RegionFile = { ok: true; scenario: Scenario } | { ok: false; errors: CsvError[]; file: string } | { ok: false; unreadable: string };

/** A file's text, its size bounded before it is read. */
function readBounded(file: string): { text: string } | { tooLarge: CsvError } | { unreadable: string } {
  try {
    // UTF-8 takes up to 4 bytes a character: anything larger cannot be within the limit.
    const bytes = statSync(file).size;
    if (bytes > 4 * MAX_CSV_CHARS) {
      return { tooLarge: { row: 0, column: '(file)', code: 'too-large', rule: `is ${bytes} bytes; a region file may hold at most ${MAX_CSV_CHARS} characters (one row per city)` } };
    }
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { unreadable: `cannot read ${file}: ${(e as Error).message}` };
  }
}

/** The scenario of a region sheet and, if given, its travel sheet; problems name the file they are in. */
export function readRegionFile(file: string, travelFile?: string): RegionFile {
  const sheet = readBounded(file);
  if ('unreadable' in sheet) return { ok: false, unreadable: sheet.unreadable };
  if ('tooLarge' in sheet) return { ok: false, errors: [sheet.tooLarge], file };
  let travel: string | undefined;
  if (travelFile !== undefined) {
    const t = readBounded(travelFile);
    if ('unreadable' in t) return { ok: false, unreadable: t.unreadable };
    if ('tooLarge' in t) return { ok: false, errors: [t.tooLarge], file: travelFile };
    travel = t.text;
  }
  const built = scenarioFromCsv(sheet.text, { id: idFromFile(file), travel });
  if (built.ok) return built;
  return { ok: false, errors: built.errors, file: built.travel ? travelFile! : file };
}
