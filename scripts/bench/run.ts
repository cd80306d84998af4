/**
 * `npm run bench`: every benchmark, one table (Markdown, as docs/benchmarks.md keeps it).
 * Medians and percentiles over repetitions, never one run. Each room benchmark starts its
 * own `wrangler dev` on a free port. Environment: SPECTATORS (300), FANOUT_ROUNDS (8),
 * ROOMS (25), ROOM_ROUNDS (5), RESOLVE_GAMES (2), RESOLVE_ROUNDS (20), FANOUT=all to add the
 * two other fan-out variants.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { runFanOut, type FanOutReport } from './fanout';
import { runModel } from './model';
import { runResolve } from './resolve';
import type { Size } from './payload';
import { runRooms } from './rooms';

const SPECTATORS = Number(process.env.SPECTATORS ?? 300);
const FANOUT_ROUNDS = Number(process.env.FANOUT_ROUNDS ?? 8);
const ROOMS = Number(process.env.ROOMS ?? 25);
const ROOM_ROUNDS = Number(process.env.ROOM_ROUNDS ?? 5);
const RESOLVE_GAMES = Number(process.env.RESOLVE_GAMES ?? 2);
const RESOLVE_ROUNDS = Number(process.env.RESOLVE_ROUNDS ?? 20);

const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const sz = (s: Size) => `${kb(s.raw)} / ${kb(s.gz)}`;
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function machine(): string {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const wrangler = (JSON.parse(readFileSync(new URL('../../node_modules/wrangler/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return `${availableParallelism()} CPUs (nproc), ${cpu}; Node ${process.version}; wrangler ${wrangler}; ${new Date().toISOString().slice(0, 10)}`;
}

process.once('SIGINT', () => process.exit(130)); // runs the dev servers' exit hooks

const say = (text = '') => console.log(text);

say(`Machine: ${machine()}`);
say();

// The model, in-process.
const model = runModel();
say('### Model (one round, and a 10-round game played by bots; medians)');
say();
say(table(['scenario', 'cities', 'parks', 'round ms', '10-round bot game ms', 'result KB'], model.scenarios.map((r) => [r.scenario, r.cities, r.parks, r.roundMs.toFixed(2), r.gameMs === null ? '—' : r.gameMs.toFixed(1), r.resultKB.toFixed(1)])));
say();
say(table(['synthetic cities', 'locations', 'round ms', 'µs per factor × location pair'], model.scaling.map((r) => [r.cities, r.locations, r.roundMs.toFixed(2), r.perPairUs.toFixed(3)])));
say();

// The resolve path: one room alone.
process.stderr.write('resolve path…\n');
const resolves = [];
for (const direct of [false, true]) resolves.push(await runResolve({ games: RESOLVE_GAMES, rounds: RESOLVE_ROUNDS, direct }));
say(`### Resolve path: one room alone, classroom-8, ${resolves[0]!.clients} clients, ${resolves[0]!.rounds} rounds (${resolves[0]!.games} game${resolves[0]!.games === 1 ? '' : 's'} one after the other; medians)`);
say();
say('ms from the submission that closes a round to every client holding its result, and its phases (scripts/bench/resolve.ts); the room’s phases by its own clock, which workerd advances only at I/O; compute and the checks timed in Node on the same inputs.');
say();
say(
  table(
    ['clients connect', 'total', 'in', 'freeze/persist', 'model call', 'compute', 'request check', 'transport', 'answer check', 'answer → first client', 'answer → last client', 'request KB', 'answer KB'],
    resolves.map(({ direct, median: r }) => [direct ? 'straight to the Worker’s workerd' : 'through wrangler dev', ms(r.total), ms(r.in), ms(r.freeze), ms(r.call), ms(r.compute), ms(r.requestCheck), ms(r.transport), ms(r.answerCheck), ms(r.first), ms(r.last), r.requestKB.toFixed(1), r.answerKB.toFixed(1)]),
  ),
);
say();
say(`The room’s call to the model alone (${resolves[0]!.callAlone.batches.length} batches of calls in a row inside the Worker, median ms per call): ${resolves.map((x) => x.callAlone.median.toFixed(2)).join(' and ')}.`);
say();

// Fan-out, in its variants.
const variants: { direct: boolean; deflate: boolean; label: string }[] = [
  { direct: false, deflate: true, label: 'through wrangler dev, permessage-deflate (as a browser on `npm start`)' },
  { direct: true, deflate: false, label: 'straight to the Worker’s workerd, no compression' },
  ...(process.env.FANOUT === 'all'
    ? [
        { direct: true, deflate: true, label: 'straight to the Worker’s workerd, permessage-deflate' },
        { direct: false, deflate: false, label: 'through wrangler dev, no compression' },
      ]
    : []),
];
const fanouts: (FanOutReport & { label: string })[] = [];
for (const v of variants) {
  process.stderr.write(`fan-out: ${v.label}…\n`);
  fanouts.push({ ...(await runFanOut({ spectators: SPECTATORS, rounds: FANOUT_ROUNDS, direct: v.direct, deflate: v.deflate, memory: fanouts.length === 0 })), label: v.label });
}
const first = fanouts[0]!;
say(`### Fan-out: one room, ${first.clients} clients (8 seats, the host, ${SPECTATORS} spectators, a projector), zhejiang-mountain-sea with ${first.parks} parks, ${first.rounds} rounds`);
say();
say('ms from the room having the resolver’s answer to a client holding the result and the next view; p50/p99/max over every client of every round; "last" is the median over rounds of the slowest client. Floor: a bare `ws` server on Node sending the same frames to the same clients.');
say();
say(
  table(
    ['variant', 'room p50', 'room p99', 'room max', 'room last', 'floor p50', 'floor p99', 'floor max', 'floor last', 'p99 room ÷ floor'],
    fanouts.map((f) => [f.label, ms(f.room.p50), ms(f.room.p99), ms(f.room.max), ms(f.roomLast), ms(f.floor.p50), ms(f.floor.p99), ms(f.floor.max), ms(f.floorLast), (f.room.p99 / f.floor.p99).toFixed(2)]),
  ),
);
say();
say(`A seat’s draft back to the seat (median of 15): ${ms(first.draftAlone)} ms alone, ${ms(first.draftCrowded)} ms with ${SPECTATORS} spectators.`);
say();

say('### Payload per resolution (KB raw / gzipped), the same game');
say();
say(
  table(
    ['round', 'results', 'state', 'seat view', 'seat, all three (gz)', 'spectator view', 'host view', 'protocol 2: results', 'protocol 2: seat view', 'protocol 2: seat (gz)'],
    first.payload.map((p) => [p.round, sz(p.results), sz(p.state), sz(p.seatView), kb(p.results.gz + p.state.gz + p.seatView.gz), sz(p.spectatorView), sz(p.hostView), sz(p.v2Results), sz(p.v2SeatView), kb(p.v2Results.gz + p.v2SeatView.gz)]),
  ),
);
say();
say(`A view sent during a round (a seat submitted), to each spectator: ${sz(first.midRoundView.v3)} KB; protocol 2 sent ${sz(first.midRoundView.v2)} KB.`);
say();

process.stderr.write(`many rooms…\n`);
const rooms = await runRooms({ rooms: ROOMS, rounds: ROOM_ROUNDS, memory: true });
say(`### Many rooms: ${rooms.rooms} rooms of classroom-8 at once, ${rooms.seats} seats submitting bot decisions over WebSockets, ${rooms.rounds} rounds each`);
say();
say(
  table(
    ['rounds resolved', 'wall s', 'rounds/s', 'resolve p50 ms', 'p99 ms', 'max ms', 'games complete and exact in the archive'],
    [[rooms.rooms * rooms.rounds, rooms.wallSeconds.toFixed(1), rooms.roundsPerSecond.toFixed(1), ms(rooms.resolve.p50), ms(rooms.resolve.p99), ms(rooms.resolve.max), `${rooms.complete} of ${rooms.rooms}`]],
  ),
);
say();
say('Resolve: from a round’s last submission to the last of the room’s 9 clients holding its result (all rooms close their rounds at nearly the same moment).');
if (rooms.problems.length) say(`Problems: ${rooms.problems.join('; ')}`);
say();

say('### Memory and storage');
say();
const mem = (m: FanOutReport['memory']) => (m ? [mib(m.heapBefore), mib(m.heapPeak), mib(m.rssBefore * 1024), mib(m.rssPeak * 1024)] : ['—', '—', '—', '—']);
const held = (b: number | null) => (b === null ? 'no sqlite3' : kb(b));
say(
  table(
    ['game', 'isolate heap before MiB', 'heap peak MiB', 'workerd RSS before MiB', 'RSS peak MiB', 'room holds KB', 'room files KB', 'archive rows KB'],
    [
      [`largest: zhejiang, ${first.parks} parks, ${first.rounds + 1} rounds, ${first.clients} clients`, ...mem(first.memory), held(first.storage.roomHeld), kb(first.storage.roomFiles), kb(first.storage.archive)],
      [`${rooms.rooms} × classroom-8, ${rooms.rounds} rounds (storage: median per game)`, ...mem(rooms.memory), held(rooms.storage.roomHeld), kb(rooms.storage.roomFiles), kb(rooms.storage.archive)],
    ],
  ),
);
say();
say('Heap: `Runtime.getHeapUsage` of the Worker’s isolate (rooms, Worker and the model’s entrypoint share it in wrangler dev), sampled every 250 ms; includes garbage not yet collected. RSS: the Worker’s workerd process (VmRSS before, VmHWM after). Room holds: keys and values in the room’s storage (`_cf_KV`); files: its SQLite database and write-ahead log. Archive: bytes of the game’s rows in D1.');
