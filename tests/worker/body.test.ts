/**
 * Reading a body (worker/body.ts): counted as it streams in and cut off at the limit, the
 * rest never read; and a route's cost check runs before the schema.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { readBody, readText } from '../../worker/body';
import { refusal } from '../../core/protocol/refusals';

/** A body that never ends, counting what was read of it. */
function endless(chunk = 64 * 1024) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk;
      controller.enqueue(new Uint8Array(chunk).fill(0x20));
    },
  });
  return { body, pulled: () => pulled };
}

const json = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('https://enclave/api/x', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, duplex: 'half' } as RequestInit);

describe('reading a body', () => {
  it('stops reading a body without a length once it passes the limit', async () => {
    const stream = endless();
    expect(await readText(json(stream.body), 1_000_000)).toBeNull();
    expect(stream.pulled()).toBeLessThanOrEqual(1_000_000 + 2 * 64 * 1024);
  });

  it('refuses a declared length over the limit without reading at all', async () => {
    const stream = endless();
    const res = await readBody(json(stream.body, { 'content-length': '2000000' }), v.unknown(), 1000);
    expect(res).toMatchObject({ ok: false, status: 413, error: { field: '(body)', rule: 'must be at most 1000 bytes' } });
    expect(stream.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it('counts bytes, not characters', async () => {
    expect(await readText(json('"' + 'é'.repeat(600) + '"'), 1000)).toBeNull();
    expect(await readText(json('"' + 'é'.repeat(400) + '"'), 1000)).toBe('"' + 'é'.repeat(400) + '"');
  });

  it('weighs the cost before the schema runs, and the schema after', async () => {
    let schemaRan = false;
    const schema = v.custom<unknown>(() => ((schemaRan = true), true));
    const tooMany = refusal('rounds', 'max-items', { max: 30, items: 'rounds' });
    const refused = await readBody(json('{"rounds": 99}'), schema, { cost: () => ({ status: 413, error: tooMany }) });
    expect(refused).toEqual({ ok: false, status: 413, error: tooMany });
    expect(schemaRan).toBe(false);
    expect(await readBody(json('{"rounds": 1}'), schema, { cost: () => null })).toEqual({ ok: true, value: { rounds: 1 } });
    expect(schemaRan).toBe(true);
    expect(await readBody(json('{nope'), schema)).toMatchObject({ ok: false, status: 400, error: { field: '(message)' } });
  });
});
