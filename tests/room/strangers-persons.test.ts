/**
 * Strangers with the code, per person rather than per connection (issue 12), against a real
 * `wrangler dev` that trusts cf-connecting-ip as the platform's client address
 * (ENCLAVE_LOCAL=0): the Worker passes it to the room as x-enclave-ip and drops any a client
 * sends. Each test is an attack that worked before: 120 joins from one address, a team
 * takeover without approval, chat and deal floods over 25 connections of one seat, a kicked
 * person re-joining at once, 3,000 spectators from one address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noDecisions } from '../../core/protocol/decisions';
import type { DealTerms } from '../../core/protocol/deals';
import { IP_SPECTATORS, JOIN_BURST, SEAT_CONNECTIONS } from '../../party/persons';
import { QUOTA } from '../../party/rules/quota';
import { startDevServer, type DevServer } from '../support/dev-server';
import { RoomClient, createGame, type ServerMessage } from '../support/room-client';

let server: DevServer;
const open: RoomClient[] = [];
const HOST_IP = '198.51.100.1';
const ATTACKER = '203.0.113.66';
const settings = { scenario: 'classroom-4', rounds: 3, roundSeconds: 3600, seed: 5, bots: false, sealed: true } as const;

async function client(code: string, ip: string, token?: string, headers?: Record<string, string>): Promise<RoomClient> {
  const c = await RoomClient.open(server.host, code, { ip, token, headers });
  open.push(c);
  return c;
}

async function seat(code: string, name: string, city: string | null, ip: string): Promise<{ client: RoomClient; token: string }> {
  const c = await client(code, ip);
  c.send({ type: 'join', name, city, team: false });
  const joined = await c.next<Extract<ServerMessage, { type: 'joined' }>>((m) => m.type === 'joined');
  await c.view((v) => v.you.role === 'player');
  return { client: c, token: joined.seatToken };
}

/** The first answer to a join: joined, a request, or a refusal. */
async function answer(c: RoomClient): Promise<ServerMessage> {
  return c.next((m) => m.type === 'joined' || m.type === 'request' || (m.type === 'error' && m.about === 'join'));
}

const turnedAway = (c: RoomClient) => c.messages.some((m) => m.type === 'error' && m.field === '(room)');

beforeAll(async () => {
  server = await startDevServer({ vars: { ENCLAVE_LOCAL: '0' } });
});

afterAll(async () => {
  for (const c of open) c.close();
  await server?.stop();
});

describe('per person, not per connection', () => {
  it('120 joins from one address: 20 get in, the rest are refused at once, and students elsewhere still join', { timeout: 120_000 }, async () => {
    const game = await createGame(server.url, settings);
    const t0 = Date.now();
    const conns: RoomClient[] = [];
    for (let i = 0; i < 120; i += 20) conns.push(...(await Promise.all(Array.from({ length: 20 }, () => client(game.code, ATTACKER)))));
    // Past 50 spectators from one address, connections are turned away before they can join.
    const door = conns.filter(turnedAway);
    expect(door).toHaveLength(120 - IP_SPECTATORS);
    const inside = conns.filter((c) => !turnedAway(c));
    inside.forEach((c, i) => c.send({ type: 'join', name: `Bot${i}`, city: null, team: false }));
    const answers = await Promise.all(inside.map(answer));
    const ms = Date.now() - t0;
    const joined = answers.filter((m) => m.type === 'joined').length;
    const refused = answers.filter((m): m is Extract<ServerMessage, { type: 'error' }> => m.type === 'error');
    console.log(`120 joins from one address: ${joined} let through, ${door.length} turned away at the door, ${refused.length} joins refused; all answered in ${ms} ms`);
    // A burst of 20, and at most one more per 3 s while the joins arrive.
    expect(joined).toBeGreaterThanOrEqual(JOIN_BURST);
    expect(joined).toBeLessThanOrEqual(JOIN_BURST + 1 + Math.ceil(ms / 3000));
    expect(refused[0]).toMatchObject({ field: '(rate)', rule: expect.stringMatching(/^too many joins from your network; try again in \d+ s$/) });
    // Real students, each on their own address, still take seats; the host sees them.
    const host = await client(game.code, HOST_IP, game.hostToken);
    for (const [i, city] of ['hillton', 'seaport', 'rivertown'].entries()) await seat(game.code, `Student${i}`, city, `192.0.2.${10 + i}`);
    await seat(game.code, 'Late', null, '192.0.2.20');
    const view = await host.view((v) => v.members!.some((m) => m.name === 'Late'));
    expect(view.members!.filter((m) => m.name.startsWith('Student')).map((m) => m.city)).toEqual(['hillton', 'seaport', 'rivertown']);
  });

  it('a stranger asking for a taken seat waits for its members, reads no draft, and is told when refused', async () => {
    const game = await createGame(server.url, settings);
    const host = await client(game.code, HOST_IP, game.hostToken);
    const ana = await seat(game.code, 'Ana', 'hillton', '192.0.2.1');
    host.send({ type: 'start' });
    await ana.client.view((v) => v.phase === 'playing');
    const draft = { ...noDecisions(1), subsidies: { talent: 0.42, startups: 0.1, capital: 0.1 } };
    ana.client.send({ type: 'draft', decisions: draft });
    await ana.client.view((v) => v.draft !== null);

    const mallory = await RoomClient.ask(server.host, game.code, 'Mallory', 'hillton', ATTACKER);
    open.push(mallory);
    // Pending: still a spectator, no draft, and a draft or submission of its own is refused.
    expect(mallory.latestView()!.you).toEqual({ role: 'spectator', city: null });
    expect(await mallory.refused({ type: 'submit', decisions: { ...noDecisions(1) } })).toMatchObject({ field: '(role)' });
    // Ana and the host see the request; another seat does not.
    const ben = await seat(game.code, 'Ben', 'seaport', '192.0.2.2');
    const request = (await ana.client.view((v) => (v.requests ?? []).length === 1)).requests![0]!;
    expect(request).toMatchObject({ name: 'Mallory', city: 'hillton' });
    expect((await host.view((v) => (v.requests ?? []).length === 1)).requests![0]!.id).toBe(request.id);
    expect(ben.client.latestView()!.requests).toEqual([]);
    // Ben cannot answer for hillton: the request reads as unknown to him.
    expect(await ben.client.refused({ type: 'approve', request: request.id, accept: true })).toMatchObject({ field: 'request' });
    ana.client.send({ type: 'approve', request: request.id, accept: false });
    expect(await mallory.next((m) => m.type === 'request' && m.status !== 'pending')).toMatchObject({ status: 'refused', city: 'hillton' });
    await mallory.settle(300);
    // Nothing of hillton ever reached Mallory.
    expect(mallory.frames.join('\n')).not.toContain('0.42');
    expect(mallory.messages.some((m) => m.type === 'joined')).toBe(false);
    expect(await mallory.refused({ type: 'draft', decisions: { ...noDecisions(1) } })).toMatchObject({ field: '(role)' });
    expect((await ana.client.view((v) => (v.requests ?? []).length === 0)).draft!.decisions.subsidies.talent).toBe(0.42);
  });

  it('one seat over 25 connections: 4 are let in, and its chat and deals are capped per person; the host still speaks', { timeout: 120_000 }, async () => {
    const game = await createGame(server.url, settings);
    const host = await client(game.code, HOST_IP, game.hostToken);
    const ben = await seat(game.code, 'Ben', 'seaport', ATTACKER);
    await seat(game.code, 'Ana', 'hillton', '192.0.2.1');
    host.send({ type: 'start' });
    await host.view((v) => v.phase === 'playing');
    const extra = await Promise.all(Array.from({ length: 24 }, () => client(game.code, ATTACKER, ben.token)));
    const seats = [ben.client, ...extra.filter((c) => !turnedAway(c))];
    expect(seats).toHaveLength(SEAT_CONNECTIONS);
    for (const c of extra.filter(turnedAway)) expect(c.messages.find((m) => m.type === 'error')).toMatchObject({ rule: 'this seat token is open on 4 screens already; close one' });

    // Chat as fast as the shared rate bucket lets through, round-robin over the seat's connections.
    const sent = QUOTA.chat.round + 10;
    for (let i = 0; i < sent; i++) {
      seats[i % seats.length]!.send({ type: 'chat', text: `spam ${i}`, to: null });
      if (i >= 25) await new Promise((r) => setTimeout(r, 110));
    }
    const quota = await Promise.any(seats.map((c) => c.next((m) => m.type === 'error' && m.field === '(quota)', 30_000)));
    expect(quota).toMatchObject({ rule: 'you have sent 60 chat lines this round, the most one person may; wait for the next round' });
    host.send({ type: 'chat', text: 'the host is heard', to: null });
    await host.next((m) => m.type === 'chat' && m.lines.some((l) => l.text === 'the host is heard'));
    expect(host.chat().filter((l) => l.from === 'seaport')).toHaveLength(QUOTA.chat.round);

    // Propose-then-withdraw: 12 proposals a round per person, whichever connection sends them.
    const platform: DealTerms = { kind: 'platform', members: ['hillton', 'seaport'], subsidyCap: 0.3, techTrading: true };
    let proposed = 0;
    for (let i = 0; i < QUOTA.deals.round + 3; i++) {
      const c = seats[i % seats.length]!;
      c.skip(); // what this connection heard of earlier deals
      c.send({ type: 'propose', terms: platform });
      const reply = await c.next((m) => (m.type === 'view' && m.view.deals.some((d) => d.status === 'open')) || (m.type === 'error' && m.about === 'propose'));
      if (reply.type === 'error') {
        expect(reply).toMatchObject({ field: '(quota)', rule: 'you have sent 12 deal proposals and counters this round, the most one person may; wait for the next round' });
        continue;
      }
      proposed++;
      const open = (reply as Extract<ServerMessage, { type: 'view' }>).view.deals.find((d) => d.status === 'open')!;
      c.send({ type: 'withdraw', deal: open.id });
      await c.view((v) => !v.deals.some((d) => d.status === 'open'));
      await new Promise((r) => setTimeout(r, 250)); // within the seat's shared rate
    }
    expect(proposed).toBe(QUOTA.deals.round);
  });

  it('a kicked person cannot simply re-join: a join from their address waits for the host', async () => {
    const game = await createGame(server.url, settings);
    const host = await client(game.code, HOST_IP, game.hostToken);
    const eve = await seat(game.code, 'Eve', 'metropolis', ATTACKER);
    const member = (await host.view((v) => v.members!.length === 1)).members![0]!;
    host.send({ type: 'kick', member: member.id });
    await eve.client.next((m) => m.type === 'removed');
    const t0 = Date.now();
    eve.client.send({ type: 'join', name: 'Eve again', city: 'metropolis', team: false });
    expect(await answer(eve.client)).toMatchObject({ type: 'request', status: 'pending', city: 'metropolis' });
    const fresh = await client(game.code, ATTACKER);
    fresh.send({ type: 'join', name: 'Eve 3', city: null, team: false });
    expect(await answer(fresh)).toMatchObject({ type: 'request', status: 'pending', city: null });
    const requests = (await host.view((v) => (v.requests ?? []).length === 2)).requests!;
    for (const r of requests) host.send({ type: 'approve', request: r.id, accept: false });
    expect(await eve.client.next((m) => m.type === 'request' && m.status !== 'pending')).toMatchObject({ status: 'refused' });
    console.log(`kicked re-join: asked the host, refused ${Date.now() - t0} ms after the attempt`);
    // Someone else, on another address, takes the seat at once.
    await seat(game.code, 'Finn', 'metropolis', '192.0.2.5');
    expect((await host.view((v) => v.members!.length === 1)).members![0]!.name).toBe('Finn');
  });

  it('3,000 spectators from one address: 50 are let in; a forged x-enclave-ip does not help; another address still watches', { timeout: 120_000 }, async () => {
    const game = await createGame(server.url, settings);
    const conns: RoomClient[] = [];
    // Each with its own forged x-enclave-ip: the Worker drops it and sends the real address.
    for (let i = 0; i < IP_SPECTATORS + 10; i += 20) {
      conns.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => client(game.code, ATTACKER, undefined, { 'x-enclave-ip': `10.0.${i}.${j}` })))));
    }
    const watching = conns.filter((c) => !turnedAway(c));
    expect(watching).toHaveLength(IP_SPECTATORS);
    const away = conns.find(turnedAway)!;
    expect(away.messages.find((m) => m.type === 'error')).toMatchObject({ field: '(room)', rule: 'your network already watches with 50 screens' });
    await away.settle(200);
    expect(away.closed?.code).toBe(4429);
    const other = await client(game.code, '192.0.2.77');
    expect(other.latestView()!.you.role).toBe('spectator');
  });
});
