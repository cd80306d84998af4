/**
 * The rooms' door to the model: an RPC entrypoint reached only through the MODEL service
 * binding (wrangler.toml), never from the internet, as the archive's is
 * (worker/archive/entrypoint.ts). A room calls `env.MODEL.resolve(request)` and gets the
 * round resolved or refused (core/protocol/api.ts `ResolveAnswer`); anything thrown is a
 * failure that may pass, and the room retries it. No per-client limit or work budget here: a
 * room resolves what its own rules accepted, and a stranger's traffic must not make it wait.
 */
import { WorkerEntrypoint } from 'cloudflare:workers';
import { resolveRequestSchema, type ResolveAnswer, type ResolveRequest } from '../core/protocol/api';
import { check } from '../core/protocol/validate';
import { resolveChecked } from './resolve';

export class Model extends WorkerEntrypoint<Env> {
  /** The request is checked like any input: what arrives over a binding is not trusted to be what its type says. */
  resolve(request: ResolveRequest): ResolveAnswer {
    const checked = check(resolveRequestSchema, request);
    if (!checked.ok) return { ok: false, refusal: checked.error };
    return resolveChecked(checked.value);
  }
}
