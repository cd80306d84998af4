/**
 * A class of rooms against a real `wrangler dev` (issue 15): three rooms of four seats,
 * nine people placed 3/3/3 through one class code, a move before the start, start, rounds
 * played over WebSockets and closed from the class, a reveal held in every room until the
 * class continues them together, one room killed mid-round while the others go on, the
 * host's token checked on every host route, and bad bodies refused naming the field.
 *
 * The server runs the fault-injection entry (tests/support/faults/worker.ts) with no fault
 * planned, for its one extra route that kills a single room's Durable Object.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassStatus, CreateClassResponse, JoinClassAnswer, RoomOutcome } from '../../core/protocol/class';
import { noDecisions } from '../../core/protocol/decisions';
import { treatmentTag } from '../../core/protocol/class';
import type { GameRecord } from '../../core/protocol/record';
import { compareRooms } from '../../core/classes/compare';
import { checkClass, type ClassExport } from '../../core/classes/export';
import { applyTreatment } from '../../core/classes/treatments';
import { startDevServer, type DevServer } from '../support/dev-server';
import { RoomClient } from '../support/room-client';

let server: DevServer;

beforeAll(async () => {
  server = await startDevServer({ vars: { ENCLAVE_FAULTS: '{}' } });
});
afterAll(async () => {
  await server?.stop();
});

const SETTINGS = { scenario: 'classroom-4', rounds: 3, roundSeconds: 600, bots: true };
const TREATMENTS = ['no rule change', 'platform with a cap', 'no parks'];
/** The three rooms' presets (core/classes/treatments.ts), in the order of TREATMENTS. */
const CHOICES = [{ kind: 'baseline' }, { kind: 'platform-cap', cap: 0.3 }, { kind: 'no-parks' }] as const;
const treated = CHOICES.map((choice, i) => {
  const t = applyTreatment(SETTINGS, choice);
  if (!t.ok) throw new Error(t.error.rule);
  return { treatment: TREATMENTS[i]!, settings: t.settings, kind: choice.kind };
});

async function call(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = token.startsWith('Bearer') || token.startsWith('Basic') ? token : `Bearer ${token}`;
  const res = await fetch(`${server.url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  try {
    return { status: res.status, json: JSON.parse(text) };
  } catch {
    throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}\n${server.log().slice(-3000)}`);
  }
}

const create = (body: unknown) => call('POST', '/classes', body);
const rooms = (n: number, scenario = 'classroom-4') => Array.from({ length: n }, (_, i) => ({ treatment: `treatment ${i + 1}`, settings: { ...SETTINGS, scenario } }));

describe('creating a class', () => {
  it('refuses 1 or 13 rooms, mixed scenarios, too many seats and one label on other rules, naming the field', async () => {
    expect(await create({ rooms: rooms(1) })).toMatchObject({ status: 400, json: { error: { field: 'rooms', code: 'min-items', args: { min: 2 } } } });
    expect(await create({ rooms: rooms(13) })).toMatchObject({ status: 400, json: { error: { field: 'rooms', code: 'max-items', args: { max: 12 } } } });
    const mixed = await create({ rooms: [...rooms(2), ...rooms(1, 'classroom-8')] });
    expect(mixed).toMatchObject({ status: 400, json: { error: { field: 'rooms.2.settings.scenario', code: 'class-scenario' } } });
    expect(mixed.json.error.rule).toMatch(/must be "classroom-4", the scenario of the first room/);
    expect(await create({ rooms: [...rooms(1), { treatment: 'x', settings: { scenario: 'nowhere' } }] })).toMatchObject({ status: 400, json: { error: { field: 'rooms.1.settings.scenario', code: 'no-scenario' } } });
    expect(await create({ rooms: rooms(2), seatsPerRoom: 5 })).toMatchObject({ status: 400, json: { error: { field: 'seatsPerRoom', code: 'at-most', args: { max: 4 } } } });
    const custom = (value: number) => ({ treatment: 'Custom', kind: 'custom', settings: { ...SETTINGS, params: { 'mobility.talent': value } } });
    const pooled = await create({ rooms: [...rooms(1), custom(0.1), custom(0.5)] });
    expect(pooled).toMatchObject({ status: 400, json: { error: { field: 'rooms.2.treatment', code: 'class-treatment-differs', args: { label: 'Custom', room: 2 } } } });
  });
});

describe('a class of three rooms of four seats', () => {
  let made: CreateClassResponse;
  const places: Record<string, JoinClassAnswer> = {};
  const players: Record<string, { client: RoomClient; token: string; room: string }> = {};
  const hosts: Record<string, RoomClient> = {};
  const NAMES = ['Ana', 'Bo', 'Chen', 'Dia', 'Eli', 'Fay', 'Gus', 'Hui', 'Ivo'];
  const status = async () => {
    const got = await call('GET', `/classes/${made.code}`, undefined, made.hostToken);
    expect(got.status).toBe(200);
    return got.json as ClassStatus;
  };
  const command = (action: string, room?: string) => call('POST', `/classes/${made.code}/command`, { action, ...(room ? { room } : {}) }, made.hostToken);
  /** Poll the class status until `done` holds (rooms resolve on their own time). */
  async function until(done: (s: ClassStatus) => boolean, ms = 30_000): Promise<ClassStatus> {
    const deadline = Date.now() + ms;
    for (;;) {
      const s = await status();
      if (done(s)) return s;
      if (Date.now() > deadline) throw new Error(`class status never matched: ${JSON.stringify(s.rooms.map((r) => r.status && [r.code, r.status.phase, r.status.round]))}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const roomOf = (name: string) => made.rooms.findIndex((r) => r.code === places[name]!.room);

  it('answers 201 with one class code, a host token and a code per room, none colliding', async () => {
    const got = await create({ rooms: treated });
    expect(got.status).toBe(201);
    made = got.json;
    expect(made.code).toMatch(/^[23456789A-HJ-NP-Z]{6}$/);
    expect(made.hostToken).toMatch(/^[0-9a-f]{32}$/);
    expect(made.rooms.map((r) => r.treatment)).toEqual(TREATMENTS);
    expect(new Set([made.code, ...made.rooms.map((r) => r.code)]).size).toBe(4);
    const kinds = await server.d1<{ code: string; kind: string }>(`SELECT code, kind FROM rooms WHERE code IN ('${made.code}', '${made.rooms.map((r) => r.code).join("','")}')`);
    expect(Object.fromEntries(kinds.map((k) => [k.code, k.kind]))).toEqual({ [made.code]: 'class', ...Object.fromEntries(made.rooms.map((r) => [r.code, 'game'])) });
  });

  it('sends a player who types the class code where a room code goes to the class join', async () => {
    const lost = await RoomClient.open(server.host, made.code);
    expect(lost.messages.find((m) => m.type === 'error')).toMatchObject({ field: 'code', code: 'class-code', args: { code: made.code } });
    expect(await call('POST', '/classes/ZZZZZZ/join', { name: 'Ana' })).toMatchObject({ status: 404, json: { error: { field: 'code', code: 'no-class' } } });
  });

  it('places nine people 3/3/3, each on a city of their own, and the same person asking again keeps their place', async () => {
    for (const name of NAMES) {
      const got = await call('POST', `/classes/${made.code}/join`, { name });
      expect(got.status).toBe(201);
      places[name] = got.json;
    }
    const perRoom = made.rooms.map((r) => NAMES.filter((n) => places[n]!.room === r.code));
    expect(perRoom.map((p) => p.length)).toEqual([3, 3, 3]);
    for (const people of perRoom) expect(new Set(people.map((n) => places[n]!.city)).size).toBe(3);
    expect(NAMES.every((n) => places[n]!.team === false)).toBe(true);
    // Again with the placement token (even under another name), and again by name from the same client.
    const again = await call('POST', `/classes/${made.code}/join`, { name: 'Ana again', placement: places.Ana!.placement });
    expect(again).toMatchObject({ status: 200, json: { room: places.Ana!.room, city: places.Ana!.city, person: places.Ana!.person, again: true } });
    expect(await call('POST', `/classes/${made.code}/join`, { name: 'Bo' })).toMatchObject({ status: 200, json: { person: places.Bo!.person, again: true } });
    expect((await status()).rooms.map((r) => r.placed)).toEqual([3, 3, 3]);
    expect(await call('POST', `/classes/${made.code}/join`, { name: '' })).toMatchObject({ status: 400, json: { error: { field: 'name' } } });
  });

  it('refuses host routes without the class host token: 401 without or malformed, 403 forged, naming the field', async () => {
    const forged = '0123456789abcdef0123456789abcdef';
    for (const [method, path, body] of [['GET', `/classes/${made.code}`, undefined], ['POST', `/classes/${made.code}/move`, { person: 'p1', room: made.rooms[1]!.code }], ['POST', `/classes/${made.code}/command`, { action: 'start' }]] as const) {
      expect(await call(method, path, body, null)).toMatchObject({ status: 401, json: { error: { field: 'authorization', code: 'bearer' } } });
      expect(await call(method, path, body, 'Bearer not-a-token')).toMatchObject({ status: 401, json: { error: { field: 'authorization', code: 'bearer-token' } } });
      expect(await call(method, path, body, forged)).toMatchObject({ status: 403, json: { error: { field: 'authorization', code: 'not-class-host', rule: 'is not the host token of this class' } } });
    }
    // Nothing started or moved.
    const s = await status();
    expect(s.started).toBe(false);
    expect(s.rooms.map((r) => r.status?.phase)).toEqual(['lobby', 'lobby', 'lobby']);
  });

  it('lets the host move people before the start, and the moved person finds their new place', async () => {
    const from = roomOf('Ana');
    const to = (from + 1) % 3;
    const swap = NAMES.find((n) => roomOf(n) === to)!;
    expect(await call('POST', `/classes/${made.code}/move`, { person: 'p99', room: made.rooms[to]!.code }, made.hostToken)).toMatchObject({ status: 404, json: { error: { field: 'person', code: 'no-person' } } });
    expect(await call('POST', `/classes/${made.code}/move`, { person: places.Ana!.person, room: 'ABCDEF' }, made.hostToken)).toMatchObject({ status: 404, json: { error: { field: 'room', code: 'not-class-room' } } });
    const moved = await call('POST', `/classes/${made.code}/move`, { person: places.Ana!.person, room: made.rooms[to]!.code }, made.hostToken);
    expect(moved).toMatchObject({ status: 200, json: { person: places.Ana!.person, room: made.rooms[to]!.code } });
    expect((await status()).rooms.map((r) => r.placed)).toEqual([0, 1, 2].map((i) => (i === from ? 2 : i === to ? 4 : 3)));
    // And one back the other way: three per room again.
    await call('POST', `/classes/${made.code}/move`, { person: places[swap]!.person, room: made.rooms[from]!.code }, made.hostToken);
    for (const name of ['Ana', swap]) places[name] = (await call('POST', `/classes/${made.code}/join`, { name, placement: places[name]!.placement })).json;
    expect(places.Ana!.room).toBe(made.rooms[to]!.code);
    expect(places[swap]!.room).toBe(made.rooms[from]!.code);
    const s = await status();
    expect(s.rooms.map((r) => r.placed)).toEqual([3, 3, 3]);
    for (const r of made.rooms) expect(new Set(NAMES.filter((n) => places[n]!.room === r.code).map((n) => places[n]!.city)).size).toBe(3);
  });

  it('the class host token is every room’s host token; players join their room over WebSocket', async () => {
    for (const r of made.rooms) {
      hosts[r.code] = await RoomClient.open(server.host, r.code, made.hostToken);
      expect(hosts[r.code]!.messages.find((m) => m.type === 'welcome')).toMatchObject({ role: 'host' });
      expect(hosts[r.code]!.latestView()).toMatchObject({ reviewSeconds: null });
    }
    for (const name of NAMES) {
      const p = places[name]!;
      const joined = await RoomClient.join(server.host, p.room, name, p.city, p.team);
      players[name] = { ...joined, room: p.room };
    }
    const s = await status();
    expect(s.rooms.map((r) => r.status?.people)).toEqual([3, 3, 3]);
  });

  it('moves a person already seated: the old room frees the seat and tells them, and the class answers the new room', async () => {
    const seatedIn = async (room: string) => (await status()).rooms.find((r) => r.code === room)!.status!.people;
    const there = async (to: number) => {
      const bo = players.Bo!;
      const from = bo.room;
      const target = made.rooms[to]!.code;
      const [fromBefore, toBefore] = [await seatedIn(from), await seatedIn(target)];
      const moved = await call('POST', `/classes/${made.code}/move`, { person: places.Bo!.person, room: target }, made.hostToken);
      expect(moved).toMatchObject({ status: 200, json: { person: places.Bo!.person, room: target, unseated: 1 } });
      // Bo's screen hears it was a move, not a kick, and is a spectator there now.
      const notice = await bo.client.next((m) => m.type === 'removed');
      expect(notice).toMatchObject({ type: 'removed', moved: true });
      expect(await seatedIn(from)).toBe(fromBefore - 1);
      bo.client.close();
      // Asking the class again (as the screen does, with the placement token) finds the new room.
      places.Bo = (await call('POST', `/classes/${made.code}/join`, { name: 'Bo', placement: places.Bo!.placement })).json;
      expect(places.Bo).toMatchObject({ room: target, again: true });
      const joined = await RoomClient.join(server.host, target, 'Bo', places.Bo!.city, places.Bo!.team);
      players.Bo = { ...joined, room: target };
      expect(await seatedIn(target)).toBe(toBefore + 1);
    };
    const home = roomOf('Bo');
    await there((home + 1) % 3);
    // And back: three people in each room again, for the start.
    await there(home);
    expect((await status()).rooms.map((r) => r.status?.people)).toEqual([3, 3, 3]);
    // A person who never joined their room is moved without a seat to free.
    const ghost = (await call('POST', `/classes/${made.code}/join`, { name: 'Zed' })).json as JoinClassAnswer;
    const away = made.rooms.findIndex((r) => r.code !== ghost.room);
    expect(await call('POST', `/classes/${made.code}/move`, { person: ghost.person, room: made.rooms[away]!.code }, made.hostToken)).toMatchObject({ status: 200, json: { unseated: 0 } });
  });

  it('starts every room: three people and a bot in each, and no more moves', async () => {
    const started = await command('start');
    expect(started.status).toBe(200);
    expect((started.json.rooms as RoomOutcome[]).map((o) => o.ok && [o.phase, o.round])).toEqual([['playing', 1], ['playing', 1], ['playing', 1]]);
    const s = await status();
    expect(s).toMatchObject({ started: true, lockStep: true, inStep: true, alerts: [] });
    for (const r of s.rooms) expect(r.status).toMatchObject({ phase: 'playing', round: 1, people: 3, bots: 1 });
    expect(await call('POST', `/classes/${made.code}/move`, { person: places.Bo!.person, room: made.rooms[0]!.code }, made.hostToken)).toMatchObject({ status: 409, json: { error: { code: 'class-started' } } });
    expect(await call('POST', `/classes/${made.code}/join`, { name: 'Latecomer' })).toMatchObject({ status: 409, json: { error: { code: 'class-started' } } });
    // A second start is each room's own refusal, reported room by room.
    const twice = await command('start');
    expect((twice.json.rooms as RoomOutcome[]).every((o) => !o.ok && o.error.code === 'already-started')).toBe(true);
  });

  it('shows who has submitted (never what), closes the round in all rooms, and holds every room in review for the same round', async () => {
    // Two of three in each room submit; the third's seat is closed by the class.
    const submitters = made.rooms.flatMap((r) => NAMES.filter((n) => players[n]!.room === r.code).slice(0, 2));
    for (const name of submitters) players[name]!.client.send({ type: 'submit', decisions: { ...noDecisions(1), subsidies: { talent: 0.21, startups: 0.1, capital: 0.1 } } });
    const s = await until((x) => x.rooms.every((r) => r.status!.seats.filter((seat) => seat.submitted).length === 2));
    expect(JSON.stringify(s)).not.toMatch(/subsid|0\.21/);
    expect(await command('continue', made.rooms[0]!.code)).toMatchObject({ status: 409, json: { error: { code: 'class-lock-step' } } });
    const closed = await command('close-round');
    expect((closed.json.rooms as RoomOutcome[]).map((o) => o.ok)).toEqual([true, true, true]);
    const held = await until((x) => x.rooms.every((r) => r.status!.phase === 'review'));
    expect(held.rooms.map((r) => r.status!.round)).toEqual([1, 1, 1]);
    expect(held.inStep).toBe(true);
    // A room's own console cannot open the next round alone: the class keeps them in step.
    const own = hosts[made.rooms[0]!.code]!;
    expect((await own.view((v) => v.phase === 'review')).classLock).toBe(true);
    expect(await own.refused({ type: 'continue', round: 1 })).toMatchObject({ field: '(class)', code: 'class-lock-step' });
    // The reveal stays: nobody's room moves on by itself.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await status()).rooms.map((r) => r.status!.phase)).toEqual(['review', 'review', 'review']);
    const next = await command('continue');
    expect((next.json.rooms as RoomOutcome[]).map((o) => o.ok && [o.phase, o.round])).toEqual([['playing', 2], ['playing', 2], ['playing', 2]]);
    for (const r of made.rooms) await hosts[r.code]!.view((v) => v.phase === 'playing' && v.round === 2, 15_000);
  });

  it('a room killed mid-round comes back from its storage while the others go on; the class waits for it to continue', async () => {
    const killed = made.rooms[1]!.code;
    const aborted = await fetch(`${server.url}/api/__faults/abort/${killed}`, { method: 'POST' });
    expect(aborted.status).toBe(200);
    // Its connections are gone with it.
    const deadline = Date.now() + 15_000;
    const dropped = () => NAMES.filter((n) => players[n]!.room === killed).every((n) => players[n]!.client.closed !== null);
    while (!dropped() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(dropped()).toBe(true);
    // The others keep theirs.
    expect(NAMES.filter((n) => players[n]!.room !== killed).every((n) => players[n]!.client.closed === null)).toBe(true);
    // The other rooms play round 2 to the end and are revealed.
    for (const name of NAMES.filter((n) => players[n]!.room !== killed)) players[name]!.client.send({ type: 'submit', decisions: noDecisions(2) });
    const apart = await until((x) => x.rooms.filter((r) => r.code !== killed).every((r) => r.status?.phase === 'review'));
    expect(apart.rooms.find((r) => r.code === killed)!.status).toMatchObject({ phase: 'playing', round: 2, people: 3, bots: 1 });
    expect(apart.inStep).toBe(false);
    expect(apart.alerts).toContainEqual({ room: killed, kind: 'out-of-step', round: 2, phase: 'playing' });
    const early = await command('continue');
    expect(early).toMatchObject({ status: 409, json: { error: { code: 'class-not-in-step', args: { waiting: [killed], round: 2 } } } });
    // The killed room's players come back with their seat tokens and finish the round.
    for (const name of NAMES.filter((n) => players[n]!.room === killed)) {
      const back = await RoomClient.open(server.host, killed, players[name]!.token);
      expect(back.latestView()).toMatchObject({ phase: 'playing', round: 2, you: { role: 'player' } });
      back.send({ type: 'submit', decisions: noDecisions(2) });
      players[name]!.client = back;
    }
    const together = await until((x) => x.rooms.every((r) => r.status?.phase === 'review'));
    expect(together).toMatchObject({ inStep: true, alerts: [] });
    expect(together.rooms.map((r) => r.status!.round)).toEqual([2, 2, 2]);
    const next = await command('continue');
    expect((next.json.rooms as RoomOutcome[]).map((o) => o.ok && o.round)).toEqual([3, 3, 3]);
  });

  it('pauses and resumes all rooms or one, releases the lock-step, and ends the game everywhere', async () => {
    const paused = await command('pause');
    expect((paused.json.rooms as RoomOutcome[]).map((o) => o.ok)).toEqual([true, true, true]);
    expect((await status()).rooms.map((r) => r.status!.paused)).toEqual([true, true, true]);
    const one = await command('resume', made.rooms[2]!.code);
    expect(one.json.rooms).toHaveLength(1);
    expect((await status()).rooms.map((r) => r.status!.paused)).toEqual([true, true, false]);
    expect(await command('resume', 'ABCDEF')).toMatchObject({ status: 404, json: { error: { field: 'room', code: 'not-class-room' } } });
    expect((await command('resume')).json.rooms.map((o: RoomOutcome) => o.ok)).toEqual([true, true, false]);
    const released = await command('release');
    expect(released).toMatchObject({ status: 200, json: { lockStep: false } });
    expect((released.json.rooms as RoomOutcome[]).map((o) => o.ok)).toEqual([true, true, true]);
    expect((await status()).lockStep).toBe(false);
    // Each room's own console may continue alone again.
    // (The host connection of the room killed earlier is gone: a fresh one sees the same.)
    for (const r of made.rooms) {
      const host = hosts[r.code]!.closed === null ? hosts[r.code]! : (hosts[r.code] = await RoomClient.open(server.host, r.code, made.hostToken));
      await host.until((m) => m.type === 'view' && !m.view.classLock);
    }
    const ended = await command('end-game');
    expect((ended.json.rooms as RoomOutcome[]).every((o) => o.ok)).toBe(true);
    const s = await until((x) => x.rooms.every((r) => r.status?.phase === 'finished'));
    expect(s.inStep).toBe(true);
    for (const c of [...Object.values(hosts), ...Object.values(players).map((p) => p.client)]) c.close();
  });

  it('compares the rooms with the numbers of their archives, and the class export replays room by room in Node', async () => {
    // Each room hands its game to the archive under the class host token at the end.
    let games: { id: string; code: string; roundsPlayed: number }[] = [];
    const deadline = Date.now() + 30_000;
    while (games.length < 3) {
      games = ((await call('GET', '/archive/games', undefined, made.hostToken)).json as typeof games).filter((g) => made.rooms.some((r) => r.code === g.code));
      if (Date.now() > deadline) throw new Error(`archived: ${JSON.stringify(games)}`);
      if (games.length < 3) await new Promise((r) => setTimeout(r, 250));
    }
    const archived: GameRecord[] = [];
    for (const room of made.rooms) archived.push((await call('GET', `/archive/games/${games.find((g) => g.code === room.code)!.id}`, undefined, made.hostToken)).json as GameRecord);
    const expected = compareRooms(made.rooms.map((r, i) => ({ code: r.code, treatment: treatmentTag({ treatment: r.treatment, kind: CHOICES[i]!.kind }), record: archived[i]! })));

    const compared = await call('GET', `/classes/${made.code}/compare`, undefined, made.hostToken);
    expect(compared.status).toBe(200);
    expect(compared.json.missing).toEqual([]);
    expect(compared.json.comparison).toEqual(JSON.parse(JSON.stringify(expected)));
    // The baseline room is the reference; the platform room's subsidies are measured against it.
    expect(expected.reference).toBe('baseline');
    expect(expected.treatments.map((t) => t.id)).toEqual(['baseline', 'platform-cap:platform with a cap', 'no-parks:no parks']);

    const doc = (await call('GET', `/classes/${made.code}/export.json`, undefined, made.hostToken)).json as ClassExport;
    expect(doc.format).toBe('enclave-class/1');
    expect(doc.rooms.map((r) => r.record)).toEqual(archived);
    expect(checkClass(JSON.parse(JSON.stringify(doc)) as ClassExport)).toMatchObject({ match: true, comparison: null });
    const csv = await fetch(`${server.url}/api/classes/${made.code}/export.csv`, { headers: { authorization: `Bearer ${made.hostToken}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    const rounds = archived[0]!.rounds.length;
    expect(lines.length).toBe(1 + 3 * rounds * 4);
    expect(lines[0]!.startsWith('class,room,treatment,round,city,source')).toBe(true);
    expect((await call('GET', `/classes/${made.code}/export.json`, undefined, 'f'.repeat(32))).status).toBe(403);
  });
});

describe('team placements: the class vouches for its people', () => {
  it('seats a team member the class placed at once with its pass; without it, with a forged or a used one, the join waits for the team', async () => {
    const made = (await create({ rooms: rooms(2), seatsPerRoom: 1 })).json as CreateClassResponse;
    const place = async (name: string) => (await call('POST', `/classes/${made.code}/join`, { name })).json as JoinClassAnswer;
    const [ana, ben, cai, dee] = [await place('Ana'), await place('Ben'), await place('Cai'), await place('Dee')];
    // One seat per room: the first two hold them, the next two join those seats as teams.
    expect([ana, ben].map((p) => [p.team, p.pass])).toEqual([[false, undefined], [false, undefined]]);
    expect([cai, dee].map((p) => p.team)).toEqual([true, true]);
    expect(cai.pass).toMatch(/^[0-9a-f]{32}$/);
    expect(cai.room).toBe(ana.room);
    expect(cai.city).toBe(ana.city);
    await RoomClient.join(server.host, ana.room, 'Ana', ana.city);
    await RoomClient.join(server.host, ben.room, 'Ben', ben.city);
    const answer = async (p: JoinClassAnswer, name: string, pass?: string) => {
      const c = await RoomClient.open(server.host, p.room);
      c.send({ type: 'join', name, city: p.city, team: true, ...(pass ? { pass } : {}) });
      return (await c.next((m) => m.type === 'joined' || m.type === 'request')).type;
    };
    // Cai shows the class's word: seated at once, as a member of Ana's team.
    expect(await answer(cai, 'Cai', cai.pass)).toBe('joined');
    // The word is used once: shown again on another connection, the join asks the team.
    expect(await answer(cai, 'Cai', cai.pass)).toBe('request');
    // A forged word, or none, asks the team as any team join.
    expect(await answer(dee, 'Dee', 'f'.repeat(32))).toBe('request');
    expect(await answer(dee, 'Dee', undefined)).toBe('request');
    // Asking the class again gives a new word, which counts; the old one no longer does.
    const again = (await call('POST', `/classes/${made.code}/join`, { name: 'Dee', placement: dee.placement })).json as JoinClassAnswer;
    expect(again).toMatchObject({ again: true, team: true, room: dee.room });
    expect(again.pass).not.toBe(dee.pass);
    expect(await answer(dee, 'Dee', dee.pass)).toBe('request');
    // The word is Dee's: handed to someone else, it asks the team (and stays Dee's).
    expect(await answer(dee, 'Eve', again.pass)).toBe('request');
    expect(await answer(dee, 'Dee', again.pass)).toBe('joined');
    const seated = (await call('GET', `/classes/${made.code}`, undefined, made.hostToken)).json as ClassStatus;
    expect(seated.rooms.map((r) => r.status?.seats.find((x) => x.city === ana.city)?.people)).toEqual([2, 2]);
    // The host removes Dee; a new word from the class, shown from another address, asks the team: no way back past the host.
    const host = await RoomClient.open(server.host, dee.room, made.hostToken);
    const member = host.latestView()!.members!.find((m) => m.name === 'Dee')!;
    host.send({ type: 'kick', member: member.id });
    await host.view((v) => !v.members!.some((m) => m.name === 'Dee'));
    const back = (await call('POST', `/classes/${made.code}/join`, { name: 'Dee', placement: dee.placement })).json as JoinClassAnswer;
    expect(back.pass).toMatch(/^[0-9a-f]{32}$/);
    const elsewhere = await RoomClient.open(server.host, dee.room, { ip: '203.0.113.77' });
    elsewhere.send({ type: 'join', name: 'Dee', city: dee.city, team: true, pass: back.pass });
    expect((await elsewhere.next((m) => m.type === 'joined' || m.type === 'request')).type).toBe('request');
    host.close();
  });
});

describe('a body too big', () => {
  // Last in the file: after a body it stopped reading, wrangler dev (4.86) answers the next
  // POST "Your worker restarted mid-request" (seen with POST /api/games too).
  it('is refused with 413 before it is read', async () => {
    const huge = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/classes`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ rooms: rooms(2), pad: 'x'.repeat(300_000) }));
    });
    expect(huge).toBe(413);
  });
});
