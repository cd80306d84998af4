/**
 * A class of rooms without a server (issue 15): the placement rule (core/classes/placement.ts),
 * the class's own rules (party/class-rules.ts), the bodies of /api/classes
 * (core/protocol/class.ts) and what a room tells its class (party/class-status.ts).
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { cityIn, emptiestRoom, placeNext, roomSizes, type Placed } from '../../core/classes/placement';
import { checkClassRooms, commandRequestSchema, createClassRequestSchema, joinClassRequestSchema, moveRequestSchema, type RoomStatus } from '../../core/protocol/class';
import { check } from '../../core/protocol/validate';
import { classStatus, join, move, readyToContinue, type ClassState } from '../../party/class-rules';
import { classMessage, roomStatus } from '../../party/class-status';
import { HOST, must, started } from './fixture';

const CITIES = ['hillton', 'riverport', 'lakeside', 'mountview'];

function placeAll(n: number, rooms: number, seats: number): Placed[] {
  const placed: Placed[] = [];
  for (let i = 0; i < n; i++) placed.push(placeNext(rooms, CITIES, seats, placed));
  return placed;
}

describe('placing people in the rooms of a class', () => {
  it('puts 9 people in three rooms of 4 as 3, 3, 3, each on its own city, the fourth city left for a bot', () => {
    const placed = placeAll(9, 3, 4);
    expect(roomSizes(3, placed)).toEqual([3, 3, 3]);
    // Round robin over rooms, each room filling its cities in order.
    expect(placed.map((p) => p.room)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    for (let r = 0; r < 3; r++) expect(placed.filter((p) => p.room === r).map((p) => p.city)).toEqual(['hillton', 'riverport', 'lakeside']);
    expect(placed.some((p) => p.city === 'mountview')).toBe(false);
  });

  it('fills teams evenly once every seat of every room is taken', () => {
    const placed = placeAll(3 * 4 + 5, 3, 4);
    expect(roomSizes(3, placed)).toEqual([6, 6, 5]);
    const next = placeNext(3, CITIES, 4, placed);
    expect(next).toEqual({ room: 2, city: 'riverport', team: true });
    // No city holds a third person while another of the same room holds one.
    for (let r = 0; r < 3; r++) {
      const counts = CITIES.map((c) => placed.filter((p) => p.room === r && p.city === c).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });

  it('uses only the first seatsPerRoom cities, and breaks ties by room order', () => {
    expect(placeAll(4, 2, 2).map((p) => [p.room, p.city])).toEqual([[0, 'hillton'], [1, 'hillton'], [0, 'riverport'], [1, 'riverport']]);
    expect(emptiestRoom(3, [{ room: 0, city: 'hillton' }, { room: 2, city: 'hillton' }])).toBe(1);
    expect(cityIn(0, CITIES, 1, [{ room: 0, city: 'hillton' }])).toEqual({ city: 'hillton', team: true });
  });

  it('keeps room sizes within one of each other, whatever the class', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 120 }), (rooms, seats, n) => {
        const sizes = roomSizes(rooms, placeAll(n, rooms, seats));
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
      }),
    );
  });
});

const hash = (n: number) => n.toString(16).padStart(64, '0');

function newClass(): ClassState {
  return {
    code: 'CLASS2', createdAt: 0, scenario: 'classroom-4', cities: CITIES, seats: 4, hostTokenHash: hash(999),
    rooms: [{ code: 'ROOMAA', treatment: 'no change' }, { code: 'ROOMBB', treatment: 'platform' }, { code: 'ROOMCC', treatment: 'no parks' }],
    lockStep: true, started: false, people: [], nextPerson: 1,
  };
}

function joined(state: ClassState, name: string, key = 'local', n = state.nextPerson): ClassState {
  const got = join(state, { name, key, address: null, placementHash: null, freshHash: hash(n) });
  if (!got.ok) throw new Error(got.error.rule);
  return got.state;
}

describe('the class rules', () => {
  it('gives a person who asks again the same place, by placement token or by key and name', () => {
    let state = joined(newClass(), 'Ana');
    state = joined(state, 'Bo');
    const byToken = join(state, { name: 'Other name', key: 'elsewhere', address: null, placementHash: hash(1), freshHash: hash(77) });
    expect(byToken).toMatchObject({ ok: true, value: { again: true, person: { id: 'p1', room: 0 } } });
    const byName = join(state, { name: 'Bo', key: 'local', address: null, placementHash: null, freshHash: hash(78) });
    expect(byName).toMatchObject({ ok: true, value: { again: true, person: { id: 'p2', room: 1 } } });
    expect(byName.ok && byName.state.people).toHaveLength(2);
  });

  it('bounds joins per address and refuses new people once the class has started', () => {
    let state = newClass();
    for (let i = 0; i < 60; i++) {
      const got = join(state, { name: `P${i}`, key: '10.0.0.1', address: '10.0.0.1', placementHash: null, freshHash: hash(i) });
      if (!got.ok) throw new Error(got.error.rule);
      state = got.state;
    }
    expect(join(state, { name: 'One more', key: '10.0.0.1', address: '10.0.0.1', placementHash: null, freshHash: hash(100) })).toMatchObject({ ok: false, status: 429, error: { code: 'class-joins-address' } });
    expect(join({ ...state, started: true }, { name: 'Late', key: 'x', address: null, placementHash: null, freshHash: hash(101) })).toMatchObject({ ok: false, status: 409, error: { code: 'class-started' } });
  });

  it('moves a person before the start to the emptiest city of another room, and names what is wrong', () => {
    let state = newClass();
    for (const name of ['A', 'B', 'C', 'D']) state = joined(state, name);
    const moved = move(state, 'p1', 'ROOMBB');
    expect(moved).toMatchObject({ ok: true, value: { id: 'p1', room: 1, city: 'riverport' } });
    expect(move(state, 'p9', 'ROOMBB')).toMatchObject({ ok: false, status: 404, error: { field: 'person', code: 'no-person' } });
    expect(move(state, 'p1', 'NOROOM')).toMatchObject({ ok: false, status: 404, error: { field: 'room', code: 'not-class-room' } });
    expect(move({ ...state, started: true }, 'p1', 'ROOMBB')).toMatchObject({ ok: false, status: 409 });
  });

  const status = (code: string, phase: RoomStatus['phase'], round: number, resolution: RoomStatus['resolution'] = null): RoomStatus => ({ code, phase, round, rounds: 3, paused: false, people: 3, bots: 1, seats: [], resolution, lastActivity: 0 });

  it('says when the rooms are in step, which are not, and which are unreachable or stuck', () => {
    const state = newClass();
    const inStep = classStatus(state, [{ ok: true, status: status('ROOMAA', 'playing', 2) }, { ok: true, status: status('ROOMBB', 'resolving', 2) }, { ok: true, status: status('ROOMCC', 'playing', 2) }]);
    expect(inStep).toMatchObject({ inStep: true, alerts: [] });
    const apart = classStatus(state, [
      { ok: true, status: status('ROOMAA', 'review', 2) },
      { ok: true, status: status('ROOMBB', 'review', 2, { attempts: 3, refused: false, lastError: 'down' }) },
      { ok: false, error: { field: '(room)', code: 'room-unreachable', args: { room: 'ROOMCC' }, rule: 'room ROOMCC did not answer' } },
    ]);
    expect(apart.inStep).toBe(true);
    expect(apart.alerts.map((a) => [a.room, a.kind])).toEqual([['ROOMBB', 'stuck'], ['ROOMCC', 'unreachable']]);
    const behind = classStatus(state, [{ ok: true, status: status('ROOMAA', 'review', 2) }, { ok: true, status: status('ROOMBB', 'review', 2) }, { ok: true, status: status('ROOMCC', 'playing', 2) }]);
    expect(behind).toMatchObject({ inStep: false, alerts: [{ room: 'ROOMCC', kind: 'out-of-step', round: 2, phase: 'playing' }] });
  });

  it('continues in lock-step only when every room holds the same round in review', () => {
    const state = newClass();
    expect(readyToContinue(state, [{ ok: true, status: status('ROOMAA', 'review', 1) }, { ok: true, status: status('ROOMBB', 'review', 1) }, { ok: true, status: status('ROOMCC', 'finished', 3) }])).toBeNull();
    expect(readyToContinue(state, [{ ok: true, status: status('ROOMAA', 'review', 1) }, { ok: true, status: status('ROOMBB', 'playing', 1) }, { ok: false, error: {} as never }])).toMatchObject({ code: 'class-not-in-step', args: { waiting: ['ROOMBB', 'ROOMCC'], round: 1 } });
  });
});

describe('the bodies of /api/classes', () => {
  const room = (scenario = 'classroom-4') => ({ treatment: 'no change', settings: { scenario } });

  it('takes 2 to 12 rooms of one scenario, and names the field and the rule otherwise', () => {
    expect(check(createClassRequestSchema, { rooms: [room(), room()] }).ok).toBe(true);
    expect(check(createClassRequestSchema, { rooms: [room()] })).toMatchObject({ ok: false, error: { field: 'rooms', code: 'min-items', args: { min: 2 } } });
    expect(check(createClassRequestSchema, { rooms: Array.from({ length: 13 }, () => room()) })).toMatchObject({ ok: false, error: { field: 'rooms', code: 'max-items', args: { max: 12 } } });
    expect(check(createClassRequestSchema, { rooms: [room(), { treatment: '', settings: { scenario: 'classroom-4' } }] })).toMatchObject({ ok: false, error: { field: 'rooms.1.treatment' } });
    expect(check(createClassRequestSchema, { rooms: [room(), { treatment: 'x'.repeat(61), settings: { scenario: 'classroom-4' } }] })).toMatchObject({ ok: false, error: { field: 'rooms.1.treatment', code: 'max-chars' } });
    const mixed = check(createClassRequestSchema, { rooms: [room(), room(), room('classroom-8')] });
    expect(mixed.ok && checkClassRooms(mixed.value)).toMatchObject({ field: 'rooms.2.settings.scenario', code: 'class-scenario', args: { scenario: 'classroom-8', first: 'classroom-4' } });
  });

  it('refuses two rooms the comparison would pool as one treatment but with other settings; seed and language may differ', () => {
    const body = (...rooms: object[]) => {
      const got = check(createClassRequestSchema, { rooms });
      if (!got.ok) throw new Error(got.error.rule);
      return checkClassRooms(got.value);
    };
    const custom = (params: Record<string, number>, more: object = {}) => ({ treatment: 'Custom', kind: 'custom', settings: { scenario: 'classroom-4', params, ...more } });
    expect(body(room(), custom({ 'mobility.talent': 0.1 }), custom({ 'mobility.talent': 0.5 }))).toMatchObject({ field: 'rooms.2.treatment', code: 'class-treatment-differs', args: { label: 'Custom', room: 2 } });
    // Replicates: the same rules, with other luck or in another language; keys in another order.
    expect(body(room(), custom({ 'mobility.talent': 0.1 }, { seed: 1, language: 'es' }), custom({ 'mobility.talent': 0.1 }, { seed: 2 }))).toBeNull();
    expect(body(room(), { treatment: 'Custom', kind: 'custom', settings: { params: { congestion: 1, ties: 0.5 }, scenario: 'classroom-4' } }, custom({ ties: 0.5, congestion: 1 }))).toBeNull();
    // Every baseline room is one reference, whatever its label.
    expect(body({ treatment: 'A', kind: 'baseline', settings: { scenario: 'classroom-4' } }, { treatment: 'B', kind: 'baseline', settings: { scenario: 'classroom-4', bots: false } })).toMatchObject({ field: 'rooms.1.treatment', code: 'class-treatment-differs', args: { label: 'B', room: 1 } });
    // One label under two presets is two treatments.
    expect(body(room(), { treatment: 'Custom', kind: 'regional', settings: { scenario: 'classroom-4', scoring: 'regional' } }, custom({ ties: 0.5 }))).toBeNull();
  });

  it('checks join, move and command bodies', () => {
    expect(check(joinClassRequestSchema, { name: 'Ana' }).ok).toBe(true);
    expect(check(joinClassRequestSchema, { name: 'Ana', placement: 'nope' })).toMatchObject({ ok: false, error: { field: 'placement' } });
    expect(check(moveRequestSchema, { person: 'p3', room: 'ABCDEF' }).ok).toBe(true);
    expect(check(moveRequestSchema, { person: 'Ana', room: 'ABCDEF' })).toMatchObject({ ok: false, error: { field: 'person' } });
    expect(check(commandRequestSchema, { action: 'explode' })).toMatchObject({ ok: false, error: { field: 'action', code: 'one-of' } });
  });
});

describe('what a room tells its class', () => {
  it('reports who has submitted, never what, and turns class actions into the host’s own messages', () => {
    const room = started();
    const status = roomStatus(room);
    expect(status).toMatchObject({ phase: 'playing', round: 1, paused: false });
    expect(status.seats.every((s) => s.submitted === false)).toBe(true);
    expect(JSON.stringify(status)).not.toContain('subsidies');
    expect(classMessage(room, 'close-round')).toEqual({ type: 'close-round', round: 1 });
    expect(classMessage(room, 'start')).toEqual({ type: 'start' });
    expect(must(room, HOST, classMessage(room, 'pause')).meta.paused).toBe(true);
  });
});
