/**
 * The archive's API as both sides see it (docs/data.md): the worker answers with these shapes
 * and the web client reads them. One definition, so the two cannot drift apart; no valibot here,
 * since the client bundle imports the values.
 */
import type { InputError } from './validate';

/** The CSV files an archived game exports, at `/export/<file>.csv`. */
export const CSV_FILES = ['regions', 'parks', 'metrics', 'flows', 'decisions', 'deals', 'chat', 'events'] as const;
export type CsvFile = (typeof CSV_FILES)[number];

/** One game in a host's list (GET /api/archive/games). */
export interface GameSummary {
  id: string;
  code: string;
  scenario: string;
  createdAt: string;
  finishedAt: string | null;
  /** When the room last saved the game (it saves again as rounds are played). */
  savedAt: string;
  roundsPlayed: number;
  rounds: number;
  players: string[];
}

/** What the archive's RPC entrypoint answers a room handing over a record (worker/archive/entrypoint.ts). */
export type SaveOutcome = { ok: true; id: string; stored: 'new' | 'updated' | 'same' };
export type SaveAnswer = SaveOutcome | { ok: false; error: InputError };
