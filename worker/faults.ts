/**
 * The resolve route's side of fault injection (party/faults.ts): a middleware that, only
 * when the test-only ENCLAVE_FAULTS variable is set, makes chosen calls fail for real.
 * Never set that variable in wrangler.toml or in a deployment.
 */
import type { MiddlewareHandler } from 'hono';
import { parseFaults, resolveFault } from '../party/faults';

/** Calls seen per round by this isolate (a test server runs one). */
const calls = new Map<number, number>();

export const resolveFaults: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  // In-process tests run the app without bindings at all.
  if (!c.env?.ENCLAVE_FAULTS) return next();
  const body = (await c.req.raw.clone().json().catch(() => null)) as { state?: { round?: unknown } } | null;
  const round = typeof body?.state?.round === 'number' ? body.state.round + 1 : 0;
  const call = calls.get(round) ?? 0;
  calls.set(round, call + 1);
  switch (resolveFault(parseFaults(c.env.ENCLAVE_FAULTS), round, call)) {
    case '500':
      return c.json({ error: { field: '(server)', rule: 'injected fault' } }, 500);
    case '400':
      return c.json({ error: { field: 'decisions', rule: 'injected refusal' } }, 400);
    case 'hang':
      // Long enough for the caller to time out; a timer keeps the runtime from calling it a hang.
      await new Promise((r) => setTimeout(r, 600_000));
      return c.json({ error: { field: '(server)', rule: 'injected hang' } }, 500);
    case 'malformed':
      return c.text('{"state": tru', 200, { 'content-type': 'application/json' });
    case null:
      return next();
  }
};
