/**
 * What a room keeps in its Durable Object storage. The whole record is rewritten on each
 * change (it is small); each round's result is kept under its own key so the record never
 * nears the 128 KiB value limit (stack-notes.md trap 6).
 */
import type { Decisions } from '../core/protocol/decisions';
import type { Phase, RoomInit } from '../core/protocol/room';
import type { GameState } from '../core/protocol/state';

export interface Seat {
  city: string;
  player: string | null;
  /** SHA-256 of the seat token; null while the city is free. */
  tokenHash: string | null;
}

export interface RoomRecord {
  code: string;
  settings: RoomInit['settings'];
  hostTokenHash: string;
  seats: Seat[];
  phase: Phase;
  /** Round being played, 1-based; 0 in the lobby. */
  round: number;
  /** Model state after the last resolved round. */
  state: GameState;
  /** Decisions submitted for the current round, by city. Sealed until resolution. */
  submissions: Record<string, Decisions>;
  /** Message for the host (a failed resolution, say). */
  notice: string | null;
}

export const RECORD_KEY = 'room';
export const resultKey = (round: number) => `result:${String(round).padStart(4, '0')}`;
