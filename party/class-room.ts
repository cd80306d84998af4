/**
 * The class of rooms' Durable Object (issue 15): one per class, named by the class code. It
 * holds the class (its rooms and their treatments, who is placed where, the lock-step flag)
 * and talks to its rooms over RPC (party/game.ts `classStatus`, `classCommand`), each call
 * with a timeout. It is not a god object: rooms never call it or wait on it, so a room stays
 * playable from its own console when this object is slow or down, and a room that fails or
 * times out is reported while the others go on. Its rules are pure (class-rules.ts).
 */
import { DurableObject } from 'cloudflare:workers';
import type { ClassStatus, JoinClassAnswer, RoomAction, RoomOutcome, RoomStatus } from '../core/protocol/class';
import { treatmentTag } from '../core/protocol/class';
import type { ClassRoom as ClassRoomRecord } from '../core/classes/compare';
import type { GameRecord } from '../core/protocol/record';
import { refusal } from '../core/protocol/refusals';
import { hashToken, newToken, sameHash } from '../core/protocol/tokens';
import type { InputError } from '../core/protocol/validate';
import * as rules from './class-rules';
import type { ClassState } from './class-rules';

const KEY = 'class';

/** How long the class waits for one room before reporting it unreachable. */
export const DEFAULT_ROOM_CALL_MS = 5_000;

export type ClassAnswer<T> = { ok: true; value: T } | { ok: false; status: 401 | 403 | 404 | 409 | 429; error: InputError };

/** Every room's record as it stands, with its treatment; rooms that did not answer apart. */
export interface ClassRecords {
  code: string;
  createdAt: number;
  rooms: ClassRoomRecord[];
  missing: { room: string; error: InputError }[];
}

/** What the Worker hands the object once (worker/classes.ts). */
export type ClassInit = Omit<ClassState, 'people' | 'nextPerson' | 'started' | 'lockStep'>;

type StatusAnswer = { ok: true; status: RoomStatus } | { ok: false; error: InputError };

/** The RPC methods a room offers its class (party/game.ts); a plain interface keeps the stub's types simple. */
interface RoomRpc {
  classStatus(hostTokenHash: string): Promise<StatusAnswer>;
  classRecord(hostTokenHash: string): Promise<{ ok: true; record: GameRecord } | { ok: false; error: InputError }>;
  classCommand(hostTokenHash: string, action: RoomAction): Promise<RoomOutcome>;
  classLockStep(hostTokenHash: string, locked: boolean): Promise<RoomOutcome>;
  classUnseat(hostTokenHash: string, who: { name: string; city: string }): Promise<{ ok: true; removed: number } | { ok: false; error: InputError }>;
  classVouch(hostTokenHash: string, v: { person: string; passHash: string; city: string; name: string }): Promise<{ ok: true } | { ok: false; error: InputError }>;
}

export class ClassRoom extends DurableObject<Env> {
  private state: ClassState | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.state = (await ctx.storage.get<ClassState>(KEY)) ?? null;
    });
  }

  private get callMs(): number {
    return Number((this.env as { CLASS_ROOM_TIMEOUT_MS?: string }).CLASS_ROOM_TIMEOUT_MS) || DEFAULT_ROOM_CALL_MS;
  }

  private async save(next: ClassState): Promise<void> {
    this.state = next;
    await this.ctx.storage.put(KEY, next);
  }

  /** Set the class up; false when this code already holds one. */
  async init(init: ClassInit): Promise<boolean> {
    if (this.state) return false;
    await this.save({ ...init, lockStep: true, started: false, people: [], nextPerson: 1 });
    return true;
  }

  /** Place a person (or find their place again): `key` is worker/client.ts clientKey, `address` the trusted address or null. */
  async join(name: string, key: string, address: string | null, placement: string | null): Promise<ClassAnswer<JoinClassAnswer>> {
    // Hash before reading the state: nothing may change between the read and the write.
    const placementHash = placement ? await hashToken(placement) : null;
    const fresh = newToken();
    const freshHash = await hashToken(fresh);
    const state = this.state;
    if (!state) return { ok: false, status: 404, error: refusal('code', 'no-class', {}) };
    const ruled = rules.join(state, { name, key, address, placementHash, freshHash });
    if (!ruled.ok) return ruled;
    if (!ruled.value.again) await this.save(ruled.state);
    const { person, again } = ruled.value;
    const room = ruled.state.rooms[person.room]!;
    // A token is shown once, on the first join; asking again by name and key gets none (the holder has it).
    const token = again ? (placement ?? '') : fresh;
    const team = rules.isTeam(ruled.state, person);
    const pass = team ? await this.vouch(ruled.state.hostTokenHash, room.code, person) : null;
    return { ok: true, value: { class: state.code, room: room.code, treatment: room.treatment, city: person.city, team, person: person.id, placement: token, again, ...(pass ? { pass } : {}) } };
  }

  /**
   * A new pass for a person placed on a team, its hash given to their room (party/game.ts
   * classVouch), so their join is seated at once; null if the room did not take it.
   */
  private async vouch(hostTokenHash: string, room: string, person: { id: string; city: string; name: string }): Promise<string | null> {
    const pass = newToken();
    const passHash = await hashToken(pass);
    const taken = await this.call(room, (stub) => stub.classVouch(hostTokenHash, { person: person.id, passHash, city: person.city, name: person.name }));
    return taken.ok ? pass : null;
  }

  /**
   * The host moves a person before the start. The placement changes first; then, if they
   * already sat in their old room, that room frees their seat and tells their screen, which
   * asks the class again and goes to the new room. `unseated`: the seats the old room freed
   * (0 if they had not joined it yet), or null if it did not answer: they then see the move
   * the next time they ask the class.
   */
  async move(hostTokenHash: string, person: string, room: string): Promise<ClassAnswer<{ person: string; room: string; city: string; unseated: number | null }>> {
    const state = this.host(hostTokenHash);
    if ('error' in state) return state.error;
    const before = state.people.find((p) => p.id === person);
    const ruled = rules.move(state, person, room);
    if (!ruled.ok) return ruled;
    await this.save(ruled.state);
    let unseated: number | null = 0;
    if (before && before.room !== ruled.value.room) {
      const from = state.rooms[before.room]!.code;
      const freed = await this.call(from, (stub) => stub.classUnseat(state.hostTokenHash, { name: before.name, city: before.city }));
      unseated = freed.ok ? freed.removed : null;
    }
    return { ok: true, value: { person: ruled.value.id, room: ruled.state.rooms[ruled.value.room]!.code, city: ruled.value.city, unseated } };
  }

  async status(hostTokenHash: string): Promise<ClassAnswer<ClassStatus>> {
    const state = this.host(hostTokenHash);
    if ('error' in state) return state.error;
    const answers = await this.statuses(state);
    return { ok: true, value: rules.classStatus(this.state ?? state, answers) };
  }

  /**
   * A host command for every room or one. `release` and `lock-step` set the class's flag. In
   * lock-step, `continue` is refused unless every room holds the same round in review, so the
   * reveal stays synchronised and the next round opens in all rooms together.
   */
  async command(hostTokenHash: string, action: RoomAction | 'release' | 'lock-step', only: string | null): Promise<ClassAnswer<{ lockStep: boolean; rooms: RoomOutcome[] }>> {
    const state = this.host(hostTokenHash);
    if ('error' in state) return state.error;
    if (action === 'release' || action === 'lock-step') {
      const lockStep = action === 'lock-step';
      await this.save({ ...state, lockStep });
      // Each room learns it too, so its own console neither opens the next round alone in step
      // nor waits for the class once released. A room that does not answer keeps what it had.
      const rooms = await Promise.all(
        state.rooms.map(async ({ code }): Promise<RoomOutcome> => {
          const a = await this.call(code, (stub) => stub.classLockStep(state.hostTokenHash, lockStep));
          return 'room' in a ? a : { room: code, ok: false, error: a.error };
        }),
      );
      return { ok: true, value: { lockStep, rooms } };
    }
    if (only !== null && rules.roomIndex(state, only) < 0) return { ok: false, status: 404, error: refusal('room', 'not-class-room', { room: only }) };
    if (action === 'continue' && state.lockStep) {
      if (only !== null) return { ok: false, status: 409, error: refusal('room', 'class-lock-step', {}) };
      const notReady = rules.readyToContinue(state, await this.statuses(state));
      if (notReady) return { ok: false, status: 409, error: notReady };
    }
    const targets = state.rooms.filter((r) => only === null || r.code === only).map((r) => r.code);
    const outcomes = await Promise.all(
      targets.map(async (code): Promise<RoomOutcome> => {
        const a = await this.call(code, (stub) => stub.classCommand(state.hostTokenHash, action));
        return 'room' in a ? a : { room: code, ok: false, error: a.error };
      }),
    );
    if (action === 'start' && outcomes.some((o) => o.ok) && this.state && !this.state.started) await this.save({ ...this.state, started: true });
    return { ok: true, value: { lockStep: (this.state ?? state).lockStep, rooms: outcomes } };
  }

  /**
   * Every room's record as it stands (party/game.ts `classRecord`), with its treatment tag,
   * for the comparison and the export; rooms that do not answer are listed apart.
   */
  async records(hostTokenHash: string): Promise<ClassAnswer<ClassRecords>> {
    const state = this.host(hostTokenHash);
    if ('error' in state) return state.error;
    const got = await Promise.all(state.rooms.map((r) => this.call(r.code, (stub) => stub.classRecord(state.hostTokenHash))));
    const rooms: ClassRoomRecord[] = [];
    const missing: { room: string; error: InputError }[] = [];
    for (const [i, answer] of got.entries()) {
      const room = state.rooms[i]!;
      if (answer.ok) rooms.push({ code: room.code, treatment: room.tag ?? treatmentTag(room), record: answer.record });
      else missing.push({ room: room.code, error: answer.error });
    }
    return { ok: true, value: { code: state.code, createdAt: state.createdAt, rooms, missing } };
  }

  private host(hostTokenHash: string): ClassState | { error: ClassAnswer<never> } {
    const state = this.state;
    if (!state) return { error: { ok: false, status: 404, error: refusal('code', 'no-class', {}) } };
    if (!sameHash(hostTokenHash, state.hostTokenHash)) return { error: { ok: false, status: 403, error: refusal('authorization', 'not-class-host', {}) } };
    return state;
  }

  private statuses(state: ClassState): Promise<StatusAnswer[]> {
    return Promise.all(state.rooms.map((r) => this.call(r.code, (stub) => stub.classStatus(state.hostTokenHash))));
  }

  /** One RPC to a room, bounded in time; a throw or a timeout is the room unreachable, never the class's failure. */
  private async call<T>(code: string, fn: (stub: RoomRpc) => Promise<T>): Promise<T | { ok: false; error: InputError }> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), this.callMs)));
    try {
      const stub = this.env.Game.get(this.env.Game.idFromName(code)) as unknown as RoomRpc;
      return await Promise.race([fn(stub), late]);
    } catch (err) {
      console.warn(`class ${this.state?.code}: room ${code}`, err);
      return { ok: false, error: refusal('(room)', 'room-unreachable', { room: code }) };
    } finally {
      clearTimeout(timer);
    }
  }
}
