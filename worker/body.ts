/** Reading a JSON body with a size limit: too big is 413, not JSON or wrong shape is 400. */
import type { GenericSchema, InferOutput } from 'valibot';
import { MAX_BODY_BYTES } from '../core/protocol/api';
import { checkJson, type InputError } from '../core/protocol/validate';

export type Body<T> = { ok: true; value: T } | { ok: false; status: 400 | 413; error: InputError };

export async function readBody<S extends GenericSchema>(request: Request, schema: S, limit = MAX_BODY_BYTES): Promise<Body<InferOutput<S>>> {
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
