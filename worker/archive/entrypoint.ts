/**
 * The archive's door for game rooms: an RPC entrypoint reached only through the ARCHIVE
 * service binding, never from the internet. A room hands over its record at game end (and
 * on the host's "save now"); the record is checked against the protocol like any input.
 */
import { WorkerEntrypoint } from 'cloudflare:workers';
import { recordSchema } from '../../core/protocol/record';
import type { SaveAnswer } from '../../core/protocol/archive';
import { check } from '../../core/protocol/validate';
import { saveRecord } from './store';

export class Archive extends WorkerEntrypoint<Env> {
  async save(record: unknown, hostTokenHash: string): Promise<SaveAnswer> {
    if (typeof hostTokenHash !== 'string' || !/^[0-9a-f]{64}$/.test(hostTokenHash)) {
      return { ok: false, error: { field: 'hostTokenHash', rule: 'must be a SHA-256 hex digest' } };
    }
    const checked = check(recordSchema, record);
    if (!checked.ok) return { ok: false, error: { ...checked.error, field: `record.${checked.error.field}` } };
    return saveRecord(this.env.DB, checked.value, hostTokenHash, new Date().toISOString());
  }
}
