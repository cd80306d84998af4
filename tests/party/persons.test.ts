/**
 * Per person, not per connection (issue 12): the doors (rules/doors.ts), the per-person
 * allowances (rules/quota.ts) and the shell's per-token and per-address caps (persons.ts),
 * all pure, each with the attack it answers.
 */
import { describe, expect, it } from 'vitest';
import { dueJobs } from '../../party/jobs';
import { MAX_REQUESTS, MAX_REQUESTS_PER_IP, REQUEST_MS, expire, withdraw } from '../../party/rules/doors';
import { QUOTA } from '../../party/rules/quota';
import * as persons from '../../party/persons';
import { buildView } from '../../party/views';
import { HOST, SPECTATOR, T0, env, lobby, must, park, player, refused, seated, started } from './fixture';

const ask = (room = seated(), name = 'Eve', city = 'hillton', e = env()) => must(room, SPECTATOR, { type: 'join', name, city, team: true }, e, 'e'.repeat(64));

describe('doors: a taken seat asks its members or the host', () => {
  it('a team join to a taken seat is a pending request: nobody joins, nothing of the seat is read, until it is approved', () => {
    const room = ask();
    expect(room.meta.members.some((m) => m.name === 'Eve')).toBe(false);
    expect(room.meta.requests).toEqual([{ id: 'r2', name: 'Eve', city: 'hillton', tokenHash: 'e'.repeat(64), ip: null, expiresAt: T0 + REQUEST_MS }]);
    // Only the host and hillton's members see it; another seat and the projector do not.
    expect(buildView(room, { role: 'host' }, new Set()).requests).toEqual([{ id: 'r2', name: 'Eve', city: 'hillton', expiresAt: T0 + REQUEST_MS }]);
    expect(buildView(room, { role: 'player', city: 'hillton' }, new Set()).requests).toHaveLength(1);
    expect(buildView(room, { role: 'player', city: 'seaport' }, new Set()).requests).toEqual([]);
    expect(buildView(room, { role: 'spectator' }, new Set()).requests).toBeNull();
    // Another seat cannot answer (it reads as unknown); a member of the seat can.
    expect(refused(room, player(room, 'Ben'), { type: 'approve', request: 'r2', accept: true })).toMatchObject({ field: 'request', rule: 'no pending join request r2 for you to answer' });
    const approved = must(room, player(room, 'Ana'), { type: 'approve', request: 'r2', accept: true });
    expect(approved.meta.requests).toEqual([]);
    expect(approved.meta.members.at(-1)).toMatchObject({ name: 'Eve', city: 'hillton', tokenHash: 'e'.repeat(64) });
  });

  it('a refused or lapsed request leaves no member', () => {
    const room = ask();
    const no = must(room, HOST, { type: 'approve', request: 'r2', accept: false });
    expect(no.meta.requests).toEqual([]);
    expect(no.meta.members.some((m) => m.name === 'Eve')).toBe(false);
    const late = env(T0 + REQUEST_MS);
    expect(refused(room, HOST, { type: 'approve', request: 'r2', accept: true }, late).field).toBe('request');
    // The alarm wakes the room when a request lapses; it drops it (the shell tells the joiner).
    expect(dueJobs(room, T0 + REQUEST_MS, 1e12)).toContainEqual({ kind: 'requests' });
    expect(expire(room, T0 + REQUEST_MS - 1)).toBeNull();
    expect(expire(room, T0 + REQUEST_MS)!.meta.requests).toEqual([]);
    // A joiner who closed the connection withdraws the request.
    expect(withdraw(room, 'r2')!.meta.requests).toEqual([]);
  });

  it('bounds pending requests per room and per address, and refuses a locked or full room naming the rule', () => {
    let room = seated();
    for (let i = 0; i < MAX_REQUESTS_PER_IP; i++) room = must(room, SPECTATOR, { type: 'join', name: `I${i}`, city: 'hillton', team: true }, env(T0, { ip: '203.0.113.9' }));
    expect(refused(room, SPECTATOR, { type: 'join', name: 'More', city: 'hillton', team: true }, env(T0, { ip: '203.0.113.9' })).rule).toMatch(/^3 join requests from your network/);
    for (let i = room.meta.requests.length; i < MAX_REQUESTS; i++) room = must(room, SPECTATOR, { type: 'join', name: `R${i}`, city: 'seaport', team: true });
    expect(refused(room, SPECTATOR, { type: 'join', name: 'More', city: 'seaport', team: true })).toMatchObject({ field: '(room)', rule: '20 join requests are already waiting; try again in a minute' });
    let doors = must(lobby(), HOST, { type: 'room-size', players: 2 });
    doors = must(doors, SPECTATOR, { type: 'join', name: 'A', city: null, team: false });
    doors = must(doors, SPECTATOR, { type: 'join', name: 'B', city: 'hillton', team: false });
    expect(refused(doors, SPECTATOR, { type: 'join', name: 'C', city: 'seaport', team: false })).toMatchObject({ field: '(room)', rule: 'the room is full (2 people)' });
    const locked = must(lobby(), HOST, { type: 'joins', locked: true });
    expect(refused(locked, SPECTATOR, { type: 'join', name: 'C', city: 'seaport', team: false })).toMatchObject({ field: '(room)', rule: 'the host has locked joins; ask the host to open them' });
    expect(buildView(locked, { role: 'spectator' }, new Set()).joins).toEqual({ locked: true, size: 120 });
    expect(refused(seated(), player(seated(), 'Ana'), { type: 'joins', locked: true }).field).toBe('(role)');
  });

  it('after a kick, a join from that address asks the host even for a free seat', () => {
    const room = must(seated(), SPECTATOR, { type: 'join', name: 'Eve', city: 'metropolis', team: false }, env(T0, { mustAsk: true }));
    expect(room.meta.requests).toMatchObject([{ city: 'metropolis', name: 'Eve' }]);
    expect(buildView(room, { role: 'host' }, new Set()).requests).toHaveLength(1);
  });
});

describe('quota: chat and deals per person', () => {
  it('a player sends 60 chat lines a round; the host keeps its own 200', () => {
    let room = started();
    const ben = () => player(room, 'Ben');
    for (let i = 0; i < QUOTA.chat.round; i++) room = must(room, ben(), { type: 'chat', text: `l${i}`, to: null });
    expect(refused(room, ben(), { type: 'chat', text: 'more', to: null })).toMatchObject({ field: '(quota)', rule: 'you have sent 60 chat lines this round, the most one person may; wait for the next round' });
    expect(must(room, HOST, { type: 'chat', text: 'host', to: null }).chat.at(-1)!.from).toBe('host');
    // Ana is another person: her allowance is her own.
    expect(must(room, player(room, 'Ana'), { type: 'chat', text: 'hi', to: null }).chat).toHaveLength(QUOTA.chat.round + 1);
  });

  it('a player proposes or counters 12 deals a round (propose-then-withdraw counts)', () => {
    let room = started();
    const ana = () => player(room, 'Ana');
    for (let i = 0; i < QUOTA.deals.round; i++) {
      room = must(room, ana(), { type: 'propose', terms: park() });
      room = must(room, ana(), { type: 'withdraw', deal: room.meta.deals.at(-1)!.id });
    }
    expect(refused(room, ana(), { type: 'propose', terms: park() })).toMatchObject({ field: '(quota)', rule: 'you have sent 12 deal proposals and counters this round, the most one person may; wait for the next round' });
  });
});

describe('persons: limits per token and per address across connections', () => {
  const p = (role: persons.Person['role'], ip: string | null = null, member?: string): persons.Person => ({ role, ip, member });

  it('one rate bucket per person, one per connection before hello', () => {
    expect(persons.bucketKey(p('player', null, 'm1'), 'c1')).toBe('m:m1');
    expect(persons.bucketKey(p('player', null, 'm1'), 'c2')).toBe('m:m1');
    expect(persons.bucketKey(p('host'), 'c3')).toBe('host');
    expect(persons.bucketKey(p('spectator'), 'c4')).toBe('c:c4');
  });

  it('caps connections per seat token, host, address and spectators', () => {
    const seat = Array.from({ length: persons.SEAT_CONNECTIONS }, () => p('player', null, 'm1'));
    expect(persons.helloRefusal(seat, p('player', null, 'm1'))?.rule).toMatch(/open on 4 screens/);
    expect(persons.helloRefusal(seat, p('player', null, 'm2'))).toBeNull();
    expect(persons.helloRefusal(Array(persons.HOST_CONNECTIONS).fill(p('host')), p('host'))?.rule).toMatch(/8 screens/);
    const watchers = Array(persons.IP_SPECTATORS).fill(p('spectator', '198.51.100.7'));
    expect(persons.helloRefusal(watchers, p('spectator', '198.51.100.7'))?.rule).toMatch(/50 screens/);
    expect(persons.helloRefusal(watchers, p('spectator', '198.51.100.8'))).toBeNull();
    expect(persons.helloRefusal(watchers, p('spectator', null), 50)?.rule).toBe('the room has 50 spectators, the most it takes');
    expect(persons.connectRefusal(Array(persons.IP_CONNECTIONS).fill(p('new', '198.51.100.7')), '198.51.100.7')?.field).toBe('(room)');
    // Local mode: no address, no per-address cap.
    expect(persons.connectRefusal(Array(persons.IP_CONNECTIONS).fill(p('new')), null)).toBeNull();
  });

  it('an address makes 20 joins, then one every 3 s', () => {
    let bucket: persons.JoinBucket | undefined;
    let admitted = 0;
    for (let i = 0; i < 120; i++) {
      const out = persons.admitJoin(bucket, T0 + i * 10);
      bucket = out.bucket;
      if (out.admit) admitted++;
      else expect(persons.joinRefusal('203.0.113.1', out)?.rule).toMatch(/^too many joins from your network; try again in \d+ s$/);
    }
    expect(admitted).toBe(persons.JOIN_BURST);
    expect(persons.admitJoin(bucket, T0 + 1190 + persons.JOIN_EVERY_MS).admit).toBe(true);
    expect(persons.mustAsk('203.0.113.1', new Map([['203.0.113.1', T0 + 1000]]), T0)).toBe(true);
    expect(persons.mustAsk('203.0.113.1', new Map([['203.0.113.1', T0 + 1000]]), T0 + 1000)).toBe(false);
    expect(persons.mustAsk(null, new Map(), T0)).toBe(false);
  });
});
