/**
 * What a game room holds: one immutable value that the pure rules (rules/*.ts) turn into
 * the next value. store.ts maps it onto Durable Object storage, one key per piece, so no
 * value nears the 128 KiB a storage value may hold, and a change writes only what changed:
 * a draft edit writes one draft, a chat line one line.
 */
import type { BookDeal, BookEntry } from '../core/deals';
import type { SignedDeal } from '../core/protocol/deals';
import type { Decisions } from '../core/protocol/decisions';
import type { GameEvent } from '../core/protocol/events';
import type { Notice, StoredNotice } from '../core/protocol/notices';
import type { DECISION_SOURCES } from '../core/protocol/record';
import type { ChatLine, Phase, PublicState, RoomInit, RoomSettings } from '../core/protocol/room';
import type { GameState, RoundResult } from '../core/protocol/state';
import type { Scenario } from '../core/scenarios/schema';

export type DecisionSource = (typeof DECISION_SOURCES)[number];

/** A person in the room. A seat held by a team has several. */
export interface Member {
  id: string;
  name: string;
  /** SHA-256 of the seat token; the token itself is shown to its holder once. */
  tokenHash: string;
  /** The city they play, or null while waiting for the host to assign one. */
  city: string | null;
}

export interface Seat {
  city: string;
  /** Strategy of the bot holding the seat, or null when people hold it. */
  bot: string | null;
  locked: boolean;
  muted: boolean;
}

/** A deal in the room: a deal of core's deal book (core/deals), the one engine the simulator plays too. */
export type Deal = BookDeal;

/** The open round's clock: running (endsAt set) or frozen (endsAt null, remainingMs kept). */
export interface Timer {
  round: number;
  endsAt: number | null;
  remainingMs: number;
}

/** A seat's decision with who made it (member id) and when. */
export interface Authored {
  decisions: Decisions;
  by: string;
  at: number;
}

/** Everything a round's resolution needs, frozen when the round closes, so a retry sends the same. */
export interface Resolving {
  round: number;
  decisions: Record<string, Decisions>;
  source: Record<string, DecisionSource>;
  deals: SignedDeal[];
  events: GameEvent[];
}

/** Progress of the resolver call for the round being resolved. */
export interface ResolutionStatus {
  round: number;
  attempts: number;
  /** When the next call is due (epoch ms). */
  nextAt: number;
  lastError: string | null;
  /** The model refused the round's inputs: no more calls until the host retries, plays it again or ends the game. */
  refused: boolean;
}

export interface ArchiveStatus {
  /** The room holds something the archive has not stored yet. */
  pending: boolean;
  attempts: number;
  nextAt: number | null;
  lastError: string | null;
  /** Archive id of the last stored record. */
  storedId: string | null;
  /** `meta.lastActivity` of the room when the stored record was built. */
  savedRevision: number | null;
}

/** One resolved round, kept under its own key: the GameRecord's `rounds` entries. */
export interface RoundRecord extends Resolving {
  result: RoundResult;
}

/** A step of the deal book (core/deals/book.ts) with the clock reading of the action. */
export interface DealLogEntry extends BookEntry {
  at: number;
}

/** The small, often rewritten part of the room. */
export interface Meta {
  code: string;
  createdAt: number;
  settings: RoomSettings;
  hostTokenHash: string;
  seats: Seat[];
  members: Member[];
  /** Next member number (m1, m2, ...). */
  nextMember: number;
  phase: Phase;
  paused: boolean;
  round: number;
  /** The open round's clock; in review, the clock of the automatic continue (null: the host continues). */
  timer: Timer | null;
  /** The panel the stage shows in review and at the end (rules/rounds.ts `stage`). */
  stage: number;
  /** The round being played or reviewed is the practice round (settings.practice): it will not count. */
  practice: boolean;
  /** The host ended the game while a round was being resolved: finish after it. */
  endRequested: boolean;
  deals: Deal[];
  nextDeal: number;
  /** Scenario event ids injected into the open round; and the ones already resolved. */
  events: { pending: string[]; applied: { round: number; event: string }[] };
  resolution: ResolutionStatus | null;
  archive: ArchiveStatus;
  /** Things the host should know (newest last, a few kept): coded (core/protocol/notices.ts),
   * or plain English sentences in a room stored before codes. */
  notices: StoredNotice[];
  /** Last change to the game (epoch ms): the room expires after a long idle time, and the
   * archive knows from it whether it holds the latest record. */
  lastActivity: number;
  finishedAt: number | null;
  /** Doors (rules/doors.ts): joins locked by the host, the room size, pending join requests. */
  joins: { locked: boolean; size: number };
  requests: JoinRequest[];
  /** Team joins a class vouched for (absent in rooms stored before classes could vouch). */
  vouched?: Vouch[];
  /** Names the host removed from a seat (rules/seats.ts kick): a class's pass no longer seats them at once. */
  kicked?: string[];
  /**
   * The room's class keeps its rooms in step (party/class-room.ts): the next round opens only
   * from the class console, so this room's own `continue` is refused. Set when a class creates
   * the room and by the class's `lock-step` and `release`; absent: a room of no class.
   */
  classLock?: boolean;
  nextRequest: number;
  /** What each person spent this round and this game (rules/quota.ts), by member id or "host". */
  quota: Record<string, Spent>;
}

/** Someone asking to join a seat that already has people; the seat's members or the host answer. */
/**
 * A class's word for a person it placed here as a team member (party/class-room.ts): a join
 * to `city` that shows the pass (its hash here) is seated without waiting for the team's yes.
 * One per class person; used once.
 */
export interface Vouch {
  person: string;
  passHash: string;
  city: string;
  /** The name the class placed them under: a pass shown with another name is no pass (absent in vouches stored before). */
  name?: string;
}

export interface JoinRequest {
  id: string;
  name: string;
  /** The seat asked for, or null (no city yet: a join after a kick, which the host answers). */
  city: string | null;
  /** The hash of the seat token the joiner will hold if let in. */
  tokenHash: string;
  /** The joiner's address (null when unknown: local mode), for the per-address cap. */
  ip: string | null;
  expiresAt: number;
}

export interface Spent {
  round: number;
  chat: number;
  deals: number;
  chatGame: number;
  dealsGame: number;
}

/** Defaults for the doors and the stage, also filled into a room stored before they existed. */
export const DEFAULT_ROOM_SIZE = 120;
export function withDoors(meta: Meta): Meta {
  const settings = { ...meta.settings, reviewSeconds: meta.settings.reviewSeconds === undefined ? 0 : meta.settings.reviewSeconds, practice: meta.settings.practice ?? false };
  return { ...meta, stage: meta.stage ?? 0, practice: meta.practice ?? false, settings, joins: meta.joins ?? { locked: false, size: DEFAULT_ROOM_SIZE }, requests: meta.requests ?? [], nextRequest: meta.nextRequest ?? 1, quota: meta.quota ?? {} };
}

export interface Room {
  meta: Meta;
  /**
   * The map of a game on a facilitator's own region (docs/scenarios.md), kept by the room so
   * the game never depends on the region's row in D1; null for a built-in scenario.
   */
  region: Scenario | null;
  /** Model state after the last resolved round. */
  state: GameState;
  initialState: GameState;
  /** This round's shared drafts and submissions, by city. */
  drafts: Readonly<Record<string, Authored>>;
  submissions: Readonly<Record<string, Authored>>;
  /** The round being resolved, frozen; null otherwise. */
  resolving: Resolving | null;
  rounds: readonly RoundRecord[];
  chat: readonly ChatLine[];
  dealLog: readonly DealLogEntry[];
}

/** The notices kept for the host. */
export const MAX_NOTICES = 8;

export function withNotice(meta: Meta, n: Notice): Meta {
  return { ...meta, notices: [...meta.notices, n].slice(-MAX_NOTICES) };
}

/** Mark a change to the game at `now`. */
export function touch(room: Room, now: number): Room {
  return room.meta.lastActivity === now ? room : { ...room, meta: { ...room.meta, lastActivity: now } };
}

/** The model state everyone may see (views, bots): all of it but the seed. */
export function publicState(room: Room): PublicState {
  const { seed: _seed, ...state } = room.state;
  return state;
}

export function seatOf(room: Room, city: string): Seat | undefined {
  return room.meta.seats.find((s) => s.city === city);
}

export function membersOf(room: Room, city: string): Member[] {
  return room.meta.members.filter((m) => m.city === city);
}

/** A new game in the lobby; `region` is the checked map of a game on a region (null: built-in). */
export function newRoom(code: string, init: RoomInit, now: number, region: Scenario | null = null): Room {
  return {
    region,
    meta: {
      code,
      createdAt: now,
      settings: init.settings,
      hostTokenHash: init.hostTokenHash,
      ...(init.classLock ? { classLock: true } : {}),
      seats: init.cities.map((city) => ({ city, bot: null, locked: false, muted: false })),
      members: [],
      nextMember: 1,
      phase: 'lobby',
      paused: false,
      round: 0,
      timer: null,
      stage: 0,
      practice: false,
      endRequested: false,
      deals: [],
      nextDeal: 1,
      events: { pending: [], applied: [] },
      resolution: null,
      archive: { pending: false, attempts: 0, nextAt: null, lastError: null, storedId: null, savedRevision: null },
      notices: [],
      lastActivity: now,
      finishedAt: null,
      joins: { locked: false, size: DEFAULT_ROOM_SIZE },
      requests: [],
      nextRequest: 1,
      quota: {},
    },
    state: init.state,
    initialState: init.state,
    drafts: {},
    submissions: {},
    resolving: null,
    rounds: [],
    chat: [],
    dealLog: [],
  };
}
