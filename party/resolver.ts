/**
 * The call to the worker's resolve route over the SELF service binding. It can fail in
 * every way a remote call can (an error status, a hang, a malformed answer), so it never
 * throws: it answers the checked response or a short reason for the host.
 */
import { resolveResponseSchema, type ResolveRequest, type ResolveResponse } from '../core/protocol/api';
import { checkJson, describe } from '../core/protocol/validate';

export const DEFAULT_RESOLVE_TIMEOUT_MS = 20_000;

/**
 * `refused`: the resolver answered that the request breaks a rule (a 4xx other than 408 and
 * 429). The same request will be refused again, so the room stops retrying it (party/rules/rounds.ts).
 */
export type Resolved = { ok: true; value: ResolveResponse } | { ok: false; error: string; refused?: boolean };

const refusedStatus = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

export async function callResolver(self: Fetcher, request: ResolveRequest, timeoutMs: number): Promise<Resolved> {
  try {
    const response = await self.fetch('https://enclave/api/rounds/resolve', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) return { ok: false, error: `the resolver answered ${response.status}: ${text.slice(0, 200)}`, refused: refusedStatus(response.status) };
    const body = checkJson(resolveResponseSchema, text);
    if (!body.ok) return { ok: false, error: `the resolver's answer is malformed (${describe(body.error)})` };
    const round = request.state.round + 1;
    if (body.value.result.round !== round || body.value.state.round !== round) {
      return { ok: false, error: `the resolver answered for round ${body.value.result.round}, not ${round}` };
    }
    return { ok: true, value: body.value };
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, error: `the resolver did not answer within ${Math.round(timeoutMs / 1000)} s` };
    return { ok: false, error: `the resolver could not be reached (${err instanceof Error ? err.message : String(err)})` };
  }
}
