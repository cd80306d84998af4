/**
 * The class console's reading of GET /api/classes/:code (docs/protocol.md "Classes"): per room
 * its step, who has submitted (never what), its alerts, and which of the host's actions make
 * sense now, for one room or for all. Pure: the screen only draws it. The server decides
 * (a refused action comes back as a refusal per room); this only keeps buttons that cannot
 * apply from inviting a click.
 */
import type { ClassAlert, ClassStatus, RoomAction, RoomOutcome, RoomStatus } from '../../../core/protocol/class';

/** How often the console asks (ms): a class is driven by people, a couple of seconds is live enough. */
export const CLASS_POLL_MS = 2000;

export const ROOM_ACTIONS = ['start', 'pause', 'resume', 'close-round', 'continue', 'end-game'] as const satisfies readonly RoomAction[];

export interface RoomRow {
  code: string;
  treatment: string;
  placed: number;
  status: RoomStatus | null;
  /** Seats that play this round (people or a bot), and how many of them have submitted. */
  submitted: number;
  playing: number;
  alerts: ClassAlert[];
  actions: Set<RoomAction>;
}

/** What a room in this step can be asked. */
export function actionsFor(status: RoomStatus | null): Set<RoomAction> {
  if (!status) return new Set();
  switch (status.phase) {
    case 'lobby':
      return new Set(['start', 'end-game']);
    case 'playing':
      return new Set([status.paused ? 'resume' : 'pause', 'close-round', 'end-game']);
    case 'resolving':
      return new Set(['end-game']);
    case 'review':
      return new Set(['continue', 'end-game']);
    case 'finished':
      return new Set();
  }
}

export function roomRows(status: ClassStatus): RoomRow[] {
  return status.rooms.map((r) => {
    const seats = r.status?.seats.filter((s) => s.bot || s.people > 0) ?? [];
    return {
      code: r.code,
      treatment: r.treatment,
      placed: r.placed,
      status: r.status,
      submitted: seats.filter((s) => s.submitted).length,
      playing: seats.length,
      alerts: status.alerts.filter((a) => a.room === r.code),
      actions: actionsFor(r.status),
    };
  });
}

/** The actions that apply to at least one room: the "all rooms" buttons. In lock-step, `continue` waits for the class to be in step. */
export function classActions(status: ClassStatus): Set<RoomAction> {
  const all = new Set<RoomAction>();
  for (const r of status.rooms) for (const a of actionsFor(r.status)) all.add(a);
  if (status.lockStep && !status.inStep) all.delete('continue');
  return all;
}

/** In lock-step, a single room is never continued alone (the server says `class-lock-step`). */
export const roomMayContinue = (status: ClassStatus): boolean => !status.lockStep;

/** The rooms that refused a command, with their refusals. */
export const refusals = (outcomes: readonly RoomOutcome[]) => outcomes.flatMap((o) => (o.ok ? [] : [{ room: o.room, error: o.error }]));

/** Where a person may be moved to: every other room, before the start only. */
export function moveTargets(status: ClassStatus, person: string): { code: string; treatment: string }[] {
  if (status.started) return [];
  const at = status.people.find((p) => p.person === person)?.room;
  return status.rooms.filter((r) => r.code !== at).map((r) => ({ code: r.code, treatment: r.treatment }));
}

/**
 * What the comparison depends on: the rounds each room has resolved. A room in review or
 * finished has resolved its round; one playing or resolving, the round before. Null while no
 * room has resolved a round (the comparison has nothing to say yet).
 */
export function comparisonKey(status: ClassStatus | null): string | null {
  if (!status) return null;
  const resolved = status.rooms.map((r) => (r.status ? (r.status.phase === 'review' || r.status.phase === 'finished' ? r.status.round : Math.max(0, r.status.round - 1)) : 0));
  return resolved.some((n) => n > 0) ? resolved.join(',') : null;
}
