/**
 * Region sheets from the command line (docs/scenarios.md):
 *
 *   npm run scenario -- template          the template CSV, comment lines explaining each column
 *   npm run scenario -- check FILE.csv    exit 0 when the sheet is valid, 2 with every problem
 *   npm run scenario -- build FILE.csv    the scenario JSON the sheet makes
 *   npm run scenario -- build-builtin     rewrite the built-in scenarios made from sheets
 *                                         (core/scenarios/data → core/scenarios/ID.json)
 *
 * check and build take `--travel HOURS.csv`, a travel-time sheet for the region.
 * A built sheet plays with `npm run sim -- --scenario-file FILE.csv ...`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtinScenario, scenarioFileText, SHEET_SCENARIOS } from '../core/scenarios/builtin';
import { describeCsvError, templateCsv, tripsGiven } from '../core/scenarios/csv';
import { readRegionFile } from './region-file';

const USAGE = `usage: npm run scenario -- template            print the template CSV to fill in
       npm run scenario -- check FILE.csv [--travel HOURS.csv]
                                               check a region sheet (exit 0 valid, 2 with the problems)
       npm run scenario -- build FILE.csv [--travel HOURS.csv]
                                               print the scenario JSON the sheet makes
       npm run scenario -- build-builtin [--check]
                                               rewrite core/scenarios/ID.json of every built-in
                                               scenario made from a sheet (--check: only say
                                               which files differ, exit 2 if any)

  --travel HOURS.csv  travel hours between the cities (a square matrix, ids across and
                      down; empty cells are derived from the coordinates)

  The scenario id is the file name (chengdu-plain.csv → chengdu-plain). Play it with
  npm run sim -- --scenario-file FILE.csv --rounds 8 --bots best-response`;

const SCENARIO_DIR = fileURLToPath(new URL('../core/scenarios/', import.meta.url));

/** The file text of a built-in scenario, made from core/scenarios/data/ID.csv, ID-travel.csv and ID.overlay.json. */
export function builtinText(id: string, dir = SCENARIO_DIR): { ok: true; text: string } | { ok: false; problems: string[] } {
  const data = `${dir}data/${id}`;
  for (const need of [`${data}.csv`, `${data}.overlay.json`]) if (!existsSync(need)) return { ok: false, problems: [`${id}: ${need} is missing`] };
  const travel = existsSync(`${data}-travel.csv`) ? readFileSync(`${data}-travel.csv`, 'utf8') : undefined;
  const built = builtinScenario({ sheet: readFileSync(`${data}.csv`, 'utf8'), travel, overlay: JSON.parse(readFileSync(`${data}.overlay.json`, 'utf8')) });
  return built.ok ? { ok: true, text: scenarioFileText(built.scenario) } : { ok: false, problems: built.problems.map((p) => `${id}: ${p}`) };
}

function buildBuiltin(checkOnly: boolean, dir = SCENARIO_DIR): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  for (const id of SHEET_SCENARIOS) {
    const made = builtinText(id, dir);
    if (!made.ok) {
      err.push(...made.problems);
      continue;
    }
    const file = `${dir}${id}.json`;
    const same = existsSync(file) && readFileSync(file, 'utf8') === made.text;
    if (checkOnly) out.push(`${id}.json: ${same ? 'as its sheet makes it' : 'differs from what its sheet makes'}`);
    else if (!same) {
      writeFileSync(file, made.text);
      out.push(`${id}.json: written`);
    } else out.push(`${id}.json: unchanged`);
    if (checkOnly && !same) err.push(`${id}.json differs: run npm run scenario -- build-builtin`);
  }
  return { code: err.length ? 2 : 0, out: out.map((l) => `${l}\n`).join(''), err: err.map((l) => `${l}\n`).join('') };
}

export function run(argv: string[]): { code: number; out: string; err: string } {
  const [command, file, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return { code: 0, out: `${USAGE}\n`, err: '' };
  if (command === 'build-builtin' && (file === undefined || file === '--check') && rest.length === 0) return buildBuiltin(file === '--check');
  if (command === 'template' && file === undefined) return { code: 0, out: templateCsv(), err: '' };
  const travel = rest.length === 2 && rest[0] === '--travel' ? rest[1] : undefined;
  if ((command === 'check' || command === 'build') && file !== undefined && !file.startsWith('-') && (rest.length === 0 || travel !== undefined)) {
    const read = readRegionFile(file, travel);
    if (!read.ok) {
      if ('unreadable' in read) return { code: 2, out: '', err: `error: ${read.unreadable}\n` };
      const lines = read.errors.map((e) => `${read.file}: ${describeCsvError(e)}`);
      return { code: 2, out: '', err: `${lines.join('\n')}\n${read.errors.length} ${read.errors.length === 1 ? 'problem' : 'problems'}; nothing was built\n` };
    }
    const s = read.scenario;
    if (command === 'build') return { code: 0, out: JSON.stringify(s, null, 2) + '\n', err: '' };
    const hours = travel === undefined ? '' : `, ${tripsGiven(s.travelHours)} travel times given`;
    return { code: 0, out: `${file}: valid, ${s.regions.length} cities (${s.regions.map((r) => r.id).join(', ')}), sectors ${s.sectors.join(', ')}${hours}; scenario id ${s.id}\n`, err: '' };
  }
  return { code: 2, out: '', err: `error: ${command === undefined ? 'a command is required' : `cannot run "${argv.join(' ')}"`}\n\n${USAGE}\n` };
}

// Run when called as a script (not when a test imports `run`).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { code, out, err } = run(process.argv.slice(2));
  process.stdout.write(out);
  process.stderr.write(err);
  process.exitCode = code;
}
