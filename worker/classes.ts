/**
 * The class of rooms' HTTP API (`/api/classes/*`, docs/protocol.md "Classes"; issue 15).
 * Thin: bodies are checked against core/protocol/class.ts, then the class's Durable Object
 * (party/class-room.ts) answers. Creating a class creates each room as POST /api/games does,
 * with the class's host token, so the host can open any room's own console with it.
 *
 * Codes: the class takes a six-character code from the same registry as the rooms
 * (worker/room-registry.ts, kind 'class'), so it never collides with a room code, and a
 * player who types it where a room code goes is told to join the class (worker/door.ts).
 *
 * Hosts authenticate as the archive's routes do: `Authorization: Bearer <host token>`. No
 * header or a malformed one is 401; a well-formed token that is not the class's is 403
 * (unlike the archive, a class code is no secret: the players all hold it).
 */
import { Hono, type Context } from 'hono';
import { CODE_PATTERN, newRoomCode, normalizeCode } from '../core/protocol/codes';
import type { ApiError } from '../core/protocol/api';
import { checkClassRooms, treatmentTag, commandRequestSchema, createClassRequestSchema, joinClassRequestSchema, MAX_CLASS_BODY_BYTES, moveRequestSchema, type CreateClassResponse } from '../core/protocol/class';
import { refusal } from '../core/protocol/refusals';
import { hashToken, newToken } from '../core/protocol/tokens';
import type { InputError } from '../core/protocol/validate';
import type { ClassAnswer, ClassInit, ClassRecords } from '../party/class-room';
import { hostOf } from './host-auth';
import { readBody } from './body';
import { compareRooms } from '../core/classes/compare';
import { classCsv, classExport } from '../core/classes/export';
import { clientAddress, clientKey } from './client';
import { perClient } from './rate-limit';
import { claimCode, kindOf, releaseCode } from './room-registry';
import { openRoom, prepareRoom } from './rooms';

type Ctx = Context<{ Bindings: Env }>;

const fail = (c: Ctx, status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503, error: InputError) => c.json({ error } satisfies ApiError, status);

/** A small body: a name and a token, a person and a room, an action. */
const SMALL_BODY = 1024;

export const classes = new Hono<{ Bindings: Env }>();

/**
 * Create a class: every room as POST /api/games would create it, held in review after each
 * round until the class continues (the class starts in lock-step: `reviewSeconds: null`).
 */
classes.post('/classes', perClient('CREATE_LIMIT', 'new classes'), async (c) => {
  const body = await readBody(c.req.raw, createClassRequestSchema, MAX_CLASS_BODY_BYTES);
  if (!body.ok) return fail(c, body.status, body.error);
  const prepared = [];
  for (const [i, room] of body.value.rooms.entries()) {
    const one = await prepareRoom(c.env, { ...room.settings, reviewSeconds: null }, `rooms.${i}.settings`);
    if (!one.ok) return fail(c, 400, one.error);
    prepared.push({ treatment: room.treatment, tag: treatmentTag(room), ...one });
  }
  // Every scenario exists; now they must be one.
  const mixed = checkClassRooms(body.value);
  if (mixed) return fail(c, 400, mixed);
  const scenario = prepared[0]!.scenario;
  const cities = scenario.regions.map((r) => r.id);
  const seats = body.value.seatsPerRoom ?? cities.length;
  if (seats > cities.length) return fail(c, 400, refusal('seatsPerRoom', 'at-most', { max: cities.length }));
  const hostToken = body.value.hostToken ?? newToken();
  const hostTokenHash = await hashToken(hostToken);
  const now = new Date().toISOString();
  let code: string | null = null;
  for (let attempt = 0; attempt < 5 && code === null; attempt++) {
    const fresh = newRoomCode();
    if (await claimCode(c.env.DB, fresh, now, 'class')) code = fresh;
  }
  if (code === null) return fail(c, 503, refusal('(room)', 'no-free-code', {}));
  const rooms: CreateClassResponse['rooms'] = [];
  const tagged: ClassInit['rooms'] = [];
  for (const room of prepared) {
    // The class starts in lock-step: each room's own console waits for the class to continue.
    const created = await openRoom(c.env, { ...room.init, hostTokenHash, classLock: true });
    // Nobody holds the codes of the rooms made before a failure yet: they are deleted, and the
    // class code is given back. (Their registry rows stay, as every room's do: docs/security.md.)
    if (!created.ok) {
      await Promise.all(rooms.map((r) => discardRoom(c.env, r.code, hostTokenHash)));
      await releaseCode(c.env.DB, code);
      return fail(c, 503, created.error);
    }
    rooms.push({ code: created.code, treatment: room.treatment });
    tagged.push({ code: created.code, treatment: room.treatment, tag: room.tag });
  }
  const stub = c.env.ClassRoom.get(c.env.ClassRoom.idFromName(code));
  const made = await stub.init({ code, createdAt: Date.now(), scenario: scenario.id, cities, seats, hostTokenHash, rooms: tagged });
  if (!made) return fail(c, 503, refusal('(room)', 'no-free-code', {}));
  return c.json({ code, hostToken, rooms } satisfies CreateClassResponse, 201);
});

/** Best effort: a room that cannot be reached now still expires when idle. */
async function discardRoom(env: Env, code: string, hostTokenHash: string): Promise<void> {
  const stub = env.Game.get(env.Game.idFromName(code)) as unknown as { classDiscard(hash: string): Promise<unknown> };
  await stub.classDiscard(hostTokenHash).catch((err: unknown) => console.warn(`class not created: room ${code} not discarded`, err));
}

/**
 * The class named by the path, if one holds the code; a code that leads nowhere counts as a
 * miss for the join guard (party/join-guard.ts), as a room code does at the door.
 */
async function classOf(c: Ctx): Promise<{ ok: true; stub: DurableObjectStub<import('../party/class-room').ClassRoom> } | { ok: false; response: Response }> {
  const code = normalizeCode(c.req.param('code') ?? '');
  if (CODE_PATTERN.test(code) && (await kindOf(c.env.DB, code)) === 'class') return { ok: true, stub: c.env.ClassRoom.get(c.env.ClassRoom.idFromName(code)) };
  const wait = CODE_PATTERN.test(code) ? await c.env.JoinGuard.get(c.env.JoinGuard.idFromName(clientKey(c.req.raw, c.env))).miss() : 0;
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    return { ok: false, response: c.json({ error: refusal('code', 'code-attempts', { seconds }) } satisfies ApiError, 429, { 'retry-after': String(seconds) }) };
  }
  return { ok: false, response: fail(c, 404, refusal('code', 'no-class', {})) };
}

/** The hash of the bearer token, or the 401 that says what is wrong with the header (worker/host-auth.ts). */
async function hostHash(c: Ctx): Promise<{ ok: true; hash: string } | { ok: false; response: Response }> {
  const host = await hostOf(c);
  return host.ok ? host : { ok: false, response: fail(c, 401, host.error) };
}

function answer<T>(c: Ctx, got: ClassAnswer<T>, status: 200 | 201 = 200): Response {
  return got.ok ? c.json(got.value as object, status) : fail(c, got.status, got.error);
}

/** A person asks for a place: answered with the room (and seat) to join over WebSocket. */
classes.post('/classes/:code/join', async (c) => {
  const body = await readBody(c.req.raw, joinClassRequestSchema, SMALL_BODY);
  if (!body.ok) return fail(c, body.status, body.error);
  const found = await classOf(c);
  if (!found.ok) return found.response;
  const got = await found.stub.join(body.value.name, clientKey(c.req.raw, c.env), clientAddress(c.req.raw, c.env), body.value.placement ?? null);
  return answer(c, got, got.ok && !got.value.again ? 201 : 200);
});

/** The host moves a person to another room of the class, before the start. */
classes.post('/classes/:code/move', async (c) => {
  const host = await hostHash(c);
  if (!host.ok) return host.response;
  const body = await readBody(c.req.raw, moveRequestSchema, SMALL_BODY);
  if (!body.ok) return fail(c, body.status, body.error);
  const found = await classOf(c);
  if (!found.ok) return found.response;
  return answer(c, await found.stub.move(host.hash, body.value.person, body.value.room));
});

/** Every room's phase, round, people, bots and submissions (never what), alerts, and whether the rooms are in step. */
classes.get('/classes/:code', async (c) => {
  const host = await hostHash(c);
  if (!host.ok) return host.response;
  const found = await classOf(c);
  if (!found.ok) return found.response;
  return answer(c, await found.stub.status(host.hash));
});

/** A host action for every room or one, each room's outcome apart; or release / lock-step the class. */
classes.post('/classes/:code/command', async (c) => {
  const host = await hostHash(c);
  if (!host.ok) return host.response;
  const body = await readBody(c.req.raw, commandRequestSchema, SMALL_BODY);
  if (!body.ok) return fail(c, body.status, body.error);
  const found = await classOf(c);
  if (!found.ok) return found.response;
  return answer(c, await found.stub.command(host.hash, body.value.action, body.value.room ?? null));
});

/** Every room's record with its treatment, for the class's host, or the answer that refuses (worker/classes.ts routes below). */
async function recordsOf(c: Ctx): Promise<ClassRecords | Response> {
  const host = await hostHash(c);
  if (!host.ok) return host.response;
  const found = await classOf(c);
  if (!found.ok) return found.response;
  const got = (await found.stub.records(host.hash)) as ClassAnswer<ClassRecords>;
  return got.ok ? got.value : fail(c, got.status, got.error);
}

/**
 * The comparison of the rooms so far (core/classes/compare.ts), over the rounds every room
 * has played, from each room's own record; a room that does not answer is listed in `missing`.
 */
classes.get('/classes/:code/compare', async (c) => {
  const got = await recordsOf(c);
  if (got instanceof Response) return got;
  return c.json({ comparison: compareRooms(got.rooms), missing: got.missing });
});

/** The class export (core/classes/export.ts): JSON with every room's record and the comparison, or the long CSV. Every room must answer. */
for (const kind of ['json', 'csv'] as const) {
  classes.get(`/classes/:code/export.${kind}`, async (c) => {
    const got = await recordsOf(c);
    if (got instanceof Response) return got;
    const first = got.missing[0];
    if (first) return fail(c, 503, first.error);
    const doc = classExport({ code: got.code, createdAt: new Date(got.createdAt).toISOString() }, got.rooms);
    const name = `enclave-class-${got.code}`;
    if (kind === 'json') return c.body(JSON.stringify(doc), 200, { 'content-type': 'application/json', 'content-disposition': `attachment; filename="${name}.json"` });
    return c.body(classCsv(doc), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });
  });
}
