/**
 * A whole game against a real `wrangler dev`: the room, the service binding to the resolve
 * route, storage across a restart, and the rules for who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noDecisions } from '../../core/protocol/decisions';
import { startDevServer, type DevServer } from '../support/dev-server';
import { RoomClient, createGame } from '../support/room-client';

let server: DevServer;
let game: { code: string; hostToken: string };
let host: RoomClient;
let ana: RoomClient; // hillton
let ben: RoomClient; // seaport
let cai: RoomClient; // rivertown
const seatTokens: Record<string, string> = {};

const subsidies = (x: number) => ({ talent: x, startups: x, capital: x });
const submit = (c: RoomClient, round: number, x: number) => c.send({ type: 'submit', decisions: { ...noDecisions(round), subsidies: subsidies(x) } });

async function join(name: string, city: string): Promise<RoomClient> {
  const client = await RoomClient.open(server.host, game.code);
  client.send({ type: 'join', name, city });
  const joined = await client.next<{ type: 'joined'; city: string; seatToken: string }>((m) => m.type === 'joined');
  expect(joined.city).toBe(city);
  expect(joined.seatToken).toMatch(/^[0-9a-f]{32}$/);
  seatTokens[city] = joined.seatToken;
  return client;
}

beforeAll(async () => {
  server = await startDevServer();
  game = await createGame(server.url, { scenario: 'classroom-4', rounds: 2, seed: 11 });
});

afterAll(async () => {
  for (const c of [host, ana, ben, cai]) c?.close();
  await server?.stop();
});

describe('a two-round game', () => {
  it('host creates a room with a short unambiguous code and a secret host token', async () => {
    expect(game.code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
    expect(game.hostToken).toMatch(/^[0-9a-f]{32}$/);
    host = await RoomClient.open(server.host, game.code, game.hostToken);
    const view = host.latestView()!;
    expect(view.you.role).toBe('host');
    expect(view.phase).toBe('lobby');
    expect(view.seats.map((s) => s.city)).toEqual(['metropolis', 'rivertown', 'hillton', 'seaport']);
  });

  it('three players join and take free cities; a taken city is refused', async () => {
    ana = await join('Ana', 'hillton');
    ben = await join('Ben', 'seaport');
    cai = await join('Cai', 'rivertown');
    const late = await RoomClient.open(server.host, game.code);
    late.send({ type: 'join', name: 'Dee', city: 'hillton' });
    expect(await late.error('join')).toMatchObject({ field: 'city', rule: 'hillton is already taken' });
    late.close();
    const view = await host.view((v) => v.seats.filter((s) => s.player).length === 3);
    expect(view.seats.find((s) => s.city === 'hillton')).toMatchObject({ player: 'Ana', connected: true, submitted: false });
  });

  it('a player cannot start the game; the host can', async () => {
    ana.send({ type: 'start' });
    expect(await ana.error('start')).toMatchObject({ field: '(role)', rule: 'only the host can start the game' });
    expect(ana.latestView()!.phase).toBe('lobby');
    host.send({ type: 'start' });
    const view = await host.view((v) => v.phase === 'playing');
    expect(view.round).toBe(1);
  });

  it('a malformed message gets an error and changes nothing', async () => {
    await host.settle();
    const before = host.messages.length;
    for (const bad of ['not json', JSON.stringify({ type: 'teleport' }), JSON.stringify({ type: 'submit', decisions: { round: 1, subsidies: { talent: 'NaN' } } })]) {
      ana.send(bad);
      const error = await ana.error();
      expect(error.rule.length).toBeGreaterThan(3);
    }
    await ana.settle();
    expect(host.messages.length).toBe(before); // no state change, so no new view went out
  });

  it('a player cannot submit for another seat, nor with a forged token', async () => {
    ana.send({ type: 'submit', city: 'seaport', decisions: { ...noDecisions(1), subsidies: subsidies(0.2) } });
    expect((await ana.error('submit')).field).toBe('city');
    const forger = await RoomClient.open(server.host, game.code, 'f'.repeat(32));
    expect(forger.messages.find((m) => m.type === 'error')).toMatchObject({ field: 'token', rule: 'is not valid for this room' });
    submit(forger, 1, 0.2);
    expect(await forger.error('submit')).toMatchObject({ field: '(role)' });
    forger.close();
    await host.settle();
    expect(host.latestView()!.seats.every((s) => !s.submitted)).toBe(true);
  });

  it('an over-budget bid is refused with the field and the amounts', async () => {
    submit(ana, 1, 5);
    const error = await ana.error('submit');
    expect(error.field).toBe('decisions.subsidies');
    expect(error.rule).toMatch(/exceeds/);
  });

  it('submissions can be revised, stay sealed from other players, and close the round when all are in', async () => {
    submit(ana, 1, 0.1);
    await ana.view((v) => v.submission?.subsidies.talent === 0.1);
    submit(ana, 1, 0.3); // revised
    const mine = await ana.view((v) => v.submission?.subsidies.talent === 0.3);
    expect(mine.seats.find((s) => s.city === 'hillton')!.submitted).toBe(true);
    const others = await ben.view((v) => v.seats.find((s) => s.city === 'hillton')!.submitted);
    expect(others.submission).toBeNull();
    expect(JSON.stringify(others)).not.toContain('0.3'); // Ana's bid is not in Ben's view
    submit(ben, 1, 0.2);
    submit(cai, 1, 0);
    const after = await host.view((v) => v.results.length === 1);
    expect(after.phase).toBe('playing');
    expect(after.round).toBe(2);
    const hillton = after.results[0]!.regions.find((r) => r.id === 'hillton')!;
    expect(hillton.subsidies.talent).toBeCloseTo(0.3);
    expect(hillton.returns.talent.total).toBeCloseTo(
      hillton.returns.talent.environment * hillton.returns.talent.agglomeration * hillton.returns.talent.spillover - hillton.returns.talent.congestion + hillton.returns.talent.subsidy,
      9,
    );
    expect(after.seats.every((s) => !s.submitted)).toBe(true);
  });

  it('a stale submission for a closed round is refused', async () => {
    submit(ben, 1, 0.2);
    expect(await ben.error('submit')).toMatchObject({ field: 'decisions.round', rule: 'must be 2, the open round (got 1)' });
  });

  it('a player who reloads reclaims the seat with the seat token', async () => {
    ana.close();
    await host.view((v) => v.seats.find((s) => s.city === 'hillton')!.connected === false);
    ana = await RoomClient.open(server.host, game.code, seatTokens.hillton);
    const view = ana.latestView()!;
    expect(view.you).toEqual({ role: 'seat', city: 'hillton' });
    expect(view.results).toHaveLength(1);
  });

  it('the room survives a restart of the server with nothing lost', async () => {
    submit(ben, 2, 0.25);
    await ben.view((v) => v.submission?.subsidies.talent === 0.25);
    for (const c of [host, ana, ben, cai]) c.close();
    await server.restart();
    host = await RoomClient.open(server.host, game.code, game.hostToken);
    const view = host.latestView()!;
    expect(view.round).toBe(2);
    expect(view.results).toHaveLength(1);
    expect(view.seats.find((s) => s.city === 'seaport')!.submitted).toBe(true);
    ana = await RoomClient.open(server.host, game.code, seatTokens.hillton);
    ben = await RoomClient.open(server.host, game.code, seatTokens.seaport);
    cai = await RoomClient.open(server.host, game.code, seatTokens.rivertown);
    expect(ben.latestView()!.submission?.subsidies.talent).toBe(0.25);
  });

  it('a player cannot close a round; the host can, and the game ends after the last round', async () => {
    submit(ana, 2, 0.1);
    await ana.view((v) => v.submission !== null);
    cai.send({ type: 'close-round', round: 2 });
    expect(await cai.error('close-round')).toMatchObject({ field: '(role)', rule: 'only the host can close a round' });
    host.send({ type: 'close-round', round: 2 });
    const end = await host.view((v) => v.phase === 'finished');
    expect(end.results).toHaveLength(2);
    const round2 = end.results[1]!;
    expect(round2.regions.find((r) => r.id === 'seaport')!.subsidies.talent).toBeCloseTo(0.25);
    expect(round2.regions.find((r) => r.id === 'rivertown')!.subsidies.talent).toBe(0); // did not submit: no action
  });
});
