/** Backpressure (party/flow.ts, docs/security.md): what a connection may leave unread, and what an ack may claim. */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ack, beforeSend, MAX_UNACKED_CHARS, openFlow, resumedFlow, unacked, type Flow } from '../../party/flow';
import { clientMessageSchema } from '../../core/protocol/room';

function sendAll(flow: Flow, sizes: number[]): { flow: Flow; actions: string[] } {
  const actions: string[] = [];
  for (const size of sizes) {
    const step = beforeSend(flow, size);
    flow = step.flow;
    actions.push(step.action);
  }
  return { flow, actions };
}

describe('flow', () => {
  it('sends until a frame would pass the bound, then closes once and drops everything after', () => {
    const { flow, actions } = sendAll(openFlow(), Array(12).fill(100_000));
    // 10 frames of 100,000 fit in 1 MiB (1,048,576); the 11th would not.
    expect(actions).toEqual([...Array(10).fill('send'), 'close', 'drop']);
    expect(flow.closed).toBe(true);
    expect(unacked(flow)).toBe(1_000_000);
  });

  it('a client that acknowledges what it reads is never closed', () => {
    let flow = openFlow();
    for (let i = 0; i < 1000; i++) {
      const step = beforeSend(flow, 200_000);
      expect(step.action).toBe('send');
      flow = ack(step.flow, step.flow.sent);
    }
    expect(flow.sent).toBe(200_000_000);
    expect(unacked(flow)).toBe(0);
  });

  it('a frame larger than the bound on its own is never sent', () => {
    expect(beforeSend(openFlow(), MAX_UNACKED_CHARS + 1).action).toBe('close');
    expect(beforeSend(openFlow(), MAX_UNACKED_CHARS).action).toBe('send');
  });

  it('an ack cannot pre-pay, and an old ack changes nothing', () => {
    let flow = beforeSend(openFlow(), 1000).flow;
    flow = ack(flow, 10_000_000); // claims more than was sent
    expect(flow.acked).toBe(1000);
    const { actions } = sendAll(flow, [MAX_UNACKED_CHARS, 1]);
    expect(actions).toEqual(['send', 'close']);
    flow = ack(beforeSend(openFlow(), 500).flow, 400);
    expect(ack(flow, 100).acked).toBe(400);
  });

  it('after hibernation (counts lost) the first ack sets the offset; later acks count from it', () => {
    let flow = resumedFlow();
    flow = beforeSend(flow, 300).flow;
    flow = ack(flow, 50_300); // the client had received 50,000 before the room lost count
    expect(unacked(flow)).toBe(0);
    flow = beforeSend(flow, 700).flow;
    flow = ack(flow, 50_600);
    expect(unacked(flow)).toBe(400);
  });

  it('ack and history are protocol messages with bounded fields', () => {
    expect(v.safeParse(clientMessageSchema, { type: 'ack', received: 123 }).success).toBe(true);
    expect(v.safeParse(clientMessageSchema, { type: 'ack', received: -1 }).success).toBe(false);
    expect(v.safeParse(clientMessageSchema, { type: 'ack', received: 1.5 }).success).toBe(false);
    expect(v.safeParse(clientMessageSchema, { type: 'history', from: 0, to: 8 }).success).toBe(true);
    expect(v.safeParse(clientMessageSchema, { type: 'history', from: 0, to: 8, extra: 1 }).success).toBe(false);
    expect(v.safeParse(clientMessageSchema, { type: 'history', from: 1000, to: 1000 }).success).toBe(false);
  });
});
