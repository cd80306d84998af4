/**
 * Many rooms: ROOMS rooms of classroom-8 (8 cities) at once on one `wrangler dev`, each with
 * a host and 8 seats held by people whose decisions a bot strategy computes (core/bots), so
 * every decision is a real submission over a real WebSocket. Each game plays ROUNDS rounds;
 * a round closes when its last seat submits. Measured: rounds resolved per second across
 * all rooms, and per round the time from the last submission to the moment every client of
 * the room holds the result and the next view. Checked: every game finishes, and the record
 * the archive holds (read back through the archive API with the host token) has every round
 * once, each seat's decisions exactly as submitted, and the results the clients got.
 */
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { BOT_STRATEGIES, botDecisions } from '../../core/bots';
import type { Decisions } from '../../core/protocol/decisions';
import type { GameRecord } from '../../core/protocol/record';
import { getScenario } from '../../core/scenarios';
import { startDevServer, type DevServer } from '../../tests/support/dev-server';
import { RoomClient, createGame } from '../../tests/support/room-client';
import { median, spread, wallClock, type Spread } from './stats';
import { archiveBytes, roomStorage } from './storage';
import { sampleMemory, type MemoryReport } from './workerd';

const SCENARIO = 'classroom-8';

export interface RoomsOptions {
  rooms: number;
  rounds: number;
  /** Sample the Worker's memory across the games. */
  memory: boolean;
  server?: DevServer;
}

export interface RoomsReport {
  rooms: number;
  seats: number;
  rounds: number;
  /** Rounds resolved per second, all rooms together, over the whole run. */
  roundsPerSecond: number;
  /** ms from a round's last submission to all of the room's clients holding its result. */
  resolve: Spread;
  /** Games whose archived record matched every submission and result. */
  complete: number;
  problems: string[];
  /** Median bytes per finished game: what the room holds (null: no sqlite3 to read it), its files, the archive's rows. */
  storage: { roomHeld: number | null; roomFiles: number; archive: number };
  wallSeconds: number;
  memory: MemoryReport | null;
}

interface Played {
  code: string;
  hostToken: string;
  host: RoomClient;
  seats: { city: string; client: RoomClient }[];
  /** What each seat submitted, by round then city. */
  submitted: Map<number, Record<string, Decisions>>;
  /** When the last submission of each round was sent. */
  lastSubmit: Map<number, number>;
  latencies: number[];
}

/** A seat's person: on every new round, decide with the seat's bot strategy from what the seat sees, and submit. */
async function playSeat(game: Played, seat: { city: string; client: RoomClient }, strategy: (typeof BOT_STRATEGIES)[number], rounds: number, seed: number): Promise<void> {
  const scenario = getScenario(SCENARIO)!;
  for (let round = 1; round <= rounds; round++) {
    const view = await seat.client.view((v) => v.round === round && v.phase === 'playing', 120_000);
    const decisions = botDecisions(strategy, { city: seat.city, round, state: view.state, results: seat.client.results(), scenario, deals: view.deals }, seed);
    const mine = game.submitted.get(round) ?? {};
    mine[seat.city] = decisions;
    game.submitted.set(round, mine);
    seat.client.send({ type: 'submit', decisions });
    game.lastSubmit.set(round, Math.max(game.lastSubmit.get(round) ?? 0, wallClock()));
    await seat.client.view((v) => v.round > round || v.phase !== 'playing' || v.submission?.decisions.round === round, 120_000);
  }
}

async function setUp(server: DevServer, rounds: number, seed: number): Promise<Played> {
  const { code, hostToken } = await createGame(server.url, { scenario: SCENARIO, rounds, roundSeconds: 3600, bots: false, sealed: true, seed });
  const host = await RoomClient.open(server.host, code, hostToken);
  const cities = getScenario(SCENARIO)!.regions.map((r) => r.id);
  const seats = [];
  for (const city of cities) seats.push({ city, client: (await RoomClient.join(server.host, code, `Seat ${city}`, city)).client });
  return { code, hostToken, host, seats, submitted: new Map(), lastSubmit: new Map(), latencies: [] };
}

/** Time each round: from its last submission to the last of the room's clients holding its result. */
async function timeRounds(game: Played, rounds: number): Promise<void> {
  const clients = [game.host, ...game.seats.map((s) => s.client)];
  for (let round = 1; round <= rounds; round++) {
    const arrived = await Promise.all(
      clients.map(async (c) => c.receivedAt[await c.until((m) => m.type === 'results' && m.from + m.results.length >= round, 120_000)]!),
    );
    game.latencies.push(Math.max(...arrived) - game.lastSubmit.get(round)!);
  }
}

async function check(server: DevServer, game: Played, rounds: number): Promise<string[]> {
  const problems: string[] = [];
  const finished = await game.host.view((v) => v.phase === 'finished' && v.archive?.status === 'stored', 120_000);
  const res = await fetch(`${server.url}/api/archive/games/${finished.archive!.id}`, { headers: { authorization: `Bearer ${game.hostToken}` } });
  if (!res.ok) return [`${game.code}: archive answered ${res.status}`];
  const record = (await res.json()) as GameRecord;
  if (!isDeepStrictEqual(record.rounds.map((r) => r.round), Array.from({ length: rounds }, (_, i) => i + 1))) problems.push(`${game.code}: archived rounds ${record.rounds.map((r) => r.round).join(',')}`);
  for (const r of record.rounds) {
    for (const [city, decisions] of Object.entries(game.submitted.get(r.round) ?? {})) {
      if (r.source[city] !== 'player') problems.push(`${game.code} round ${r.round} ${city}: source ${r.source[city]}`);
      if (!isDeepStrictEqual(r.decisions[city], decisions)) problems.push(`${game.code} round ${r.round} ${city}: archived decisions differ from the submission`);
    }
  }
  for (const { city, client } of game.seats) {
    if (!isDeepStrictEqual(client.results(), record.rounds.map((r) => r.result))) problems.push(`${game.code} ${city}: results held differ from the archive`);
  }
  return problems;
}

export async function runRooms(options: RoomsOptions): Promise<RoomsReport> {
  const server = options.server ?? (await startDevServer());
  const games: Played[] = [];
  try {
    const sampler = options.memory ? await sampleMemory(server) : null;
    for (let i = 0; i < options.rooms; i++) games.push(await setUp(server, options.rounds, 1000 + i));
    // Every seat in every room plays its strategy (varied across seats and rooms).
    const t0 = wallClock();
    const playing = games.flatMap((game, g) => game.seats.map((seat, s) => playSeat(game, seat, BOT_STRATEGIES[(g + s) % BOT_STRATEGIES.length]!, options.rounds, 1000 + g)));
    for (const game of games) game.host.send({ type: 'start' });
    await Promise.all([...playing, ...games.map((g) => timeRounds(g, options.rounds))]);
    const wallSeconds = (wallClock() - t0) / 1000;
    const problems = (await Promise.all(games.map((g) => check(server, g, options.rounds)))).flat();
    const memory = sampler ? await sampler.stop() : null;
    const complete = games.length - new Set(problems.map((p) => p.slice(0, 6))).size;
    const rooms = roomStorage(server);
    const archived = await archiveBytes(server);
    return {
      rooms: options.rooms,
      seats: options.rooms * 8,
      rounds: options.rounds,
      roundsPerSecond: (options.rooms * options.rounds) / wallSeconds,
      resolve: spread(games.flatMap((g) => g.latencies)),
      complete,
      problems,
      storage: {
        roomHeld: rooms.some((r) => r.held === null) ? null : median(rooms.map((r) => r.held!)),
        roomFiles: median(rooms.map((r) => r.files)),
        archive: median(archived.map((r) => r.bytes)),
      },
      wallSeconds,
      memory,
    };
  } finally {
    for (const g of games) for (const c of [g.host, ...g.seats.map((s) => s.client)]) c.close();
    if (!options.server) await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('SIGINT', () => process.exit(130)); // runs the dev server's exit hook
  const report = await runRooms({ rooms: Number(process.env.ROOMS ?? 25), rounds: Number(process.env.ROUNDS ?? 5), memory: process.env.MEMORY !== '0' });
  console.log(JSON.stringify(report, null, 2));
}
