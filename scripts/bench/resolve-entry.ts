/**
 * The Worker as the resolve-path benchmark runs it (scripts/bench/resolve.ts): the production
 * Worker (worker/index.ts) unchanged, with the room's clock read at three moments of each
 * resolution, as the room sees them: the message that closed the round arrives, the call to
 * the model leaves, its answer is back. Nothing else changes: the rooms' model binding is
 * wrapped only to read the clock around the call.
 *
 * The times are workerd's `Date.now()`, which advances only when I/O completes (a Worker
 * cannot time its own synchronous code): each moment is the last I/O event before it, so
 * synchronous work counts in the phase in which it runs.
 *
 * `GET /api/__bench/resolve` answers the moments recorded so far by this isolate (a
 * `wrangler dev` runs one, shared by the rooms and the Worker). `POST /api/__bench/call` with
 * `{request, calls}` makes the room's own call to the model (party/resolver.ts) that many
 * times in a row, with no room around it, and answers the ms they took together.
 */
import type { ResolveRequest } from '../../core/protocol/api';
import { callModel } from '../../party/resolver';
import worker, { Game as RealGame } from '../../worker/index';

export { JoinGuard, Archive, Model } from '../../worker/index';

export interface ResolveMoments {
  /** The room took the message that closed the round (its handler started). */
  message: number;
  /** The room called the model. */
  call: number;
  /** The model's answer was back in the room. */
  answer: number;
}

const moments: ResolveMoments[] = [];
let lastMessage = 0;

/** The bindings with one replaced; everything else is the runtime's own. */
function withBinding<K extends keyof Env>(env: Env, key: K, value: unknown): Env {
  return new Proxy(env, { get: (target, k) => (k === key ? value : Reflect.get(target, k)) });
}

/** The model binding as the room sees it, with the clock read around each call. */
function timedModel(model: Env['MODEL']): Env['MODEL'] {
  const resolve = async (request: ResolveRequest) => {
    const message = lastMessage;
    const call = Date.now();
    const answer = await model.resolve(request);
    moments.push({ message, call, answer: Date.now() });
    return answer;
  };
  return { resolve } as unknown as Env['MODEL'];
}

export class Game extends RealGame {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, withBinding(env, 'MODEL', timedModel(env.MODEL)));
  }

  override onMessage(...args: Parameters<RealGame['onMessage']>): Promise<void> {
    // A submission (the benchmark closes each round with one), not the acknowledgements
    // the clients send as the room's answer reaches them.
    if (typeof args[1] === 'string' && args[1].startsWith('{"type":"submit"')) lastMessage = Date.now();
    return super.onMessage(...args);
  }
}

async function callsInARow(request: Request, env: Env): Promise<Response> {
  const { request: resolve, calls } = (await request.json()) as { request: ResolveRequest; calls: number };
  const t0 = Date.now();
  for (let i = 0; i < calls; i++) {
    const answer = await callModel(env.MODEL, resolve, 20_000);
    if (!answer.ok) return Response.json({ error: answer.error }, { status: 500 });
  }
  return Response.json({ ms: Date.now() - t0 });
}

export default {
  fetch(request, env, ctx) {
    const path = new URL(request.url).pathname;
    if (path === '/api/__bench/resolve') return Response.json(moments);
    if (path === '/api/__bench/call') return callsInARow(request, env);
    return worker.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
