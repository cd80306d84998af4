/**
 * A region sheet read from disk for the command line (scripts/scenario.ts, scripts/sim.ts):
 * the file's size is checked before it is read whole, and the scenario takes its id from
 * the file name (`chengdu-plain.csv` → `chengdu-plain`), so records and tables say which
 * region they are.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { MAX_CSV_CHARS, scenarioFromCsv, type CsvError } from '../core/scenarios/csv';
import type { Scenario } from '../core/scenarios/schema';

/** A scenario id from a file name: lowercase, other characters as -, starting with a letter. */
export function idFromFile(file: string): string {
  const stem = basename(file).replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 40);
  return stem || 'custom-region';
}

export type RegionFile = { ok: true; scenario: Scenario } | { ok: false; errors: CsvError[] } | { ok: false; unreadable: string };

export function readRegionFile(file: string): RegionFile {
  let text: string;
  try {
    // UTF-8 takes up to 4 bytes a character: anything larger cannot be within the limit.
    const bytes = statSync(file).size;
    if (bytes > 4 * MAX_CSV_CHARS) {
      return { ok: false, errors: [{ row: 0, column: '(file)', code: 'too-large', rule: `is ${bytes} bytes; a region file may hold at most ${MAX_CSV_CHARS} characters (one row per city)` }] };
    }
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, unreadable: `cannot read ${file}: ${(e as Error).message}` };
  }
  return scenarioFromCsv(text, { id: idFromFile(file) });
}
