/**
 * The CSV of the research exports (docs/data.md): records flattened to rows, quoted by RFC
 * 4180, with formula-like text neutralised. One place for the room's export
 * (worker/archive/export.ts) and the class export (core/classes/export.ts), so a column means
 * the same in both. Pure functions of the record.
 *
 * Columns are the record's own field names, flattened with dots (`returns.talent.total`), so a
 * metric the model adds appears in the exports without a change here.
 */
import type { GameRecord } from './record';

export type Row = Record<string, string | number | boolean | null>;

/** Nested objects become dotted columns; arrays become JSON text in one cell. */
export function flatten(value: unknown, prefix = '', out: Row = {}): Row {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value)) {
    out[prefix] = JSON.stringify(value);
  } else {
    out[prefix] = value as string | number | boolean | null;
  }
  return out;
}

/**
 * RFC 4180: quote a field when it holds a comma, quote, or line break; double the quotes.
 * Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe (OWASP's CSV-injection advice): chat and names are typed by players.
 */
export function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV table from rows; the header is the union of every row's columns, in first-seen order. */
export function toCsv(rows: readonly Row[], lead: readonly string[] = []): string {
  const columns = [...lead];
  const seen = new Set(columns);
  for (const row of rows) for (const key of Object.keys(row)) if (!seen.has(key)) (seen.add(key), columns.push(key));
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** One row per region per round: every field of its result (the room's regions.csv). */
export function regionRows(record: GameRecord): Row[] {
  return record.rounds.flatMap((r) => r.result.regions.map((region) => ({ round: r.round, ...flatten(region) })));
}

/** One row per city per round: how its decisions came about and every decision (the room's decisions.csv). */
export function decisionRows(record: GameRecord): Row[] {
  return record.rounds.flatMap((r) =>
    Object.entries(r.decisions).map(([city, d]) => {
      const { round: _round, ...rest } = d;
      return { round: r.round, city, source: r.source[city] ?? null, ...flatten(rest) };
    }),
  );
}
