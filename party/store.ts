/**
 * The room in Durable Object storage: one key per piece so no value nears the 128 KiB
 * limit (a Durable Object's storage limits per value), and each change writes only the pieces that changed
 * (rules return new objects for what they change and keep the rest, so "changed" is a
 * reference comparison). The writes of one change are issued together with no await in
 * between, which Durable Objects commit atomically.
 *
 *   format                the layout's version, ROOM_FORMAT (see below)
 *   meta                  seats, members, phase, timer, deals, status (small, rewritten often)
 *   state, state:initial  the model state now and at the start
 *   region                the map of a game on a facilitator's region (written once; absent: built-in)
 *   draft:<city>          a seat's shared draft this round
 *   submission:<city>     a seat's submission this round
 *   resolving             the frozen inputs of the round being resolved
 *   round:0001 ...        each resolved round (decisions, sources, deals, events, result)
 *   chat:000001 ...       each chat line
 *   deal:000001 ...       each deal log entry
 */
import type { ChatLine } from '../core/protocol/room';
import { upgradeState, type GameState } from '../core/protocol/state';
import type { Scenario } from '../core/scenarios/schema';
import { withDoors, type Authored, type DealLogEntry, type Meta, type Resolving, type Room, type RoundRecord } from './room';

/** What the store needs of Durable Object storage (a fake in the unit tests). */
export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>;
  list<T>(options: { prefix: string }): Promise<Map<string, T>>;
  put(entries: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<number>;
}

/**
 * The version of what this file writes. A room outlives a deployment (days of idle time), so
 * code must read what older code stored: loadRoom upgrades an older room step by step and
 * writes the result back, and refuses a newer one rather than misread it.
 *
 *   1  no `format` key (every room stored before it existed); meta may lack what came later:
 *      the doors (joins, requests, nextRequest, quota), the stage and the review time
 *   2  the `format` key; meta always has all of these
 *
 * The model state inside is versioned apart (`state.model`): one of an earlier model version is
 * upgraded as it loads (core/protocol/state.ts `upgradeState`) and written back the same way.
 *
 * A change that old code would misread gets the next number, a step in UPGRADES and a test
 * that loads a room of the format before (tests/party/shell.test.ts).
 */
export const ROOM_FORMAT = 2;

/** How a room stored in format n becomes one of format n + 1 (only meta has changed so far). */
const UPGRADES: Record<number, (room: Room) => Room> = {
  // room.ts fills in the defaults of the fields format 1 may lack.
  1: (room) => ({ ...room, meta: withDoors(room.meta) }),
};

/** Storage takes at most 128 keys per put or delete. */
const BATCH = 128;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const keys = {
  format: 'format',
  meta: 'meta',
  state: 'state',
  initialState: 'state:initial',
  region: 'region',
  resolving: 'resolving',
  draft: (city: string) => `draft:${city}`,
  submission: (city: string) => `submission:${city}`,
  round: (n: number) => `round:${pad(n, 4)}`,
  chat: (seq: number) => `chat:${pad(seq, 6)}`,
  deal: (seq: number) => `deal:${pad(seq, 6)}`,
};

/**
 * Read a whole room, or null if this room holds no game. A room of an older format is upgraded
 * and written back in the current one; a newer or unknown format throws, so the room does not
 * open at all rather than run on a layout it does not understand.
 */
export async function loadRoom(storage: KeyValueStorage): Promise<Room | null> {
  const meta = await storage.get<Meta>(keys.meta);
  if (!meta) return null;
  const format = (await storage.get<unknown>(keys.format)) ?? 1;
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1 || format > ROOM_FORMAT) {
    throw new Error(`room storage is in format ${JSON.stringify(format)}; this code reads formats 1 to ${ROOM_FORMAT}`);
  }
  const [state, initialState, region, resolving, drafts, submissions, rounds, chat, dealLog] = await Promise.all([
    storage.get<GameState>(keys.state),
    storage.get<GameState>(keys.initialState),
    storage.get<Scenario>(keys.region),
    storage.get<Resolving>(keys.resolving),
    storage.list<Authored>({ prefix: 'draft:' }),
    storage.list<Authored>({ prefix: 'submission:' }),
    storage.list<RoundRecord>({ prefix: 'round:' }),
    storage.list<ChatLine>({ prefix: 'chat:' }),
    storage.list<DealLogEntry>({ prefix: 'deal:' }),
  ]);
  if (!state || !initialState) throw new Error('room storage is missing its model state');
  const byCity = (m: Map<string, Authored>) => Object.fromEntries([...m].map(([k, v]) => [k.slice(k.indexOf(':') + 1), v]));
  // list() returns keys in order, and the zero-padded numbers keep that order numeric.
  let room: Room = {
    meta,
    region: region ?? null,
    state,
    initialState,
    resolving: resolving ?? null,
    drafts: byCity(drafts),
    submissions: byCity(submissions),
    rounds: [...rounds.values()],
    chat: [...chat.values()],
    dealLog: [...dealLog.values()],
  };
  const before = room;
  for (let f = format; f < ROOM_FORMAT; f++) room = UPGRADES[f]!(room);
  // A game begun under an earlier model version plays on with that version's defaults as its
  // overrides (core/protocol/state.ts), in the room's own checks, bots and views as in the
  // resolver, which reads the state through the schema that does the same.
  room = { ...room, state: upgradeState(room.state), initialState: upgradeState(room.initialState) };
  const upgraded = changes(before, room).put;
  if (format === ROOM_FORMAT && Object.keys(upgraded).length === 0) return before;
  // Written back with the new version in one commit, so the upgrade runs once.
  await storage.put({ ...upgraded, [keys.format]: ROOM_FORMAT });
  return room;
}

/** The writes that take storage from `prev` to `next` (prev null: a new room). */
export function changes(prev: Room | null, next: Room): { put: Record<string, unknown>; remove: string[] } {
  const put: Record<string, unknown> = {};
  const remove: string[] = [];
  if (!prev) put[keys.format] = ROOM_FORMAT;
  if (prev?.meta !== next.meta) put[keys.meta] = next.meta;
  if (prev?.state !== next.state) put[keys.state] = next.state;
  if (prev?.initialState !== next.initialState) put[keys.initialState] = next.initialState;
  if (prev?.region !== next.region && next.region) put[keys.region] = next.region;
  if (prev?.resolving !== next.resolving) {
    if (next.resolving) put[keys.resolving] = next.resolving;
    else remove.push(keys.resolving);
  }
  for (const [field, key] of [['drafts', keys.draft], ['submissions', keys.submission]] as const) {
    const before = prev?.[field] ?? {};
    const after = next[field];
    if (before === after) continue;
    for (const [city, value] of Object.entries(after)) if (before[city] !== value) put[key(city)] = value;
    for (const city of Object.keys(before)) if (!(city in after)) remove.push(key(city));
  }
  // Chat and the deal log only ever grow; rounds too, but for the practice round, which is
  // dropped when the game starts again (rules/rounds.ts `afterPractice`).
  for (let i = next.rounds.length; i < (prev?.rounds.length ?? 0); i++) remove.push(keys.round(prev!.rounds[i]!.round));
  for (let i = prev?.rounds.length ?? 0; i < next.rounds.length; i++) put[keys.round(next.rounds[i]!.round)] = next.rounds[i];
  for (let i = prev?.chat.length ?? 0; i < next.chat.length; i++) put[keys.chat(i + 1)] = next.chat[i];
  for (let i = prev?.dealLog.length ?? 0; i < next.dealLog.length; i++) put[keys.deal(i + 1)] = next.dealLog[i];
  return { put, remove };
}

/**
 * Delete every key the room wrote, and nothing else: the storage may hold a library's own
 * records (PartyServer keeps the room's name there). The deletes are issued together, one
 * atomic commit, so a room is never left half gone.
 */
export async function clearRoom(storage: KeyValueStorage): Promise<void> {
  const prefixes = ['draft:', 'submission:', 'round:', 'chat:', 'deal:'];
  const listed = await Promise.all(prefixes.map((prefix) => storage.list({ prefix })));
  const all = [keys.format, keys.meta, keys.state, keys.initialState, keys.region, keys.resolving, ...listed.flatMap((m) => [...m.keys()])];
  const deletes: Promise<unknown>[] = [];
  for (let i = 0; i < all.length; i += BATCH) deletes.push(storage.delete(all.slice(i, i + BATCH)));
  await Promise.all(deletes);
}

/** Issue every write of one change together (no await in between: one atomic commit). */
export function persist(storage: KeyValueStorage, prev: Room | null, next: Room): Promise<unknown> {
  const { put, remove } = changes(prev, next);
  const writes: Promise<unknown>[] = [];
  const entries = Object.entries(put);
  for (let i = 0; i < entries.length; i += BATCH) writes.push(storage.put(Object.fromEntries(entries.slice(i, i + BATCH))));
  for (let i = 0; i < remove.length; i += BATCH) writes.push(storage.delete(remove.slice(i, i + BATCH)));
  return Promise.all(writes);
}
