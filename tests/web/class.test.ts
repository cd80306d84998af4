/**
 * The class of rooms in the browser (issue 15), its pure pieces: the body the host setup
 * sends (web/src/lib/class-setup.ts), the console's reading of the class's status
 * (class-console.ts), the stage's comparison of rooms (class-stage.ts), the place a device
 * keeps (class-place.ts) and the polite poll (poll.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { createClassRequestSchema, type ClassStatus, type RoomStatus } from '../../core/protocol/class';
import { classRequest, defaultRoom, resizeRooms, roomSettings, unlabelled, type CommonSettings } from '../../web/src/lib/class-setup';
import { actionsFor, classActions, moveTargets, refusals, roomRows } from '../../web/src/lib/class-console';
import { classStep, giniByRoom, roundComparison, stageColumns, subsidiesByRoom, type StageRoom } from '../../web/src/lib/class-stage';
import { joinMessage, parsePlace, placeOf } from '../../web/src/lib/class-place';
import { poll } from '../../web/src/lib/poll';
import { quiet, raceWithPark } from './fixtures';

const LABELS = { baseline: 'No rule change', 'platform-cap': 'Platform with a cap', 'no-parks': 'No parks', regional: 'Regional scoring', events: 'Event schedule', custom: 'Custom settings' };
/** The rules no test here is about: a room's parameter left at its default. */
const PARAM = { param: 'mobility.talent' as const, value: 0.14 };
const COMMON: CommonSettings = { scenario: 'classroom-4', rounds: 6, minutes: 2.5, language: 'en', sealed: true };
const TOKEN = '0123456789abcdef0123456789abcdef';

describe('class set-up: the body of POST /api/classes', () => {
  it('takes the presets in turn by default, and keeps what the host set when the number changes', () => {
    expect([0, 1, 2, 3, 4].map((i) => defaultRoom(i, LABELS))).toEqual([
      { treatment: 'No rule change', preset: 'baseline', cap: 0.3, event: '', eventRound: 2, ...PARAM, bots: true },
      { treatment: 'Platform with a cap', preset: 'platform-cap', cap: 0.3, event: '', eventRound: 2, ...PARAM, bots: true },
      { treatment: 'No parks', preset: 'no-parks', cap: 0.3, event: '', eventRound: 2, ...PARAM, bots: true },
      { treatment: 'Regional scoring', preset: 'regional', cap: 0.3, event: '', eventRound: 2, ...PARAM, bots: true },
      { treatment: 'No rule change', preset: 'baseline', cap: 0.3, event: '', eventRound: 2, ...PARAM, bots: true },
    ]);
    const mine = [{ treatment: 'Platform', preset: 'platform-cap' as const, cap: 0.2, event: '', eventRound: 2, ...PARAM, bots: false }];
    const grown = resizeRooms(mine, 4, LABELS);
    expect(grown).toHaveLength(4);
    expect(grown[0]).toBe(mine[0]);
    expect(resizeRooms(grown, 1, LABELS)).toHaveLength(2);
    expect(resizeRooms(grown, 40, LABELS)).toHaveLength(12);
    expect(resizeRooms(grown, Number.NaN, LABELS)).toHaveLength(2);
  });

  it('gives every room the common settings under its preset, and the schema of the server takes it', () => {
    const platform = roomSettings(COMMON, { preset: 'platform-cap', cap: 0.2, event: '', eventRound: 2, ...PARAM, bots: false });
    expect(platform.ok && platform.settings).toMatchObject({ scenario: 'classroom-4', rounds: 6, roundSeconds: 150, language: 'en', sealed: true, scoring: 'scorecard', bots: false, platform: { cap: 0.2 } });
    const noParks = roomSettings(COMMON, { preset: 'no-parks', cap: 0.3, event: '', eventRound: 2, ...PARAM, bots: true });
    expect(noParks.ok && noParks.settings).toMatchObject({ parks: false, scoring: 'scorecard' });
    const regional = roomSettings(COMMON, { preset: 'regional', cap: 0.3, event: '', eventRound: 2, ...PARAM, bots: true });
    expect(regional.ok && regional.settings).toMatchObject({ scoring: 'regional' });
    const made = classRequest(COMMON, resizeRooms([], 4, LABELS), 2, TOKEN);
    if (!made.ok) throw new Error(made.error.rule);
    expect(made.body.seatsPerRoom).toBe(2);
    expect(made.body.rooms.map((r) => [r.kind, r.settings.scenario])).toEqual([
      ['baseline', 'classroom-4'],
      ['platform-cap', 'classroom-4'],
      ['no-parks', 'classroom-4'],
      ['regional', 'classroom-4'],
    ]);
    expect(v.safeParse(createClassRequestSchema, made.body).success).toBe(true);
    // No seats per room: the scenario's cities (the server's default), so the field is absent.
    const plain = classRequest(COMMON, resizeRooms([], 2, LABELS), null, TOKEN);
    expect(plain.ok && 'seatsPerRoom' in plain.body).toBe(false);
  });

  it('sets one model parameter in a custom room, and refuses a value past its bounds naming the parameter', () => {
    const rooms = resizeRooms([], 2, LABELS);
    const custom = { ...rooms[1]!, treatment: 'Sticky talent', preset: 'custom' as const, param: 'mobility.talent' as const, value: 0.05 };
    const made = classRequest(COMMON, [rooms[0]!, custom], null, TOKEN);
    if (!made.ok) throw new Error(made.error.rule);
    expect(made.body.rooms[1]).toMatchObject({ treatment: 'Sticky talent', kind: 'custom', settings: { params: { 'mobility.talent': 0.05 } } });
    expect(made.body.rooms[0]!.settings.params ?? {}).toEqual({});
    expect(v.safeParse(createClassRequestSchema, made.body).success).toBe(true);
    const over = classRequest(COMMON, [rooms[0]!, { ...custom, value: 7 }], null, TOKEN);
    expect(over).toMatchObject({ ok: false, room: 1, error: { field: 'settings.params.mobility.talent', code: 'between', args: { min: 0, max: 1 } } });
    // A default room never starts as a custom one: it needs a parameter chosen.
    expect(resizeRooms([], 12, LABELS).some((r) => r.preset === 'custom' || r.preset === 'events')).toBe(false);
  });

  it('refuses two rooms of one label and other rules before anything is sent, naming the later room', () => {
    const rooms = resizeRooms([], 3, LABELS);
    const custom = { ...rooms[1]!, treatment: 'Custom', preset: 'custom' as const, param: 'mobility.talent' as const, value: 0.05 };
    const twin = classRequest(COMMON, [rooms[0]!, custom, { ...custom, value: 0.5 }], null, TOKEN);
    expect(twin).toMatchObject({ ok: false, room: 2, error: { field: 'treatment', code: 'class-treatment-differs', args: { label: 'Custom', room: 2 } } });
    // Its own label, or the same rules (a replicate), is fine.
    expect(classRequest(COMMON, [rooms[0]!, custom, { ...custom, value: 0.5, treatment: 'Custom 2' }], null, TOKEN).ok).toBe(true);
    expect(classRequest(COMMON, [rooms[0]!, custom, { ...custom }], null, TOKEN).ok).toBe(true);
  });

  it('names the room whose rules are refused, and the room that has no label', () => {
    const rooms = resizeRooms([], 3, LABELS);
    const over = classRequest(COMMON, rooms.map((r, i) => (i === 1 ? { ...r, cap: 99 } : r)), null, TOKEN);
    expect(over).toMatchObject({ ok: false, room: 1, error: { field: 'treatment.cap' } });
    expect(unlabelled(rooms)).toBeNull();
    expect(unlabelled([defaultRoom(0, LABELS), { ...defaultRoom(1, LABELS), treatment: '  ' }])).toBe(1);
  });
});

const seat = (city: string, people: number, submitted: boolean, bot = false) => ({ city, people, bot, submitted });
const room = (code: string, phase: RoomStatus['phase'], round: number, seats = [seat('hillton', 1, true), seat('rivertown', 1, false), seat('metropolis', 0, true, true), seat('lakeside', 0, false)]): RoomStatus => ({
  code,
  phase,
  round,
  rounds: 6,
  paused: false,
  people: 2,
  bots: 1,
  seats,
  resolution: null,
  lastActivity: 0,
});
function status(over: Partial<ClassStatus> = {}): ClassStatus {
  return {
    code: 'Q8MZ2K',
    scenario: 'classroom-4',
    lockStep: true,
    started: true,
    inStep: false,
    rooms: [
      { code: 'AAAAAA', treatment: 'No rule change', placed: 2, status: room('AAAAAA', 'playing', 2) },
      { code: 'BBBBBB', treatment: 'Regional scoring', placed: 2, status: room('BBBBBB', 'review', 1) },
      { code: 'CCCCCC', treatment: 'Regional scoring', placed: 1, status: null },
    ],
    people: [
      { person: 'p1', name: 'Ana', room: 'AAAAAA', city: 'hillton' },
      { person: 'p2', name: 'Ben', room: 'BBBBBB', city: 'hillton' },
    ],
    alerts: [
      { room: 'CCCCCC', kind: 'unreachable', error: { field: '(room)', rule: 'no answer', code: 'room-unreachable', args: {} } as never },
      { room: 'BBBBBB', kind: 'out-of-step', round: 1, phase: 'review' },
    ],
    ...over,
  };
}

describe('class console: reading the status', () => {
  it('counts who has submitted among the seats that play (people or a bot), never an empty one, and files each alert under its room', () => {
    const rows = roomRows(status());
    expect(rows.map((r) => [r.code, r.submitted, r.playing])).toEqual([
      ['AAAAAA', 2, 3],
      ['BBBBBB', 2, 3],
      ['CCCCCC', 0, 0],
    ]);
    expect(rows[1]!.alerts.map((a) => a.kind)).toEqual(['out-of-step']);
    expect(rows[2]!.alerts.map((a) => a.kind)).toEqual(['unreachable']);
  });

  it('offers what each step allows; a room that did not answer offers nothing', () => {
    expect([...actionsFor(room('A', 'lobby', 0))].sort()).toEqual(['end-game', 'start']);
    expect([...actionsFor(room('A', 'playing', 1))].sort()).toEqual(['close-round', 'end-game', 'pause']);
    expect([...actionsFor({ ...room('A', 'playing', 1), paused: true })].sort()).toEqual(['close-round', 'end-game', 'resume']);
    expect([...actionsFor(room('A', 'review', 1))].sort()).toEqual(['continue', 'end-game']);
    expect(actionsFor(room('A', 'finished', 6)).size).toBe(0);
    expect(actionsFor(null).size).toBe(0);
  });

  it('in lock-step, offers "continue" for all only once the rooms are in step; released, whenever a room is in review', () => {
    expect(classActions(status()).has('continue')).toBe(false);
    expect(classActions(status({ inStep: true })).has('continue')).toBe(true);
    expect(classActions(status({ lockStep: false })).has('continue')).toBe(true);
    expect(classActions(status()).has('close-round')).toBe(true);
  });

  it('lists each refusal with its room, and the rooms a person may move to before the start only', () => {
    const error = { field: '(phase)', rule: 'no round', code: 'no-round', args: {} } as never;
    expect(refusals([{ room: 'AAAAAA', ok: true, phase: 'playing', round: 1 }, { room: 'BBBBBB', ok: false, error }])).toEqual([{ room: 'BBBBBB', error }]);
    expect(moveTargets(status(), 'p1')).toEqual([]);
    expect(moveTargets(status({ started: false }), 'p1').map((r) => r.code)).toEqual(['BBBBBB', 'CCCCCC']);
  });
});

describe('class stage: the rooms compared', () => {
  const race = raceWithPark();
  const calm = quiet();
  const rooms: StageRoom[] = [
    { code: 'AAAAAA', treatment: 'No rule change', results: race, phase: 'review' },
    { code: 'BBBBBB', treatment: 'Regional scoring', results: calm, phase: 'review' },
  ];

  it('draws one line per room, labelled by its treatment, from its own results', () => {
    const subsidies = subsidiesByRoom(rooms);
    expect(subsidies.map((s) => s.label)).toEqual(['No rule change', 'Regional scoring']);
    expect(subsidies[0]!.points).toEqual(race.map((r) => ({ x: r.round, y: r.metrics.totalSubsidies })));
    expect(giniByRoom(rooms)[1]!.points.at(-1)!.y).toBe(calm.at(-1)!.metrics.innovationGini);
  });

  it('compares the latest round every room has, never one room’s round beside another’s', () => {
    const c = roundComparison(rooms)!;
    expect(c.round).toBe(Math.min(race.length, calm.length));
    const [a, b] = c.rooms;
    expect(a!.totalSubsidies).toBe(race[c.round - 1]!.metrics.totalSubsidies);
    expect(a!.subsidiesChange).toBeCloseTo(race[c.round - 1]!.metrics.totalSubsidies - race[c.round - 2]!.metrics.totalSubsidies, 9);
    expect(b!.gini).toBe(calm[c.round - 1]!.metrics.innovationGini);
    // The racing room paid more than the one that paid nothing: the calm one is marked.
    expect(b!.totalSubsidies).toBeLessThan(a!.totalSubsidies);
    expect([a!.least, b!.least]).toEqual([false, true]);
    const leader = [...race[c.round - 1]!.regions].sort((x, y) => y.score - x.score)[0]!;
    expect(a!.leader).toEqual({ city: leader.id, score: leader.score });
    // A room with no round yet: nothing to compare.
    expect(roundComparison([...rooms, { code: 'CCCCCC', treatment: 'x', results: [], phase: 'lobby' }])).toBeNull();
    expect(roundComparison([])).toBeNull();
    // The first round has no round before.
    expect(roundComparison(rooms.map((r) => ({ ...r, results: r.results.slice(0, 1) })))!.rooms[0]!.subsidiesChange).toBeNull();
  });

  it('reads the class’s step from its rooms’ phases, and lays rooms out for a 16:9 screen', () => {
    expect(classStep([])).toBe('lobby');
    expect(classStep(['lobby', null, 'lobby'])).toBe('lobby');
    expect(classStep(['lobby', 'playing'])).toBe('playing');
    expect(classStep(['review', 'resolving'])).toBe('playing');
    expect(classStep(['review', 'review', 'finished'])).toBe('review');
    expect(classStep(['finished', 'finished'])).toBe('finished');
    expect([2, 3, 4, 5, 8, 12].map(stageColumns)).toEqual([2, 3, 4, 3, 4, 6]);
  });
});

describe('a class place on this device', () => {
  const answer = { class: 'Q8MZ2K', room: 'K7PM3X', treatment: 'Regional scoring', city: 'hillton', team: false, person: 'p4', placement: TOKEN, again: false };

  it('reads back only a place for this room, and joins its seat as the class suggested', () => {
    const place = placeOf(answer, 'Ana');
    expect(parsePlace(JSON.stringify(place), 'K7PM3X')).toEqual(place);
    expect(parsePlace(JSON.stringify(place), 'ZZZZZZ')).toBeNull();
    expect(parsePlace('{"class": 1}', 'K7PM3X')).toBeNull();
    expect(parsePlace('not json', 'K7PM3X')).toBeNull();
    expect(parsePlace(null, 'K7PM3X')).toBeNull();
    expect(joinMessage(place)).toEqual({ type: 'join', name: 'Ana', city: 'hillton', team: false });
    expect(joinMessage({ ...place, team: true }).team).toBe(true);
  });

  it('keeps the class’s word for a team placement and shows it with the join; a malformed one is no place', () => {
    const place = placeOf({ ...answer, team: true, pass: 'f'.repeat(32) }, 'Ana');
    expect(parsePlace(JSON.stringify(place), 'K7PM3X')).toEqual(place);
    expect(joinMessage(place)).toEqual({ type: 'join', name: 'Ana', city: 'hillton', team: true, pass: 'f'.repeat(32) });
    expect(parsePlace(JSON.stringify({ ...place, pass: 'not-a-pass' }), 'K7PM3X')).toBeNull();
  });
});

describe('the polite poll', () => {
  function page() {
    const listeners = new Set<() => void>();
    return {
      hidden: false,
      addEventListener: (_: string, f: () => void) => listeners.add(f),
      removeEventListener: (_: string, f: () => void) => listeners.delete(f),
      show(hidden: boolean) {
        this.hidden = hidden;
        listeners.forEach((f) => f());
      },
    };
  }

  it('asks at once, then each time the answer is in plus the interval; not while hidden; never after stopping', async () => {
    vi.useFakeTimers();
    try {
      const doc = page();
      let asked = 0;
      const stop = poll(2000, async () => void asked++, doc as never);
      await vi.advanceTimersByTimeAsync(0);
      expect(asked).toBe(1);
      await vi.advanceTimersByTimeAsync(2000);
      expect(asked).toBe(2);
      doc.show(true);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(asked).toBe(2); // the ask already waiting found the tab hidden, and stopped
      doc.show(false);
      await vi.advanceTimersByTimeAsync(0);
      expect(asked).toBe(3);
      stop();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(asked).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never asks twice at once: a slow answer holds the next ask', async () => {
    vi.useFakeTimers();
    try {
      let asked = 0;
      const stop = poll(100, () => (asked++, new Promise((r) => setTimeout(r, 1000))), page() as never);
      await vi.advanceTimersByTimeAsync(900);
      expect(asked).toBe(1);
      await vi.advanceTimersByTimeAsync(200);
      expect(asked).toBe(2);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
