/** The Worker's bindings and variables (wrangler.toml). */
import type { InputError } from '../core/protocol/validate';
import type { SaveOutcome } from './archive/store';
import type { JoinGuard } from '../party/join-guard-object';

/** The archive as a room sees it through the ARCHIVE service binding (worker/archive/entrypoint.ts). */
export interface ArchiveService {
  save(record: unknown, hostTokenHash: string): Promise<SaveOutcome | { ok: false; error: InputError }>;
}

export interface Env {
  /** Game rooms: one PartyServer Durable Object per game (party/). */
  Game: DurableObjectNamespace;
  /** Join guard: one small Durable Object per client IP, counting tries of codes that lead nowhere. */
  JoinGuard: DurableObjectNamespace<JoinGuard>;
  /** The model for the rooms: this same Worker's RoomResolver entrypoint (never rate limited). */
  SELF: Fetcher;
  /** Per-client limits (worker/rate-limit.ts): game creation, and the model routes. */
  CREATE_LIMIT?: RateLimit;
  MODEL_LIMIT?: RateLimit;
  /** The built web client. */
  ASSETS: Fetcher;
  /** The game archive (D1, migrations/). */
  DB: D1Database;
  /** The archive's RPC entrypoint in this same Worker, for rooms handing over records. */
  ARCHIVE: ArchiveService;
  /** Seconds without any change after which a room is archived and its storage deleted. */
  ROOM_IDLE_SECONDS?: string;
  /** Misses (codes that lead nowhere) one IP may have in the window before it is refused. */
  JOIN_GUARD_LIMIT?: string;
  JOIN_GUARD_WINDOW_SECONDS?: string;
  /** How long a room waits for the resolve route, ms (default 20000). */
  RESOLVE_TIMEOUT_MS?: string;
  /** "1" under `npm start` and the test server: no client header is trusted (worker/client.ts). */
  ENCLAVE_LOCAL?: string;
  /** The address phones can reach (the LAN address under `npm start`), for join links and QR codes; unset when deployed (the public host is the page's own). */
  JOIN_ORIGIN?: string;
  /** Test-only fault injection (party/faults.ts). Never set in wrangler.toml or a deployment. */
  ENCLAVE_FAULTS?: string;
}
