/**
 * The reveal between rounds against a real `wrangler dev`: a review with a time opens the
 * next round by itself (the room's alarm), even across a server restart; the stage step is
 * the host's alone and reaches every viewer; health reports where phones join.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { noDecisions } from '../../core/protocol/decisions';
import { archivedRecord } from '../support/archive';
import { startDevServer, type DevServer } from '../support/dev-server';
import { RoomClient, createGame } from '../support/room-client';

let server: DevServer;
const LAN = 'http://192.0.2.44:8787';

beforeAll(async () => {
  server = await startDevServer({ vars: { JOIN_ORIGIN: `${LAN}/some/path` } });
});
afterAll(async () => {
  await server?.stop();
});

it('reports the join origin from JOIN_ORIGIN, as an origin only', async () => {
  const health = (await (await fetch(`${server.url}/api/health`)).json()) as { joinOrigin: string | null };
  expect(health.joinOrigin).toBe(LAN);
});

it('holds a review for the time the host chose, lets only the host step the stage, then opens the next round by itself', async () => {
  const { code, hostToken } = await createGame(server.url, { scenario: 'classroom-4', rounds: 3, roundSeconds: 600, reviewSeconds: 4, bots: true });
  const host = await RoomClient.open(server.host, code, hostToken);
  const { client: ana } = await RoomClient.join(server.host, code, 'Ana', 'hillton');
  const projector = await RoomClient.open(server.host, code);
  host.send({ type: 'start' });
  await host.view((v) => v.phase === 'playing', 30_000);
  ana.send({ type: 'submit', decisions: noDecisions(1) });
  const held = await host.view((v) => v.phase === 'review', 30_000);
  expect(held).toMatchObject({ round: 1, reviewSeconds: 4, stage: 0 });
  expect(held.timer!.endsAt).not.toBeNull();

  expect(await ana.refused({ type: 'stage', step: 2 })).toMatchObject({ field: '(role)' });
  expect(await ana.refused({ type: 'continue', round: 1 })).toMatchObject({ field: '(role)' });
  expect(await ana.refused({ type: 'submit', decisions: noDecisions(2) })).toMatchObject({ field: '(phase)', rule: 'round 1 is resolved and under review; round 2 opens when the host continues' });
  host.send({ type: 'stage', step: 2 });
  await projector.view((v) => v.stage === 2, 10_000);

  // Nobody continues: the alarm opens round 2 when the review's time is up.
  const opened = await projector.view((v) => v.phase === 'playing' && v.round === 2, 30_000);
  expect(opened.stage).toBe(0);
  for (const c of [host, ana, projector]) c.close();
});

it('a review waiting for the host survives a restart and continues on the host’s word', async () => {
  const { code, hostToken } = await createGame(server.url, { scenario: 'classroom-4', rounds: 3, roundSeconds: 600, reviewSeconds: null, bots: true });
  let host = await RoomClient.open(server.host, code, hostToken);
  const { client: ana } = await RoomClient.join(server.host, code, 'Ana', 'hillton');
  host.send({ type: 'start' });
  await host.view((v) => v.phase === 'playing', 30_000);
  ana.send({ type: 'submit', decisions: noDecisions(1) });
  await host.view((v) => v.phase === 'review', 30_000);
  host.send({ type: 'stage', step: 3 });
  await host.view((v) => v.stage === 3, 10_000);
  host.close();
  ana.close();
  await server.restart();
  host = await RoomClient.open(server.host, code, hostToken);
  // `open` returns once the room's first view is in.
  expect(host.latestView()).toMatchObject({ phase: 'review', round: 1, stage: 3, timer: null });
  expect(await host.refused({ type: 'continue', round: 2 })).toMatchObject({ field: 'round', rule: 'must be 1, the round under review (got 2)' });
  host.send({ type: 'continue', round: 1 });
  expect(await host.view((v) => v.phase === 'playing', 30_000)).toMatchObject({ round: 2, stage: 0 });
  host.close();
}, 120_000);

it('a practice round is revealed, then dropped everywhere: clients, storage across a restart, and the archived record', async () => {
  const { code, hostToken } = await createGame(server.url, { scenario: 'classroom-4', rounds: 1, roundSeconds: 600, reviewSeconds: null, practice: true, bots: true });
  let host = await RoomClient.open(server.host, code, hostToken);
  const { client: ana } = await RoomClient.join(server.host, code, 'Ana', 'hillton');
  host.send({ type: 'start' });
  expect(await host.view((v) => v.phase === 'playing', 30_000)).toMatchObject({ round: 1, practice: true });
  ana.send({ type: 'submit', decisions: { ...noDecisions(1), subsidies: { talent: 0.3, startups: 0.3, capital: 0.3 } } });
  await host.view((v) => v.phase === 'review' && v.practice, 30_000);
  expect(ana.results()).toHaveLength(1);
  const practiced = ana.results()[0]!;
  host.send({ type: 'continue', round: 1 });
  expect(await host.view((v) => v.phase === 'playing', 30_000)).toMatchObject({ round: 1, practice: false, resolved: 0 });
  await ana.view((v) => v.phase === 'playing' && !v.practice, 30_000);
  expect(ana.results()).toEqual([]);

  // A restart reads no practice round back.
  host.close();
  ana.close();
  await server.restart();
  host = await RoomClient.open(server.host, code, hostToken);
  expect(host.latestView()).toMatchObject({ phase: 'playing', round: 1, practice: false, resolved: 0 });
  expect(host.results()).toEqual([]);
  host.send({ type: 'end-game' });
  const over = await host.view((v) => v.phase === 'finished' && v.archive?.status === 'stored', 60_000);
  const record = await archivedRecord(server, over.archive!.id!, hostToken);
  expect(record.rounds.map((r) => r.round)).toEqual([1]);
  // The round that counts is not the practice round: nobody offered 0.3 a unit in it.
  expect(record.rounds[0]!.result).not.toEqual(practiced);
  expect(record.rounds[0]!.decisions.hillton!.subsidies.talent).not.toBe(0.3);
  host.close();
}, 120_000);
