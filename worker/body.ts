/**
 * Reading a JSON body: declared as JSON or 415, within a size limit or 413, JSON of the right
 * shape or 400. Requiring `application/json` also keeps out what a page of another site can
 * send without asking first (a form post: text/plain, urlencoded, multipart).
 *
 * The body is read as a stream and counted as it arrives: a body over the limit is cut off
 * at the limit (the rest is never read or held), whatever its Content-Length says (chunked
 * uploads have none). A route whose work grows with what the body asks for passes `cost`,
 * a cheap look at the parsed JSON that refuses too much work before the schema (itself
 * costly on a big body) and the model run.
 */
import type { GenericSchema, InferOutput } from 'valibot';
import { MAX_BODY_BYTES } from '../core/protocol/api';
import { check, type InputError } from '../core/protocol/validate';
import { refusal } from '../core/protocol/refusals';

export type Refusal = { status: 400 | 409 | 413 | 415; error: InputError };
export type Body<T> = ({ ok: true; value: T }) | ({ ok: false } & Refusal);

export interface BodyOptions {
  limit?: number;
  /** Refuse the parsed JSON before schema validation: too much work asked for, say. */
  cost?: (raw: unknown) => Refusal | null;
}

export async function readBody<S extends GenericSchema>(request: Request, schema: S, options: number | BodyOptions = {}): Promise<Body<InferOutput<S>>> {
  const { limit = MAX_BODY_BYTES, cost } = typeof options === 'number' ? { limit: options } : options;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return { ok: false, status: 415, error: refusal('content-type', 'json-body', {}) };
  const text = await readText(request, limit);
  if (text === null) return tooBig(limit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, error: refusal('(message)', 'invalid-json', {}) };
  }
  const refused = cost?.(parsed);
  if (refused) return { ok: false, ...refused };
  const checked = check(schema, parsed);
  return checked.ok ? checked : { ok: false, status: 400, error: checked.error };
}

/** The body as text, or null once more than `limit` bytes arrive (reading stops there). */
export async function readText(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function tooBig(limit: number): Body<never> {
  return { ok: false, status: 413, error: refusal('(body)', 'body-size', { max: limit }) };
}
