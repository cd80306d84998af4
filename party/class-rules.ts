/**
 * The class of rooms' own rules (issue 15), pure: who is placed where, moves before the
 * start, and what the host's console reads of the rooms' answers (alerts, whether the rooms
 * are in step). The class object (class-room.ts) is the shell: storage and the calls to rooms.
 */
import { cityIn, placeNext } from '../core/classes/placement';
import { MAX_CLASS_JOINS_PER_ADDRESS, MAX_CLASS_PEOPLE, type ClassAlert, type ClassStatus, type RoomStatus } from '../core/protocol/class';
import { refusal } from '../core/protocol/refusals';
import { sameHash } from '../core/protocol/tokens';
import type { InputError } from '../core/protocol/validate';

export interface ClassPerson {
  id: string;
  name: string;
  /** Who asked (worker/client.ts clientKey): the same key and name asking again is the same person. */
  key: string;
  /** The trusted client address, for the per-address bound (null in local mode, where there is none). */
  address: string | null;
  /** Hash of the placement token the first join answered. */
  placementHash: string;
  room: number;
  city: string;
}

export interface ClassState {
  code: string;
  createdAt: number;
  scenario: string;
  cities: string[];
  seats: number;
  hostTokenHash: string;
  rooms: { code: string; treatment: string }[];
  /** Rooms keep in step round by round (the default) until the host releases them. */
  lockStep: boolean;
  /** A start reached a room: placing and moving people are over. */
  started: boolean;
  people: ClassPerson[];
  nextPerson: number;
}

export type Ruled<T> = { ok: true; state: ClassState; value: T } | { ok: false; status: 403 | 404 | 409 | 429; error: InputError };

export interface JoinAsk {
  name: string;
  key: string;
  address: string | null;
  /** Hash of the placement token the person sent, if any. */
  placementHash: string | null;
  /** Hash of a fresh placement token, used if the person is new. */
  freshHash: string;
}

/** Place a person, or find them again (same placement token, or same client key and name). */
export function join(state: ClassState, ask: JoinAsk): Ruled<{ person: ClassPerson; again: boolean }> {
  const known =
    (ask.placementHash && state.people.find((p) => sameHash(p.placementHash, ask.placementHash!))) ||
    state.people.find((p) => p.key === ask.key && p.name === ask.name);
  if (known) return { ok: true, state, value: { person: known, again: true } };
  if (state.started) return { ok: false, status: 409, error: refusal('(class)', 'class-started', {}) };
  if (state.people.length >= MAX_CLASS_PEOPLE) return { ok: false, status: 409, error: refusal('(class)', 'class-full', { people: MAX_CLASS_PEOPLE }) };
  if (ask.address !== null && state.people.filter((p) => p.address === ask.address).length >= MAX_CLASS_JOINS_PER_ADDRESS) {
    return { ok: false, status: 429, error: refusal('(class)', 'class-joins-address', { count: MAX_CLASS_JOINS_PER_ADDRESS }) };
  }
  const place = placeNext(state.rooms.length, state.cities, state.seats, state.people);
  const person: ClassPerson = { id: `p${state.nextPerson}`, name: ask.name, key: ask.key, address: ask.address, placementHash: ask.freshHash, room: place.room, city: place.city };
  return { ok: true, state: { ...state, people: [...state.people, person], nextPerson: state.nextPerson + 1 }, value: { person, again: false } };
}

/** The host moves a person to another room before the start; they take that room's emptiest city. */
export function move(state: ClassState, personId: string, roomCode: string): Ruled<ClassPerson> {
  if (state.started) return { ok: false, status: 409, error: refusal('(class)', 'class-started', {}) };
  const room = roomIndex(state, roomCode);
  if (room < 0) return { ok: false, status: 404, error: refusal('room', 'not-class-room', { room: roomCode }) };
  const person = state.people.find((p) => p.id === personId);
  if (!person) return { ok: false, status: 404, error: refusal('person', 'no-person', { person: personId }) };
  const others = state.people.filter((p) => p !== person);
  const moved = { ...person, room, city: cityIn(room, state.cities, state.seats, others).city };
  return { ok: true, state: { ...state, people: state.people.map((p) => (p === person ? moved : p)) }, value: moved };
}

export const roomIndex = (state: ClassState, code: string): number => state.rooms.findIndex((r) => r.code === code);

/** Whether a city of `room` already had someone placed before `person` (the join answer's `team`). */
export function isTeam(state: ClassState, person: ClassPerson): boolean {
  const before = state.people.slice(0, state.people.indexOf(person));
  return before.some((p) => p.room === person.room && p.city === person.city);
}

/** A room's step for lock-step: the round, and whether it is being played or revealed. */
function stepOf(s: RoomStatus): string {
  switch (s.phase) {
    case 'lobby':
      return 'lobby';
    case 'finished':
      return 'finished';
    case 'review':
      return `${s.round}:review`;
    default:
      return `${s.round}:play`;
  }
}

/** A resolution that failed this often, or was refused, needs the host. */
export const STUCK_ATTEMPTS = 3;

/** The console's view of the class from each room's answer (null: the room did not answer). */
export function classStatus(state: ClassState, answers: readonly ({ ok: true; status: RoomStatus } | { ok: false; error: InputError })[]): ClassStatus {
  const alerts: ClassAlert[] = [];
  const statuses = answers.map((a) => (a.ok ? a.status : null));
  answers.forEach((a, i) => {
    const room = state.rooms[i]!.code;
    if (!a.ok) return void alerts.push({ room, kind: 'unreachable', error: a.error });
    const r = a.status.resolution;
    if (r && (r.refused || r.attempts >= STUCK_ATTEMPTS)) alerts.push({ room, kind: 'stuck', detail: r.refused ? `the model refused round ${a.status.round}: ${r.lastError ?? ''}` : `round ${a.status.round} failed to resolve ${r.attempts} times: ${r.lastError ?? ''}` });
  });
  const answered = statuses.filter((s): s is RoomStatus => s !== null);
  const steps = answered.map(stepOf);
  const inStep = new Set(steps).size <= 1;
  if (!inStep) {
    // The step most rooms are at is the class's; the others are out of step.
    const count = new Map<string, number>();
    for (const s of steps) count.set(s, (count.get(s) ?? 0) + 1);
    const common = [...count].sort((a, b) => b[1] - a[1])[0]![0];
    for (const s of answered) if (stepOf(s) !== common) alerts.push({ room: s.code, kind: 'out-of-step', round: s.round, phase: s.phase });
  }
  return {
    code: state.code,
    scenario: state.scenario,
    lockStep: state.lockStep,
    started: state.started,
    rooms: state.rooms.map((r, i) => ({ code: r.code, treatment: r.treatment, placed: state.people.filter((p) => p.room === i).length, status: statuses[i] ?? null })),
    people: state.people.map((p) => ({ person: p.id, name: p.name, room: state.rooms[p.room]!.code, city: p.city })),
    alerts,
    inStep,
  };
}

/**
 * In lock-step the next round opens only together: every room that has not finished must
 * hold the same round in review. The rooms still playing (or silent) are named.
 */
export function readyToContinue(state: ClassState, answers: readonly ({ ok: true; status: RoomStatus } | { ok: false; error: InputError })[]): InputError | null {
  const live = answers.map((a, i) => ({ code: state.rooms[i]!.code, status: a.ok ? a.status : null })).filter((r) => r.status?.phase !== 'finished');
  const round = Math.max(0, ...live.map((r) => r.status?.round ?? 0));
  const waiting = live.filter((r) => r.status?.phase !== 'review' || r.status.round !== round).map((r) => r.code);
  return waiting.length ? refusal('(class)', 'class-not-in-step', { waiting, round }) : null;
}
