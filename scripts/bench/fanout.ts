/**
 * Fan-out: one room of the largest scenario (zhejiang-mountain-sea) with 8 seats held by
 * people, ten reverse-enclave parks signed in round 1, SPECTATORS spectators and a
 * projector, all over real WebSockets to `wrangler dev`. Each round, the last seat's
 * submission closes it and the room resolves it. Measured per client: from the moment the
 * room has the resolver's answer to the moment that client holds the round's result and
 * the next round's view. The room's moment is its own clock when it applied the answer:
 * the next round's deadline minus the round length (the view's `timer.endsAt`).
 *
 * The floor: a bare `ws` server on Node (floor-server.mjs, its own process) sends each
 * client the very frames that client got from the room, in the same order, to the same
 * number of clients, through the same client code. The ratio room ÷ floor is what our code
 * and the runtime add to what this machine must do anyway.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkDecisions, makeContext, resolveParams } from '../../core/model';
import type { ParkTerms } from '../../core/protocol/deals';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import { PROTOCOL_VERSION, type PublicState, type RoomView, type SentView } from '../../core/protocol/room';
import { getScenario } from '../../core/scenarios';
import { startDevServer, type DevServer } from '../../tests/support/dev-server';
import { createGame } from '../../tests/support/room-client';
import { LightClient, crowd, quiet, type Frame } from './light-client';
import { median, spread, wallClock, type Spread } from './stats';
import { busyDecisions } from './model';
import { midRoundView, payloads, type RoundPayload, type Size } from './payload';
import { archiveBytes, roomStorage } from './storage';
import { directHost, sampleMemory, type MemoryReport } from './workerd';

const SCENARIO = 'zhejiang-mountain-sea';
const SEATS = ['hangzhou', 'ningbo', 'wenzhou', 'quzhou', 'lishui', 'jinhua', 'taizhou', 'zhoushan'];
const PARK_HOSTS = ['hangzhou', 'ningbo'];
const SPONSORS = ['quzhou', 'lishui', 'jinhua', 'taizhou', 'zhoushan'];
const ROUND_SECONDS = 3600;

export interface FanOutOptions {
  spectators: number;
  rounds: number;
  /** Connect to the Worker's own workerd rather than through wrangler's dev proxy. */
  direct: boolean;
  /** Clients offer permessage-deflate, as browsers do (and the floor server accepts it). */
  deflate: boolean;
  /** Sample the Worker's memory across the game (the inspector and /proc). */
  memory: boolean;
  /** Reuse a running dev server (else one is started and stopped). */
  server?: DevServer;
}

export interface FanOutReport {
  clients: number;
  rounds: number;
  via: 'wrangler proxy' | 'workerd';
  deflate: boolean;
  /** Per client and round, ms from the room's answer to the client holding result and view. */
  room: Spread;
  /** Per round, the last client. */
  roomLast: number;
  floor: Spread;
  floorLast: number;
  /** Bytes a client receives per resolution (uncompressed), median over rounds, by role. */
  bytes: { seat: number; spectator: number; host: number };
  /** A seat's draft back to the seat as its view, ms (medians): alone, then with the crowd. */
  draftAlone: number;
  draftCrowded: number;
  /** Parks signed in round 1. */
  parks: number;
  /** Sizes of each resolution's messages (protocol 3, and what protocol 2 sent). */
  payload: RoundPayload[];
  /** A view sent while a round runs (a seat submitted), to a spectator. */
  midRoundView: { v3: Size; v2: Size };
  /** The Worker's memory across the game (null when not sampled). */
  memory: MemoryReport | null;
  /** The finished game: what its room holds, its room's files, its rows in the archive (bytes). */
  storage: { roomHeld: number | null; roomFiles: number; archive: number };
}

const parse = <T>(frame: Frame | undefined): T => JSON.parse(frame!.text!) as T;
const last = (c: LightClient, type: string) => c.frames.findLast((f) => f.type === type);

/** What a seat holds: the latest view with the latest public state in it. */
function held(c: LightClient): RoomView {
  return { ...parse<{ view: SentView }>(last(c, 'view')).view, state: parse<{ state: PublicState }>(last(c, 'state')).state };
}

/** The benchmark's busy decisions (model.ts) when the city can afford them, else no action. */
function decisionsFor(view: RoomView, city: string): Decisions {
  const busy = busyDecisions(view.state)[city]!;
  const ctx = makeContext(getScenario(SCENARIO)!, resolveParams(view.state.params));
  return checkDecisions(ctx, view.state, city, busy) ? noDecisions(view.round) : busy;
}

async function draftRoundTrip(seat: LightClient, round: number, repeats: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const x = Math.round((0.01 + (i % 50) / 100) * 100) / 100;
    const from = seat.frames.length;
    const t0 = wallClock();
    seat.send(JSON.stringify({ type: 'draft', decisions: { ...noDecisions(round), subsidies: { talent: x, startups: 0, capital: 0 } } }));
    const f = await seat.until((f) => f.type === 'view' && f.text!.includes(`"draft":{"decisions":{"round":${round},"subsidies":{"talent":${x},`), from);
    times.push(f.at - t0);
    await new Promise((r) => setTimeout(r, 120)); // under the per-connection rate limit
  }
  return median(times);
}

/** Send a message from a seat and wait for the room's answer to it (its own view changing, or a refusal). */
async function act(seat: LightClient, message: object): Promise<Frame> {
  const from = seat.frames.length;
  seat.send(JSON.stringify(message));
  return seat.until((f) => f.type === 'view' || f.type === 'error', from);
}

interface Burst {
  /** Per client, the frames of one resolution, in order. */
  frames: Frame[][];
  latencies: number[];
}

/** Everything one resolution sent each client: from `marks` up to the view of round `next`. */
async function collect(clients: LightClient[], marks: number[], next: number, answerAt: () => number): Promise<Burst> {
  const done = await Promise.all(clients.map((c, i) => c.until((f) => f.type === 'view' && f.round === next, marks[i]!)));
  const t = answerAt();
  const frames = clients.map((c, i) => {
    // The round's closing (its "resolving" view) went out before the answer: the burst starts at the result.
    const first = c.frames.findIndex((f, k) => k >= marks[i]! && f.type === 'results');
    if (first < 0) throw new Error(`client ${i} got the view of round ${next} without a result`);
    return c.frames.slice(first, c.frames.indexOf(done[i]!) + 1);
  });
  return { frames, latencies: frames.map((fs) => Math.max(...fs.map((f) => f.at)) - t) };
}

async function floor(bursts: Burst[], roles: ('seat' | 'host' | 'spectator')[], deflate: boolean): Promise<{ latencies: number[]; lasts: number[] }> {
  const child = fork(fileURLToPath(new URL('./floor-server.mjs', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, FLOOR_DEFLATE: deflate ? '1' : '0' },
  });
  const reply = (op: string) => new Promise<{ op: string; port?: number; t0?: number }>((resolve) => {
    const on = (m: { op: string }) => {
      if (m.op !== op) return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
  });
  try {
    const { port } = await reply('ready');
    const clients = await crowd(roles.length, (() => {
      let i = 0;
      return () => LightClient.open(`ws://127.0.0.1:${port}/?i=${i++}`, { deflate });
    })());
    const latencies: number[] = [];
    const lasts: number[] = [];
    // Seats and the host first, then the crowd: the room's own order.
    const order = [...roles.keys()].sort((a, b) => Number(roles[a] === 'spectator') - Number(roles[b] === 'spectator'));
    for (const burst of bursts) {
      const payloads: string[] = [];
      const ids = new Map<string, number>();
      const plan = order.map((i) => [i, burst.frames[i]!.map((f) => ids.get(f.text!) ?? (ids.set(f.text!, payloads.push(f.text!) - 1), payloads.length - 1))] as [number, number[]]);
      const loaded = reply('loaded');
      child.send({ op: 'load', payloads, plan });
      await loaded;
      await quiet(clients, 100);
      const marks = clients.map((c) => c.frames.length);
      const sent = reply('sent');
      child.send({ op: 'go' });
      const { t0 } = await sent;
      const arrived = await Promise.all(
        clients.map(async (c, i) => {
          const count = burst.frames[i]!.length;
          await c.until(() => c.frames.length - marks[i]! >= count, marks[i]!);
          return c.frames[marks[i]! + count - 1]!.at;
        }),
      );
      const per = arrived.map((at) => at - t0!);
      latencies.push(...per);
      lasts.push(Math.max(...per));
    }
    for (const c of clients) c.close();
    return { latencies, lasts };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.send({ op: 'stop' });
    await exited;
  }
}

export async function runFanOut(options: FanOutOptions): Promise<FanOutReport> {
  const server = options.server ?? (await startDevServer());
  const clients: LightClient[] = [];
  try {
    const host = options.direct ? await directHost(server) : server.host;
    const url = `ws://${host}/parties/game/`;
    const sampler = options.memory ? await sampleMemory(server) : null;
    const game = await createGame(server.url, { scenario: SCENARIO, rounds: options.rounds + 1, roundSeconds: ROUND_SECONDS, bots: false, sealed: true, seed: 1 });
    const hello = (token?: string) => ({ type: 'hello', protocol: PROTOCOL_VERSION, ...(token ? { token } : {}) });
    const deflate = options.deflate;
    const hostClient = await LightClient.open(url + game.code, { hello: hello(game.hostToken), record: true, deflate });
    const seats: LightClient[] = [];
    for (const city of SEATS) {
      const seat = await LightClient.open(url + game.code, { hello: hello(), record: true, deflate });
      const from = seat.frames.length;
      seat.send(JSON.stringify({ type: 'join', name: `Seat ${city}`, city, team: false }));
      await seat.until((f) => f.type === 'joined', from);
      seats.push(seat);
    }
    hostClient.send(JSON.stringify({ type: 'start' }));
    await Promise.all(seats.map((s) => s.until((f) => f.type === 'view' && f.round === 1, 0)));
    await quiet([hostClient, ...seats]);

    const draftAlone = await draftRoundTrip(seats[3]!, 1, 15);

    // Ten parks, each sponsor in each core: proposed by the sponsor, accepted by the host city.
    for (const sponsor of SPONSORS) {
      for (const parkHost of PARK_HOSTS) {
        const terms: ParkTerms = { kind: 'park', sponsor, host: parkHost, landQuota: 0.5, space: 0.5, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 };
        await act(seats[SEATS.indexOf(sponsor)]!, { type: 'propose', terms });
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    for (const parkHost of PARK_HOSTS) {
      const seat = seats[SEATS.indexOf(parkHost)]!;
      for (const deal of held(seat).deals.filter((d) => d.status === 'open')) {
        await act(seat, { type: 'accept', deal: deal.id });
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const signed = held(hostClient).deals.filter((d) => d.status === 'signed').length;

    const spectators = await crowd(options.spectators, () => LightClient.open(url + game.code, { hello: hello(), record: false, deflate }));
    // The projector: a spectator that keeps every frame's text (for the floor to send the same).
    const recorder = await LightClient.open(url + game.code, { hello: hello(), record: true, deflate });
    const everyone = [...seats, hostClient, recorder, ...spectators];
    clients.push(...everyone);
    const roles = everyone.map((c) => (seats.includes(c) ? 'seat' : c === hostClient ? 'host' : 'spectator') as 'seat' | 'host' | 'spectator');
    await quiet(everyone);
    const draftCrowded = await draftRoundTrip(seats[3]!, 1, 15);

    const bursts: Burst[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      for (const seat of seats.slice(0, -1)) {
        await act(seat, { type: 'submit', decisions: decisionsFor(held(seat), SEATS[seats.indexOf(seat)]!) });
      }
      await quiet(everyone);
      const marks = everyone.map((c) => c.frames.length);
      const lastSeat = seats.at(-1)!;
      lastSeat.send(JSON.stringify({ type: 'submit', decisions: decisionsFor(held(lastSeat), SEATS.at(-1)!) }));
      const answerAt = () => held(lastSeat).timer!.endsAt! - ROUND_SECONDS * 1000;
      bursts.push(await collect(everyone, marks, round + 1, answerAt));
      // Spectators keep only what they need to be timed: the recorder has the text.
      for (const c of spectators) c.frames.length = 0;
      await quiet(everyone);
    }
    // A view sent mid-round (the last round's closing), as the projector got it, and the state it then held.
    const lastResult = recorder.frames.findLastIndex((f) => f.type === 'results');
    const closing = recorder.frames.slice(0, lastResult).findLastIndex((f) => f.type === 'view');
    const before = recorder.frames.slice(0, closing).findLastIndex((f) => f.type === 'state');
    const midRound = midRoundView(recorder.frames[closing]!.text!, recorder.frames[before]!.text!);
    // The game ends: the open round is resolved as the last one, and the record goes to the archive.
    hostClient.send(JSON.stringify({ type: 'end-game' }));
    await hostClient.until((f) => f.type === 'view' && f.text!.includes('"archive":{"status":"stored"'), 0, 120_000);
    const memory = sampler ? await sampler.stop() : null;
    const [room] = roomStorage(server);
    const [archived] = await archiveBytes(server);
    // The frames every spectator got, for the floor: the recorder's (one view for all spectators).
    const r = everyone.indexOf(recorder);
    const floorBursts = bursts.map((b) => ({ ...b, frames: b.frames.map((fs, i) => (roles[i] === 'spectator' ? b.frames[r]! : fs)) }));
    for (const c of everyone) c.close();
    clients.length = 0;

    const measured = await floor(floorBursts, roles, deflate);
    const bytesOf = (role: string) => median(bursts.flatMap((b) => b.frames.filter((_, i) => roles[i] === role).map((fs) => fs.reduce((n, f) => n + f.bytes, 0))));
    if (signed < 1) throw new Error('no park was signed: the benchmark would not be the largest game');
    return {
      clients: everyone.length,
      rounds: options.rounds,
      via: options.direct ? 'workerd' : 'wrangler proxy',
      deflate,
      room: spread(bursts.flatMap((b) => b.latencies)),
      roomLast: median(bursts.map((b) => Math.max(...b.latencies))),
      floor: spread(measured.latencies),
      floorLast: median(measured.lasts),
      bytes: { seat: bytesOf('seat'), spectator: bytesOf('spectator'), host: bytesOf('host') },
      draftAlone,
      draftCrowded,
      parks: signed,
      payload: payloads(
        bursts.map((b) => ({
          seats: b.frames.filter((_, i) => roles[i] === 'seat').map((fs) => fs.map((f) => f.text!)),
          spectator: b.frames[r]!.map((f) => f.text!),
          host: b.frames[roles.indexOf('host')]!.map((f) => f.text!),
        })),
      ),
      midRoundView: midRound,
      memory,
      storage: { roomHeld: room!.held, roomFiles: room!.files, archive: archived!.bytes },
    };
  } finally {
    for (const c of clients) c.close();
    if (!options.server) await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('SIGINT', () => process.exit(130)); // runs the dev server's exit hook
  const report = await runFanOut({
    spectators: Number(process.env.SPECTATORS ?? 300),
    rounds: Number(process.env.ROUNDS ?? 8),
    direct: process.env.DIRECT === '1',
    deflate: process.env.DEFLATE !== '0',
    memory: process.env.MEMORY !== '0',
  });
  console.log(JSON.stringify(report, null, 2));
}
