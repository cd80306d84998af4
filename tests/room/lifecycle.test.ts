/**
 * A room's life against a real `wrangler dev` with short limits: the server killed in the
 * middle of a resolution, an archive that fails before it stores the record, idle expiry that cleans
 * up (after archiving what is worth keeping), and the join guard against guessing codes
 * (in local mode; the platform's view is in strangers-routes.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noDecisions } from '../../core/protocol/decisions';
import { archivedRecord, expectEveryRoundOnce } from '../support/archive';
import { startDevServer, type DevServer } from '../support/dev-server';
import { RoomClient, createGame } from '../support/room-client';

let server: DevServer;
const IDLE_SECONDS = 4;

beforeAll(async () => {
  server = await startDevServer({
    vars: {
      ROOM_IDLE_SECONDS: String(IDLE_SECONDS),
      JOIN_GUARD_LIMIT: '5',
      JOIN_GUARD_WINDOW_SECONDS: '60',
      RESOLVE_TIMEOUT_MS: '3000',
      // Round 1's first resolver call hangs; each room's first two archive hand-overs fail.
      ENCLAVE_FAULTS: JSON.stringify({ resolve: { '1': ['hang'] }, archive: 2 }),
    },
  });
});

afterAll(async () => {
  await server?.stop();
});

const closedWith = async (client: RoomClient, code: number) => {
  const deadline = Date.now() + 20_000;
  while (!client.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(client.closed?.code).toBe(code);
};

describe('a room’s life', () => {
  it('resumes a resolution interrupted by killing the server, keeps the record until the archive takes it, then expires and cleans up', async () => {
    const game = await createGame(server.url, { scenario: 'classroom-4', rounds: 1, roundSeconds: 600, seed: 9 });
    const idle = await createGame(server.url, { scenario: 'classroom-4' }); // a lobby nobody uses
    let host = await RoomClient.open(server.host, game.code, game.hostToken);
    const { client: ana } = await RoomClient.join(server.host, game.code, 'Ana', 'hillton');
    host.send({ type: 'start' });
    await ana.view((v) => v.phase === 'playing');
    ana.send({ type: 'chat', text: 'for the record', to: null });
    ana.send({ type: 'submit', decisions: { ...noDecisions(1), subsidies: { talent: 0.33, startups: 0, capital: 0 } } });
    // Ana's seat is the only one people hold: her submission closes the round; the resolver hangs.
    await host.view((v) => v.phase === 'resolving');
    host.close();
    ana.close();
    await server.restart({ kill: true }); // killed mid-resolution: no clean shutdown

    host = await RoomClient.open(server.host, game.code, game.hostToken);
    const resolving = host.latestView()!;
    expect(resolving.phase).toBe('resolving'); // persisted before the call, found again after the restart
    const finished = await host.view((v) => v.phase === 'finished', 20_000);
    expect(finished.resolved).toBe(1);
    expect(host.results()[0]!.regions.find((r) => r.id === 'hillton')!.subsidies.talent).toBeCloseTo(0.33);

    const failing = await host.view((v) => (v.archive?.attempts ?? 0) >= 1);
    expect(failing.archive).toMatchObject({ status: 'pending', lastError: 'injected fault' });
    expect(failing.notices!.at(-1)).toMatch(/The archive did not take the game record \(injected fault\)\. The room keeps it/);
    const stored = await host.view((v) => v.archive?.status === 'stored', 20_000);
    expect(stored.archive!.id).toMatch(new RegExp(`^${game.code}-`));
    const record = await archivedRecord(server, stored.archive!.id!, game.hostToken);
    expectEveryRoundOnce(record, 1, host.results());
    expect(record.rounds[0]!.source.hillton).toBe('player');

    // Idle, and everything is in the archive: the room closes and deletes itself.
    await closedWith(host, 4404);
    expect(host.messages.at(-1)).toMatchObject({ type: 'error', field: 'code', rule: 'this game has ended and its room was closed' });
    const late = await RoomClient.open(server.host, game.code, { ip: '198.51.100.1' });
    expect(late.messages).toContainEqual(expect.objectContaining({ type: 'error', field: 'code', rule: 'no game has this code' }));
    const [row] = await server.d1<{ rounds_played: number; finished_at: string | null }>(`SELECT rounds_played, finished_at FROM games WHERE id = '${stored.archive!.id}'`);
    expect(row).toMatchObject({ rounds_played: 1, finished_at: expect.any(String) });
    const chat = await server.d1<{ text: string }>(`SELECT text FROM chat WHERE game_id = '${stored.archive!.id}'`);
    expect(chat).toEqual([{ text: 'for the record' }]);

    // The lobby nobody used expired too, with nothing to archive.
    const gone = await RoomClient.open(server.host, idle.code, { token: idle.hostToken, ip: '198.51.100.1' });
    expect(gone.messages).toContainEqual(expect.objectContaining({ type: 'error', field: 'code' }));
    expect(await server.d1(`SELECT id FROM games WHERE code = '${idle.code}'`)).toEqual([]);
  });

  it('refuses misses past the limit, whatever client header they forge, and never an existing room or its host', async () => {
    // This server runs as `npm start` does (local mode): no client header is trusted, so every
    // connection is the one local client, and rotating CF-Connecting-IP gains nothing.
    const live = await createGame(server.url, { scenario: 'classroom-4' });
    // The two expired rooms above (`late`, `gone`) already counted a miss each, for the same
    // local client the door counts (party/game.ts keys it as worker/client.ts does): three
    // more dead codes reach the limit of 5.
    for (const [i, code] of ['AAAAAA', 'BBBBBB', 'CCCCCC'].entries()) {
      const miss = await RoomClient.open(server.host, code, { ip: `203.0.113.${i}` });
      expect(miss.messages[0]).toMatchObject({ type: 'error', field: 'code', rule: 'no game has this code' });
      miss.close();
    }
    await expect(RoomClient.open(server.host, 'FFFFFF', { ip: '203.0.113.99' })).rejects.toThrow(/HTTP 429 .*too many attempts with codes that lead nowhere; try again in \d+ s/);
    await expect(RoomClient.open(server.host, 'GGGGGG')).rejects.toThrow(/HTTP 429/);
    // A forged 127.0.0.1 locks out nobody, and a room that exists always admits: its host,
    // and anyone else with the code, from the very client that used up the guard.
    const host = await RoomClient.open(server.host, live.code, { token: live.hostToken, ip: '127.0.0.1' });
    expect(host.welcome()!.role).toBe('host');
    host.close();
    const guest = await RoomClient.open(server.host, live.code, { ip: '203.0.113.99' });
    expect(guest.latestView()).not.toBeNull();
    guest.close();
  });
});
