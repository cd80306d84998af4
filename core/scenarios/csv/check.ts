/**
 * Reads a region spreadsheet into one checked row per city, or into every problem found, each
 * naming the row (the line a spreadsheet shows), the column and the rule broken, so a
 * facilitator can fix them all in one pass. Nothing is derived here (build.ts does that).
 */
import { ROLES } from '../schema';
import { COLUMNS, MAX_CITIES, MIN_CITIES, REQUIRED, SECTORS, type Column } from './columns';
import { plainNumber, numberExample } from './numbers';
import { readCsv, type CsvSeparator } from './parse';

/** Every kind of problem, each with a row in docs/scenarios.md "Errors". */
export const CSV_ERROR_CODES = [
  'too-large',
  'not-utf8',
  'mixed-separators',
  'unclosed-quote',
  'stray-quote',
  'cell-too-long',
  'no-header',
  'missing-column',
  'unknown-column',
  'duplicate-column',
  'extra-cells',
  'empty',
  'formula',
  'not-a-number',
  'negative',
  'out-of-range',
  'bad-id',
  'duplicate-id',
  'bad-name',
  'bad-role',
  'bad-sector',
  'too-few-cities',
  'too-many-cities',
  'no-factors',
  'unknown-city',
  'not-square',
  'asymmetric',
] as const;
export type CsvErrorCode = (typeof CSV_ERROR_CODES)[number];

export interface CsvError {
  /** Line of the file, from 1 (0: the file as a whole). */
  row: number;
  /** Column name, or "(file)". */
  column: string;
  code: CsvErrorCode;
  rule: string;
}

export type Role = (typeof ROLES)[number];

/** One city as the spreadsheet gives it; optional figures are absent when the cell is empty. */
export interface CityRow {
  row: number;
  id: string;
  name: { en: string; zh: string; es: string };
  gdp: number;
  population: number;
  lat: number;
  lon: number;
  role: Role;
  strengths: string[];
  landQuota?: number;
  environment?: number;
  innovationSpace?: number;
  treasury?: number;
  knowledge?: number;
  productivity?: number;
  talent?: number;
  startups?: number;
  capital?: number;
  mapX?: number;
  mapY?: number;
}

/** Most problems reported at once: past this the file is probably not a region sheet at all. */
export const MAX_ERRORS = 50;

const OPTIONAL_FIELD: Record<string, keyof CityRow> = {
  land_quota: 'landQuota',
  environment: 'environment',
  innovation_space: 'innovationSpace',
  treasury: 'treasury',
  knowledge: 'knowledge',
  productivity: 'productivity',
  talent: 'talent',
  startups: 'startups',
  capital: 'capital',
  map_x: 'mapX',
  map_y: 'mapY',
};

const ID = /^[a-z][a-z0-9-]{0,39}$/;
const CONTROL = /[\u0000-\u001f\u007f]/u;
const MAX_NAME = 80;

/**
 * What a spreadsheet would run as a formula when the file is opened again (OWASP, CSV
 * injection): `=` or `@` first, or `+`/`-` first on something that is not a number in the
 * sheet's notation (`-0,5` is a number in a semicolon sheet, a formula in a comma sheet).
 */
export function isFormula(cell: string, separator: CsvSeparator = ','): boolean {
  const t = cell.trimStart();
  if (t.startsWith('=') || t.startsWith('@')) return true;
  return (t.startsWith('+') || t.startsWith('-')) && plainNumber(t.trim(), separator) === undefined;
}

export type CsvCheck = { ok: true; cities: CityRow[] } | { ok: false; errors: CsvError[] };

export function checkRegionCsv(text: string): CsvCheck {
  const read = readCsv(text);
  if (!read.ok) return { ok: false, errors: [read.problem] };
  const [header, ...rows] = read.records;
  const sep = read.separator;
  if (!header) return { ok: false, errors: [{ row: 0, column: '(file)', code: 'no-header', rule: `has no header row; the first line that is not a # comment must name the columns: ${REQUIRED.join(',')}` }] };

  const errors: CsvError[] = [];
  const add = (e: CsvError) => {
    if (errors.length < MAX_ERRORS) errors.push(e);
  };
  // Headers are matched without case or surrounding spaces: "GDP " is gdp.
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const index = new Map<string, number>();
  for (const [k, name] of names.entries()) {
    const column = COLUMNS.find((c) => c.name === name);
    if (!column) {
      add({ row: header.row, column: name || `column ${k + 1}`, code: 'unknown-column', rule: `is not a column of the template (known: ${COLUMNS.map((c) => c.name).join(', ')}); rename it, or put your notes in the notes column` });
    } else if (index.has(name)) {
      add({ row: header.row, column: name, code: 'duplicate-column', rule: 'appears twice in the header' });
    } else index.set(name, k);
  }
  for (const name of REQUIRED) {
    if (!index.has(name)) add({ row: header.row, column: name, code: 'missing-column', rule: 'is a required column and is missing from the header' });
  }
  if (errors.length) return { ok: false, errors };

  if (rows.length < MIN_CITIES) {
    add({ row: 0, column: '(file)', code: 'too-few-cities', rule: `has ${rows.length} ${rows.length === 1 ? 'city' : 'cities'}; a region needs at least ${MIN_CITIES}` });
  }
  if (rows.length > MAX_CITIES) {
    add({ row: rows[MAX_CITIES]!.row, column: '(file)', code: 'too-many-cities', rule: `has ${rows.length} cities; the game holds at most ${MAX_CITIES}` });
    return { ok: false, errors };
  }

  const cities: CityRow[] = [];
  const seen = new Map<string, number>();
  for (const record of rows) {
    const at = (column: string, code: CsvErrorCode, rule: string) => add({ row: record.row, column, code, rule });
    if (record.cells.length > names.length && record.cells.slice(names.length).some((c) => c.trim() !== '')) {
      at(`column ${names.length + 1}`, 'extra-cells', `has more cells than the header has columns (${names.length}); ${sep === ',' ? 'a comma inside a name needs the name in quotes' : 'a ; inside a name or a list of strengths needs the cell in quotes'}`);
    }
    const cell = (name: string) => (record.cells[index.get(name) ?? -1] ?? '').trim();
    const city: Partial<CityRow> & { row: number } = { row: record.row };
    let good = true;
    const bad = (column: string, code: CsvErrorCode, rule: string) => {
      at(column, code, rule);
      good = false;
    };
    const number = (c: Column, raw: string): number | undefined => {
      const x = plainNumber(raw, sep);
      if (x === undefined) {
        bad(c.name, 'not-a-number', `"${clip(raw)}" is not a number: write ${numberExample(sep)}, without thousands separators or units${c.unit ? ` (unit: ${c.unit})` : ''}`);
        return undefined;
      }
      if (x < 0 && c.min! >= 0) {
        bad(c.name, 'negative', `is ${raw}; it cannot be negative (unit: ${c.unit})`);
        return undefined;
      }
      if (x < c.min! || x > c.max!) {
        bad(c.name, 'out-of-range', `is ${raw}; it must be between ${c.min} and ${c.max}${c.unit ? ` (${c.unit})` : ''}`);
        return undefined;
      }
      return x;
    };
    for (const c of COLUMNS) {
      if (c.kind === 'notes' || !index.has(c.name)) continue;
      const raw = cell(c.name);
      if (raw === '') {
        // A name in another language may be left empty: the English name stands in (below).
        if (c.required && c.fallback === undefined) bad(c.name, 'empty', `is empty; it is required (${c.meaning})`);
        continue;
      }
      if (isFormula(raw, sep)) {
        bad(c.name, 'formula', `holds a formula ("${clip(raw)}"); paste the values only (in the spreadsheet: copy, then paste special → values)`);
        continue;
      }
      switch (c.kind) {
        case 'id':
          if (!ID.test(raw)) bad(c.name, 'bad-id', `"${clip(raw)}" must be a lowercase id: a–z, 0–9 and -, starting with a letter, at most 40 characters`);
          else if (seen.has(raw)) bad(c.name, 'duplicate-id', `"${raw}" is already the id of the city in row ${seen.get(raw)}`);
          else {
            seen.set(raw, record.row);
            city.id = raw;
          }
          break;
        case 'name':
          if (raw.length > MAX_NAME || CONTROL.test(raw)) bad(c.name, 'bad-name', `must be at most ${MAX_NAME} characters of plain text`);
          else city.name = { ...(city.name ?? { en: '', zh: '', es: '' }), [c.name.slice(5)]: raw };
          break;
        case 'role':
          if (!(ROLES as readonly string[]).includes(raw)) bad(c.name, 'bad-role', `"${clip(raw)}" must be one of ${ROLES.join(', ')}`);
          else city.role = raw as Role;
          break;
        case 'strengths': {
          const list = raw.split(';').map((s) => s.trim()).filter((s) => s !== '');
          const unknown = list.filter((s) => !(SECTORS as readonly string[]).includes(s));
          if (unknown.length) bad(c.name, 'bad-sector', `"${clip(unknown[0]!)}" is not a sector of the game; use ${SECTORS.join(', ')}, separated by ;`);
          else if (list.length === 0) bad(c.name, 'empty', 'must name at least one sector');
          else city.strengths = [...new Set(list)];
          break;
        }
        case 'number': {
          const x = number(c, raw);
          if (x === undefined) break;
          const field = c.required ? (c.name as 'gdp' | 'population' | 'lat' | 'lon') : OPTIONAL_FIELD[c.name]!;
          (city as Record<string, unknown>)[field] = x;
          break;
        }
      }
    }
    // A city named only in English is named so in every language (a facilitator in Valencia need not invent a Chinese name).
    if (city.name) city.name = { en: city.name.en, zh: city.name.zh || city.name.en, es: city.name.es || city.name.en };
    if (good) cities.push(city as CityRow);
  }
  return errors.length ? { ok: false, errors } : { ok: true, cities };
}

/** A cell quoted back in a message, cut short so a pasted essay does not flood the list. */
function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** One line per problem, as the CLI prints them: "row 4, population: is -5; ...". */
export function describeCsvError(e: CsvError): string {
  return `${e.row > 0 ? `row ${e.row}` : 'file'}, ${e.column}: ${e.rule}`;
}
