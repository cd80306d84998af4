/**
 * The Worker: the entry point for every request. `/api/*` goes to the Hono API,
 * `/parties/*` to the game rooms (PartyServer Durable Objects), everything else to the
 * built web client (static assets, single-page fallback).
 */
import { routePartykitRequest } from 'partyserver';
import { CODE_PATTERN } from '../core/protocol/codes';
import { api } from './api';
import { clientAddress, clientKey } from './client';
import type { Env } from './env';
import { jsonError } from './headers';

export { Game } from '../party/game';
export { JoinGuard } from '../party/join-guard-object';
export { Archive } from './archive/entrypoint';

const notFound = () => jsonError(404, { field: '(path)', rule: 'no game has this code' });


/**
 * The join guard (party/join-guard.ts): an IP that tried too many codes leading nowhere is
 * refused for every room, so an existing room cannot be told from a missing one by trying.
 */
async function guard(request: Request, env: Env): Promise<Response | undefined> {
  const wait = await env.JoinGuard.get(env.JoinGuard.idFromName(clientKey(request, env))).check();
  if (wait <= 0) return undefined;
  const seconds = Math.ceil(wait / 1000);
  return jsonError(429, { field: 'code', rule: `too many attempts with codes that lead nowhere; try again in ${seconds} s` }, { 'retry-after': String(seconds) });
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

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/api/')) return api.fetch(request, env, ctx);
    if (url.pathname.startsWith('/parties/')) {
      const routed = await routePartykitRequest(withClientAddress(request, env), env as unknown as Record<string, unknown>, {
        // Only well-formed codes reach a room, only over WebSocket, and only from an IP the
        // join guard lets through: a room's HTTP side (/init) is for this Worker alone.
        onBeforeConnect: async (req, lobby) => (CODE_PATTERN.test(lobby.name) ? guard(req, env) : notFound()),
        onBeforeRequest: () => notFound(),
      });
      return routed ?? notFound();
    }
    return env.ASSETS.fetch(request);
  },
} satisfies ExportedHandler<Env>;
