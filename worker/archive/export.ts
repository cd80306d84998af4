/**
 * Exports of an archived game for researchers (docs/data.md): one JSON document of the whole
 * record, and CSV files — one row per region per round with every metric, one per park per
 * round, region-wide metrics, flows, and one file each for decisions, deals, chat and events.
 * Pure functions of the record; the flattening, quoting and the per-city rows are
 * core/protocol/csv.ts, shared with the class export (core/classes/export.ts).
 *
 * Columns are the record's own field names, flattened with dots (`returns.talent.total`), so a
 * metric the model adds appears in the export without a change here; docs/data.md lists them
 * and a test keeps that list complete.
 */
import { FACTORS } from '../../core/model/factors';
import type { CsvFile } from '../../core/protocol/archive';
import type { GameRecord } from '../../core/protocol/record';
import { decisionRows, flatten, regionRows, toCsv, type Row } from '../../core/protocol/csv';

/** The record without players' names: seats keep their city and bot, people become "player N". */
export function anonymise(record: GameRecord): GameRecord {
  let n = 0;
  return {
    ...record,
    seats: record.seats.map((s) => ({ ...s, players: s.players.map(() => `player ${++n}`) })),
  };
}

export function csvRows(record: GameRecord, file: CsvFile): { rows: Row[]; lead: string[] } {
  switch (file) {
    case 'regions':
      return {
        lead: ['round', 'id'],
        rows: regionRows(record),
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
        rows: decisionRows(record),
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
