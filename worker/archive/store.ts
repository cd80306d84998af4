/**
 * The archive's storage in D1: save a game record (one transaction, idempotent), list a
 * host's games, read one back whole, delete it. Functions of a D1Database so the tests can
 * run them against a real local D1.
 */
import type { GameSummary, SaveOutcome } from '../../core/protocol/archive';
import type { GameRecord } from '../../core/protocol/record';
import { sha256 } from '../../core/protocol/tokens';

/** One game's id: its room code and creation time, so a reused code is another game. */
export function gameId(record: Pick<GameRecord, 'code' | 'createdAt'>): string {
  return `${record.code}-${Date.parse(record.createdAt)}`;
}

export { sha256 } from '../../core/protocol/tokens';

/** D1 allows 100 bound parameters per statement: insert many rows in chunks that fit. */
function insertRows(db: D1Database, table: string, columns: string[], rows: unknown[][]): D1PreparedStatement[] {
  const perStatement = Math.max(1, Math.floor(100 / columns.length));
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const placeholders = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    statements.push(db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders}`).bind(...chunk.flat()));
  }
  return statements;
}

/** Most bytes of rows one statement of insertJsonRows carries (D1 caps a value at 2 MB). */
const JSON_ROWS_BYTES = 512 * 1024;

/**
 * Insert many small rows with few statements: each row's values (after the game id and a
 * running sequence number) as a JSON array, a chunk of rows as one bound JSON text that
 * SQLite unpacks with json_each. A deployment caps the queries one invocation may run (50
 * on the free plan, 1,000 on paid), and D1 counts each statement of a batch: a full chat of
 * 5,000 lines took 358 statements as plain multi-row inserts; this takes one per 512 KB.
 */
function insertJsonRows(db: D1Database, table: string, columns: string[], gameId: string, rows: unknown[][]): D1PreparedStatement[] {
  const values = columns.slice(2).map((_, i) => `json_extract(value, '$[${i}]')`).join(', ');
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT ?1, ?2 + key, ${values} FROM json_each(?3)`;
  const statements: D1PreparedStatement[] = [];
  let chunk: string[] = [];
  let size = 0;
  let first = 0;
  const flush = () => {
    if (chunk.length) statements.push(db.prepare(sql).bind(gameId, first, `[${chunk.join(',')}]`));
    first += chunk.length;
    chunk = [];
    size = 0;
  };
  for (const row of rows) {
    const text = JSON.stringify(row);
    if (size + text.length > JSON_ROWS_BYTES) flush();
    chunk.push(text);
    size += text.length + 1;
  }
  flush();
  return statements;
}

/**
 * Store a record (already checked against the record schema). Saving the same record twice
 * stores it once; a newer record of the same game (a mid-game "save now", then the end)
 * replaces the older one. Everything happens in one batch, which D1 runs as a transaction:
 * a failure leaves nothing half-written.
 */
export async function saveRecord(db: D1Database, record: GameRecord, hostHash: string, now: string): Promise<SaveOutcome> {
  const id = gameId(record);
  const recordHash = await sha256(JSON.stringify(record));
  const existing = await db.prepare('SELECT record_hash, host_hash FROM games WHERE id = ?').bind(id).first<{ record_hash: string; host_hash: string }>();
  if (existing && existing.record_hash === recordHash) return { ok: true, id, stored: 'same' };
  const statements: D1PreparedStatement[] = [
    db.prepare('DELETE FROM rounds WHERE game_id = ?').bind(id),
    db.prepare('DELETE FROM chat WHERE game_id = ?').bind(id),
    db.prepare('DELETE FROM deal_log WHERE game_id = ?').bind(id),
    db
      .prepare(
        `INSERT INTO games (id, code, host_hash, scenario, model, created_at, finished_at, saved_at, rounds_played, record_hash, settings, seats, initial_state, final_state, region)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, saved_at = excluded.saved_at,
           rounds_played = excluded.rounds_played, record_hash = excluded.record_hash, settings = excluded.settings,
           seats = excluded.seats, final_state = excluded.final_state`,
      )
      .bind(
        id,
        record.code,
        // A game keeps the host it was first saved with.
        existing?.host_hash ?? hostHash,
        record.settings.scenario,
        record.model,
        record.createdAt,
        record.finishedAt,
        now,
        record.rounds.length,
        recordHash,
        JSON.stringify(record.settings),
        JSON.stringify(record.seats),
        JSON.stringify(record.initialState),
        JSON.stringify(record.finalState),
        // A game on a facilitator's own region keeps the region with it (core/scenarios/played.ts).
        record.region === undefined ? null : JSON.stringify(record.region),
      ),
    ...insertRows(
      db,
      'rounds',
      ['game_id', 'round', 'decisions', 'source', 'deals', 'events', 'result'],
      record.rounds.map((r) => [id, r.round, JSON.stringify(r.decisions), JSON.stringify(r.source), JSON.stringify(r.deals), JSON.stringify(r.events), JSON.stringify(r.result)]),
    ),
    ...insertJsonRows(
      db,
      'chat',
      ['game_id', 'seq', 'at', 'round', 'sender', 'recipient', 'text'],
      id,
      record.chat.map((c) => [c.at, c.round, c.from, c.to, c.text]),
    ),
    ...insertJsonRows(
      db,
      'deal_log',
      ['game_id', 'seq', 'at', 'round', 'deal', 'action', 'actor', 'terms'],
      id,
      record.dealLog.map((d) => [d.at, d.round, d.deal, d.action, d.by, d.terms === undefined ? null : JSON.stringify(d.terms)]),
    ),
  ];
  await db.batch(statements);
  return { ok: true, id, stored: existing ? 'updated' : 'new' };
}

interface GameRow {
  id: string;
  code: string;
  host_hash: string;
  scenario: string;
  model: string;
  created_at: string;
  finished_at: string | null;
  saved_at: string;
  rounds_played: number;
  settings: string;
  seats: string;
  initial_state: string;
  final_state: string;
  region: string | null;
}

export async function listGames(db: D1Database, hostHash: string): Promise<GameSummary[]> {
  const { results } = await db
    .prepare('SELECT id, code, scenario, created_at, finished_at, saved_at, rounds_played, settings, seats FROM games WHERE host_hash = ? ORDER BY created_at DESC')
    .bind(hostHash)
    .all<Omit<GameRow, 'host_hash' | 'model' | 'initial_state' | 'final_state'>>();
  return results.map((row) => ({
    id: row.id,
    code: row.code,
    scenario: row.scenario,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    savedAt: row.saved_at,
    roundsPlayed: row.rounds_played,
    rounds: (JSON.parse(row.settings) as GameRecord['settings']).rounds,
    players: (JSON.parse(row.seats) as GameRecord['seats']).flatMap((s) => s.players),
  }));
}

/** The host hash a game belongs to, or null if there is no such game. */
export async function ownerOf(db: D1Database, id: string): Promise<string | null> {
  const row = await db.prepare('SELECT host_hash FROM games WHERE id = ?').bind(id).first<{ host_hash: string }>();
  return row?.host_hash ?? null;
}

/** The whole record of a game, rebuilt from its rows exactly as it was saved. */
export async function loadRecord(db: D1Database, id: string): Promise<GameRecord | null> {
  const [game, rounds, chat, deals] = await db.batch([
    db.prepare('SELECT * FROM games WHERE id = ?').bind(id),
    db.prepare('SELECT * FROM rounds WHERE game_id = ? ORDER BY round').bind(id),
    db.prepare('SELECT * FROM chat WHERE game_id = ? ORDER BY seq').bind(id),
    db.prepare('SELECT * FROM deal_log WHERE game_id = ? ORDER BY seq').bind(id),
  ]);
  const row = (game!.results as GameRow[])[0];
  if (!row) return null;
  type RoundRow = { round: number; decisions: string; source: string; deals: string; events: string; result: string };
  type ChatRow = { at: string; round: number; sender: string; recipient: string | null; text: string };
  type DealRow = { at: string; round: number; deal: string; action: string; actor: string; terms: string | null };
  return {
    format: 'enclave-record/1',
    model: row.model,
    code: row.code,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    settings: JSON.parse(row.settings),
    seats: JSON.parse(row.seats),
    initialState: JSON.parse(row.initial_state),
    rounds: (rounds!.results as RoundRow[]).map((r) => ({
      round: r.round,
      decisions: JSON.parse(r.decisions),
      source: JSON.parse(r.source),
      deals: JSON.parse(r.deals),
      events: JSON.parse(r.events),
      result: JSON.parse(r.result),
    })),
    dealLog: (deals!.results as DealRow[]).map((d) => ({
      at: d.at,
      round: d.round,
      deal: d.deal,
      action: d.action as GameRecord['dealLog'][number]['action'],
      by: d.actor,
      ...(d.terms === null ? {} : { terms: JSON.parse(d.terms) }),
    })),
    chat: (chat!.results as ChatRow[]).map((c) => ({ at: c.at, round: c.round, from: c.sender, to: c.recipient, text: c.text })),
    finalState: JSON.parse(row.final_state),
    ...(row.region === null ? {} : { region: JSON.parse(row.region) }),
  };
}

export async function deleteGame(db: D1Database, id: string): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM shares WHERE game_id = ?').bind(id),
    db.prepare('DELETE FROM rounds WHERE game_id = ?').bind(id),
    db.prepare('DELETE FROM chat WHERE game_id = ?').bind(id),
    db.prepare('DELETE FROM deal_log WHERE game_id = ?').bind(id),
    db.prepare('DELETE FROM games WHERE id = ?').bind(id),
  ]);
}
