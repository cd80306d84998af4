/** The pure parts of the shell: storage layout, the alarm's jobs, limits, the join guard; and the tests' fault plan. */
import { describe, expect, it } from 'vitest';
import { parseFaults, resolveFault } from '../support/faults/faults';
import { dueJobs, nextWake } from '../../party/jobs';
import { waitMs } from '../../party/join-guard';
import { BURST, RATE_PER_SECOND, admit, type Bucket } from '../../party/limits';
import { resolved, archived, archiveFailed } from '../../party/logic';
import type { Room } from '../../party/room';
import { ROOM_FORMAT, changes, clearRoom, keys, loadRoom, persist } from '../../party/store';
import { EARLIER_DEFAULTS, MODEL_VERSION, type GameState } from '../../core/protocol/state';
import { act } from '../../party/logic';
import { contextFor, creditLimit } from '../../core/model';
import { FakeStorage, HOST, T0, decisions, env, must, player, resolverAnswer, scenario, started } from './fixture';


describe('storage', () => {
  it('writes only what changed, and reads back the same room', async () => {
    const storage = new FakeStorage();
    let room = started();
    await persist(storage, null, room);
    expect(await loadRoom(storage)).toEqual(room);

    const before = room;
    room = must(room, player(room, 'Ana'), { type: 'draft', decisions: decisions(1, 0.2) }, env(T0 + 1000));
    // A draft edit writes the draft, and the meta only for its new activity time.
    expect(Object.keys(changes(before, room).put).sort()).toEqual([keys.draft('hillton'), keys.meta]);

    const chatted = must(room, player(room, 'Ana'), { type: 'chat', text: 'hi', to: null }, env(T0 + 2000));
    expect(Object.keys(changes(room, chatted).put).sort()).toEqual(['chat:000001', keys.meta]);
    await persist(storage, before, room);
    await persist(storage, room, chatted);
    room = chatted;

    room = must(room, player(room, 'Ana'), { type: 'submit', decisions: decisions(1, 0.2) });
    room = must(room, HOST, { type: 'close-round', round: 1 });
    await persist(storage, chatted, room);
    expect(storage.data.has(keys.resolving)).toBe(true);
    expect(await loadRoom(storage)).toEqual(room); // a restart mid-resolution finds the frozen round

    const after = resolved(room, 1, resolverAnswer(room), env())!;
    const { put, remove } = changes(room, after);
    expect(Object.keys(put).sort()).toEqual([keys.meta, 'round:0001', keys.state]);
    expect(remove.sort()).toEqual([keys.draft('hillton'), keys.resolving, keys.submission('hillton')]);
    await persist(storage, room, after);
    expect(await loadRoom(storage)).toEqual(after);
  });

  it('a room on a facilitator\'s region keeps the map under its own key, written once, read back, deleted with the room', async () => {
    const storage = new FakeStorage();
    const region = { ...scenario, id: 'sheet-abcdefghijkl' };
    const plain = started();
    const room: Room = { ...plain, region, meta: { ...plain.meta, settings: { ...plain.meta.settings, scenario: region.id } } };
    await persist(storage, null, room);
    expect(storage.data.get(keys.region)).toEqual(region);
    expect(await loadRoom(storage)).toEqual(room);
    // Play goes on without writing the map again.
    const drafted = must(room, player(room, 'Ana'), { type: 'draft', decisions: decisions(1, 0.2) }, env(T0 + 1000));
    expect(Object.keys(changes(room, drafted).put)).not.toContain(keys.region);
    // A built-in game has no such key at all.
    const builtIn = new FakeStorage();
    await persist(builtIn, null, plain);
    expect(builtIn.data.has(keys.region)).toBe(false);
    expect((await loadRoom(builtIn))!.region).toBeNull();
    await clearRoom(storage);
    expect(storage.data.has(keys.region)).toBe(false);
  });

  it('an expired room deletes every key it wrote, and leaves the records a library keeps beside them', async () => {
    const storage = new FakeStorage();
    storage.data.set('library:name', 'K7PM3X'); // as PartyServer keeps the room's name
    let room = started({ rounds: 2 });
    room = must(room, player(room, 'Ana'), { type: 'propose', terms: { kind: 'platform', members: ['hillton', 'seaport'], subsidyCap: 0.3, techTrading: true } });
    room = must(room, player(room, 'Ana'), { type: 'chat', text: 'hi', to: null }, env(T0 + 1000));
    room = must(room, player(room, 'Ben'), { type: 'submit', decisions: decisions(1, 0.2) });
    room = must(room, HOST, { type: 'close-round', round: 1 });
    room = resolved(room, 1, resolverAnswer(room), env())!;
    room = must(room, player(room, 'Ana'), { type: 'draft', decisions: decisions(2, 0.1) }, env(T0 + 2000));
    room = must(room, HOST, { type: 'close-round', round: 2 });
    await persist(storage, null, room);
    // Every kind of key the store writes is there before.
    for (const prefix of ['format', 'meta', 'state', 'state:initial', 'resolving', 'draft:', 'round:', 'chat:', 'deal:']) {
      expect([...storage.data.keys()].some((k) => k.startsWith(prefix)), prefix).toBe(true);
    }
    await clearRoom(storage);
    expect([...storage.data.keys()]).toEqual(['library:name']);
    expect(await loadRoom(storage)).toBeNull();
  });

  it('keeps every value well under the 128 KiB limit', async () => {
    const storage = new FakeStorage();
    let room: Room = started({ rounds: 2 });
    for (const round of [1, 2]) {
      room = must(room, HOST, { type: 'close-round', round });
      room = resolved(room, round, resolverAnswer(room), env())!;
    }
    await persist(storage, null, room);
    const largest = Math.max(...[...storage.data.values()].map((v) => JSON.stringify(v).length));
    expect(largest).toBeLessThan(32 * 1024);
  });
});

describe('the stored format', () => {
  /**
   * A room as format 1 stored it, written key by key as that code did: no `format` key, and a
   * meta from before the doors and the review (no joins, requests, nextRequest, quota, stage,
   * or review time in its settings).
   */
  function formatOne(room: Room): FakeStorage {
    const storage = new FakeStorage();
    const { joins: _joins, requests: _requests, nextRequest: _next, quota: _quota, stage: _stage, ...meta } = room.meta;
    const { reviewSeconds: _review, ...settings } = meta.settings;
    storage.data.set('meta', structuredClone({ ...meta, settings }));
    storage.data.set('state', structuredClone(room.state));
    storage.data.set('state:initial', structuredClone(room.initialState));
    for (const [city, draft] of Object.entries(room.drafts)) storage.data.set(`draft:${city}`, structuredClone(draft));
    for (const r of room.rounds) storage.data.set(`round:${String(r.round).padStart(4, '0')}`, structuredClone(r));
    room.chat.forEach((line, i) => storage.data.set(`chat:${String(i + 1).padStart(6, '0')}`, structuredClone(line)));
    return storage;
  }
  const played = () => {
    let room = started();
    room = must(room, player(room, 'Ana'), { type: 'draft', decisions: decisions(1, 0.2) }, env(T0 + 1000));
    return must(room, player(room, 'Ana'), { type: 'chat', text: 'hi', to: null }, env(T0 + 2000));
  };

  it('a new room is written with the current format', async () => {
    const storage = new FakeStorage();
    await persist(storage, null, started());
    expect(ROOM_FORMAT).toBe(2);
    expect(storage.data.get(keys.format)).toBe(ROOM_FORMAT);
    // Later changes leave it alone.
    expect(changes(started(), played()).put).not.toHaveProperty(keys.format);
  });

  it('upgrades a room stored in format 1: the doors get their defaults, the rest is as stored, and the upgrade is written back once', async () => {
    const room = played();
    const storage = formatOne(room);
    expect(storage.data.has(keys.format)).toBe(false);
    expect(storage.data.get('meta')).not.toHaveProperty('joins');
    expect(storage.data.get('meta')).not.toHaveProperty('stage');
    const loaded = await loadRoom(storage);
    // Open doors of the default size, no requests, no quota used, the first stage panel and no
    // review time: a room from before the doors and the review.
    const upgraded = { ...room, meta: { ...room.meta, settings: { ...room.meta.settings, reviewSeconds: 0 }, stage: 0, joins: { locked: false, size: 120 }, requests: [], nextRequest: 1, quota: {} } };
    expect(loaded).toEqual(upgraded);
    expect(storage.data.get(keys.format)).toBe(ROOM_FORMAT);
    expect(storage.data.get('meta')).toEqual(upgraded.meta);
    // Loaded again, it is a format 2 room: nothing to upgrade, nothing written.
    const puts: string[] = [];
    const watched = Object.assign(Object.create(storage) as FakeStorage, {
      put: async (entries: Record<string, unknown>) => void puts.push(...Object.keys(entries)),
    });
    expect(await loadRoom(watched)).toEqual(upgraded);
    expect(puts).toEqual([]);
  });

  it.each([[ROOM_FORMAT + 1], ['2'], [0]])('refuses a room stored in format %j, and writes nothing', async (format) => {
    const storage = new FakeStorage();
    await persist(storage, null, played());
    storage.data.set(keys.format, format);
    const before = structuredClone([...storage.data]);
    await expect(loadRoom(storage)).rejects.toThrow(`room storage is in format ${JSON.stringify(format)}; this code reads formats 1 to ${ROOM_FORMAT}`);
    expect([...storage.data]).toEqual(before);
  });
});

describe('a game begun under an earlier model version', () => {
  // A room live across a deploy that changed a default: it stored its state as enclave-flow/3
  // did, with no overrides, and Ana's Hillton with 60 to spend, its credit included (between
  // the facility's cost then, 40, and now, 80).
  function storedAsThree(room: Room): FakeStorage {
    const storage = new FakeStorage();
    const hillton = room.state.regions.find((r) => r.id === 'hillton')!;
    const spendable = 60 - creditLimit(contextFor(scenario, {}), hillton);
    const asThen = (st: GameState, treasury: number) => ({
      ...structuredClone(st),
      model: 'enclave-flow/3',
      params: {},
      regions: st.regions.map((r) => (r.id === 'hillton' ? { ...r, treasury } : r)),
    });
    storage.data.set('format', ROOM_FORMAT);
    storage.data.set('meta', structuredClone(room.meta));
    storage.data.set('state', asThen(room.state, spendable));
    storage.data.set('state:initial', asThen(room.initialState, room.initialState.regions.find((r) => r.id === 'hillton')!.treasury));
    return storage;
  }
  const facility = (round: number) => decisions(round, 0, { projects: { scienceFacility: true } });

  it('is read with that version’s defaults in the room’s own checks, and the upgrade is written back once', async () => {
    const room = started();
    const storage = storedAsThree(room);
    const loaded = (await loadRoom(storage))!;
    const old = EARLIER_DEFAULTS['enclave-flow/3']!;
    for (const st of [loaded.state, loaded.initialState]) expect(st).toMatchObject({ model: MODEL_VERSION, params: old });
    expect(storage.data.get('state')).toEqual(loaded.state);
    expect(storage.data.get('state:initial')).toEqual(loaded.initialState);
    // Hillton may fund the facility at the cost it had when the game began…
    expect(act(loaded, player(loaded, 'Ana'), { type: 'submit', decisions: facility(1) }, env(T0 + 1000), 'b'.repeat(64)).ok).toBe(true);
    // …which the room's check would refuse at today's cost, as it did before the upgrade.
    const today = { ...loaded, state: { ...loaded.state, params: {} } };
    const refused = act(today, player(today, 'Ana'), { type: 'submit', decisions: facility(1) }, env(T0 + 1000), 'b'.repeat(64));
    if (refused.ok) throw new Error('a facility at 80 from 60 was accepted');
    expect(refused.error.field).toBe('decisions.projects');
    expect(refused.error.rule).toMatch(/projects 80\) exceeds the 60 available/);
    // Loaded again, it is a game of today with explicit overrides: nothing to write.
    const puts: string[] = [];
    const watched = Object.assign(Object.create(storage) as FakeStorage, {
      put: async (entries: Record<string, unknown>) => void puts.push(...Object.keys(entries)),
    });
    expect(await loadRoom(watched)).toEqual(loaded);
    expect(puts).toEqual([]);
  });

  it('a version this code does not know is refused, and nothing is written', async () => {
    const storage = storedAsThree(started());
    storage.data.set('state', { ...(storage.data.get('state') as object), model: 'enclave-flow/9' });
    const before = structuredClone([...storage.data]);
    await expect(loadRoom(storage)).rejects.toThrow('model state is "enclave-flow/9"');
    expect([...storage.data]).toEqual(before);
  });
});

describe('the alarm', () => {
  it('wakes for the earliest job and runs only what is due', () => {
    const idle = 3600_000;
    let room = started();
    expect(nextWake(room, idle)).toBe(T0 + 60_000); // the deadline
    expect(dueJobs(room, T0 + 60_000, idle)).toEqual([{ kind: 'deadline', round: 1 }]);
    room = must(room, HOST, { type: 'pause' });
    expect(nextWake(room, idle)).toBe(T0 + idle); // paused: only expiry is left
    room = must(room, HOST, { type: 'close-round', round: 1 }, env(T0 + 5));
    expect(dueJobs(room, T0 + 5, idle)).toEqual([{ kind: 'resolve', round: 1 }]);
    expect(dueJobs(room, T0 + 10 * idle, idle)).toEqual([{ kind: 'resolve', round: 1 }]); // never expires mid-resolution
    // While the call is in flight the alarm waits for its answer instead of firing again and again.
    expect(nextWake(room, idle, (job) => job.kind === 'resolve')).toBeNull();
  });

  it('retries the archive with backoff until it has the record', () => {
    let room = must(started({ rounds: 1 }), HOST, { type: 'close-round', round: 1 });
    room = resolved(room, 1, resolverAnswer(room), env(T0 + 1))!;
    expect(dueJobs(room, T0 + 1, 1e9)).toEqual([{ kind: 'archive' }]);
    room = archiveFailed(room, 'D1 is down', T0 + 2);
    expect(dueJobs(room, T0 + 1e12, 1000)).toEqual([{ kind: 'archive' }]); // idle, but expiry waits for the archive
    expect(room.meta.archive).toMatchObject({ pending: true, attempts: 1, nextAt: T0 + 2002 });
    room = archiveFailed(room, "D1 is down", T0 + 2002);
    expect(room.meta.archive.nextAt).toBe(T0 + 6002);
    room = archived(room, 'K7PM3X-1', room.meta.lastActivity);
    expect(room.meta.archive).toMatchObject({ pending: false, storedId: 'K7PM3X-1', lastError: null });
    expect(dueJobs(room, T0 + 20_000, 1e9)).toEqual([]);
    expect(dueJobs(room, T0 + 1e12, 1000)).toEqual([{ kind: 'expire' }]);
  });
});

describe('limits', () => {
  it('lets a burst through, then about RATE_PER_SECOND a second, answering only the first refusal', () => {
    let bucket: Bucket | undefined;
    let admitted = 0;
    let replies = 0;
    for (let i = 0; i < BURST + 20; i++) {
      const a = admit(bucket, T0);
      bucket = a.bucket;
      if (a.admit) admitted++;
      else if (a.reply) replies++;
    }
    expect([admitted, replies]).toEqual([BURST, 1]);
    expect(admit(bucket, T0 + 1000 / RATE_PER_SECOND).admit).toBe(true);
  });

  it('answers a flood once even when a slow room lets the refill through mid-flood; quiet for a second, a new flood is answered again', () => {
    let bucket: Bucket | undefined;
    let replies = 0;
    // 60 messages handled 40 ms apart: the bucket runs dry at 30 and refills one every 100 ms.
    for (let i = 0; i < 60; i++) {
      const a = admit(bucket, T0 + i * 40);
      bucket = a.bucket;
      if (!a.admit && a.reply) replies++;
    }
    expect(replies).toBe(1);
    const later = T0 + 60 * 40 + 1000;
    let again = 0;
    for (let i = 0; i < BURST + 5; i++) {
      const a = admit(bucket, later);
      bucket = a.bucket;
      if (!a.admit && a.reply) again++;
    }
    expect(again).toBe(1);
  });

  it('blocks an IP for the rest of the window once it has missed `limit` times', () => {
    const limits = { limit: 3, windowMs: 60_000 };
    expect(waitMs([T0, T0 + 1], T0 + 2, limits)).toBe(0);
    expect(waitMs([T0, T0 + 1, T0 + 2], T0 + 3, limits)).toBe(59_997);
    expect(waitMs([T0, T0 + 1, T0 + 2], T0 + 60_001, limits)).toBe(0);
  });
});

describe('fault injection', () => {
  it('is off without the variable, and fails the chosen calls of the chosen round with it', () => {
    expect(parseFaults(undefined)).toEqual({ resolve: {}, archive: 0, archiveDb: 0, roomInit: [] });
    const faults = parseFaults('{"resolve": {"2": ["throw", "hang"]}, "archive": 1, "archiveDb": 2, "roomInit": [3]}');
    expect(faults.archiveDb).toBe(2);
    expect(faults.roomInit).toEqual([3]);
    expect(() => parseFaults('{"roomInit": [0]}')).toThrow(/roomInit takes call numbers from 1, not 0/);
    expect([0, 1, 2].map((call) => resolveFault(faults, 2, call))).toEqual(['throw', 'hang', null]);
    expect(resolveFault(faults, 1, 0)).toBeNull();
    expect(() => parseFaults('{"resolve": {"1": ["explode"]}}')).toThrow(/unknown resolve fault/);
  });
});
