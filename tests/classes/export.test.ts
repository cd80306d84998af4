/**
 * The class export (core/classes/export.ts): the JSON document reads back through its schema,
 * the CSV is long format with one row per class, room, treatment, round and city and the room
 * export's columns, formula-like text is neutralised, and the class replays room by room.
 */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { CLASS_CSV_LEAD, CLASS_FORMAT, checkClass, classCsv, classCsvRows, classExport, classExportSchema, type ClassExport } from '../../core/classes/export';
import { decisionRows, regionRows } from '../../core/protocol/csv';
import { behind, playRoom } from './fixture';

const rooms = [
  playRoom('BASE01', { kind: 'baseline' }, 11),
  playRoom('PLAT01', { kind: 'platform-cap', cap: 0.2 }, 11, { keepCap: true }),
  behind(playRoom('NOPK01', { kind: 'no-parks' }, 11), 3),
];
const doc = classExport({ code: 'CLS123', createdAt: '2026-11-20T09:00:00.000Z' }, rooms);
/** As a researcher receives it. */
const travelled = JSON.parse(JSON.stringify(doc)) as ClassExport;

/** Parse CSV text (RFC 4180, as toCsv writes it) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  return rows;
}

describe('the JSON export', () => {
  it('holds the class, each treatment once, every room with its record, and the comparison', () => {
    expect(doc.format).toBe(CLASS_FORMAT);
    expect(doc.class).toEqual({
      code: 'CLS123',
      createdAt: '2026-11-20T09:00:00.000Z',
      treatments: [
        { id: 'baseline', label: 'No rule change' },
        { id: 'platform-cap', label: 'Coordination platform with a subsidy cap of 0.2' },
        { id: 'no-parks', label: 'Parks not allowed' },
      ],
    });
    expect(doc.rooms.map((r) => [r.code, r.treatment, r.record.rounds.length])).toEqual([
      ['BASE01', 'baseline', 4],
      ['PLAT01', 'platform-cap', 4],
      ['NOPK01', 'no-parks', 3],
    ]);
    expect(doc.comparison.rounds).toBe(3);
    expect(v.safeParse(classExportSchema, travelled).success).toBe(true);
  });

  it('refuses a document that is not a class export, naming the field', () => {
    const bad = v.safeParse(classExportSchema, { ...travelled, format: 'enclave-record/1' });
    expect(bad.success).toBe(false);
    const extra = v.safeParse(classExportSchema, { ...travelled, rooms: [{ ...travelled.rooms[0]!, seed: 1 }] });
    expect(extra.success).toBe(false);
  });
});

describe('the CSV export', () => {
  const text = classCsv(doc);
  const [header, ...body] = parseCsv(text);

  it('has one row per class, room, treatment, round and city: rooms × rounds × cities', () => {
    const cities = 4;
    expect(body).toHaveLength((4 + 4 + 3) * cities);
    expect(header!.slice(0, CLASS_CSV_LEAD.length)).toEqual([...CLASS_CSV_LEAD]);
    const col = (name: string) => header!.indexOf(name);
    const keys = body.map((r) => `${r[col('room')]} ${r[col('round')]} ${r[col('city')]}`);
    expect(new Set(keys).size).toBe(body.length);
    expect(body.every((r) => r[col('class')] === 'CLS123')).toBe(true);
    expect(body.filter((r) => r[col('room')] === 'NOPK01').every((r) => r[col('treatment')] === 'no-parks')).toBe(true);
  });

  it('carries every decision and every result column of the room export, with their values', () => {
    const room = rooms[1]!.record;
    const decisionColumns = Object.keys(decisionRows(room)[0]!).filter((k) => !['round', 'city', 'source'].includes(k));
    const resultColumns = Object.keys(regionRows(room)[0]!).filter((k) => !['round', 'id'].includes(k));
    for (const c of decisionColumns) expect(header).toContain(`decision.${c}`);
    for (const c of resultColumns) expect(header).toContain(c);
    // One cell checked against the record: PLAT01's metropolis, round 2.
    const rows = classCsvRows(doc);
    const row = rows.find((r) => r.room === 'PLAT01' && r.round === 2 && r.city === 'metropolis')!;
    const region = room.rounds[1]!.result.regions.find((r) => r.id === 'metropolis')!;
    expect(row['decision.subsidies.talent']).toBe(room.rounds[1]!.decisions.metropolis!.subsidies.talent);
    expect(row.source).toBe('bot');
    expect(row.score).toBe(region.score);
    expect(row['fiscal.subsidies']).toBe(region.fiscal.subsidies);
    expect(row['scoreParts.output']).toBe(region.scoreParts.output);
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    const hostile = classExport({ code: '=HYPERLINK("http://x")' }, [{ ...rooms[0]!, code: '+1+1', treatment: { id: '@SUM(A1)', label: '-2' } }]);
    const [, first] = parseCsv(classCsv(hostile));
    expect(first!.slice(0, 3)).toEqual([`'=HYPERLINK("http://x")`, `'+1+1`, `'@SUM(A1)`]);
    // Numbers stay numbers, negative ones included.
    const negative = classCsvRows(doc).find((r) => typeof r.score === 'number' && r.score < 0);
    expect(negative).toBeDefined();
    expect(classCsv(doc)).toContain(`,${negative!.score},`);
  });
});

describe('the class replays', () => {
  it('every room reproduces its results byte for byte, and the comparison its numbers', () => {
    const check = checkClass(travelled);
    expect(check).toEqual({
      match: true,
      rooms: [
        { code: 'BASE01', check: { match: true, rounds: 4 } },
        { code: 'PLAT01', check: { match: true, rounds: 4 } },
        { code: 'NOPK01', check: { match: true, rounds: 3 } },
      ],
      comparison: null,
    });
  });

  it('names the room and the first field that does not replay, and a comparison that does not follow from the records', () => {
    const tampered = structuredClone(travelled);
    tampered.rooms[1]!.record.rounds[2]!.result.regions[0]!.innovation += 0.01;
    const check = checkClass(tampered);
    expect(check.match).toBe(false);
    expect(check.rooms[1]).toMatchObject({ code: 'PLAT01', check: { match: false, round: 3, path: 'rounds.2.result.regions.0.innovation' } });
    expect(check.rooms.filter((r) => r.check.match)).toHaveLength(2);

    const doctored = structuredClone(travelled);
    doctored.comparison.facts[0] = { ...doctored.comparison.facts[0]!, round: 2 };
    expect(checkClass(doctored)).toMatchObject({ match: false, comparison: { path: 'comparison.facts.0.round' } });
    // A room whose map is neither built in nor carried by its record.
    const lost = structuredClone(travelled);
    lost.rooms[0]!.record.settings.scenario = 'sheet-lost';
    expect(checkClass(lost).rooms[0]).toMatchObject({ code: 'BASE01', check: { match: false, field: 'rooms.0.record.settings.scenario', rule: expect.any(String) } });
  });
});
