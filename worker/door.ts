/**
 * The rooms' door: every request under `/parties/`. Only a WebSocket GET to
 * `/parties/game/<code>` for a code in the room registry reaches a room (a Game Durable
 * Object). Everything else is answered here, with the API's security headers:
 *
 * - another path, method or namespace (`/parties/Game/X`, `/parties/join-guard/X`, a POST
 *   that carries an `Upgrade` header): a JSON 4xx, never a room and never a 500;
 * - a class code (worker/classes.ts): the Worker accepts the WebSocket, says "this is a class
 *   code" (`class-code`, with the code) and closes it with 4404: the client joins the class
 *   instead (POST /api/classes/:code/join);
 * - a well-formed code with no game: the join guard counts the miss for this client
 *   (worker/client.ts), and the Worker itself accepts the WebSocket, says "no game has this
 *   code" and closes it with 4404, as a room would; no Durable Object is woken or created;
 * - past the guard's limit, such a miss is refused with 429 and Retry-After.
 *
 * A code that holds a game is admitted whatever the guard says (party/join-guard.ts).
 */
import { routePartykitRequest } from 'partyserver';
import { CODE_PATTERN } from '../core/protocol/codes';
import { clientAddress, clientKey } from './client';
import { API_HEADERS, jsonError } from './headers';
import { kindOf } from './room-registry';
import { refusal } from '../core/protocol/refusals';
import type { ServerMessage } from '../core/protocol/room';

const ROOM_PATH = /^\/parties\/game\/([^/]+)$/;

const notFound = () => jsonError(404, refusal('(path)', 'no-game', {}));

export async function door(request: Request, env: Env): Promise<Response> {
  const code = ROOM_PATH.exec(new URL(request.url).pathname)?.[1];
  if (code === undefined || !CODE_PATTERN.test(code)) return notFound();
  const upgrade = (request.headers.get('upgrade') ?? '').toLowerCase();
  if (upgrade !== 'websocket') return jsonError(404, refusal('(path)', 'websocket-only', {}));
  if (request.method !== 'GET') return jsonError(405, refusal('(method)', 'websocket-get', {}), { allow: 'GET' });
  const kind = await kindOf(env.DB, code);
  if (kind === 'game') {
    const routed = await routePartykitRequest(withClientAddress(request, env), env);
    return routed ? withHeaders(routed) : notFound();
  }
  // A class code typed where a room code goes: say it is one, so the client joins the class (not a miss).
  if (kind === 'class') return answerAndClose(refusal('code', 'class-code', { code }), 'class code');
  const wait = await env.JoinGuard.get(env.JoinGuard.idFromName(clientKey(request, env))).miss();
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    return jsonError(429, refusal('code', 'code-attempts', { seconds }), { 'retry-after': String(seconds) });
  }
  return noSuchGame();
}

/**
 * The room counts connections and joins per address (party/persons.ts) from `x-enclave-ip`,
 * which only this Worker sets, from the platform's client address; a client's own is
 * dropped. In local mode there is no trusted address, so none is sent (per-address limits off).
 */
function withClientAddress(request: Request, env: Env): Request {
  const headers = new Headers(request.headers);
  headers.delete('x-enclave-ip');
  const ip = clientAddress(request, env);
  if (ip) headers.set('x-enclave-ip', ip);
  return new Request(request, { headers });
}

/** The answer a room gives a code with no game, given by the Worker: one error frame, then close 4404. */
function noSuchGame(): Response {
  return answerAndClose(refusal('code', 'no-game', {}), 'no such game');
}

/** One error frame, then close 4404 (the client does not reconnect): no room is woken. */
function answerAndClose(error: ReturnType<typeof refusal>, reason: string): Response {
  const { 0: client, 1: server } = new WebSocketPair();
  server.accept();
  server.send(JSON.stringify({ type: 'error', about: null, ...error } satisfies ServerMessage));
  server.close(4404, reason);
  return new Response(null, { status: 101, webSocket: client });
}

/** The API's security headers on a room's HTTP answer (a 101 switching to WebSocket is left alone). */
function withHeaders(response: Response): Response {
  if (response.status === 101) return response;
  const out = new Response(response.body, response);
  for (const [name, value] of Object.entries(API_HEADERS)) out.headers.set(name, value);
  return out;
}
