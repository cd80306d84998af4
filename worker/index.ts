/**
 * The Worker: the entry point for every request. `/api/*` goes to the Hono API,
 * `/parties/*` to the rooms' door (worker/door.ts), everything else to the built web client
 * (static assets, single-page fallback).
 */
import { api } from './api';
import { door } from './door';

export { Game } from '../party/game';
export { JoinGuard } from '../party/join-guard-object';
export { ClassRoom } from '../party/class-room';
export { Archive } from './archive/entrypoint';
export { Model } from './model';

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/api/')) return api.fetch(request, env, ctx);
    if (url.pathname.startsWith('/parties/')) return door(request, env);
    return env.ASSETS.fetch(request);
  },
} satisfies ExportedHandler<Env>;
