/**
 * A host proves who they are with their host token (`Authorization: Bearer <token>`); the
 * server keeps only its SHA-256 (core/protocol/tokens.ts). Shared by the archive's routes and
 * the regions' routes, which both list what a host owns by that hash.
 */
import type { Context } from 'hono';
import { sha256 } from '../core/protocol/tokens';
import { refusal } from '../core/protocol/refusals';
import type { InputError } from '../core/protocol/validate';

export const TOKEN = /^[0-9a-f]{32}$/;

/** The host hash behind the request's bearer token, or the reason it has none (answered 401). */
export async function hostOf(c: Context): Promise<{ ok: true; hash: string } | { ok: false; error: InputError }> {
  const header = c.req.header('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) return { ok: false, error: refusal('authorization', 'bearer', {}) };
  if (!TOKEN.test(token)) return { ok: false, error: refusal('authorization', 'bearer-token', {}) };
  return { ok: true, hash: await sha256(token) };
}
