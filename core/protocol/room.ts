/**
 * The room protocol: messages between clients and a game room over WebSocket
 * (docs/protocol.md explains every message, who may send it and what each role sees).
 * Discriminated unions on `type`, versioned by PROTOCOL_VERSION. Every client message is
 * checked against these schemas before it can touch the room; a message that fails gets
 * an `error` reply naming the field and the rule, and changes nothing.
 */
import * as v from 'valibot';
import { isBotStrategy, STRATEGY_ARGS } from '../bots/names';
import { gameSettingsSchema } from './settings';
import { dealActionSchema, type DealView } from './deals';
import { decisionsSchema, type Decisions } from './decisions';
import type { NoticeView } from './notices';
import { fieldsOf, say, type Refusal } from './refusals';
import { gameStateSchema, type GameState, type RoundResult } from './state';
import { chatText, displayName, id, int } from './validate';

/**
 * 3: `results` carries only the new rounds (`from`), and the public model state comes in its
 * own `state` message, only when it changes, instead of inside every view.
 * 4: backpressure. Clients acknowledge what they read (`ack`); `hello` carries only the
 * newest rounds and chat lines, and earlier rounds come in `history` pages on request.
 * Also in 4: doors (party/rules/doors.ts): `approve`, `joins`, `room-size`; the `request` message;
 * the view's `joins` and `requests`.
 */
export const PROTOCOL_VERSION = 5;

/** Largest message a client may send, in characters. */
export const MAX_MESSAGE_CHARS = 16_384;
/** Longest chat line, in characters. */
export const MAX_CHAT_CHARS = 500;
/** Longest display name, in characters. */
export const MAX_NAME_CHARS = 40;

/** Tokens are 32 hex characters (128 bits). */
export const tokenSchema = v.pipe(v.string(say('not-text')), v.regex(/^[0-9a-f]{32}$/, say('not-a-token')));
/** A person in the room (a team member has their own id and token). */
export const memberIdSchema = v.pipe(v.string(say('not-text')), v.regex(/^m[0-9]{1,6}$/, say('not-a-member-id')));
const round = int(1, 1000);
/** A pending join request (doors). */
export const requestIdSchema = v.pipe(v.string(say('not-text')), v.regex(/^r[0-9]{1,6}$/, say('not-a-request-id')));
/** The most people a room can be set to take. */
export const MAX_ROOM_PLAYERS = 120;
/** The stage steps through at most this many panels (reveal and debrief); the client clamps to what it has. */
export const MAX_STAGE_STEP = 20;
const flag = v.boolean(say('not-a-flag'));
/**
 * A bot's strategy (core/bots): one of the named strategies, or `fixed:RATE`, a constant
 * subsidy per newcomer with RATE from 0 to MAX_SUBSIDY. Refused with the rule that says so.
 */
export const strategySchema = v.pipe(v.string(say('not-text')), v.maxLength(32, say('strategy', STRATEGY_ARGS)), v.check(isBotStrategy, say('strategy', STRATEGY_ARGS)));

/** One client message: its type and fields, and nothing else (a field it lacks and one it does not have are refused apart). */
const message = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) => v.strictObject({ type: v.literal(type), ...entries }, fieldsOf(type));

/** Every client message type's schema, in the order docs/protocol.md lists them. */
const clientMessages = [
  // Everyone
  /** First message on every connection (and after every reconnect): who is this? Also asks for a fresh snapshot. */
  message('hello', {
    protocol: v.literal(PROTOCOL_VERSION, say('protocol', { version: PROTOCOL_VERSION })),
    /**
     * Host token or seat token; none for a projector or spectator. Any text: one the room does
     * not know, well-formed or not, gets an `unknown-token` error and the connection carries on
     * as a spectator (docs/protocol.md).
     */
    token: v.optional(v.string(say('not-text'))),
  }),
  // Backpressure (party/flow.ts, core/protocol/paging.ts)
  /** Characters of every frame received on this connection so far. The room stops sending past 1 MiB not acknowledged. */
  message('ack', { received: int(0, Number.MAX_SAFE_INTEGER) }),
  /** Ask for resolved rounds `from` up to `to` (0-based, `to` exclusive): the answer is one `history` page (≤8 rounds, ≤128 KB). */
  message('history', { from: int(0, 999), to: int(1, 1000) }),
  /** Take a seat with a display name: a free city, a team (`team: true`) or none yet (the host assigns one). */
  // `pass`: a class's word for this person (docs/protocol.md "Classes"): a team join with it is seated at once.
  message('join', { name: displayName(1, MAX_NAME_CHARS), city: v.nullable(id), team: v.optional(flag, false), pass: v.optional(tokenSchema) }),

  // A player (seat member)
  /** Leave the room's seats for good (the seat token stops working). */
  message('leave', {}),
  /** Save the seat's shared draft; every member of the seat sees it. Taken as submitted at the deadline. */
  message('draft', { decisions: decisionsSchema }),
  /** Submit (or revise) the seat's decisions for the open round. */
  message('submit', { decisions: decisionsSchema }),
  /**
   * Deals: propose, counter, accept, reject, withdraw, exactly the model's DealAction
   * (core/protocol/deals.ts). A deal's terms never change: a counter closes the deal it
   * answers and proposes new terms as a new deal, so an accept always means the terms read.
   */
  ...dealActionSchema.options,
  /** Chat: to the whole room (`to: null`) or to one city's members. Players and the host. */
  message('chat', { text: chatText(1, MAX_CHAT_CHARS), to: v.nullable(id) }),

  // The host
  /** Start the game from the lobby (empty seats go to bots when the `bots` setting is on). */
  message('start', {}),
  /** Freeze everything, the round's timer included. */
  message('pause', {}),
  /** Unfreeze; the timer continues from where it stood. */
  message('resume', {}),
  /** Add (or with a negative number, take away) time on the open round; at least 5 s stay. */
  message('extend', { round, seconds: v.pipe(int(-3600, 3600), v.check((s) => s !== 0, say('not-zero'))) }),
  /** Close the open round now and resolve it (unsubmitted drafts are taken as submitted). */
  message('close-round', { round }),
  /** End the game: the open round is closed and resolved as the last one. */
  message('end-game', {}),
  /** Leave the review of resolved `round` and open the next one. */
  message('continue', { round }),
  /** Which step of the reveal or debrief the stage shows (0: the first). */
  message('stage', { step: int(0, MAX_STAGE_STEP) }),
  /** Try the stuck resolution of `round` again now instead of waiting for the next retry. */
  message('retry', { round }),
  /** Play a round the model refused again: submissions become drafts, its deals open again. */
  message('reopen-round', { round }),
  /** Hand the game record to the archive now (it is also handed over at the end). */
  message('save', {}),
  /** Put a member in a city (`null`: back to waiting). Moves team members too. */
  message('assign', { member: memberIdSchema, city: v.nullable(id) }),
  /** Remove a member; their seat token stops working. */
  message('kick', { member: memberIdSchema }),
  /** Lock a seat: nobody else can join it. */
  message('lock', { city: id, locked: flag }),
  /** Hand a seat to a bot with this strategy (a name, or `fixed:RATE`), or (`null`) back to people. */
  message('bot', { city: id, strategy: v.nullable(strategySchema) }),
  /** Mute a seat's chat, or unmute it. */
  message('mute', { city: id, muted: flag }),
  /** Inject one of the scenario's events into the open round (takes effect in its resolution). */
  message('event', { event: id }),
  /** Take back an event injected into the open round. */
  message('cancel-event', { event: id }),

  // Doors (party/rules/doors.ts): who gets in
  /** Host or a member of the seat asked: let a pending join request in, or refuse it. */
  message('approve', { request: requestIdSchema, accept: flag }),
  /** Host: lock the room to new joins (members already in stay), or open it. */
  message('joins', { locked: flag }),
  /** Host: how many people the room takes at most (members and pending requests). */
  message('room-size', { players: int(1, MAX_ROOM_PLAYERS) }),
] as const;

/** A client message: its `type` picks the schema; a type that is none of them is refused with the list. */
export const clientMessageSchema = v.variant(
  'type',
  clientMessages,
  say('unknown-type', { types: clientMessages.map((m) => m.entries.type.literal) }),
);

export type ClientMessage = v.InferOutput<typeof clientMessageSchema>;
export type ClientMessageType = ClientMessage['type'];

export type Role = 'host' | 'player' | 'spectator';
/** `review`: a round is resolved and the room holds for the reveal until the host continues (or its time runs out). */
export type Phase = 'lobby' | 'playing' | 'resolving' | 'review' | 'finished';

export interface PlayerView {
  name: string;
  connected: boolean;
}

export interface SeatView {
  city: string;
  /** The people in the seat (a team may have several); empty while the city is free. */
  players: PlayerView[];
  /** Strategy of the bot holding the seat, or null when people hold it. */
  bot: string | null;
  /** Nobody else may join. */
  locked: boolean;
  /** The seat's chat is muted by the host. */
  muted: boolean;
  /** Someone of the seat is online. */
  connected: boolean;
  /** Whether this round's decisions are in (never what they are, with sealed bids). */
  submitted: boolean;
}

/** Someone who joined without a city, waiting for the host to assign one (host view only). */
export interface MemberView {
  id: string;
  name: string;
  city: string | null;
  connected: boolean;
}

/** A decision with who made it and when (epoch ms). */
export interface Authored {
  decisions: Decisions;
  by: string;
  at: number;
}

/** A deal as a viewer sees it (open ones only by their parties, signed ones by everyone), and the round it was signed or closed in. */
export interface RoomDeal extends DealView {
  closedRound: number | null;
}

export interface ResolutionView {
  round: number;
  /** Calls made so far. */
  attempts: number;
  lastError: string | null;
  /** When the next call goes out (epoch ms), if one is scheduled. */
  nextAt: number | null;
  /** The model refused the round: the room stops calling; the host plays it again (`reopen-round`) or ends the game. */
  refused: boolean;
}

export interface ArchiveView {
  /** `none`: nothing to hand over yet; `pending`: waiting to be stored (retrying); `stored`: safe. */
  status: 'none' | 'pending' | 'stored';
  id: string | null;
  attempts: number;
  lastError: string | null;
  nextAt: number | null;
}

/** What one viewer may see of the room: built per role (and per seat), never the raw record. */
export interface RoomView {
  code: string;
  scenario: string;
  language: string;
  scoring: string;
  /** Sealed bids: other seats' decisions stay hidden until the round is resolved. */
  sealed: boolean;
  phase: Phase;
  paused: boolean;
  /** Round being played (1-based); 0 in the lobby; the last one once finished. */
  round: number;
  rounds: number;
  roundSeconds: number;
  /** The reveal after each round: null waits for the host, 0 none, N seconds (see `timer` while in review). */
  reviewSeconds: number | null;
  /** The panel the stage shows in review and at the end, chosen by the host (`stage`). */
  stage: number;
  /** The round played or reviewed is the practice round: it does not count (settings `practice`). */
  practice: boolean;
  /** The room's class keeps its rooms in step: the next round opens from the class console, not this room's. */
  classLock: boolean;
  you: { role: Role; city: string | null };
  /** The open round's deadline (epoch ms, server clock: see `welcome.now`) while it runs, or the time left while paused; in review, when the next round opens by itself (null timer: when the host continues). */
  timer: { endsAt: number | null; remainingMs: number } | null;
  seats: SeatView[];
  /** Current model state, public once a round is resolved (the seed stays in the room). */
  state: PublicState;
  /** How many rounds are resolved: the `results` message carries them. */
  resolved: number;
  /** The viewer's seat's shared draft and submission this round (players only). */
  draft: Authored | null;
  submission: Authored | null;
  /** Every seat's submitted decisions this round when bids are open (`sealed: false`); else null. */
  open: Record<string, Decisions> | null;
  /** Deals the viewer may see. */
  deals: RoomDeal[];
  /** Scenario event ids injected into the open round, and those already applied. */
  events: { pending: string[]; applied: { round: number; event: string }[] };
  /** When the game ended (epoch ms), else null. */
  finishedAt: number | null;
  /** Host only (null for others): the people in the room, the stuck resolution, the archive, what needs attention. */
  members: MemberView[] | null;
  resolution: ResolutionView | null;
  archive: ArchiveView | null;
  /** The notices' English sentences (kept for clients from before codes); `hostNotices` holds them coded. */
  notices: string[] | null;
  hostNotices: NoticeView[] | null;
  /** Everyone: whether the host locked joins, and the room size (people at most). */
  joins: { locked: boolean; size: number };
  /** Pending requests to join a taken seat: the host sees all, a seat's members theirs; else null. */
  requests: JoinRequestView[] | null;
}

export interface JoinRequestView {
  id: string;
  name: string;
  /** The seat asked for; null: no city yet (only the host answers). */
  city: string | null;
  /** When it lapses (epoch ms) unless approved or refused. */
  expiresAt: number;
}

export type PublicState = Omit<GameState, 'seed'>;

/**
 * A view as the room sends it: the RoomView without the public state. The state changes
 * only when a round is resolved, while a view changes with every submission, presence light
 * and deal, so the state comes in its own `state` message and the client keeps the last one.
 */
export type SentView = Omit<RoomView, 'state'>;

export interface ChatLine {
  /** Sequence number in the room, from 1. */
  seq: number;
  at: number;
  round: number;
  /** City of the sender, or "host". */
  from: string;
  /** Display name of the sender. */
  name: string;
  /** City addressed, or null for the whole room. */
  to: string | null;
  text: string;
}

/** Settings as a game holds them: every default filled in and the seed chosen. */
export const roomSettingsSchema = v.strictObject({ ...gameSettingsSchema.entries, seed: int(0, 4294967295) });
export type RoomSettings = v.InferOutput<typeof roomSettingsSchema>;

/** POST /api/games: the host's settings and, optionally, a host token to reuse (a facilitator's device keeps one). */
export const createGameRequestSchema = v.strictObject({
  settings: gameSettingsSchema,
  hostToken: v.optional(tokenSchema),
});
export type CreateGameRequest = v.InferInput<typeof createGameRequestSchema>;

/** Worker → room, once: set up a new game (internal; the room checks it too). */
export const roomInitSchema = v.strictObject({
  settings: roomSettingsSchema,
  state: gameStateSchema,
  cities: v.pipe(v.array(id), v.minLength(1, say('min-items', { min: 1, items: 'cities' }))),
  hostTokenHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, say('not-a-digest'))),
  /**
   * A game on a facilitator's own region carries the region's scenario (docs/scenarios.md);
   * absent for a built-in scenario. Checked by core/scenarios/played.ts, not here, so the
   * scenario schema stays out of the clients' bundle of this file.
   */
  region: v.optional(v.unknown()),
  /** Made by a class that keeps its rooms in step (worker/classes.ts): see party/room.ts `classLock`. */
  classLock: v.optional(v.literal(true)),
});
export type RoomInit = v.InferOutput<typeof roomInitSchema>;

export type ServerMessage =
  /** Answer to `hello`: who the room takes this connection for, and the server clock (epoch ms). */
  | { type: 'welcome'; protocol: number; role: Role; city: string | null; member: string | null; name: string | null; now: number }
  /** Answer to `join`: keep `seatToken` to reclaim the seat after a reload or on another device. */
  | { type: 'joined'; city: string | null; member: string; seatToken: string }
  /** What this viewer may see now; the client adds the last `state` to make its RoomView. */
  | { type: 'view'; view: SentView }
  /** The public model state: after `hello`, and whenever a round is resolved. Replace. */
  | { type: 'state'; state: PublicState }
  /**
   * Resolved rounds from index `from` (0-based) on: on `hello` the newest rounds that fit in
   * 64 KB (`from` says how many earlier ones exist: ask for them with `history`), and when a
   * round is resolved only the new one. The client keeps its first `from` results and
   * appends these.
   */
  | { type: 'results'; from: number; results: RoundResult[] }
  /** Answer to `history`: resolved rounds from index `from` on (one page; ask again from where it ends). */
  | { type: 'history'; from: number; results: RoundResult[] }
  /** Chat lines the viewer may see: `snapshot` replaces what the client holds, else append. */
  | { type: 'chat'; lines: ChatLine[]; snapshot: boolean }
  /**
   * This connection no longer holds a seat (kicked, or left): it carries on as a spectator.
   * `moved`: the host of the class moved this person to another of the class's rooms; the
   * class's join (with the placement token) says which.
   */
  | { type: 'removed'; reason: string; moved?: true }
  /** Your join asked a taken seat (`pending`), then its answer: `approved` (a `joined` follows), `refused` or `expired`. */
  | { type: 'request'; request: string; city: string | null; status: 'pending' | 'approved' | 'refused' | 'expired' }
  /**
   * A refusal: nothing was changed. `code` and `args` say why (core/protocol/refusals.ts), for the
   * client to say in its reader's language; `rule` is the same in English. `about`: the message type refused.
   */
  | ({ type: 'error'; about: string | null } & Refusal);

