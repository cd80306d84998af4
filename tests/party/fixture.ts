/** A room in memory for the rules' unit tests: classroom-4, no server, a clock the test moves. */
import { initialState, resolveRound } from '../../core/model';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import type { GameState } from '../../core/protocol/state';
import type { InputError } from '../../core/protocol/validate';
import { act, type Action, type Actor, type RuleEnv } from '../../party/logic';
import { newRoom, type Room } from '../../party/room';
import type { KeyValueStorage } from '../../party/store';
import { dealNumber } from '../../core/deals';
import { dealKey } from '../../party/rules/deals';
import { scenario as loadScenario } from '../support/model';

export const scenario = loadScenario('classroom-4');
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const HOST: Actor = { role: 'host' };
/** The fixture room's host token hash: it keys the room's deal numbers (party/rules/deals.ts). */
export const HOST_TOKEN_HASH = 'a'.repeat(64);
/** The id the fixture room gives its n-th deal (ids are a keyed permutation, core/deals/ids.ts). */
export const dealId = (n: number): string => `d${dealNumber(n, dealKey(HOST_TOKEN_HASH))}`;
export const SPECTATOR: Actor = { role: 'spectator' };

export function env(now = T0, over: Partial<RuleEnv> = {}): RuleEnv {
  return { now, scenario, online: () => true, ...over };
}

export function lobby(settings: Partial<Room['meta']['settings']> = {}): Room {
  const s = { scenario: 'classroom-4', rounds: 3, roundSeconds: 60, reviewSeconds: 0 as number | null, practice: false, scoring: 'scorecard' as const, sealed: true, bots: true, language: 'en' as const, params: {}, seed: 42, ...settings };
  return newRoom('K7PM3X', { settings: s, state: initialState(scenario, { seed: s.seed }), cities: scenario.regions.map((r) => r.id), hostTokenHash: HOST_TOKEN_HASH }, T0);
}

/** Apply an action that must succeed. */
export function must(room: Room, actor: Actor, msg: Action, e = env(), tokenHash = 'b'.repeat(64)): Room {
  const out = act(room, actor, msg, e, tokenHash);
  if (!out.ok) throw new Error(`${msg.type} refused: ${out.error.field}: ${out.error.rule}`);
  return out.room;
}

/** Apply an action that must be refused; the refusal. */
export function refused(room: Room, actor: Actor, msg: Action, e = env()): InputError {
  const out = act(room, actor, msg, e, 'c'.repeat(64));
  if (out.ok) throw new Error(`${msg.type} was accepted`);
  return out.error;
}

/** The player actor of the member named `name`. */
export function player(room: Room, name: string): Actor {
  const member = room.meta.members.find((m) => m.name === name);
  if (!member) throw new Error(`nobody named ${name}`);
  return { role: 'player', member };
}

/** A lobby with Ana and Ada in hillton (a team), Ben in seaport, Cai in rivertown; metropolis empty. */
export function seated(settings: Partial<Room['meta']['settings']> = {}): Room {
  let room = lobby(settings);
  room = must(room, SPECTATOR, { type: 'join', name: 'Ana', city: 'hillton', team: false });
  room = teamJoin(room, 'Ada', 'hillton');
  room = must(room, SPECTATOR, { type: 'join', name: 'Ben', city: 'seaport', team: false });
  room = must(room, SPECTATOR, { type: 'join', name: 'Cai', city: 'rivertown', team: false });
  return room;
}

/** A team join: a request to a taken seat, approved by the host (rules/doors.ts). */
export function teamJoin(room: Room, name: string, city: string, tokenHash = 'b'.repeat(64)): Room {
  const asked = must(room, SPECTATOR, { type: 'join', name, city, team: true }, env(), tokenHash);
  const request = asked.meta.requests.at(-1)!;
  return must(asked, HOST, { type: 'approve', request: request.id, accept: true });
}

export function started(settings: Partial<Room['meta']['settings']> = {}): Room {
  return must(seated(settings), HOST, { type: 'start' });
}

export function decisions(round: number, x = 0.1, over: Partial<Decisions> = {}): Decisions {
  return { ...noDecisions(round), subsidies: { talent: x, startups: x, capital: x }, ...over };
}

/** What the resolver would answer for the frozen round: the real model, in-process. */
export function resolverAnswer(room: Room): { state: GameState; result: ReturnType<typeof resolve>['result'] } {
  return resolve(room);
}

function resolve(room: Room) {
  if (!room.resolving) throw new Error('no round is being resolved');
  const { decisions, deals, events } = room.resolving;
  const out = resolveRound(scenario, room.state, decisions, { deals, events });
  if (!out.ok) throw new Error(`${out.error.field}: ${out.error.rule}`);
  return { state: out.state, result: out.result };
}

/** The same feasible park the deal book's tests use: hillton sponsors it in rivertown. */
export { park } from '../deals/fixture';

/** Durable Object storage as the store uses it (party/store.ts): a map of structured clones. */
export class FakeStorage implements KeyValueStorage {
  readonly data = new Map<string, unknown>();
  async get<T>(key: string) {
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async list<T>({ prefix }: { prefix: string }) {
    const keys = [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
    return new Map(keys.map((k) => [k, structuredClone(this.data.get(k)) as T]));
  }
  async put(entries: Record<string, unknown>) {
    for (const [k, v] of Object.entries(entries)) this.data.set(k, structuredClone(v));
  }
  async delete(keys: string[]) {
    return keys.filter((k) => this.data.delete(k)).length;
  }
}
