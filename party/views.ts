/**
 * Each viewer gets only what its role may see (docs/protocol.md "Views": a sealed bid never leaves the room before it is resolved). The host runs the room but does not see sealed bids or open
 * negotiations; a seat's members see their own draft, submission and deals; a spectator
 * (the projector) sees the public board. Nobody sees another city's decisions before the
 * round is resolved unless the game has open bids; token hashes and the seed never leave
 * the room. Views depend only on the viewer's kind (host, spectator, one city), so a room
 * full of spectators builds one view, not one per connection.
 */
import { noticeText, noticeView } from '../core/protocol/notices';
import type { Authored as AuthoredView, ChatLine, RoomDeal, SentView } from '../core/protocol/room';
import type { RoundResult } from '../core/protocol/state';
import { dealView, dealsVisibleTo } from './rules/deals';
import { canRead } from './rules/talk';
import { membersOf, type Authored, type Room } from './room';

export type Viewer = { role: 'host' } | { role: 'player'; city: string | null } | { role: 'spectator' };

/** Chat lines a client gets in a snapshot; older ones stay in the record. */
export const CHAT_SNAPSHOT_LINES = 200;

/** One key per distinct view: connections with the same key get the same bytes. */
export function viewKey(viewer: Viewer): string {
  if (viewer.role === 'player') return viewer.city === null ? 'waiting' : `city:${viewer.city}`;
  return viewer.role;
}

/** Members with at least one connection open, by member id. */
export type Online = ReadonlySet<string>;

export function buildView(room: Room, viewer: Viewer, online: Online): SentView {
  const { meta } = room;
  const host = viewer.role === 'host';
  const city = viewer.role === 'player' ? viewer.city : null;
  const nameOf = (id: string) => meta.members.find((m) => m.id === id)?.name ?? 'a former member';
  const authored = (a: Authored | undefined): AuthoredView | null => (a ? { decisions: a.decisions, by: nameOf(a.by), at: a.at } : null);
  const openBids = !meta.settings.sealed && meta.phase === 'playing';
  return {
    code: meta.code,
    scenario: meta.settings.scenario,
    language: meta.settings.language,
    scoring: meta.settings.scoring,
    sealed: meta.settings.sealed,
    phase: meta.phase,
    paused: meta.paused,
    round: meta.round,
    rounds: meta.settings.rounds,
    roundSeconds: meta.settings.roundSeconds,
    reviewSeconds: meta.settings.reviewSeconds,
    stage: meta.stage,
    practice: meta.practice,
    classLock: meta.classLock === true,
    you: { role: viewer.role, city },
    timer: meta.timer && { endsAt: meta.timer.endsAt, remainingMs: meta.timer.remainingMs },
    seats: meta.seats.map((s) => {
      const players = membersOf(room, s.city).map((m) => ({ name: m.name, connected: online.has(m.id) }));
      return {
        city: s.city,
        players,
        bot: s.bot,
        locked: s.locked,
        muted: s.muted,
        connected: players.some((p) => p.connected),
        submitted: room.submissions[s.city] !== undefined,
      };
    }),
    resolved: room.rounds.length,
    draft: city ? authored(room.drafts[city]) : null,
    submission: city ? authored(room.submissions[city]) : null,
    open: openBids ? Object.fromEntries(Object.entries(room.submissions).map(([c, a]) => [c, a.decisions])) : null,
    deals: dealsVisibleTo(room, city).map((d): RoomDeal => ({ ...dealView(d), closedRound: d.closedRound })),
    events: { pending: [...meta.events.pending], applied: [...meta.events.applied] },
    finishedAt: meta.finishedAt,
    members: host ? meta.members.map((m) => ({ id: m.id, name: m.name, city: m.city, connected: online.has(m.id) })) : null,
    // `=== true`: a room stored before refusals were told apart has no such field.
    resolution: host && meta.resolution ? { ...meta.resolution, refused: meta.resolution.refused === true } : null,
    archive: host
      ? {
          status: meta.archive.pending ? 'pending' : meta.archive.storedId ? 'stored' : 'none',
          id: meta.archive.storedId,
          attempts: meta.archive.attempts,
          lastError: meta.archive.lastError,
          nextAt: meta.archive.nextAt,
        }
      : null,
    // The English sentences (what a client from before codes reads), and the same notices coded.
    notices: host ? meta.notices.map(noticeText) : null,
    hostNotices: host ? meta.notices.map(noticeView) : null,
    joins: { ...meta.joins },
    // Who asks to join a seat: the host sees every request, a seat's members theirs.
    requests: host || city ? meta.requests.filter((r) => host || r.city === city).map((r) => ({ id: r.id, name: r.name, city: r.city, expiresAt: r.expiresAt })) : null,
  };
}

/** The chat lines a viewer may read, newest last. */
export function chatFor(room: Room, viewer: Viewer, limit = CHAT_SNAPSHOT_LINES): ChatLine[] {
  const reader = viewer.role === 'player' ? (viewer.city === null ? ({ role: 'spectator' } as const) : { role: 'player' as const, city: viewer.city }) : viewer;
  const lines: ChatLine[] = [];
  for (let i = room.chat.length - 1; i >= 0 && lines.length < limit; i--) {
    const line = room.chat[i]!;
    if (canRead(line, reader)) lines.push(line);
  }
  return lines.reverse();
}

export function resultsOf(room: Room): RoundResult[] {
  return room.rounds.map((r) => r.result);
}
