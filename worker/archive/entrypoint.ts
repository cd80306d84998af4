/**
 * The archive's door for game rooms: an RPC entrypoint reached only through the ARCHIVE
 * service binding, never from the internet. A room hands over its record at game end (and
 * on the host's "save now"); the record is checked against the protocol like any input.
 */
import { WorkerEntrypoint } from 'cloudflare:workers';
import { parseFaults } from '../../party/faults';
import { recordSchema } from '../../core/protocol/record';
import type { SaveAnswer } from '../../core/protocol/archive';
import { check } from '../../core/protocol/validate';
import { saveRecord } from './store';

/** Saves this isolate has taken (for test-only fault injection). */
let saves = 0;

/**
 * D1 as it looks when it is unavailable: every statement fails, as the real binding's calls
 * do when the database cannot be reached. Only ever used when ENCLAVE_FAULTS asks for it.
 */
function unavailable(): D1Database {
  const fail = () => Promise.reject(new Error('D1_ERROR: the database is unavailable (injected fault)'));
  const statement = { bind: () => statement, first: fail, run: fail, all: fail, raw: fail };
  return { prepare: () => statement, batch: fail, exec: fail } as unknown as D1Database;
}

export class Archive extends WorkerEntrypoint<Env> {
  async save(record: unknown, hostTokenHash: string): Promise<SaveAnswer> {
    if (typeof hostTokenHash !== 'string' || !/^[0-9a-f]{64}$/.test(hostTokenHash)) {
      return { ok: false, error: { field: 'hostTokenHash', rule: 'must be a SHA-256 hex digest' } };
    }
    const checked = check(recordSchema, record);
    if (!checked.ok) return { ok: false, error: { ...checked.error, field: `record.${checked.error.field}` } };
    const db = saves++ < parseFaults(this.env.ENCLAVE_FAULTS).archiveDb ? unavailable() : this.env.DB;
    return saveRecord(db, checked.value, hostTokenHash, new Date().toISOString());
  }
}
