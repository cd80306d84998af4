/**
 * The Worker as the integration tests run it when they inject faults: the production Worker
 * (worker/index.ts) unchanged, with the bindings its rooms and its archive use wrapped so the
 * calls the fault plan (faults.ts, from ENCLAVE_FAULTS) names fail for real.
 * tests/support/dev-server.ts starts `wrangler dev` on this file instead of wrangler.toml's
 * `main` when a test passes ENCLAVE_FAULTS; the deployed Worker has no fault hooks at all.
 *
 *   resolve    the room's MODEL binding answers the chosen calls itself (throws, refuses the
 *              round, answers something malformed) or never (hang, until the room's own
 *              timeout gives up on the call)
 *   archive    the room's ARCHIVE binding fails the room's first hand-overs before they leave
 *   archiveDb  the archive entrypoint's first saves run on a D1 that cannot be reached
 *   roomInit   the chosen requests of the Worker to set up a room reach a room that answers
 *              500, as an overloaded or broken object does (worker/rooms.ts createRoom)
 *
 * And one route the production Worker does not have: `POST /api/__faults/abort/<code>` aborts that
 * one room's Durable Object (`ctx.abort()`: its memory and connections are gone, its storage
 * stays, the next call starts it again), so a test can kill one room while the others go on.
 * (Under /api/ because only /api/* and /parties/* reach the Worker before the static assets.)
 */
import worker, { Archive as RealArchive, Game as RealGame } from '../../../worker/index';
import type { ResolveRequest } from '../../../core/protocol/api';
import type { SaveAnswer } from '../../../core/protocol/archive';
import { parseFaults, resolveFault, type Faults } from './faults';

export { JoinGuard, Model, ClassRoom } from '../../../worker/index';

const ABORT_PATH = /^\/api\/__faults\/abort\/([23456789A-HJ-NP-Z]{6})$/;

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const code = request.method === 'POST' ? ABORT_PATH.exec(new URL(request.url).pathname)?.[1] : undefined;
    if (!code) return worker.fetch(request, withBinding(env, 'Game', faultyRooms(env.Game, plan(env))), ctx);
    const stub = env.Game.get(env.Game.idFromName(code)) as unknown as { faultAbort(): Promise<void> };
    // The aborted object's call fails by design.
    await stub.faultAbort().catch(() => undefined);
    return new Response('aborted');
  },
} satisfies ExportedHandler<Env>;

type FaultEnv = Env & { ENCLAVE_FAULTS?: string };
const plan = (env: Env): Faults => parseFaults((env as FaultEnv).ENCLAVE_FAULTS);

/** The bindings with one replaced; everything else is the runtime's own. */
function withBinding<K extends keyof Env>(env: Env, key: K, value: unknown): Env {
  return new Proxy(env, { get: (target, k) => (k === key ? value : Reflect.get(target, k)) });
}

/** Requests to set up a room this isolate's Worker has made. */
let roomInits = 0;

/**
 * The Game namespace as the Worker sees it: every stub is the runtime's own, but a set-up
 * request the plan names is answered 500 without reaching the room (which stays empty, as a
 * room whose set-up failed does). Everything else, RPC included, goes to the real stub.
 */
function faultyRooms(games: Env['Game'], faults: Faults): Env['Game'] {
  if (faults.roomInit.length === 0) return games;
  const stubOf = (stub: DurableObjectStub) =>
    new Proxy(stub, {
      get(target, key) {
        if (key !== 'fetch') return Reflect.get(target, key, target);
        return (input: RequestInfo | URL, init?: RequestInit) => {
          const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
          if (url === 'https://room/init' && faults.roomInit.includes(++roomInits)) return Promise.resolve(new Response('injected fault', { status: 500 }));
          return target.fetch(input, init);
        };
      },
    });
  return new Proxy(games, {
    get(target, key) {
      if (key === 'get') return (...args: Parameters<Env['Game']['get']>) => stubOf(target.get(...args));
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Resolve calls seen per round by this isolate (a test server runs one). */
const resolveCalls = new Map<number, number>();

/** The MODEL binding as a room sees it: the chosen calls fail, the others reach the model's entrypoint. */
function faultyModel(model: Env['MODEL'], faults: Faults): Env['MODEL'] {
  const resolve = (request: ResolveRequest): Promise<unknown> => {
    const round = request.state.round + 1;
    const call = resolveCalls.get(round) ?? 0;
    resolveCalls.set(round, call + 1);
    switch (resolveFault(faults, round, call)) {
      case 'throw':
        // What a failure that may pass looks like over RPC: the call rejects.
        return Promise.reject(new Error('injected fault'));
      case 'refuse':
        return Promise.resolve({ ok: false, refusal: { field: 'decisions', code: 'invalid', args: { detail: 'injected refusal' }, rule: 'injected refusal' } });
      case 'malformed':
        return Promise.resolve({ ok: true, state: true });
      case 'hang':
        // No answer ever: the room's own timeout ends the wait, as with a real hang.
        return new Promise<never>(() => undefined);
      case null:
        return model.resolve(request);
    }
  };
  return { resolve } as unknown as Env['MODEL'];
}

/** The ARCHIVE binding as one room sees it: its first hand-overs fail before they leave. */
function faultyArchive(archive: Env['ARCHIVE'], faults: Faults): Env['ARCHIVE'] {
  let calls = 0;
  const save = (record: unknown, hostTokenHash: string) =>
    calls++ < faults.archive ? Promise.reject(new Error('injected fault')) : archive.save(record, hostTokenHash);
  return { save } as unknown as Env['ARCHIVE'];
}

export class Game extends RealGame {
  constructor(ctx: DurableObjectState, env: Env) {
    const faults = plan(env);
    super(ctx, withBinding(withBinding(env, 'MODEL', faultyModel(env.MODEL, faults)), 'ARCHIVE', faultyArchive(env.ARCHIVE, faults)));
  }

  /** Kill this room: as if its machine went away mid-round (storage survives, memory does not). */
  faultAbort(): void {
    this.ctx.abort('killed by a test');
  }
}

/**
 * D1 as it looks when it is unavailable: every statement fails, as the real binding's calls
 * do when the database cannot be reached.
 */
function unavailable(): D1Database {
  const fail = () => Promise.reject(new Error('D1_ERROR: the database is unavailable (injected fault)'));
  const statement = { bind: () => statement, first: fail, run: fail, all: fail, raw: fail };
  return { prepare: () => statement, batch: fail, exec: fail } as unknown as D1Database;
}

/** Saves this isolate's archive has taken. */
let saves = 0;

export class Archive extends RealArchive {
  override save(record: unknown, hostTokenHash: string): Promise<SaveAnswer> {
    if (saves++ >= plan(this.env).archiveDb) return super.save(record, hostTokenHash);
    // The very same save, on a database that cannot be reached.
    const offline = Object.create(this, { env: { value: withBinding(this.env, 'DB', unavailable()) } }) as RealArchive;
    return RealArchive.prototype.save.call(offline, record, hostTokenHash);
  }
}
