/**
 * Who may do what, against a real `wrangler dev`: every host-only action tried by a player
 * and by a spectator, every seat action tried from another seat (and by a spectator), each
 * refused with the field and the rule, and each leaving the room exactly as it was: no
 * client hears of any change, and fresh snapshots afterwards equal those from before.
 */
import { BURST, RATE_PER_SECOND } from '../../party/limits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noDecisions } from '../../core/protocol/decisions';
import type { DealTerms } from '../../core/protocol/deals';
import type { ClientMessage } from '../../core/protocol/room';
import { startDevServer, type DevServer } from '../support/dev-server';
import { RoomClient, createGame } from '../support/room-client';

let server: DevServer;
let game: { code: string; hostToken: string };
let host: RoomClient;
let ana: RoomClient; // hillton
let ben: RoomClient; // seaport
let cai: RoomClient; // rivertown
let eve: RoomClient; // waiting for a city
let projector: RoomClient;
const tokens: Record<string, string> = {};

const park: DealTerms = { kind: 'park', sponsor: 'hillton', host: 'rivertown', landQuota: 1, space: 1, mode: 'government', statsShare: 0.6, taxShare: 0.5 };

async function join(name: string, city: string | null): Promise<RoomClient> {
  const { client, token } = await RoomClient.join(server.host, game.code, name, city);
  tokens[name] = token;
  return client;
}

const everyone = () => [host, ana, ben, cai, eve, projector];
const changesHeard = () => everyone().map((c) => c.messages.filter((m) => m.type !== 'error').length);

beforeAll(async () => {
  server = await startDevServer();
  game = await createGame(server.url, { scenario: 'classroom-4', rounds: 3, roundSeconds: 600, seed: 5 });
  host = await RoomClient.open(server.host, game.code, game.hostToken);
  ana = await join('Ana', 'hillton');
  ben = await join('Ben', 'seaport');
  cai = await join('Cai', 'rivertown');
  eve = await join('Eve', null);
  projector = await RoomClient.open(server.host, game.code);
});

afterAll(async () => {
  for (const c of everyone()) c?.close();
  await server?.stop();
});

type Case = [who: () => RoomClient, label: string, message: ClientMessage | Record<string, unknown>, field: string, rule: RegExp];

async function refusedWithoutChange(cases: Case[]): Promise<void> {
  await Promise.all(everyone().map((c) => c.settle(150)));
  const before = await Promise.all([host.snapshot(game.hostToken), ana.snapshot(tokens.Ana), ben.snapshot(tokens.Ben), projector.snapshot()]);
  await Promise.all(everyone().map((c) => c.settle(150)));
  const heard = changesHeard();
  for (const [who, label, message, field, rule] of cases) {
    // Paced under the per-connection rate limit (10 a second after a burst of 30), which has its own test.
    await new Promise((r) => setTimeout(r, 60));
    const error = await who().refused(message);
    expect({ label, field: error.field }).toEqual({ label, field });
    expect(error.rule, label).toMatch(rule);
  }
  await Promise.all(everyone().map((c) => c.settle(200)));
  expect(changesHeard()).toEqual(heard); // nobody heard of a change
  const after = await Promise.all([host.snapshot(game.hostToken), ana.snapshot(tokens.Ana), ben.snapshot(tokens.Ben), projector.snapshot()]);
  expect(after).toEqual(before);
}

const hostOnly = (round: number): [string, ClientMessage][] => [
  ['start', { type: 'start' }],
  ['pause', { type: 'pause' }],
  ['resume', { type: 'resume' }],
  ['extend', { type: 'extend', round, seconds: 30 }],
  ['close-round', { type: 'close-round', round }],
  ['end-game', { type: 'end-game' }],
  ['retry', { type: 'retry', round }],
  ['save', { type: 'save' }],
  ['assign', { type: 'assign', member: 'm4', city: 'metropolis' }],
  ['kick', { type: 'kick', member: 'm1' }],
  ['lock', { type: 'lock', city: 'hillton', locked: true }],
  ['bot', { type: 'bot', city: 'hillton', strategy: 'frugal' }],
  ['mute', { type: 'mute', city: 'hillton', muted: true }],
  ['event', { type: 'event', event: 'rail-seaport' }],
  ['cancel-event', { type: 'cancel-event', event: 'downturn' }],
];

/** Every host action, tried by a player (Ben) and by a spectator (the projector). */
const hostActionsByOthers = (round: number): Case[] =>
  hostOnly(round).flatMap(([label, msg]): Case[] => [
    [() => ben, `player: ${label}`, msg, '(role)', /^only the host can/],
    [() => projector, `spectator: ${label}`, msg, '(role)', /^only the host can/],
  ]);

describe('authorization', () => {
  it('in the lobby, players and spectators cannot run any host action', async () => {
    await refusedWithoutChange(hostActionsByOthers(1));
  });

  it('during a round, every host action from a player or a spectator, and every seat action from another seat, is refused and changes nothing', async () => {
    host.send({ type: 'start' });
    await ana.view((v) => v.phase === 'playing');
    host.send({ type: 'event', event: 'downturn' });
    ana.send({ type: 'draft', decisions: { ...noDecisions(1), subsidies: { talent: 0.3, startups: 0, capital: 0 } } });
    ana.send({ type: 'propose', terms: park });
    // Deal ids are not a count (core/deals/ids.ts): the room's first deal is not d1.
    const d1 = (await cai.view((v) => v.deals.length === 1)).deals[0]!.id;
    expect(d1).toMatch(/^d\d+$/);
    expect(d1).not.toBe('d1');

    const cases = hostActionsByOthers(1);
    const notHis = new RegExp(`^no deal ${d1} involves seaport$`);
    const decisions = { ...noDecisions(1), subsidies: { talent: 0.1, startups: 0, capital: 0 } };
    cases.push(
      // Another seat's deal: it reads as unknown, so its existence does not leak.
      [() => ben, 'counter another seat’s deal', { type: 'counter', deal: d1, terms: { ...park, taxShare: 0.1 } }, 'deal', notHis],
      [() => ben, 'accept another seat’s deal', { type: 'accept', deal: d1 }, 'deal', notHis],
      [() => ben, 'reject another seat’s deal', { type: 'reject', deal: d1 }, 'deal', notHis],
      [() => ben, 'withdraw another seat’s deal', { type: 'withdraw', deal: d1 }, 'deal', notHis],
      [() => ben, 'propose a deal between two other seats', { type: 'propose', terms: park }, 'terms', /seaport must be one of the parties/],
      // Another seat's decisions: a message names no seat but the sender's own.
      [() => ben, 'submit for another seat', { type: 'submit', city: 'hillton', decisions } as Record<string, unknown>, 'city', /is not a field of a "submit" message/],
      [() => ben, 'draft for another seat', { type: 'draft', city: 'hillton', decisions } as Record<string, unknown>, 'city', /is not a field of a "draft" message/],
      [() => ben, 'chat as another seat', { type: 'chat', from: 'hillton', text: 'we give up', to: null } as Record<string, unknown>, 'from', /is not a field/],
      [() => ana, 'accept its own proposal again', { type: 'accept', deal: d1 }, 'deal', new RegExp(`^hillton already accepts ${d1}$`)],
      [() => ana, 'host a game of its own', { type: 'join', name: 'Ana', city: 'seaport', team: true }, '(role)', /already holds a seat/],
      // A spectator holds no seat at all.
      [() => projector, 'spectator: draft', { type: 'draft', decisions }, '(role)', /only a seated player/],
      [() => projector, 'spectator: submit', { type: 'submit', decisions }, '(role)', /only a seated player/],
      [() => projector, 'spectator: propose', { type: 'propose', terms: park }, '(role)', /only a seated player/],
      [() => projector, 'spectator: accept', { type: 'accept', deal: d1 }, '(role)', /only a seated player/],
      [() => projector, 'spectator: chat', { type: 'chat', text: 'hi', to: null }, '(role)', /only players and the host/],
      [() => projector, 'spectator: leave', { type: 'leave' }, '(role)', /only a player/],
      // Someone still waiting for a city cannot act for one.
      [() => eve, 'waiting: submit', { type: 'submit', decisions }, '(seat)', /the host assigns one/],
      [() => eve, 'waiting: propose', { type: 'propose', terms: park }, '(seat)', /the host assigns one/],
      // The host runs the room but plays no seat.
      [() => host, 'host: submit', { type: 'submit', decisions }, '(role)', /only a seated player/],
      [() => host, 'host: accept', { type: 'accept', deal: d1 }, '(role)', /only a seated player/],
      [() => host, 'host: join', { type: 'join', name: 'Hanna', city: 'metropolis', team: false }, '(role)', /host console cannot take a seat/],
      // Bad input from anyone.
      [() => ana, 'an unknown type', { type: 'teleport' }, 'type', /type must be one of/],
      [() => ana, 'a stale round', { type: 'submit', decisions: { ...decisions, round: 2 } }, 'decisions.round', /must be 1, the open round \(got 2\)/],
      [() => ana, 'an over-budget bid', { type: 'submit', decisions: { ...decisions, subsidies: { talent: 5, startups: 5, capital: 5 } } }, 'decisions.subsidies', /exceeds/],
      [() => ana, 'a chat line that is too long', { type: 'chat', text: 'x'.repeat(501), to: null }, 'text', /at most 500 characters/],
      [() => ana, 'a forged member id', { type: 'kick', member: 'ana' }, 'member', /member id/],
    );
    await refusedWithoutChange(cases);
  });

  it('a facilitator’s host token runs every game created with it, and no other', async () => {
    const second = await createGame(server.url, { scenario: 'classroom-4' }, game.hostToken);
    expect(second.hostToken).toBe(game.hostToken);
    const again = await RoomClient.open(server.host, second.code, game.hostToken);
    expect(again.welcome()!.role).toBe('host');
    again.close();
    const third = await createGame(server.url, { scenario: 'classroom-4' });
    const stranger = await RoomClient.open(server.host, third.code, game.hostToken);
    expect(stranger.welcome()!.role).toBe('spectator');
    stranger.close();
  });

  it('a private line between two seats reaches those seats only, not the host; the host’s own line to a seat reaches it', async () => {
    // The tests above spent Ben's rate bucket, which is his (all his connections'), not one connection's: let it refill.
    await new Promise((r) => setTimeout(r, (BURST / RATE_PER_SECOND) * 1000));
    ben.send({ type: 'chat', text: 'seaport to hillton, between us', to: 'hillton' });
    host.send({ type: 'chat', text: 'host to hillton', to: 'hillton' });
    // Two sockets: the room may take either line first, so wait for each on its own.
    await ana.until((m) => m.type === 'chat' && m.lines.some((l) => l.text === 'seaport to hillton, between us'));
    await ana.until((m) => m.type === 'chat' && m.lines.some((l) => l.text === 'host to hillton'));
    expect(ana.chat().map((l) => l.text)).toContain('seaport to hillton, between us');
    await host.next((m) => m.type === 'chat' && m.lines.some((l) => l.text === 'host to hillton'));
    expect(host.chat().map((l) => l.text)).not.toContain('seaport to hillton, between us');
    // Nor in a fresh snapshot.
    expect(await host.snapshot(game.hostToken)).not.toContain('between us');
    expect(await cai.snapshot()).not.toContain('between us');
  });

  it('a forged token is refused and the connection carries on as a spectator', async () => {
    const forger = await RoomClient.open(server.host, game.code, 'f'.repeat(32));
    expect(forger.messages.find((m) => m.type === 'error')).toMatchObject({ field: 'token', code: 'unknown-token', rule: 'is not valid for this room' });
    expect(forger.welcome()!.role).toBe('spectator');
    // Ana's draft stays hers: no draft or submission in the spectator's view, and her 0.3 appears nowhere outside
    // the public model state (whose figures, arrivals say, may hold any number).
    const view = forger.latestView()!;
    expect(view.draft).toBeNull();
    const { state: _public, ...rest } = view as typeof view & { state?: unknown };
    expect(JSON.stringify(rest)).not.toContain('"talent":0.3');
    forger.close();
  });

  it('a malformed token is an unknown one: refused, and the connection carries on as a spectator (docs/protocol.md)', async () => {
    for (const token of ['not a token', 'F'.repeat(32), tokens.Ana!.toUpperCase(), `${tokens.Ana}0`, game.hostToken.slice(0, 31)]) {
      const stranger = await RoomClient.open(server.host, game.code, token);
      expect(stranger.messages.filter((m) => m.type === 'error'), token).toEqual([{ type: 'error', about: 'hello', field: 'token', code: 'unknown-token', args: {}, rule: 'is not valid for this room' }]);
      expect(stranger.welcome()!.role, token).toBe('spectator');
      expect(stranger.latestView()!.draft).toBeNull();
      stranger.close();
    }
  });
});

describe('per-connection limits', () => {
  it('refuses what is too big, not text, or before hello; and a flood gets one reply, then the connection works again', async () => {
    const quiet = await RoomClient.open(server.host, game.code, { silent: true });
    expect(await quiet.refused({ type: 'chat', text: 'hi', to: null })).toMatchObject({ field: '(message)', rule: 'say hello first' });
    quiet.close();

    const noisy = await RoomClient.open(server.host, game.code, tokens.Ben);
    noisy.send('x'.repeat(20_000));
    expect(await noisy.error()).toMatchObject({ field: '(message)', rule: 'must be at most 16384 characters' });
    noisy.send('{"type": "chat", "text": ');
    expect(await noisy.error()).toMatchObject({ field: '(message)', rule: 'must be valid JSON' });
    await new Promise((r) => setTimeout(r, 3000)); // a full bucket
    noisy.skip();
    for (let i = 0; i < 60; i++) noisy.send({ type: 'resume' }); // refused anyway (not the host): no change either way
    await noisy.settle(300);
    const replies = noisy.messages.slice(-60).filter((m) => m.type === 'error');
    const rate = replies.filter((m) => m.type === 'error' && m.field === '(rate)');
    expect(rate).toHaveLength(1);
    expect(replies.length).toBeLessThan(60);
    expect(replies.length).toBeGreaterThanOrEqual(30);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await noisy.refused({ type: 'resume' })).toMatchObject({ field: '(role)' });
    noisy.close();
  });
});
