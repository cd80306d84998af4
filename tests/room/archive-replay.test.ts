/**
 * A game played in the room (workerd) is archived and then replayed in Node: every result the
 * room's resolver produced comes out again byte for byte, deals and bots included. This is
 * what lets a researcher trust `npm run sim -- --replay` on an export.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { noDecisions } from '../../core/protocol/decisions';
import type { GameRecord } from '../../core/protocol/record';
import { checkReplay } from '../../core/replay/replay';
import { getScenario } from '../../core/scenarios';
import { startDevServer, type DevServer } from '../support/dev-server';
import { RoomClient, createGame } from '../support/room-client';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(async () => server?.stop());

it('an archived game replays exactly through the model in Node', async () => {
  const game = await createGame(server.url, { scenario: 'g60-corridor', rounds: 3, roundSeconds: 300, seed: 5, bots: true });
  const host = await RoomClient.open(server.host, game.code, game.hostToken);
  const player = await RoomClient.open(server.host, game.code);
  player.send({ type: 'join', name: 'Xuan', city: 'xuancheng', team: false });
  await player.next((m) => m.type === 'joined');
  for (const [city, strategy] of [['songjiang', 'cooperator'], ['hangzhou', 'cooperator'], ['jinhua', 'escalator'], ['wuhu', 'random']] as const) {
    host.send({ type: 'bot', city, strategy });
  }
  await host.view((v) => v.seats.filter((s) => s.bot !== null).length === 4);
  host.send({ type: 'start' });
  for (let round = 1; round <= 3; round++) {
    await player.view((v) => v.phase === 'playing' && v.round === round);
    player.send({ type: 'submit', decisions: { ...noDecisions(round), subsidies: { talent: 0.1 * round, startups: 0.05, capital: 0 } } });
    await host.view((v) => v.resolved === round, 30_000);
  }
  const stored = await host.view((v) => v.archive?.status === 'stored', 30_000);
  const res = await fetch(`${server.url}/api/archive/games/${stored.archive!.id}`, { headers: { authorization: `Bearer ${game.hostToken}` } });
  expect(res.status).toBe(200);
  const record = (await res.json()) as GameRecord;
  expect(record.rounds).toHaveLength(3);
  expect(record.rounds.map((r) => r.result)).toEqual(host.results());
  expect(Object.values(record.rounds[0]!.source).filter((s) => s === 'bot').length).toBeGreaterThanOrEqual(4);
  expect(checkReplay(getScenario('g60-corridor')!, record)).toEqual({ match: true, rounds: 3 });
  host.close();
  player.close();
});
