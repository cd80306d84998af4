/**
 * Reading a JSON body: declared as JSON or 415, within a size limit or 413, JSON of the right
 * shape or 400. Requiring `application/json` also keeps out what a page of another site can
 * send without asking first (a form post: text/plain, urlencoded, multipart).
 */
import type { GenericSchema, InferOutput } from 'valibot';
import { MAX_BODY_BYTES } from '../core/protocol/api';
import { checkJson, type InputError } from '../core/protocol/validate';

export type Body<T> = { ok: true; value: T } | { ok: false; status: 400 | 413 | 415; error: InputError };

export async function readBody<S extends GenericSchema>(request: Request, schema: S, limit = MAX_BODY_BYTES): Promise<Body<InferOutput<S>>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return { ok: false, status: 415, error: { field: 'content-type', rule: 'must be application/json' } };
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) return tooBig(limit);
  const text = await request.text();
  // The header can be absent or wrong (chunked uploads): count the bytes actually read.
  if (text.length > limit || new TextEncoder().encode(text).length > limit) return tooBig(limit);
  const checked = checkJson(schema, text);
  return checked.ok ? checked : { ok: false, status: 400, error: checked.error };
}

function tooBig(limit: number): Body<never> {
  return { ok: false, status: 413, error: { field: '(body)', rule: `must be at most ${limit} bytes` } };
}
