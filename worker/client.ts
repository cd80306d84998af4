/**
 * Who is asking: the one place the Worker decides a request's client address.
 *
 * On Cloudflare, `CF-Connecting-IP` is set by the platform and a client cannot forge it. Under
 * `npm start` (wrangler dev) nothing sets it, so any client could send its own and pose as
 * any address (rotating it defeated the join guard; spoofing 127.0.0.1 locked the real host
 * out). So in local mode (`ENCLAVE_LOCAL=1`, set by scripts/start.mjs and the test server)
 * no client header is trusted: every request is the one local client, and per-address limits
 * that would then fall on a whole classroom are the caller's to relax (null below).
 */

/** The address a per-client limit may key on, or null where none can be trusted. */
export function clientAddress(request: Request, env: Pick<Env, 'ENCLAVE_LOCAL'>): string | null {
  if (env.ENCLAVE_LOCAL === '1') return null;
  return request.headers.get('cf-connecting-ip');
}

/** A key for limits that must still count somewhere in local mode (the join guard, rate limits). */
export const clientKey = (request: Request, env: Pick<Env, 'ENCLAVE_LOCAL'>): string => clientAddress(request, env) ?? 'local';
