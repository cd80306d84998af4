/**
 * `npm run bench:classes`: one class of CLASS_ROOMS rooms (10) of classroom-8 with 8 people
 * each, on one `wrangler dev` (issue 15). Every person is placed through the class join and
 * plays over a real WebSocket; rounds close when the last seat submits, and every room is held
 * in review until the class continues them together (lock-step). Measured, CLASS_ROUNDS rounds
 * (3): creating the class, a class join, the class status, and each class command from the
 * HTTP request to its answer and to the moment every room's host holds the new view; beside
 * it, what the class object adds: the same step sent by a host straight to one room.
 */
import { fileURLToPath } from 'node:url';
import type { ClassStatus, CreateClassResponse, JoinClassAnswer } from '../../core/protocol/class';
import { noDecisions } from '../../core/protocol/decisions';
import type { RoomView } from '../../core/protocol/room';
import { startDevServer, type DevServer } from '../../tests/support/dev-server';
import { RoomClient } from '../../tests/support/room-client';
import { spread, wallClock, type Spread } from './stats';

const ROOMS = Number(process.env.CLASS_ROOMS ?? 10);
const ROUNDS = Number(process.env.CLASS_ROUNDS ?? 3);
const SEATS = 8;

export interface ClassReport {
  rooms: number;
  people: number;
  create: number;
  join: Spread;
  status: Spread;
  /** Class command: ms to the HTTP answer, and to every room's host holding the new view. */
  command: Record<string, { answer: Spread; everywhere: Spread }>;
  /** Last submission of a round to every room in review. */
  round: Spread;
  /** A host's own `pause` to one room, to its view: the same step without the class. */
  direct: Spread;
}

async function api(server: DevServer, method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function runClasses(): Promise<ClassReport> {
  const server = await startDevServer();
  try {
    const settings = { scenario: 'classroom-8', rounds: ROUNDS + 1, roundSeconds: 600, bots: true };
    let t = wallClock();
    const made = (await api(server, 'POST', '/classes', { rooms: Array.from({ length: ROOMS }, (_, i) => ({ treatment: `treatment ${i % 3}`, settings })) })) as CreateClassResponse;
    const create = wallClock() - t;
    const hosts = new Map<string, RoomClient>();
    for (const r of made.rooms) hosts.set(r.code, await RoomClient.open(server.host, r.code, made.hostToken));
    const joins: number[] = [];
    const players: RoomClient[] = [];
    for (let i = 0; i < ROOMS * SEATS; i++) {
      t = wallClock();
      const place = (await api(server, 'POST', `/classes/${made.code}/join`, { name: `P${i}` })) as JoinClassAnswer;
      joins.push(wallClock() - t);
      players.push((await RoomClient.join(server.host, place.room, `P${i}`, place.city, place.team)).client);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      t = wallClock();
      const s = (await api(server, 'GET', `/classes/${made.code}`, undefined, made.hostToken)) as ClassStatus;
      statuses.push(wallClock() - t);
      if (s.rooms.some((r) => r.status?.people !== SEATS)) throw new Error('rooms not full');
    }
    const samples = new Map<string, { answer: number[]; everywhere: number[] }>();
    const timeCommand = async (action: string, done: (v: RoomView) => boolean) => {
      const t0 = wallClock();
      await api(server, 'POST', `/classes/${made.code}/command`, { action }, made.hostToken);
      const answer = wallClock() - t0;
      await Promise.all([...hosts.values()].map((h) => h.view(done, 60_000)));
      const entry = samples.get(action) ?? { answer: [], everywhere: [] };
      entry.answer.push(answer);
      entry.everywhere.push(wallClock() - t0);
      samples.set(action, entry);
    };
    await timeCommand('start', (v) => v.phase === 'playing');
    const rounds: number[] = [];
    const direct: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const p of players) p.send({ type: 'submit', decisions: noDecisions(round) });
      const t0 = wallClock();
      await Promise.all([...hosts.values()].map((h) => h.view((v) => v.phase === 'review' && v.round === round, 60_000)));
      rounds.push(wallClock() - t0);
      await timeCommand('pause', (v) => v.paused);
      await timeCommand('resume', (v) => !v.paused);
      // The same step without the class: one host pauses and resumes its own room.
      const host = hosts.get(made.rooms[0]!.code)!;
      for (const [msg, done] of [['pause', (v: RoomView) => v.paused], ['resume', (v: RoomView) => !v.paused]] as const) {
        const t1 = wallClock();
        host.send({ type: msg });
        await host.view(done, 30_000);
        direct.push(wallClock() - t1);
      }
      await timeCommand('continue', (v) => v.phase === 'playing' && v.round === round + 1);
    }
    for (const c of [...hosts.values(), ...players]) c.close();
    const command = Object.fromEntries([...samples].map(([action, x]) => [action, { answer: spread(x.answer), everywhere: spread(x.everywhere) }]));
    return { rooms: ROOMS, people: ROOMS * SEATS, create, join: spread(joins), status: spread(statuses), command, round: spread(rounds), direct: spread(direct) };
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await runClasses(), null, 2));
}
