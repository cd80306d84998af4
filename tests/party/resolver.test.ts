/**
 * The room's call to the model (party/resolver.ts) against a MODEL binding that answers as
 * the real entrypoint does (worker/resolve.ts, the same pure function), refuses, throws,
 * hangs or answers something else: only a well-formed refusal stops the room's retries, and
 * nothing that comes back over the binding reaches the room unchecked.
 */
import { describe, expect, it } from 'vitest';
import type { ResolveRequest } from '../../core/protocol/api';
import { callModel, type ModelBinding } from '../../party/resolver';
import { resolveChecked } from '../../worker/resolve';
import { HOST, must, resolverAnswer, started } from './fixture';
import { refusal } from '../../core/protocol/refusals';

const closed = must(started(), HOST, { type: 'close-round', round: 1 });
const request: ResolveRequest = { state: closed.state, decisions: closed.resolving!.decisions, deals: closed.resolving!.deals, events: closed.resolving!.events };

/** A binding whose `resolve` does what `answer` does with the request. */
const binding = (answer: (request: ResolveRequest) => Promise<unknown>): ModelBinding => ({ resolve: answer }) as unknown as ModelBinding;

describe('callModel', () => {
  it('hands over the request and answers the model’s state and result, checked', async () => {
    let seen: unknown = null;
    const answer = await callModel(binding(async (r) => ((seen = r), resolveChecked(r))), request, 5_000);
    expect(seen).toBe(request);
    expect(answer).toEqual({ ok: true, value: resolverAnswer(closed) });
  });

  it('a refusal is final: the room is told the field and the rule, and that the model refused', async () => {
    const answer = await callModel(binding(async () => ({ ok: false, refusal: refusal('deals.0', 'invalid', { detail: 'no such park' }) })), request, 5_000);
    expect(answer).toEqual({ ok: false, error: 'deals.0: no such park', refused: true });
  });

  it('the real function refuses a request it cannot resolve, and the room takes that as a refusal', async () => {
    const answer = await callModel(binding(async (r) => resolveChecked({ ...r, state: { ...r.state, scenario: 'atlantis' } })), request, 5_000);
    expect(answer).toEqual({ ok: false, error: 'state.scenario: no scenario "atlantis"', refused: true });
  });

  it('a thrown error may pass: it is reported, not refused, so the room retries', async () => {
    const answer = await callModel(binding(() => Promise.reject(new Error('the isolate was restarted'))), request, 5_000);
    expect(answer).toEqual({ ok: false, error: 'the model failed (the isolate was restarted)' });
  });

  it('a hang ends at the room’s timeout, not later, and may pass', async () => {
    const t0 = Date.now();
    const answer = await callModel(binding(() => new Promise<never>(() => undefined)), request, 1_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(990);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(answer).toEqual({ ok: false, error: 'the model did not answer within 1 s' });
  });

  it('an answer of the wrong shape never reaches the room, and is not taken for a refusal', async () => {
    const { state, result } = resolverAnswer(closed);
    for (const bad of [{ ok: true, state: true }, { ok: true, state, result: { ...result, regions: 'none' } }, { ok: false, refusal: { field: 'x' } }, { ok: false, error: 'x' }, null, 'ok']) {
      const answer = await callModel(binding(async () => bad), request, 5_000);
      expect(answer.ok).toBe(false);
      expect(answer).not.toHaveProperty('refused', true);
      expect(!answer.ok && answer.error).toMatch(/^the model's answer is malformed \(.+\)$/);
    }
  });

  it('an answer for another round is refused by the room', async () => {
    const { state, result } = resolverAnswer(closed);
    const answer = await callModel(binding(async () => ({ ok: true, state, result: { ...result, round: 2 } })), request, 5_000);
    expect(answer).toEqual({ ok: false, error: 'the model answered for round 2, not 1' });
  });
});
