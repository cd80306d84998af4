/** The reveal between rounds (rules/rounds.ts): the room holds on a resolved round until the host continues, or its time runs out. */
import { describe, expect, it } from 'vitest';
import { deadline, resolved } from '../../party/logic';
import { dueJobs } from '../../party/jobs';
import { buildView } from '../../party/views';
import { withDoors, type Room } from '../../party/room';
import { changes } from '../../party/store';
import { HOST, SPECTATOR, T0, decisions, env, must, player, refused, resolverAnswer, started } from './fixture';

/** Close round `round` of `room` by the host and apply the real model's answer at `at`. */
function resolveAt(room: Room, at: number): Room {
  const closing = must(room, HOST, { type: 'close-round', round: room.meta.round }, env(at));
  return resolved(closing, closing.meta.round, resolverAnswer(closing), env(at + 1000))!;
}

describe('the review phase', () => {
  it('holds the resolved round until the host continues, then opens the next with a full timer', () => {
    const held = resolveAt(started({ reviewSeconds: null }), T0 + 10_000);
    expect(held.meta).toMatchObject({ phase: 'review', round: 1, timer: null, stage: 0 });
    expect(held.rounds).toHaveLength(1);
    // Nothing opens by itself: no deadline job, and an alarm for either round does nothing.
    expect(dueJobs(held, T0 + 3_600_000, 86_400_000).filter((j) => j.kind === 'deadline')).toEqual([]);
    expect(deadline(held, 1, env(T0 + 3_600_000))).toBeNull();
    const next = must(held, HOST, { type: 'continue', round: 1 }, env(T0 + 100_000));
    expect(next.meta).toMatchObject({ phase: 'playing', round: 2, timer: { round: 2, endsAt: T0 + 160_000, remainingMs: 60_000 } });
  });

  it('takes no decisions, deals or closing while under review, and says why', () => {
    const held = resolveAt(started({ reviewSeconds: null }), T0);
    const ana = player(held, 'Ana');
    const rule = 'round 1 is resolved and under review; round 2 opens when the host continues';
    expect(refused(held, ana, { type: 'draft', decisions: decisions(2) })).toMatchObject({ field: '(phase)', rule });
    expect(refused(held, ana, { type: 'submit', decisions: decisions(2) })).toMatchObject({ field: '(phase)', rule });
    expect(refused(held, HOST, { type: 'close-round', round: 1 })).toMatchObject({ field: '(phase)', rule: 'no round is open' });
  });

  it('continues only for the host and only the round under review', () => {
    const held = resolveAt(started({ reviewSeconds: null }), T0);
    expect(refused(held, player(held, 'Ana'), { type: 'continue', round: 1 }).field).toBe('(role)');
    expect(refused(held, SPECTATOR, { type: 'continue', round: 1 }).field).toBe('(role)');
    expect(refused(held, HOST, { type: 'continue', round: 2 })).toMatchObject({ field: 'round', rule: 'must be 1, the round under review (got 2)' });
    expect(refused(started(), HOST, { type: 'continue', round: 1 })).toMatchObject({ field: '(phase)', rule: 'no round is under review' });
  });

  it('in a class kept in step, opens the next round only for the class, and says so to the room\'s own console', () => {
    const plain = resolveAt(started({ reviewSeconds: null }), T0);
    const held: Room = { ...plain, meta: { ...plain.meta, classLock: true } };
    expect(buildView(held, { role: 'host' }, new Set()).classLock).toBe(true);
    expect(buildView(plain, { role: 'host' }, new Set()).classLock).toBe(false);
    expect(refused(held, HOST, { type: 'continue', round: 1 })).toMatchObject({ field: '(class)', code: 'class-lock-step', rule: 'the rooms keep in step: continue the whole class, or release it first' });
    // Everything else the host does in review still works here: the stage, a pause.
    expect(must(held, HOST, { type: 'stage', step: 1 }).meta.stage).toBe(1);
    expect(must(held, HOST, { type: 'pause' }, env(T0 + 2000)).meta.paused).toBe(true);
    // The class's own continue (party/game.ts classCommand) opens the round.
    expect(must(held, HOST, { type: 'continue', round: 1 }, env(T0 + 5000, { byClass: true })).meta).toMatchObject({ phase: 'playing', round: 2 });
    // Released: the room's console continues alone again.
    expect(must({ ...held, meta: { ...held.meta, classLock: false } }, HOST, { type: 'continue', round: 1 }).meta).toMatchObject({ phase: 'playing', round: 2 });
  });

  it('continues by itself after the time the host chose; pause freezes that time', () => {
    const held = resolveAt(started({ reviewSeconds: 30 }), T0);
    expect(held.meta).toMatchObject({ phase: 'review', round: 1, timer: { round: 1, endsAt: T0 + 1000 + 30_000 } });
    expect(dueJobs(held, T0 + 31_000, 86_400_000)).toContainEqual({ kind: 'deadline', round: 1 });
    expect(deadline(held, 1, env(T0 + 30_999))).toBeNull();
    expect(deadline(held, 1, env(T0 + 31_000))!.meta).toMatchObject({ phase: 'playing', round: 2 });
    // Paused 10 s into the review: the 20 s left wait for the resume.
    const paused = must(held, HOST, { type: 'pause' }, env(T0 + 11_000));
    expect(deadline(paused, 1, env(T0 + 100_000))).toBeNull();
    const resumed = must(paused, HOST, { type: 'resume' }, env(T0 + 200_000));
    expect(resumed.meta.timer).toMatchObject({ endsAt: T0 + 220_000 });
    // The host may continue sooner, even while paused: the next round opens running.
    expect(must(paused, HOST, { type: 'continue', round: 1 }, env(T0 + 12_000)).meta).toMatchObject({ phase: 'playing', round: 2, paused: false });
  });

  it('skips the review with 0 seconds (the default) and after the last round', () => {
    expect(resolveAt(started(), T0).meta).toMatchObject({ phase: 'playing', round: 2 });
    let room = started({ reviewSeconds: null, rounds: 2 });
    room = must(resolveAt(room, T0), HOST, { type: 'continue', round: 1 });
    expect(resolveAt(room, T0 + 5000).meta).toMatchObject({ phase: 'finished', round: 2 });
  });

  it('ends the game from the review without playing another round', () => {
    const held = resolveAt(started({ reviewSeconds: null }), T0);
    const over = must(held, HOST, { type: 'end-game' });
    expect(over.meta).toMatchObject({ phase: 'finished', round: 1 });
    expect(over.rounds).toHaveLength(1);
  });

  it('lets the host step the stage in review and at the end, shows the step to every viewer, and starts each reveal at 0', () => {
    let room = resolveAt(started({ reviewSeconds: null }), T0);
    room = must(room, HOST, { type: 'stage', step: 3 });
    expect(buildView(room, { role: 'spectator' }, new Set()).stage).toBe(3);
    expect(buildView(room, { role: 'player', city: 'hillton' }, new Set())).toMatchObject({ stage: 3, phase: 'review', reviewSeconds: null });
    expect(refused(room, player(room, 'Ana'), { type: 'stage', step: 1 }).field).toBe('(role)');
    expect(refused(started(), HOST, { type: 'stage', step: 1 })).toMatchObject({ field: '(phase)', rule: 'the stage steps only between rounds and at the end' });
    room = must(room, HOST, { type: 'continue', round: 1 });
    expect(room.meta.stage).toBe(0);
    room = resolveAt(room, T0 + 5000);
    expect(room.meta).toMatchObject({ phase: 'review', round: 2, stage: 0 });
    room = must(must(room, HOST, { type: 'stage', step: 2 }), HOST, { type: 'end-game' });
    expect(room.meta).toMatchObject({ phase: 'finished', stage: 0 });
    expect(must(room, HOST, { type: 'stage', step: 5 }).meta.stage).toBe(5);
  });

  it('reads a room stored before the review phase as one that goes straight on', () => {
    const room = started();
    const { stage: _stage, ...meta } = room.meta;
    const { reviewSeconds: _review, ...settings } = meta.settings;
    const old = withDoors({ ...meta, settings } as unknown as Room['meta']);
    expect(old.stage).toBe(0);
    expect(old.settings.reviewSeconds).toBe(0);
    // A stored `null` (wait for the host) is kept, not mistaken for a missing field.
    expect(withDoors(started({ reviewSeconds: null }).meta).settings.reviewSeconds).toBeNull();
  });
});

describe('the practice round', () => {
  it('is played and revealed like a round, then the game starts again from the first state with nothing of it kept', () => {
    let room = started({ practice: true, reviewSeconds: null });
    expect(room.meta).toMatchObject({ phase: 'playing', round: 1, practice: true });
    expect(buildView(room, { role: 'spectator' }, new Set()).practice).toBe(true);
    room = must(room, HOST, { type: 'event', event: 'downturn' });
    room = must(room, player(room, 'Ana'), { type: 'propose', terms: { kind: 'platform', members: ['hillton', 'seaport', 'rivertown'], subsidyCap: 0.3, techTrading: true } });
    const held = resolveAt(room, T0);
    expect(held.meta).toMatchObject({ phase: 'review', round: 1, practice: true });
    expect(held.rounds).toHaveLength(1);
    expect(held.state).not.toBe(held.initialState);

    const real = must(held, HOST, { type: 'continue', round: 1 }, env(T0 + 60_000));
    expect(real.meta).toMatchObject({ phase: 'playing', round: 1, practice: false, deals: [], events: { pending: [], applied: [] } });
    expect(real.rounds).toEqual([]);
    expect(real.state).toBe(real.initialState);
    expect(real.dealLog.at(-1)).toMatchObject({ action: 'lapse' });
    // Round 1 for real: decisions for round 1 are taken again, and it counts.
    const counted = resolveAt(must(real, player(real, 'Ana'), { type: 'submit', decisions: decisions(1) }), T0 + 70_000);
    expect(counted.meta).toMatchObject({ phase: 'review', round: 1, practice: false });
    expect(counted.rounds).toHaveLength(1);
  });

  it('goes straight to round 1 without a review, and a game ended after it has no round that counts', () => {
    const straight = resolveAt(started({ practice: true }), T0);
    expect(straight.meta).toMatchObject({ phase: 'playing', round: 1, practice: false });
    expect(straight.rounds).toEqual([]);
    const held = resolveAt(started({ practice: true, reviewSeconds: null, rounds: 1 }), T0);
    expect(held.meta).toMatchObject({ phase: 'review', practice: true });
    const over = must(held, HOST, { type: 'end-game' });
    expect(over.meta).toMatchObject({ phase: 'finished', practice: false });
    expect(over.rounds).toEqual([]);
    // Ended while the practice round was being played: it resolves, and still nothing counts.
    const ending = must(started({ practice: true }), HOST, { type: 'end-game' });
    const ended = resolved(ending, 1, resolverAnswer(ending), env(T0 + 1000))!;
    expect(ended.meta.phase).toBe('finished');
    expect(ended.rounds).toEqual([]);
  });

  it('drops the practice round from storage, so a restart never reads it back', () => {
    const held = resolveAt(started({ practice: true, reviewSeconds: null }), T0);
    const real = must(held, HOST, { type: 'continue', round: 1 });
    expect(changes(held, real).remove).toContain('round:0001');
  });
});
