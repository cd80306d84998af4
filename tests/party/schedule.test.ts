/**
 * The room's event schedule (settings.schedule, the class treatment "a chosen event
 * schedule", party/rules/events.ts `withScheduled`): a scheduled event is injected when its
 * round opens, goes to the resolver with that round, and is recorded as applied there; a room
 * without a schedule injects nothing.
 */
import { describe, expect, it } from 'vitest';
import { resolved } from '../../party/logic';
import type { Room } from '../../party/room';
import { HOST, T0, env, must, refused, resolverAnswer, started } from './fixture';

function resolveAt(room: Room, at: number): Room {
  const closing = must(room, HOST, { type: 'close-round', round: room.meta.round }, env(at));
  return resolved(closing, closing.meta.round, resolverAnswer(closing), env(at + 1000))!;
}

describe('the event schedule', () => {
  it('injects each scheduled event when its round opens and sends it with that round', () => {
    const schedule = [
      { round: 1, event: 'downturn' },
      { round: 2, event: 'unified-market' },
    ];
    let room = started({ schedule });
    expect(room.meta.events.pending).toEqual(['downturn']);
    const first = must(room, HOST, { type: 'close-round', round: 1 }, env(T0 + 1000));
    expect(first.resolving!.events).toEqual([{ kind: 'downturn', severity: expect.any(Number) }]);
    room = resolved(first, 1, resolverAnswer(first), env(T0 + 2000))!;
    expect(room.meta).toMatchObject({ round: 2, phase: 'playing' });
    expect(room.meta.events.pending).toEqual(['unified-market']);
    expect(room.rounds[0]!.events.map((e) => e.kind)).toEqual(['downturn']);
    // The host may take a scheduled event back, as one it injected.
    expect(must(room, HOST, { type: 'cancel-event', event: 'unified-market' }).meta.events.pending).toEqual([]);
    room = resolveAt(room, T0 + 3000);
    expect(room.rounds[1]!.events.map((e) => e.kind)).toEqual(['subsidy-cap']);
    // A national cap from round 2 on: the state's policy carries it.
    expect(room.state.policy.subsidyCap).not.toBeNull();
    expect(room.meta.events.applied).toEqual([
      { round: 1, event: 'downturn' },
      { round: 2, event: 'unified-market' },
    ]);
    expect(room.meta.events.pending).toEqual([]);
  });

  it('keeps an event the host injected in the lobby once, beside the scheduled one', () => {
    const lobby = started({ schedule: [{ round: 1, event: 'downturn' }] });
    expect(lobby.meta.events.pending).toEqual(['downturn']);
    expect(refused(lobby, HOST, { type: 'event', event: 'downturn' })).toMatchObject({ field: 'event', code: 'event-set' });
  });

  it('injects nothing without a schedule', () => {
    const room = resolveAt(started(), T0 + 1000);
    expect(room.rounds[0]!.events).toEqual([]);
    expect(room.meta.events.pending).toEqual([]);
  });
});
