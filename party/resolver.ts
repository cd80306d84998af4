/**
 * The room's call to the model: `env.MODEL.resolve(request)` over the MODEL service binding,
 * an RPC entrypoint of the same Worker (worker/model.ts). It can fail in every way a remote
 * call can (it throws, hangs, or answers something malformed), so this never throws: it
 * answers the checked response, or a short reason for the host and whether the model refused.
 */
import { resolveAnswerSchema, type ResolveRequest, type ResolveResponse } from '../core/protocol/api';
import { check, describe } from '../core/protocol/validate';

export const DEFAULT_RESOLVE_TIMEOUT_MS = 20_000;

/**
 * `refused`: the model answered that the request breaks a rule. The same request will be
 * refused again, so the room stops retrying it (party/rules/rounds.ts). Anything else that
 * fails may pass, and is retried.
 */
export type Resolved = { ok: true; value: ResolveResponse } | { ok: false; error: string; refused?: boolean };

/** What the room needs of the binding (the tests' fault entry wraps exactly this). */
export type ModelBinding = Pick<Env['MODEL'], 'resolve'>;

class Timeout extends Error {}

export async function callModel(model: ModelBinding, request: ResolveRequest, timeoutMs: number): Promise<Resolved> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    // An RPC call takes no AbortSignal: the room stops waiting, and drops a late answer.
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout()), timeoutMs)));
    const answer = check(resolveAnswerSchema, await Promise.race([model.resolve(request), late]));
    if (!answer.ok) return { ok: false, error: `the model's answer is malformed (${describe(answer.error)})` };
    if (!answer.value.ok) return { ok: false, error: describe(answer.value.refusal), refused: true };
    const { state, result } = answer.value;
    const round = request.state.round + 1;
    if (result.round !== round || state.round !== round) return { ok: false, error: `the model answered for round ${result.round}, not ${round}` };
    return { ok: true, value: { state, result } };
  } catch (err) {
    if (err instanceof Timeout) return { ok: false, error: `the model did not answer within ${Math.round(timeoutMs / 1000)} s` };
    return { ok: false, error: `the model failed (${err instanceof Error ? err.message : String(err)})` };
  } finally {
    clearTimeout(timer);
  }
}
