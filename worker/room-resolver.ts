/**
 * The rooms' door to the model: a WorkerEntrypoint that the SELF service binding points at
 * (wrangler.toml), so it is reachable from the rooms only, never from the internet. The
 * rooms keep calling `https://enclave/api/rounds/resolve` (party/resolver.ts); here that
 * path runs without the public route's per-client limit and work budget: a room resolves
 * what its own rules accepted, and a stranger's traffic must not make it wait or fail.
 */
import { WorkerEntrypoint } from 'cloudflare:workers';
import { Hono } from 'hono';
import { resolveWith } from './resolve';

const rooms = new Hono<{ Bindings: Env }>();
rooms.post('/api/rounds/resolve', resolveWith({}));
rooms.notFound((c) => c.json({ error: { field: '(path)', rule: 'the rooms reach only the resolve route here' } }, 404));

export class RoomResolver extends WorkerEntrypoint<Env> {
  override fetch(request: Request): Promise<Response> {
    return Promise.resolve(rooms.fetch(request, this.env, this.ctx));
  }
}
