/**
 * An optional travel-time sheet (docs/scenarios.md "Travel times"): a square matrix of hours,
 * the cities' ids across the first row and down the first column, for timetable times where
 * the coordinate rule is too rough (a high-speed line, a ferry). An empty cell is derived from
 * the coordinates; a pair may be given in either direction, and when both are given they must
 * agree, since a trip takes as long both ways in the model (core/model/geo.ts).
 */
import type { CsvError } from './check';
import { isFormula } from './check';
import { plainNumber } from './numbers';
import { readCsv } from './parse';

/** Longest trip the scenario schema takes, hours. */
export const MAX_HOURS = 48;

export type TravelHours = Record<string, Record<string, number>>;
export type TravelCheck = { ok: true; hours: TravelHours } | { ok: false; errors: CsvError[] };

export function checkTravelCsv(text: string, cities: readonly string[]): TravelCheck {
  const read = readCsv(text);
  if (!read.ok) return { ok: false, errors: [read.problem] };
  const [header, ...rows] = read.records;
  // A sheet separated by ; writes hours with a decimal comma (0,9), as the region sheet does (numbers.ts).
  const sep = read.separator;
  const errors: CsvError[] = [];
  if (!header) return { ok: false, errors: [{ row: 0, column: '(file)', code: 'no-header', rule: 'has no header row: the first line must be an empty cell, then the city ids' }] };
  const across = header.cells.slice(1).map((c) => c.trim());
  const down = rows.map((r) => (r.cells[0] ?? '').trim());
  const known = new Set(cities);
  for (const [k, id] of across.entries()) {
    if (!known.has(id)) errors.push({ row: header.row, column: id || `column ${k + 2}`, code: 'unknown-city', rule: `"${id}" is not the id of a city in the region sheet` });
    else if (across.indexOf(id) !== k) errors.push({ row: header.row, column: id, code: 'duplicate-column', rule: 'appears twice in the header' });
  }
  for (const [k, id] of down.entries()) {
    if (!known.has(id)) errors.push({ row: rows[k]!.row, column: 'column 1', code: 'unknown-city', rule: `"${id}" is not the id of a city in the region sheet` });
    else if (down.indexOf(id) !== k) errors.push({ row: rows[k]!.row, column: 'column 1', code: 'duplicate-id', rule: `"${id}" already has a row` });
  }
  // Square: the same cities across and down, each row as long as the header.
  const sameSet = across.length === down.length && across.every((id) => down.includes(id));
  if (!sameSet) {
    errors.push({ row: header.row, column: '(file)', code: 'not-square', rule: `must list the same cities across the first row (${across.length}) and down the first column (${down.length})` });
  }
  for (const r of rows) {
    if (r.cells.length > header.cells.length && r.cells.slice(header.cells.length).some((c) => c.trim() !== '')) {
      errors.push({ row: r.row, column: `column ${header.cells.length + 1}`, code: 'not-square', rule: `has more cells than the header (${header.cells.length})` });
    }
  }
  if (errors.length) return { ok: false, errors };

  const hours: TravelHours = {};
  for (const [i, r] of rows.entries()) {
    const from = down[i]!;
    for (const [k, to] of across.entries()) {
      const raw = (r.cells[k + 1] ?? '').trim();
      if (raw === '') continue;
      const at = (code: CsvError['code'], rule: string) => errors.push({ row: r.row, column: to, code, rule });
      const h = plainNumber(raw, sep);
      if (isFormula(raw, sep)) at('formula', `holds a formula ("${raw.slice(0, 40)}"); paste the values only`);
      else if (h === undefined) at('not-a-number', `"${raw.slice(0, 40)}" is not a number of hours`);
      else {
        if (h < 0) at('negative', `is ${raw}; hours cannot be negative`);
        else if (from === to) {
          if (h !== 0) at('out-of-range', 'is a city to itself: leave it empty or 0');
        } else if (h > MAX_HOURS) at('out-of-range', `is ${raw}; it must be at most ${MAX_HOURS} hours`);
        else (hours[from] ??= {})[to] = h;
      }
    }
  }
  for (const [from, row] of Object.entries(hours)) {
    for (const [to, h] of Object.entries(row)) {
      const back = hours[to]?.[from];
      if (back !== undefined && back !== h && from < to) {
        const r = rows[down.indexOf(from)]!;
        errors.push({ row: r.row, column: to, code: 'asymmetric', rule: `is ${h} h but ${to} → ${from} says ${back} h; a trip takes as long both ways` });
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, hours };
}

/** How many trips (unordered pairs of cities) the hours give. */
export function tripsGiven(hours: TravelHours | undefined): number {
  const pairs = new Set<string>();
  for (const [a, row] of Object.entries(hours ?? {})) for (const b of Object.keys(row)) pairs.add(a < b ? `${a} ${b}` : `${b} ${a}`);
  return pairs.size;
}
