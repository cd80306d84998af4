/**
 * Handing the game record to the archive: at the end, on the host's "save now", and before
 * an idle room is cleaned up. A failed hand-over keeps the record and retries with backoff
 * (after 2 s, doubling, at most every 10 minutes) until the archive has it: nothing is lost.
 */
import { notice } from '../../core/protocol/notices';
import { withNotice, type Room } from '../room';
import { ok, onlyHost, refuse, type Actor, type Outcome, type RuleEnv } from './common';

export const ARCHIVE_FIRST_RETRY_MS = 2_000;
export const ARCHIVE_MAX_RETRY_MS = 600_000;

export function requestSave(room: Room, actor: Actor, env: RuleEnv): Outcome {
  const denied = onlyHost(actor, 'save the game');
  if (denied) return denied;
  if (room.meta.phase === 'lobby') return refuse('(phase)', 'nothing to save before the game starts');
  return ok(requestArchive(room, env.now));
}

/** Queue a hand-over to the archive now (without counting as a change to the game). */
export function requestArchive(room: Room, now: number): Room {
  return { ...room, meta: { ...room.meta, archive: { ...room.meta.archive, pending: true, nextAt: now } } };
}

/** Whether the room holds anything worth keeping once it is gone. */
export function worthKeeping(room: Room): boolean {
  return room.rounds.length > 0 || room.chat.length > 0 || room.dealLog.length > 0;
}

/** The archive stored the record as it stood at `revision` (meta.lastActivity when it was built). */
export function archived(room: Room, id: string, revision: number): Room {
  const archive = { ...room.meta.archive, pending: false, attempts: 0, nextAt: null, lastError: null, storedId: id, savedRevision: revision };
  return { ...room, meta: { ...room.meta, archive } };
}

export function archiveFailed(room: Room, error: string, now: number): Room {
  const attempts = room.meta.archive.attempts + 1;
  const wait = Math.min(ARCHIVE_MAX_RETRY_MS, ARCHIVE_FIRST_RETRY_MS * 2 ** (attempts - 1));
  const archive = { ...room.meta.archive, pending: true, attempts, nextAt: now + wait, lastError: error };
  return { ...room, meta: withNotice({ ...room.meta, archive }, notice('archive-retry', { error, seconds: Math.round(wait / 1000) })) };
}

/** Whether the archive holds everything the room holds. */
export function archiveIsCurrent(room: Room): boolean {
  return !room.meta.archive.pending && room.meta.archive.savedRevision === room.meta.lastActivity;
}
