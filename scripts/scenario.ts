/**
 * Region sheets from the command line (docs/scenarios.md):
 *
 *   npm run scenario -- template          the template CSV, comment lines explaining each column
 *   npm run scenario -- check FILE.csv    exit 0 when the sheet is valid, 2 with every problem
 *   npm run scenario -- build FILE.csv    the scenario JSON the sheet makes
 *
 * check and build take `--travel HOURS.csv`, a travel-time sheet for the region.
 * A built sheet plays with `npm run sim -- --scenario-file FILE.csv ...`.
 */
import { pathToFileURL } from 'node:url';
import { describeCsvError, templateCsv, tripsGiven } from '../core/scenarios/csv';
import { readRegionFile } from './region-file';

const USAGE = `usage: npm run scenario -- template            print the template CSV to fill in
       npm run scenario -- check FILE.csv [--travel HOURS.csv]
                                               check a region sheet (exit 0 valid, 2 with the problems)
       npm run scenario -- build FILE.csv [--travel HOURS.csv]
                                               print the scenario JSON the sheet makes

  --travel HOURS.csv  travel hours between the cities (a square matrix, ids across and
                      down; empty cells are derived from the coordinates)

  The scenario id is the file name (chengdu-plain.csv → chengdu-plain). Play it with
  npm run sim -- --scenario-file FILE.csv --rounds 8 --bots best-response`;

export function run(argv: string[]): { code: number; out: string; err: string } {
  const [command, file, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return { code: 0, out: `${USAGE}\n`, err: '' };
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
