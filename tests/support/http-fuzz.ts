/**
 * Generated requests for every route of the worker's API (tests/worker/fuzz.test.ts runs
 * them in-process against a real local D1; tests/room/security.test.ts sends some over HTTP
 * to `wrangler dev`): bodies bent at one place or junk, wrong content types, forged and
 * malformed bearer tokens, strange ids and paths, wrong methods. None may change the archive:
 * the generator never pairs the host's token with a real game in a request that writes.
 */
import fc from 'fast-check';
import { API_HEADERS } from '../../worker/headers';
import { CSV_FILES } from '../../core/protocol/archive';
import { junk, mutations, type Json } from './fuzz';

export interface HttpContext {
  hostToken: string;
  gameId: string;
  shareToken: string;
  /** Valid bodies to bend. */
  resolve: Json;
  createGame: Json;
  record: Json;
}

export interface Req {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  label: string;
}

const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
const strangeSegment = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)),
  fc.constantFrom('..', '%2e%2e%2f%2e%2e', '%00', 'a'.repeat(3000), '%3Cscript%3E', 'null', 'undefined', '0', '-1', 'K7PM3X-1', '%F0%9F%8E%89'),
);

export function requests(ctx: HttpContext, count: number, seed: number): Req[] {
  const auth = fc.oneof(
    { weight: 4, arbitrary: fc.constant(`Bearer ${ctx.hostToken}`) },
    { weight: 2, arbitrary: hex32.map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Bearer ', `Basic ${btoa('host:pass')}`, `Bearer ${ctx.hostToken.toUpperCase()}`, `bearer  ${ctx.hostToken}x`, `Bearer ${'x'.repeat(5000)}`, 'Bearer <script>') },
  );
  const strangerAuth = fc.oneof(hex32.map((t) => `Bearer ${t}`), fc.constantFrom('', 'Bearer', `Bearer ${ctx.hostToken.slice(1)}0`));
  const gameId = fc.oneof({ weight: 3, arbitrary: fc.constant(ctx.gameId) }, { weight: 2, arbitrary: strangeSegment });
  const otherId = strangeSegment;
  const file = fc.oneof(fc.constantFrom(...CSV_FILES.map((f) => `${f}.csv`)), strangeSegment);
  const shareToken = fc.oneof(fc.constant(ctx.shareToken), hex32, strangeSegment);
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '') },
  );
  const body = (valid: Json) =>
    fc.oneof(
      { weight: 6, arbitrary: mutations(valid).map((m) => JSON.stringify(m.value)) },
      { weight: 2, arbitrary: junk },
      { weight: 1, arbitrary: fc.constant(JSON.stringify(valid)) },
    );
  const get = (path: fc.Arbitrary<string>, withAuth = auth) =>
    fc.tuple(path, withAuth).map(([p, a]): Req => ({ method: 'GET', path: p, headers: a ? { authorization: a } : {}, label: `GET ${p.slice(0, 80)}` }));
  const post = (path: fc.Arbitrary<string>, bodies: fc.Arbitrary<string>, withAuth: fc.Arbitrary<string> = auth) =>
    fc.tuple(path, bodies, withAuth, contentType).map(([p, b, a, t]): Req => ({
      method: 'POST',
      path: p,
      headers: { ...(a ? { authorization: a } : {}), ...(t ? { 'content-type': t } : {}) },
      body: b,
      label: `POST ${p.slice(0, 80)} ${b.slice(0, 60)}`,
    }));
  const game = (suffix: string) => gameId.map((id) => `/api/archive/games/${id}${suffix}`);

  const arb = fc.oneof(
    get(fc.constantFrom('/api/health', '/api/scenarios')),
    get(fc.oneof(fc.constantFrom('classroom-4', 'zhejiang-mountain-sea'), strangeSegment).map((id) => `/api/scenarios/${id}`)),
    post(fc.constant('/api/rounds/resolve'), body(ctx.resolve)),
    post(fc.constant('/api/games'), body(ctx.createGame)),
    get(fc.constant('/api/archive/games')),
    get(fc.tuple(gameId, fc.constantFrom('', '?anonymous=1', '?anonymous=<x>')).map(([id, q]) => `/api/archive/games/${id}${q}`)),
    get(game('/export.json')),
    get(fc.tuple(gameId, file).map(([id, f]) => `/api/archive/games/${id}/export/${f}`)),
    get(game('/shares')),
    get(game('/replay')),
    // Writes: only with a token that is not the host's, or an id that is no game.
    fc.tuple(fc.oneof(fc.tuple(otherId, auth), fc.tuple(gameId, strangerAuth))).map(([[id, a]]): Req => ({ method: 'DELETE', path: `/api/archive/games/${id}`, headers: a ? { authorization: a } : {}, label: `DELETE game ${id.slice(0, 40)}` })),
    fc.tuple(gameId, otherId, auth).map(([id, share, a]): Req => ({ method: 'DELETE', path: `/api/archive/games/${id}/shares/${share}`, headers: a ? { authorization: a } : {}, label: `DELETE share ${share.slice(0, 40)}` })),
    post(game('/shares'), fc.oneof(mutations({ anonymous: true }).map((m) => JSON.stringify(m.value)), junk).filter((b) => !/^\s*\{\s*("anonymous"\s*:\s*(true|false)\s*)?\}\s*$/.test(b))),
    post(otherId.map((id) => `/api/archive/games/${id}/shares`), fc.constant('{"anonymous":true}')),
    post(game('/what-if'), fc.oneof(body({ withoutDeal: 'd1' }), body({ params: { congestion: 1.2 } }))),
    post(fc.constant('/api/replay'), body(ctx.record), fc.constant('')),
    get(shareToken.map((t) => `/api/shared/${t}`), fc.constant('')),
    get(fc.tuple(shareToken, fc.oneof(fc.constant('/export.json'), file.map((f) => `/export/${f}`))).map(([t, s]) => `/api/shared/${t}${s}`), fc.constant('')),
    // Wrong methods and paths that lead nowhere.
    fc.tuple(fc.constantFrom('PUT', 'PATCH', 'DELETE', 'POST', 'OPTIONS'), fc.constantFrom('/api/health', '/api/scenarios', '/api/archive/games', '/api/replay')).map(([m, p]): Req => ({ method: m, path: p, headers: {}, ...(m === 'POST' || m === 'PUT' || m === 'PATCH' ? { body: '{}' } : {}), label: `${m} ${p}` })),
    fc.array(strangeSegment, { minLength: 1, maxLength: 4 }).map((segs): Req => ({ method: 'GET', path: `/api/${segs.join('/')}`, headers: {}, label: `GET /api/${segs.join('/').slice(0, 60)}` })),
  );
  // A path that dot-segments take out of /api/ is no API request (URLs are normalised before any route sees them).
  return fc.sample(arb.filter((r) => new URL(r.path, 'http://enclave').pathname.startsWith('/api/')), { numRuns: count, seed });
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** What is wrong with an answer: an internal error, an error without a reason, a missing header. */
export function problems(req: Req, answer: Answer): string[] {
  const out: string[] = [];
  const type = answer.headers.get('content-type') ?? '';
  // 503: a room could not be created (POST /api/games); never an internal error.
  if (answer.status >= 500 && !(answer.status === 503 && req.path === '/api/games')) out.push(`status ${answer.status}`);
  if (answer.status >= 400) {
    if (!type.startsWith('application/json')) out.push(`an error as ${type || 'no content type'}`);
    try {
      const { error } = JSON.parse(answer.text) as { error?: { field?: unknown; rule?: unknown } };
      if (typeof error?.field !== 'string' || !error.field || typeof error.rule !== 'string' || !error.rule) out.push('an error without field and rule');
    } catch {
      out.push('an error that is not JSON');
    }
  } else if (!/^(application\/json|text\/csv)/.test(type)) out.push(`an answer as ${type || 'no content type'}`);
  for (const [name, value] of Object.entries(API_HEADERS)) if (answer.headers.get(name) !== value) out.push(`${name}: ${answer.headers.get(name)}`);
  if (answer.headers.get('access-control-allow-origin') !== null) out.push('a CORS header');
  return out;
}
