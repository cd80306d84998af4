/**
 * What a finished game leaves in a local `wrangler dev`. Each room is a SQLite-backed Durable
 * Object: one SQLite database per room under the server's storage folder, its key-value
 * storage in the table `_cf_KV`. Two measures: the bytes of the keys and values stored (what
 * the room holds; read with the `sqlite3` command when the machine has it), and the bytes of
 * the files on disk (database and write-ahead log: every write since the last checkpoint,
 * so much more than what is held).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DevServer } from '../../tests/support/dev-server';

export interface RoomStorage {
  id: string;
  /** Keys and values held, bytes; null without the sqlite3 command. */
  held: number | null;
  /** Database and write-ahead log files, bytes. */
  files: number;
}

function sqlite3(db: string, sql: string): string | null {
  try {
    return execFileSync('sqlite3', ['-readonly', db, sql], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

export function roomStorage(server: DevServer): RoomStorage[] {
  const dir = join(server.persist, 'v3', 'do', 'enclave-Game');
  if (!existsSync(dir)) return [];
  const files = new Map<string, number>();
  for (const name of readdirSync(dir)) {
    const m = /^([0-9a-f]{64})\.sqlite(-wal)?$/.exec(name);
    if (m) files.set(m[1]!, (files.get(m[1]!) ?? 0) + statSync(join(dir, name)).size);
  }
  return [...files].map(([id, bytes]) => {
    const held = sqlite3(join(dir, `${id}.sqlite`), 'SELECT COALESCE(SUM(length(key) + length(value)), 0) FROM _cf_KV');
    return { id, held: held === null ? null : Number(held), files: bytes };
  });
}

/** Bytes of a game's rows in the archive (D1): the text of every column that holds game data. */
export async function archiveBytes(server: DevServer): Promise<{ id: string; bytes: number }[]> {
  return server.d1<{ id: string; bytes: number }>(
    `SELECT g.id AS id,
       length(g.id) + length(g.code) + length(g.host_hash) + length(g.scenario) + length(g.model) + length(g.created_at)
       + length(COALESCE(g.finished_at, '')) + length(g.saved_at) + length(g.record_hash) + length(g.settings) + length(g.seats)
       + length(g.initial_state) + length(g.final_state)
       + (SELECT COALESCE(SUM(length(decisions) + length(source) + length(deals) + length(events) + length(result)), 0) FROM rounds r WHERE r.game_id = g.id)
       + (SELECT COALESCE(SUM(length(at) + length(sender) + length(COALESCE(recipient, '')) + length(text)), 0) FROM chat c WHERE c.game_id = g.id)
       + (SELECT COALESCE(SUM(length(at) + length(deal) + length(action) + length(actor) + length(COALESCE(terms, ''))), 0) FROM deal_log d WHERE d.game_id = g.id)
       AS bytes
     FROM games g`,
  );
}
