/**
 * Exports of an archived game for researchers (docs/data.md): one JSON document of the whole
 * record, and CSV files — one row per region per round with every metric, one per park per
 * round, region-wide metrics, flows, and one file each for decisions, deals, chat and events.
 * Pure functions of the record.
 *
 * Columns are the record's own field names, flattened with dots (`returns.talent.total`), so a
 * metric the model adds appears in the export without a change here; docs/data.md lists them
 * and a test keeps that list complete.
 */
import { FACTORS } from '../../core/model/factors';
import type { CsvFile } from '../../core/protocol/archive';
import type { GameRecord } from '../../core/protocol/record';

/** The record without players' names: seats keep their city and bot, people become "player N". */
export function anonymise(record: GameRecord): GameRecord {
  let n = 0;
  return {
    ...record,
    seats: record.seats.map((s) => ({ ...s, players: s.players.map(() => `player ${++n}`) })),
  };
}

type Row = Record<string, string | number | boolean | null>;

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
function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV table from rows; the header is the union of every row's columns, in first-seen order. */
export function toCsv(rows: Row[], lead: string[] = []): string {
  const columns = [...lead];
  const seen = new Set(columns);
  for (const row of rows) for (const key of Object.keys(row)) if (!seen.has(key)) (seen.add(key), columns.push(key));
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function csvRows(record: GameRecord, file: CsvFile): { rows: Row[]; lead: string[] } {
  switch (file) {
    case 'regions':
      return {
        lead: ['round', 'id'],
        rows: record.rounds.flatMap((r) => r.result.regions.map((region) => ({ round: r.round, ...flatten(region) }))),
      };
    case 'parks':
      return {
        lead: ['round', 'id'],
        rows: record.rounds.flatMap((r) => r.result.parks.map((park) => ({ round: r.round, ...flatten(park) }))),
      };
    case 'metrics':
      return {
        lead: ['round'],
        rows: record.rounds.map((r) => ({ round: r.round, ...flatten(r.result.metrics), ...flatten(r.result.quadrant, 'quadrant') })),
      };
    case 'flows':
      // Long format, one row per non-zero flow: the matrix's last id is "outside".
      return {
        lead: ['round', 'factor', 'from', 'to', 'amount'],
        rows: record.rounds.flatMap((r) => {
          const { ids } = r.result.flows;
          return FACTORS.flatMap((factor) =>
            r.result.flows[factor].flatMap((row, i) =>
              row.flatMap((amount, j) => (amount > 0 && i !== j ? [{ round: r.round, factor, from: ids[i]!, to: ids[j]!, amount }] : [])),
            ),
          );
        }),
      };
    case 'decisions':
      return {
        lead: ['round', 'city', 'source'],
        rows: record.rounds.flatMap((r) =>
          Object.entries(r.decisions).map(([city, d]) => {
            const { round: _round, ...rest } = d;
            return { round: r.round, city, source: r.source[city] ?? null, ...flatten(rest) };
          }),
        ),
      };
    case 'deals':
      return {
        lead: ['at', 'round', 'deal', 'action', 'by'],
        rows: record.dealLog.map((d) => ({ at: d.at, round: d.round, deal: d.deal, action: d.action, by: d.by, ...(d.terms ? flatten(d.terms, 'terms') : {}) })),
      };
    case 'chat':
      return { lead: ['at', 'round', 'from', 'to', 'text'], rows: record.chat.map((c) => ({ at: c.at, round: c.round, from: c.from, to: c.to, text: c.text })) };
    case 'events':
      return {
        lead: ['round', 'kind'],
        rows: record.rounds.flatMap((r) => r.events.map((e) => ({ round: r.round, ...flatten(e) }))),
      };
  }
}

export function exportCsv(record: GameRecord, file: CsvFile): string {
  const { rows, lead } = csvRows(record, file);
  return toCsv(rows, lead);
}
