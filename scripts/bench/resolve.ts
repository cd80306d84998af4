/**
 * The resolve path: one room alone on a real `wrangler dev`, from the submission that closes a
 * round to the moment every client of the room holds that round's result. GAMES games of
 * classroom-8 one after the other (ROUNDS rounds each, no review between rounds), each with 8
 * seats held by people whose decisions a bot strategy computes, the host and a projector: 10
 * WebSockets. Per round, seven seats submit first and the room settles; then the eighth
 * submits and the clock runs.
 *
 * The breakdown comes from the room's own clock (scripts/bench/resolve-entry.ts, the Worker
 * with the room's model binding timed, nothing else changed) and the clients' arrival times:
 *
 *   in                 submission sent → the room takes it (client clock → room clock)
 *   freeze/persist     the room closes the round, persists its frozen inputs, tells every client
 *                      the round is being resolved and sets its alarm → it calls the model
 *   model call         the call leaves → the answer is back in the room; of which
 *     model compute    resolveRound on the very same inputs, timed in Node (the archived
 *                      record replayed: workerd cannot time synchronous code)
 *     request check    the model's entrypoint checks the request against its schema (Node too)
 *     transport        the rest: the binding, (de)serialising request and answer
 *   apply + fan-out    the answer is back → the first client, and the last, holds the result:
 *                      the room checks the answer (its schema, timed in Node: answer check),
 *                      applies it, persists the round, and sends (through wrangler's proxy,
 *                      unless DIRECT=1: then straight to the Worker's workerd, as deployed)
 *
 * Medians over every round; the phases' medians need not add up to the total's median.
 *
 * Then the model call alone: the room's own call (party/resolver.ts) made CALLS times in a row
 * inside the Worker, with no room around it, on one round's request; BATCHES batches, the
 * median of their ms per call (the room's clock ticks in whole ms; a batch spans many).
 */
import { fileURLToPath } from 'node:url';
import { BOT_STRATEGIES, botDecisions } from '../../core/bots';
import { resolveRound } from '../../core/model';
import { resolveRequestSchema, resolveResponseSchema } from '../../core/protocol/api';
import type { Decisions } from '../../core/protocol/decisions';
import type { GameRecord } from '../../core/protocol/record';
import { getScenario } from '../../core/scenarios';
import { check } from '../../core/protocol/validate';
import { startDevServer, type DevServer } from '../../tests/support/dev-server';
import { seatGame, type RoomClient } from '../../tests/support/room-client';
import type { ResolveMoments } from './resolve-entry';
import { median, wallClock } from './stats';
import { directHost } from './workerd';

const SCENARIO = 'classroom-8';
const ENTRY = 'scripts/bench/resolve-entry.ts';
const STRATEGIES = BOT_STRATEGIES.filter((s) => s !== 'best-response' && s !== 'cooperator'); // the slow ones: they would only slow the clients

export interface ResolveOptions {
  games: number;
  rounds: number;
  /** Clients connect straight to the Worker's workerd, not through wrangler's dev proxy. */
  direct: boolean;
  server?: DevServer;
}

/** One round as measured, ms. */
export interface ResolveRound {
  total: number;
  in: number;
  freeze: number;
  call: number;
  compute: number;
  requestCheck: number;
  answerCheck: number;
  first: number;
  last: number;
  /** Bytes of the request and the answer as JSON. */
  requestBytes: number;
  answerBytes: number;
}

export interface ResolveReport {
  games: number;
  rounds: number;
  clients: number;
  direct: boolean;
  /** Medians over every round. */
  median: Omit<ResolveRound, 'requestBytes' | 'answerBytes'> & { transport: number; requestKB: number; answerKB: number };
  /** The room's call to the model alone, ms per call: median over batches, and each batch. */
  callAlone: { median: number; batches: number[] };
  /** Every round, in order. */
  all: ResolveRound[];
}

const BATCHES = 15;
const CALLS = 20;

/** The room's call to the model, made in a row inside the Worker, on round `round`'s request of the record. */
async function callAlone(server: DevServer, record: GameRecord, round: number): Promise<number[]> {
  const scenario = getScenario(record.settings.scenario)!;
  let state = record.initialState;
  for (const r of record.rounds.slice(0, round - 1)) {
    const out = resolveRound(scenario, state, r.decisions, { deals: r.deals, events: r.events });
    if (!out.ok) throw new Error(out.error.rule);
    state = out.state;
  }
  const r = record.rounds[round - 1]!;
  const request = { state, decisions: r.decisions, deals: r.deals, events: r.events };
  const batches: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const res = await fetch(`${server.url}/api/__bench/call`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ request, calls: CALLS }) });
    if (!res.ok) throw new Error(`calls in a row: ${res.status} ${await res.text()}`);
    batches.push(((await res.json()) as { ms: number }).ms / CALLS);
  }
  return batches;
}

interface Timed {
  sent: number;
  first: number;
  last: number;
}

async function playGame(server: DevServer, host: string, rounds: number, seed: number): Promise<{ timed: Timed[]; record: GameRecord }> {
  const scenario = getScenario(SCENARIO)!;
  const cities = scenario.regions.map((r) => r.id);
  const people = cities.map((city) => [`Seat ${city}`, city] as const);
  const { game, host: hostClient, projector, seats } = await seatGame({ url: server.url, host }, { scenario: SCENARIO, rounds, roundSeconds: 3600, reviewSeconds: 0, bots: false, sealed: true, seed }, people);
  const clients: RoomClient[] = [hostClient, projector, ...Object.values(seats)];
  const timed: Timed[] = [];
  try {
    hostClient.send({ type: 'start' });
    for (let round = 1; round <= rounds; round++) {
      const chosen: { client: RoomClient; decisions: Decisions }[] = [];
      for (const [i, city] of cities.entries()) {
        const client = seats[`Seat ${city}`]!;
        const view = await client.view((v) => v.round === round && v.phase === 'playing');
        chosen.push({ client, decisions: botDecisions(STRATEGIES[(i + seed) % STRATEGIES.length]!, { city, round, state: view.state, results: client.results(), scenario, deals: view.deals }, seed) });
      }
      // All but the last seat submit, and the room settles: only the closing submission is in flight.
      for (const { client, decisions } of chosen.slice(0, -1)) client.send({ type: 'submit', decisions });
      await hostClient.view((v) => v.round === round && v.seats.filter((s) => s.submitted).length === cities.length - 1);
      await new Promise((r) => setTimeout(r, 50));
      const closing = chosen.at(-1)!;
      const sent = wallClock();
      closing.client.send({ type: 'submit', decisions: closing.decisions });
      const arrived = await Promise.all(clients.map(async (c) => c.receivedAt[await c.until((m) => m.type === 'results' && m.from + m.results.length >= round)]!));
      timed.push({ sent, first: Math.min(...arrived), last: Math.max(...arrived) });
    }
    const finished = await hostClient.view((v) => v.phase === 'finished' && v.archive?.status === 'stored', 60_000);
    const res = await fetch(`${server.url}/api/archive/games/${finished.archive!.id}`, { headers: { authorization: `Bearer ${game.hostToken}` } });
    if (!res.ok) throw new Error(`archive answered ${res.status}`);
    return { timed, record: (await res.json()) as GameRecord };
  } finally {
    for (const c of clients) c.close();
  }
}

/**
 * resolveRound on each archived round's own inputs, and the schema checks of its request and
 * answer, after one warm-up pass (a room's isolate has run them before), ms.
 */
function nodeTimes(record: GameRecord) {
  const scenario = getScenario(record.settings.scenario)!;
  const time = <T>(f: () => T): [T, number] => {
    const t0 = performance.now();
    const out = f();
    return [out, performance.now() - t0];
  };
  const pass = () => {
    let state = record.initialState;
    const rounds: { compute: number; requestCheck: number; answerCheck: number; requestBytes: number; answerBytes: number }[] = [];
    for (const r of record.rounds) {
      const request = { state, decisions: r.decisions, deals: r.deals, events: r.events };
      const [, requestCheck] = time(() => check(resolveRequestSchema, request));
      const [out, compute] = time(() => resolveRound(scenario, state, r.decisions, { deals: r.deals, events: r.events }));
      if (!out.ok) throw new Error(`round ${r.round} does not replay: ${out.error.field}: ${out.error.rule}`);
      const answer = { state: out.state, result: out.result };
      const [, answerCheck] = time(() => check(resolveResponseSchema, answer));
      rounds.push({ compute, requestCheck, answerCheck, requestBytes: JSON.stringify(request).length, answerBytes: JSON.stringify(answer).length });
      state = out.state;
    }
    return rounds;
  };
  pass();
  return pass();
}

export async function runResolve(options: ResolveOptions): Promise<ResolveReport> {
  const server = options.server ?? (await startDevServer({ entry: ENTRY }));
  try {
    const all: ResolveRound[] = [];
    const played: { timed: Timed[]; record: GameRecord }[] = [];
    const host = options.direct ? await directHost(server) : server.host;
    for (let g = 0; g < options.games; g++) played.push(await playGame(server, host, options.rounds, 2000 + g));
    const res = await fetch(`${server.url}/api/__bench/resolve`);
    if (!res.ok) throw new Error(`the benchmark's entry is not running (${res.status}): start wrangler dev on ${ENTRY}`);
    const moments = (await res.json()) as ResolveMoments[];
    const expected = options.games * options.rounds;
    if (moments.length !== expected) throw new Error(`the room called the model ${moments.length} times for ${expected} rounds (a retry?)`);
    let i = 0;
    for (const { timed, record } of played) {
      const node = nodeTimes(record);
      for (const [r, t] of timed.entries()) {
        const m = moments[i++]!;
        const n = node[r]!;
        all.push({
          total: t.last - t.sent,
          in: m.message - t.sent,
          freeze: m.call - m.message,
          call: m.answer - m.call,
          compute: n.compute,
          requestCheck: n.requestCheck,
          answerCheck: n.answerCheck,
          first: t.first - m.answer,
          last: t.last - m.answer,
          requestBytes: n.requestBytes,
          answerBytes: n.answerBytes,
        });
      }
    }
    const batches = await callAlone(server, played[0]!.record, Math.ceil(options.rounds / 2));
    const med = (f: (r: ResolveRound) => number) => median(all.map(f));
    return {
      games: options.games,
      rounds: all.length,
      clients: 10,
      direct: options.direct,
      median: {
        total: med((r) => r.total),
        in: med((r) => r.in),
        freeze: med((r) => r.freeze),
        call: med((r) => r.call),
        compute: med((r) => r.compute),
        requestCheck: med((r) => r.requestCheck),
        answerCheck: med((r) => r.answerCheck),
        transport: med((r) => r.call - r.compute - r.requestCheck),
        first: med((r) => r.first),
        last: med((r) => r.last),
        requestKB: med((r) => r.requestBytes) / 1024,
        answerKB: med((r) => r.answerBytes) / 1024,
      },
      callAlone: { median: median(batches), batches },
      all,
    };
  } finally {
    if (!options.server) await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('SIGINT', () => process.exit(130)); // runs the dev server's exit hook
  const report = await runResolve({ games: Number(process.env.GAMES ?? 2), rounds: Number(process.env.ROUNDS ?? 20), direct: process.env.DIRECT === '1' });
  console.log(JSON.stringify(process.env.ALL ? report : { ...report, all: undefined }, null, 2));
}
