/**
 * Benchmark (`npm run bench:room`, not a test): does a room full of spectators slow the
 * seats? Against a real `wrangler dev`, it measures how fast a seat hears back about its own
 * draft, with no spectators and then with a projector and SPECTATORS spectators, and how
 * long a change everyone sees takes to reach the last spectator. Prints medians.
 */
import { noDecisions } from '../../core/protocol/decisions';
import { startDevServer } from '../support/dev-server';
import { RoomClient, createGame } from '../support/room-client';

const SPECTATORS = Number(process.env.SPECTATORS ?? 300);
const REPEATS = Number(process.env.REPEATS ?? 25);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function draftRoundTrip(player: RoomClient, repeats: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const x = Math.round((0.01 + (i % 50) / 100) * 100) / 100;
    const t0 = performance.now();
    player.send({ type: 'draft', decisions: { ...noDecisions(1), subsidies: { talent: x, startups: 0, capital: 0 } } });
    await player.view((v) => v.draft?.decisions.subsidies.talent === x);
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 120)); // under the per-connection rate limit
  }
  return median(times);
}

const server = await startDevServer();
try {
  const game = await createGame(server.url, { scenario: 'classroom-4', roundSeconds: 3600, seed: 1 });
  const host = await RoomClient.open(server.host, game.code, game.hostToken);
  const { client: ana } = await RoomClient.join(server.host, game.code, 'Ana', 'hillton');
  host.send({ type: 'start' });
  await ana.view((v) => v.phase === 'playing');

  const alone = await draftRoundTrip(ana, REPEATS);

  const t0 = performance.now();
  const crowd: RoomClient[] = [];
  for (let i = 0; i < SPECTATORS; i += 25) {
    crowd.push(...(await Promise.all(Array.from({ length: Math.min(25, SPECTATORS - i) }, () => RoomClient.open(server.host, game.code)))));
  }
  const connectEach = (performance.now() - t0) / SPECTATORS;
  const viewBytes = JSON.stringify(crowd[0]!.latestView()).length;

  const crowded = await draftRoundTrip(ana, REPEATS);

  // A change every viewer sees: the host adds a second to the clock.
  const fanOut: number[] = [];
  const seat: number[] = [];
  for (let i = 0; i < Math.min(REPEATS, 10); i++) {
    const before = crowd.map((c) => c.messages.length);
    const anaBefore = ana.messages.length;
    const start = performance.now();
    host.send({ type: 'extend', round: 1, seconds: 1 });
    let anaAt = 0;
    for (;;) {
      if (!anaAt && ana.messages.length > anaBefore) anaAt = performance.now() - start;
      if (anaAt && crowd.every((c, k) => c.messages.length > before[k]!)) break;
      await new Promise((r) => setImmediate(r));
    }
    fanOut.push(performance.now() - start);
    seat.push(anaAt);
    await new Promise((r) => setTimeout(r, 150));
  }

  console.log(`room benchmark: ${SPECTATORS} spectators, ${REPEATS} repeats (medians)`);
  console.log(`  a seat's draft, back to the seat, no spectators:    ${ms(alone)}`);
  console.log(`  a seat's draft, back to the seat, ${SPECTATORS} spectators:  ${ms(crowded)}`);
  console.log(`  a change all see: to the seat ${ms(median(seat))}, to the last of ${SPECTATORS} spectators ${ms(median(fanOut))}`);
  console.log(`  spectator connect + hello + snapshot, per spectator (25 at a time): ${ms(connectEach)}`);
  console.log(`  spectator view: ${(viewBytes / 1024).toFixed(1)} KiB`);
  for (const c of [...crowd, ana, host]) c.close();
} finally {
  await server.stop();
}
