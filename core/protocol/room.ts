/**
 * The room protocol: messages between clients and a game room over WebSocket.
 * Discriminated unions on `type`, versioned by PROTOCOL_VERSION. Every client message is
 * checked against these schemas before it can touch the room; a message that fails gets
 * an `error` reply naming the field and the rule, and changes nothing.
 */
import * as v from 'valibot';
import { gameSettingsSchema } from './settings';
import { decisionsSchema, type Decisions } from './decisions';
import { gameStateSchema, type GameState, type RoundResult } from './state';
import { id, int, text } from './validate';

export const PROTOCOL_VERSION = 1;

/** Largest message a client may send, in characters. */
export const MAX_MESSAGE_CHARS = 16_384;

/** Tokens are 32 hex characters (128 bits). */
const token = v.pipe(v.string('must be text'), v.regex(/^[0-9a-f]{32}$/, 'must be a 32-character token'));

export const clientMessageSchema = v.variant(
  'type',
  [
    /** First message on every connection (and after every reconnect): who is this? */
    v.strictObject({
      type: v.literal('hello'),
      protocol: v.literal(PROTOCOL_VERSION, `must be ${PROTOCOL_VERSION}: reload the page to get the current client`),
      /** Host token or seat token; none for a projector or spectator. */
      token: v.optional(token),
    }),
    /** Take a free city with a display name. */
    v.strictObject({ type: v.literal('join'), name: text(1, 40), city: id }),
    /** Host: start the game from the lobby. */
    v.strictObject({ type: v.literal('start') }),
    /** Seat: submit (or revise) this round's decisions. */
    v.strictObject({ type: v.literal('submit'), decisions: decisionsSchema }),
    /** Host: close the round now and resolve it. */
    v.strictObject({ type: v.literal('close-round'), round: int(1, 1000) }),
  ],
  'type must be one of hello, join, start, submit, close-round',
);

export type ClientMessage = v.InferOutput<typeof clientMessageSchema>;
export type ClientMessageType = ClientMessage['type'];

export type Role = 'host' | 'seat' | 'spectator';
export type Phase = 'lobby' | 'playing' | 'resolving' | 'finished';

export interface SeatView {
  city: string;
  /** Player's display name, null while the city is free. */
  player: string | null;
  connected: boolean;
  /** Whether this round's decisions are in (never what they are, before resolution). */
  submitted: boolean;
}

/** What one viewer may see of the room: built per role, never the raw record. */
export interface RoomView {
  code: string;
  scenario: string;
  phase: Phase;
  /** Round being played (1-based); 0 in the lobby. */
  round: number;
  rounds: number;
  you: { role: Role; city: string | null };
  seats: SeatView[];
  /** Current model state, public once a round is resolved (the seed stays in the room). */
  state: PublicState;
  /** Every resolved round so far. */
  results: RoundResult[];
  /** The viewer's own submission this round (seat only); sealed from everyone else. */
  submission: Decisions | null;
  /** What the host should know (a failed resolution, say); host only. */
  notice: string | null;
}

export type PublicState = Omit<GameState, 'seed'>;

/** Worker → room, once: set up a new game (internal; the room checks it too). */
export const roomInitSchema = v.strictObject({
  settings: v.strictObject({
    scenario: id,
    rounds: v.nonOptional(gameSettingsSchema.entries.rounds),
    seed: int(0, 4294967295),
  }),
  state: gameStateSchema,
  cities: v.pipe(v.array(id), v.minLength(1, 'must list at least one city')),
});
export type RoomInit = v.InferOutput<typeof roomInitSchema>;

export type ServerMessage =
  | { type: 'welcome'; protocol: number; role: Role; city: string | null }
  | { type: 'joined'; city: string; seatToken: string }
  | { type: 'view'; view: RoomView }
  | { type: 'error'; field: string; rule: string; about: string | null };
