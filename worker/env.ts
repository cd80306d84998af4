/** The Worker's bindings (wrangler.toml). */
import type { InputError } from '../core/protocol/validate';
import type { SaveOutcome } from './archive/store';

/** The archive as a room sees it through the ARCHIVE service binding (worker/archive/entrypoint.ts). */
export interface ArchiveService {
  save(record: unknown, hostTokenHash: string): Promise<SaveOutcome | { ok: false; error: InputError }>;
}

export interface Env {
  /** Game rooms: one PartyServer Durable Object per game (party/). */
  Game: DurableObjectNamespace;
  /** This same Worker, so a room can call the resolve route over a service binding. */
  SELF: Fetcher;
  /** The built web client. */
  ASSETS: Fetcher;
  /** The game archive (D1, migrations/). */
  DB: D1Database;
  /** The archive's RPC entrypoint in this same Worker, for rooms handing over records. */
  ARCHIVE: ArchiveService;
}
