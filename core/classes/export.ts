/**
 * The class export (issue 15, docs/classes.md): one JSON document with every room's record and
 * the comparison, and one CSV in long format, one row per class, room, treatment, round and
 * city with every decision and result, for a researcher's own analysis. And the check that the
 * class replays: every room's record through the model again (core/replay), byte for byte,
 * and the comparison computed again from the records. Pure functions; the room's own exports
 * stay beside these (worker/archive/export.ts), with the same columns (core/protocol/csv.ts).
 */
import * as v from 'valibot';
import { decisionRows, regionRows, toCsv, type Row } from '../protocol/csv';
import { CLASS_MAX_ROOMS, MAX_TREATMENT_CHARS } from '../protocol/class';
import { recordSchema } from '../protocol/record';
import { say } from '../protocol/refusals';
import { checkReplay, type ReplayCheck } from '../replay/replay';
import { firstDifference, type Difference } from '../replay/diff';
import { playedScenario } from '../scenarios/played';
import { compareRooms, type ClassRoom, type Comparison } from './compare';
import type { TreatmentTag } from './treatments';

export const CLASS_FORMAT = 'enclave-class/1';


// A treatment's label is as long as a class's (core/protocol/class.ts); an id at most `custom:` and a label.
const tagSchema = v.strictObject({ id: v.pipe(v.string(), v.maxLength(MAX_TREATMENT_CHARS + 7)), label: v.pipe(v.string(), v.maxLength(MAX_TREATMENT_CHARS)) });

/** The class export's JSON, as read back (a file a researcher hands the simulator, say). The comparison is derived: `checkClass` computes it again. */
export const classExportSchema = v.strictObject({
  format: v.literal(CLASS_FORMAT),
  class: v.strictObject({
    code: v.string(),
    createdAt: v.optional(v.pipe(v.string(), v.isoTimestamp(say('not-a-time')))),
    treatments: v.array(tagSchema),
  }),
  rooms: v.pipe(v.array(v.strictObject({ code: v.string(), treatment: v.string(), record: recordSchema })), v.maxLength(CLASS_MAX_ROOMS, say('max-items', { max: CLASS_MAX_ROOMS, items: 'rooms' }))),
  comparison: v.unknown(),
});
export type ClassExport = Omit<v.InferOutput<typeof classExportSchema>, 'comparison'> & { comparison: Comparison };

export interface ClassInfo {
  code: string;
  createdAt?: string;
}

/** The JSON export: the rooms in the order given, each treatment once (in the order of its first room), and the comparison. */
export function classExport(info: ClassInfo, rooms: readonly ClassRoom[]): ClassExport {
  const treatments = new Map<string, TreatmentTag>();
  for (const r of rooms) if (!treatments.has(r.treatment.id)) treatments.set(r.treatment.id, { ...r.treatment });
  return {
    format: CLASS_FORMAT,
    class: { code: info.code, ...(info.createdAt ? { createdAt: info.createdAt } : {}), treatments: [...treatments.values()] },
    rooms: rooms.map((r) => ({ code: r.code, treatment: r.treatment.id, record: r.record })),
    comparison: compareRooms(rooms),
  };
}

/** The rooms of an export with their treatment tags again. */
export function roomsOf(doc: Pick<ClassExport, 'class' | 'rooms'>): ClassRoom[] {
  return doc.rooms.map((r) => ({ code: r.code, treatment: doc.class.treatments.find((t) => t.id === r.treatment) ?? { id: r.treatment, label: r.treatment }, record: r.record }));
}

/** The columns every row of the class CSV starts with. */
export const CLASS_CSV_LEAD = ['class', 'room', 'treatment', 'round', 'city', 'source'] as const;

/**
 * Long format: one row per class, room, treatment, round and city. After the lead columns,
 * every decision (`decision.subsidies.talent`, ... as in the room's decisions.csv, prefixed)
 * and every result of the city's round (as in the room's regions.csv: `innovation`,
 * `fiscal.subsidies`, `score`, `scoreParts.output`, ...).
 */
export function classCsvRows(doc: Pick<ClassExport, 'class' | 'rooms'>): Row[] {
  return doc.rooms.flatMap((room) => {
    const decided = new Map(decisionRows(room.record).map((d) => [`${d.round} ${d.city}`, d]));
    return regionRows(room.record).map((region) => {
      const { round = null, id: city = null, ...result } = region;
      const d = decided.get(`${round} ${city}`);
      const decision: Row = {};
      if (d) for (const [k, x] of Object.entries(d)) if (k !== 'round' && k !== 'city' && k !== 'source') decision[`decision.${k}`] = x;
      return { class: doc.class.code, room: room.code, treatment: room.treatment, round, city, source: d?.source ?? null, ...decision, ...result };
    });
  });
}

export function classCsv(doc: Pick<ClassExport, 'class' | 'rooms'>): string {
  return toCsv(classCsvRows(doc), [...CLASS_CSV_LEAD]);
}

export interface ClassCheck {
  /** Every room reproduced its results and final state byte for byte, and the comparison its numbers. */
  match: boolean;
  rooms: { code: string; check: ReplayCheck | { match: false; field: string; rule: string } }[];
  /** The first difference between the exported comparison and one computed again from the records, or null. */
  comparison: Difference | null;
}

/**
 * Replay the class room by room through the model (core/replay) and compute its comparison
 * again. Each room on the map its record names: a built-in scenario, or the facilitator's
 * region the record carries (core/scenarios/played.ts).
 */
export function checkClass(doc: ClassExport): ClassCheck {
  const rooms = doc.rooms.map((room, i) => {
    const { settings, region } = room.record;
    const played = playedScenario(settings.scenario, region, region === undefined ? `rooms.${i}.record.settings.scenario` : `rooms.${i}.record.region`);
    if (!played.ok) return { code: room.code, check: { match: false as const, field: played.error.field, rule: played.error.rule } };
    return { code: room.code, check: checkReplay(played.scenario, room.record) };
  });
  // As the document travels: through JSON.
  const again = JSON.parse(JSON.stringify(compareRooms(roomsOf(doc)))) as unknown;
  const comparison = firstDifference(JSON.parse(JSON.stringify(doc.comparison)) as unknown, again, 'comparison');
  return { match: rooms.every((r) => r.check.match) && comparison === null, rooms, comparison };
}
