/**
 * Fault injection for the integration tests: real failures, inert in production.
 *
 * The ENCLAVE_FAULTS variable is read only when present, and it is never set in
 * wrangler.toml or any deployed configuration: the test suite passes it to its own
 * `wrangler dev` with `--var` (tests/support/dev-server.ts). Without it nothing here runs.
 *
 *   {"resolve": {"2": ["500", "hang", "malformed"]}, "archive": 2, "archiveDb": 1}
 *
 * makes the first three calls to the resolve route for round 2 answer 500, hang (until the
 * room's timeout), and answer malformed JSON, in that order (the fourth succeeds; `400`
 * answers a refusal, which the room does not retry by itself); the
 * room's first two hand-overs to the archive fail before they reach it; and the archive's
 * first save finds its database (D1) unavailable. Counts are per isolate: a restarted server
 * starts counting again.
 */
export const RESOLVE_FAULTS = ['500', '400', 'hang', 'malformed'] as const;
export type ResolveFault = (typeof RESOLVE_FAULTS)[number];

export interface Faults {
  /** By round number: what the resolve route does on its 1st, 2nd... call for that round. */
  resolve: Record<string, ResolveFault[]>;
  /** How many of a room's first archive hand-overs fail. */
  archive: number;
  /** How many of the archive's first saves find D1 unavailable (worker/archive/entrypoint.ts). */
  archiveDb: number;
}

const NONE: Faults = { resolve: {}, archive: 0, archiveDb: 0 };

/** Parse the variable; a malformed one fails loudly, since only tests set it. */
export function parseFaults(raw: string | undefined): Faults {
  if (!raw) return NONE;
  const value = JSON.parse(raw) as { resolve?: Record<string, string[]>; archive?: number; archiveDb?: number };
  const resolve: Record<string, ResolveFault[]> = {};
  for (const [round, modes] of Object.entries(value.resolve ?? {})) {
    resolve[round] = modes.map((m) => {
      if (!(RESOLVE_FAULTS as readonly string[]).includes(m)) throw new Error(`ENCLAVE_FAULTS: unknown resolve fault "${m}"`);
      return m as ResolveFault;
    });
  }
  return { resolve, archive: Number(value.archive ?? 0), archiveDb: Number(value.archiveDb ?? 0) };
}

/** The fault for the `call`-th call (0-based) for `round`, or null to answer normally. */
export function resolveFault(faults: Faults, round: number, call: number): ResolveFault | null {
  return faults.resolve[String(round)]?.[call] ?? null;
}
