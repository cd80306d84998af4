/**
 * Headers on every API answer, chosen on purpose (docs/security.md): the API answers JSON,
 * CSV and downloads to this site's own client only.
 *
 * - No `Access-Control-Allow-Origin`: there is no CORS. Pages of other origins cannot read
 *   answers, and cannot send the `Authorization` header (the preflight fails), so a host
 *   token only ever travels from this site's own pages.
 * - `nosniff` and a CSP that allows nothing: an answer is never run as script or a page, even
 *   one that holds text players typed (an export opened in a browser tab).
 * - `no-store`: archive answers hold a host's games; no cache keeps them.
 * - `no-referrer`, `DENY` framing, same-origin resource policy: nothing of an answer leaks
 *   to, or is embedded by, another site.
 */
import type { MiddlewareHandler } from 'hono';
import type { InputError } from '../core/protocol/validate';

export const API_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Set API_HEADERS on every answer, the API's errors and 404s included. */
export const apiHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(API_HEADERS)) c.res.headers.set(name, value);
};

/** A JSON error answer outside the Hono app (the rooms' door), with the same headers. */
export function jsonError(status: number, error: InputError, headers: Record<string, string> = {}): Response {
  return Response.json({ error }, { status, headers: { ...API_HEADERS, ...headers } });
}
