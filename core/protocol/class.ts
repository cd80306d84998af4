/**
 * A class of rooms (issue 15, docs/protocol.md "Classes"): several game rooms that play the
 * same region under different rules (treatments), run from one console and joined with one
 * code. Each room stays a normal game room; the class only places people and drives the
 * rooms together. These are the bodies and answers of `/api/classes/*`, defined once and
 * checked at the Worker (worker/classes.ts) and again in the class object (party/class-room.ts).
 */
import * as v from 'valibot';
import { CODE_PATTERN } from './codes';
import { MAX_NAME_CHARS, tokenSchema } from './room';
import { gameSettingsSchema } from './settings';
import { displayName, int, type InputError } from './validate';
import { refusal, say } from './refusals';
import { TREATMENT_KINDS, type TreatmentKind } from '../classes/names';

export const CLASS_MIN_ROOMS = 2;
export const CLASS_MAX_ROOMS = 12;
/** A treatment's label, as the stage and the comparison show it. */
export const MAX_TREATMENT_CHARS = 60;
/** People one class places at most (12 rooms of 11 cities, teams of about two). */
export const MAX_CLASS_PEOPLE = 300;
/** People one address may place in a class (a school network holds a whole class, so generous). */
export const MAX_CLASS_JOINS_PER_ADDRESS = 60;
/** Largest body of POST /api/classes: twelve rooms' settings, each as big as POST /api/games takes. */
export const MAX_CLASS_BODY_BYTES = 12 * 16_384;

const roomCode = v.pipe(v.string(say('not-text')), v.regex(CODE_PATTERN, say('invalid', { detail: 'must be a six-character room code' })));

/** One room of the class: its treatment's label and the room's settings (as POST /api/games takes them). */
export const classRoomRequestSchema = v.strictObject({
  treatment: displayName(1, MAX_TREATMENT_CHARS),
  settings: gameSettingsSchema,
  /**
   * Which preset made the settings (core/classes/treatments.ts), if one did: the comparison
   * groups rooms by treatment and compares each with the `baseline` rooms. Absent: custom.
   */
  kind: v.optional(v.picklist(TREATMENT_KINDS, say('one-of', { options: [...TREATMENT_KINDS] }))),
});

/**
 * A room's treatment as the comparison groups it (core/classes/compare.ts): rooms of the same
 * preset and label are one treatment; every `baseline` room is the reference, whatever its label.
 */
export function treatmentTag(room: { treatment: string; kind?: TreatmentKind }): { id: string; label: string } {
  const kind = room.kind ?? 'custom';
  return { id: kind === 'baseline' ? 'baseline' : `${kind}:${room.treatment}`, label: room.treatment };
}

export const createClassRequestSchema = v.strictObject({
  rooms: v.pipe(
    v.array(classRoomRequestSchema, say('not-a-list')),
    v.minLength(CLASS_MIN_ROOMS, say('min-items', { min: CLASS_MIN_ROOMS, items: 'rooms' })),
    v.maxLength(CLASS_MAX_ROOMS, say('max-items', { max: CLASS_MAX_ROOMS, items: 'rooms' })),
  ),
  /** How many people each room takes before teams form; default: the scenario's cities. */
  seatsPerRoom: v.optional(int(1, 11)),
  /** The facilitator's existing host token (so the archive lists the class's games with the rest). */
  hostToken: v.optional(tokenSchema),
});
export type CreateClassRequest = v.InferOutput<typeof createClassRequestSchema>;

/**
 * What the schema cannot say alone, refused at the first room that breaks it:
 * - every room plays the first room's scenario (a comparison of treatments holds the region
 *   fixed);
 * - rooms the comparison counts as one treatment (the same `treatmentTag`: label and preset,
 *   or any two `baseline` rooms) play the same settings, or their results would be pooled as
 *   if they had: two rooms of other rules need their own labels. The seed and the language
 *   may differ: replicates of a treatment with other luck, or in another language, are fine.
 */
export function checkClassRooms(body: { rooms: readonly { treatment: string; kind?: TreatmentKind; settings: { scenario: string } }[] }): InputError | null {
  const first = body.rooms[0]!.settings.scenario;
  const i = body.rooms.findIndex((r) => r.settings.scenario !== first);
  if (i >= 0) return refusal(`rooms.${i}.settings.scenario`, 'class-scenario', { scenario: body.rooms[i]!.settings.scenario, first });
  const seen = new Map<string, { room: number; settings: string }>();
  for (const [k, room] of body.rooms.entries()) {
    const tag = treatmentTag(room).id;
    const { seed: _seed, language: _language, ...rules } = room.settings as { seed?: unknown; language?: unknown };
    const settings = canonicalJson(rules);
    const earlier = seen.get(tag);
    if (!earlier) seen.set(tag, { room: k, settings });
    else if (earlier.settings !== settings) return refusal(`rooms.${k}.treatment`, 'class-treatment-differs', { label: room.treatment, room: earlier.room + 1 });
  }
  return null;
}

/** JSON with every object's keys sorted: two settings written in another key order compare equal. */
function canonicalJson(x: unknown): string {
  return JSON.stringify(x, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );
}

export const createClassResponseSchema = v.strictObject({
  code: v.string(),
  hostToken: v.string(),
  rooms: v.array(v.strictObject({ code: v.string(), treatment: v.string() })),
});
export type CreateClassResponse = v.InferOutput<typeof createClassResponseSchema>;

export const joinClassRequestSchema = v.strictObject({
  name: displayName(1, MAX_NAME_CHARS),
  /** The placement token an earlier join answered: the same person asking again keeps their place. */
  placement: v.optional(tokenSchema),
});
export type JoinClassRequest = v.InferOutput<typeof joinClassRequestSchema>;

/** Where a person was placed: join `room` over WebSocket with `{ type: 'join', name, city, team }`. */
export interface JoinClassAnswer {
  class: string;
  room: string;
  treatment: string;
  /** The seat suggested: the emptiest of the room's first `seatsPerRoom` cities. */
  city: string;
  /** The seat already has people placed in it: join it as a team member (a request its members answer). */
  team: boolean;
  /** The person's id in the class (the host moves people by it). */
  person: string;
  /** Keep it: sent with a later join, it finds the same place (a move shows there). */
  placement: string;
  /** This person was placed before: the answer is their place, not a new one. */
  again: boolean;
  /**
   * On a team placement: the class's word for this person, sent with the room's `join`
   * (`pass`), so the join is seated at once instead of waiting for the team's yes. Each answer
   * gives a new one (the last one counts). Absent when the room did not answer in time: the
   * join then asks the team as any team join does.
   */
  pass?: string;
}

export const moveRequestSchema = v.strictObject({
  person: v.pipe(v.string(say('not-text')), v.regex(/^p[1-9][0-9]{0,3}$/, say('invalid', { detail: 'must be a person id such as p3' }))),
  room: roomCode,
});
export type MoveRequest = v.InferOutput<typeof moveRequestSchema>;

/** What the host can ask of the rooms; `release` and `lock-step` are about the class itself. */
export const CLASS_ACTIONS = ['start', 'pause', 'resume', 'close-round', 'continue', 'end-game', 'release', 'lock-step'] as const;
export type ClassAction = (typeof CLASS_ACTIONS)[number];
/** The actions a room runs, as its host's message of the same name (party/logic.ts). */
export type RoomAction = Exclude<ClassAction, 'release' | 'lock-step'>;

export const commandRequestSchema = v.strictObject({
  action: v.picklist(CLASS_ACTIONS, say('one-of', { options: [...CLASS_ACTIONS] })),
  /** One room of the class; absent: every room. */
  room: v.optional(roomCode),
});
export type CommandRequest = v.InferOutput<typeof commandRequestSchema>;

/** What a room answers the class about itself (party/game.ts `classStatus`): who has submitted, never what. */
export interface RoomStatus {
  code: string;
  phase: 'lobby' | 'playing' | 'resolving' | 'review' | 'finished';
  round: number;
  rounds: number;
  paused: boolean;
  people: number;
  bots: number;
  seats: { city: string; people: number; bot: boolean; submitted: boolean }[];
  /** The resolver keeps failing (attempts) or refused the round. */
  resolution: { attempts: number; refused: boolean; lastError: string | null } | null;
  lastActivity: number;
}

/** One room's outcome of a command: applied (the room's phase and round after it) or refused. */
export type RoomOutcome = { room: string; ok: true; phase: RoomStatus['phase']; round: number } | { room: string; ok: false; error: InputError };

export type ClassAlert =
  | { room: string; kind: 'unreachable'; error: InputError }
  | { room: string; kind: 'stuck'; detail: string }
  | { room: string; kind: 'out-of-step'; round: number; phase: RoomStatus['phase'] };

export interface ClassStatus {
  code: string;
  scenario: string;
  lockStep: boolean;
  started: boolean;
  rooms: ({ code: string; treatment: string; placed: number; status: RoomStatus | null })[];
  people: { person: string; name: string; room: string; city: string }[];
  alerts: ClassAlert[];
  /** Every room that answered holds the same round at the same step (playing or in review), or all have finished. */
  inStep: boolean;
}
