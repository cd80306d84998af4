/**
 * The Worker: the entry point for every request. `/api/*` goes to the Hono API,
 * `/parties/*` to the game rooms (PartyServer Durable Objects), everything else to the
 * built web client (static assets, single-page fallback).
 */
import { routePartykitRequest } from 'partyserver';
import { CODE_PATTERN } from '../core/protocol/codes';
import { api } from './api';
import type { Env } from './env';

export { Game } from '../party/game';
export { Archive } from './archive/entrypoint';

const notFound = () => Response.json({ error: { field: '(path)', rule: 'no game has this code' } }, { status: 404 });

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/api/')) return api.fetch(request, env, ctx);
    if (url.pathname.startsWith('/parties/')) {
      const routed = await routePartykitRequest(request, env as unknown as Record<string, unknown>, {
        // Only well-formed codes reach a room, and only over WebSocket: a room's HTTP
        // side (/init) is for this Worker alone.
        onBeforeConnect: (_req, lobby) => (CODE_PATTERN.test(lobby.name) ? undefined : notFound()),
        onBeforeRequest: () => notFound(),
      });
      return routed ?? notFound();
    }
    return env.ASSETS.fetch(request);
  },
} satisfies ExportedHandler<Env>;
