/**
 * Fault injection for the integration tests: real failures of the rooms' bindings, made by
 * the test-only Worker entry beside this file (worker.ts). Production code has no hooks for
 * it: tests/support/dev-server.ts starts that entry, with the ENCLAVE_FAULTS variable, only
 * when a test asks for faults.
 *
 *   {"resolve": {"2": ["throw", "hang", "malformed"]}, "archive": 2, "archiveDb": 1, "roomInit": [3]}
 *
 * makes a room's first three calls to the model for round 2 throw (a failure that may pass),
 * hang (until the room's timeout), and answer something that is not a resolve answer, in that
 * order (the fourth succeeds; `refuse` answers a refusal, which the room does not retry by
 * itself); each room's first two
 * hand-overs to the archive fail before they reach it; and the archive's first save finds its
 * database (D1) unavailable; and the Worker's third request to set up a room (a new game's or
 * a class's, worker/rooms.ts createRoom) finds the room failing with a 500. Resolve, D1 and
 * room set-up counts are per isolate, hand-overs per room instance: a restarted server starts
 * counting again.
 */
export const RESOLVE_FAULTS = ['throw', 'refuse', 'hang', 'malformed'] as const;
export type ResolveFault = (typeof RESOLVE_FAULTS)[number];

export interface Faults {
  /** By round number: what the model does on its 1st, 2nd... call for that round. */
  resolve: Record<string, ResolveFault[]>;
  /** How many of a room's first archive hand-overs fail. */
  archive: number;
  /** How many of the archive's first saves find D1 unavailable (its RPC entrypoint, worker/archive/entrypoint.ts). */
  archiveDb: number;
  /** Which of the Worker's requests to set up a room (1st, 2nd...) the room fails. */
  roomInit: number[];
}

const NONE: Faults = { resolve: {}, archive: 0, archiveDb: 0, roomInit: [] };

/** Parse the variable; a malformed one fails loudly, since only tests set it. */
export function parseFaults(raw: string | undefined): Faults {
  if (!raw) return NONE;
  const value = JSON.parse(raw) as { resolve?: Record<string, string[]>; archive?: number; archiveDb?: number; roomInit?: number[] };
  const resolve: Record<string, ResolveFault[]> = {};
  for (const [round, modes] of Object.entries(value.resolve ?? {})) {
    resolve[round] = modes.map((m) => {
      if (!(RESOLVE_FAULTS as readonly string[]).includes(m)) throw new Error(`ENCLAVE_FAULTS: unknown resolve fault "${m}"`);
      return m as ResolveFault;
    });
  }
  const roomInit = (value.roomInit ?? []).map((n) => {
    if (!Number.isInteger(n) || n < 1) throw new Error(`ENCLAVE_FAULTS: roomInit takes call numbers from 1, not ${JSON.stringify(n)}`);
    return n;
  });
  return { resolve, archive: Number(value.archive ?? 0), archiveDb: Number(value.archiveDb ?? 0), roomInit };
}

/** The fault for the `call`-th call (0-based) for `round`, or null to answer normally. */
export function resolveFault(faults: Faults, round: number, call: number): ResolveFault | null {
  return faults.resolve[String(round)]?.[call] ?? null;
}
