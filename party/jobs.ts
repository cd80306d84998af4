/**
 * Work the room owes at a time: the open round's deadline, the next resolver attempt, the
 * next archive attempt, idle expiry. A Durable Object has one alarm (a new one replaces
 * the old), so the room always sets it to the earliest pending job and, when it
 * fires, runs whatever is due. Every job is checked against the room as it is when the
 * alarm fires (the round it was for, the phase), so a late or repeated alarm does nothing.
 */
import type { Room } from './room';

export type Job = { kind: 'deadline'; round: number } | { kind: 'resolve'; round: number } | { kind: 'archive' } | { kind: 'expire' } | { kind: 'requests' };

export function pendingJobs(room: Room, idleMs: number): { job: Job; at: number }[] {
  const { meta } = room;
  const jobs: { job: Job; at: number }[] = [];
  // The open round's deadline, or the end of an automatic review (rules/rounds.ts `deadline`).
  if ((meta.phase === 'playing' || meta.phase === 'review') && !meta.paused && meta.timer?.endsAt != null) {
    jobs.push({ job: { kind: 'deadline', round: meta.timer.round }, at: meta.timer.endsAt });
  }
  // A refused round is not called again: it waits for the host (rules/rounds.ts `failResolution`).
  if (meta.phase === 'resolving' && meta.resolution && !meta.resolution.refused) jobs.push({ job: { kind: 'resolve', round: meta.resolution.round }, at: meta.resolution.nextAt });
  // Pending join requests lapse (rules/doors.ts).
  if (meta.requests.length) jobs.push({ job: { kind: 'requests' }, at: Math.min(...meta.requests.map((r) => r.expiresAt)) });
  if (meta.archive.pending) jobs.push({ job: { kind: 'archive' }, at: meta.archive.nextAt ?? meta.lastActivity });
  // A room never expires in the middle of a resolution (its frozen round would be lost), nor
  // while the archive still has to take its record: expiry waits for that hand-over.
  if (meta.phase !== 'resolving' && !meta.archive.pending) jobs.push({ job: { kind: 'expire' }, at: meta.lastActivity + idleMs });
  return jobs;
}

/** When the alarm should next fire, or null for never; `busy` jobs (a call in flight) wait for their own answer. */
export function nextWake(room: Room, idleMs: number, busy: (job: Job) => boolean = () => false): number | null {
  const times = pendingJobs(room, idleMs)
    .filter((j) => !busy(j.job))
    .map((j) => j.at);
  return times.length ? Math.min(...times) : null;
}

/** The jobs due at `now`, in the order they must run. */
export function dueJobs(room: Room, now: number, idleMs: number): Job[] {
  return pendingJobs(room, idleMs)
    .filter((j) => j.at <= now)
    .map((j) => j.job);
}
