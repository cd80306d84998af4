/** The round cycle: drafts, submissions, the timer, closing, resolving and retrying. */
import { describe, expect, it } from 'vitest';
import { noticeText } from '../../core/protocol/notices';
import { deadline, failResolution, remainingMs, resolved } from '../../party/logic';
import { dueJobs } from '../../party/jobs';
import { HOST, SPECTATOR, dealId, T0, decisions, env, must, park, player, refused, resolverAnswer, started } from './fixture';

describe('decisions', () => {
  it('takes a team’s shared draft from any member and a submission from any member', () => {
    let room = started();
    room = must(room, player(room, 'Ana'), { type: 'draft', decisions: decisions(1, 0.2) });
    expect(room.drafts.hillton).toMatchObject({ by: 'm1', decisions: { subsidies: { talent: 0.2 } } });
    room = must(room, player(room, 'Ada'), { type: 'draft', decisions: decisions(1, 0.3) });
    expect(room.drafts.hillton).toMatchObject({ by: 'm2', decisions: { subsidies: { talent: 0.3 } } });
    room = must(room, player(room, 'Ada'), { type: 'submit', decisions: decisions(1, 0.25) });
    expect(room.submissions.hillton).toMatchObject({ by: 'm2', decisions: { subsidies: { talent: 0.25 } } });
    expect(room.drafts.hillton!.decisions).toEqual(room.submissions.hillton!.decisions);
  });

  it('refuses a stale round, an over-budget bid, a paused game and a spectator', () => {
    const room = started();
    const ana = player(room, 'Ana');
    expect(refused(room, ana, { type: 'submit', decisions: decisions(2) })).toEqual({ field: 'decisions.round', rule: 'must be 1, the open round (got 2)' });
    expect(refused(room, ana, { type: 'submit', decisions: decisions(1, 5) })).toMatchObject({ field: 'decisions.subsidies', rule: expect.stringMatching(/exceeds/) });
    const paused = must(room, HOST, { type: 'pause' });
    expect(refused(paused, ana, { type: 'draft', decisions: decisions(1) })).toEqual({ field: '(phase)', rule: 'the game is paused' });
    expect(refused(room, SPECTATOR, { type: 'submit', decisions: decisions(1) }).field).toBe('(role)');
    expect(refused(room, HOST, { type: 'submit', decisions: decisions(1) }).field).toBe('(role)');
  });

  it('closes the round by itself once every seat people hold has submitted (bots do not count)', () => {
    let room = started();
    for (const name of ['Ana', 'Ben']) room = must(room, player(room, name), { type: 'submit', decisions: decisions(1) });
    expect(room.meta.phase).toBe('playing');
    room = must(room, player(room, 'Cai'), { type: 'submit', decisions: decisions(1) });
    expect(room.meta.phase).toBe('resolving');
    expect(room.resolving!.source).toEqual({ metropolis: 'bot', rivertown: 'player', hillton: 'player', seaport: 'player' });
  });
});

describe('the timer', () => {
  it('freezes on pause, resumes where it stood, and can be extended or cut to at least 5 s', () => {
    let room = started();
    expect(room.meta.timer).toEqual({ round: 1, endsAt: T0 + 60_000, remainingMs: 60_000 });
    room = must(room, HOST, { type: 'pause' }, env(T0 + 20_000));
    expect(room.meta.timer).toMatchObject({ endsAt: null, remainingMs: 40_000 });
    expect(deadline(room, 1, env(T0 + 120_000))).toBeNull(); // paused: no deadline
    room = must(room, HOST, { type: 'resume' }, env(T0 + 500_000));
    expect(room.meta.timer!.endsAt).toBe(T0 + 540_000);
    room = must(room, HOST, { type: 'extend', round: 1, seconds: 30 }, env(T0 + 510_000));
    expect(remainingMs(room.meta.timer!, T0 + 510_000)).toBe(60_000);
    room = must(room, HOST, { type: 'extend', round: 1, seconds: -3600 }, env(T0 + 510_000));
    expect(room.meta.timer!.endsAt).toBe(T0 + 515_000);
    expect(refused(room, HOST, { type: 'extend', round: 2, seconds: 10 }).field).toBe('round');
  });

  it('closes its own round at the deadline only: early, late or repeated alarms do nothing', () => {
    const room = started();
    expect(deadline(room, 1, env(T0 + 59_999))).toBeNull();
    expect(deadline(room, 2, env(T0 + 60_000))).toBeNull();
    const closed = deadline(room, 1, env(T0 + 60_000))!;
    expect(closed.meta.phase).toBe('resolving');
    expect(deadline(closed, 1, env(T0 + 61_000))).toBeNull();
  });

  it('takes drafts as submitted at the deadline, a broken draft as no action, and an abandoned seat as a bot', () => {
    let room = started();
    room = must(room, player(room, 'Ana'), { type: 'draft', decisions: decisions(1, 0.2) });
    room = must(room, player(room, 'Ben'), { type: 'draft', decisions: decisions(1, 5) }); // over budget
    const closed = deadline(room, 1, env(T0 + 60_000, { online: (city) => city !== 'rivertown' }))!;
    expect(closed.resolving!.source).toEqual({ metropolis: 'bot', rivertown: 'bot', hillton: 'draft', seaport: 'none' });
    expect(closed.resolving!.decisions.hillton!.subsidies.talent).toBe(0.2);
    expect(closed.meta.notices.map(noticeText).join('\n')).toMatch(/drafts taken as submitted for hillton[\s\S]*seaport broke a budget/);
  });
});

describe('resolution', () => {
  it('applies an answer once, opens the next round with a fresh timer, and keeps the round', () => {
    let room = started();
    room = must(room, HOST, { type: 'close-round', round: 1 }, env(T0 + 1000));
    const answer = resolverAnswer(room);
    const next = resolved(room, 1, answer, env(T0 + 2000))!;
    expect(next.meta).toMatchObject({ phase: 'playing', round: 2, resolution: null, timer: { round: 2, endsAt: T0 + 62_000 } });
    expect(next.rounds).toHaveLength(1);
    expect(next.rounds[0]!.result.round).toBe(1);
    expect(next.state.round).toBe(1);
    expect(resolved(next, 1, answer, env(T0 + 3000))).toBeNull(); // never twice
  });

  it('keeps everything on a failed call and backs off 1 s, 2 s, 4 s', () => {
    let room = must(started(), HOST, { type: 'close-round', round: 1 });
    const frozen = room.resolving;
    for (const [i, wait] of [1000, 2000, 4000].entries()) {
      room = failResolution(room, 1, 'the resolver answered 500', env(T0 + i))!;
      expect(room.meta.resolution).toMatchObject({ attempts: i + 1, nextAt: T0 + i + wait, lastError: 'the resolver answered 500' });
    }
    expect(room.resolving).toBe(frozen);
    expect(noticeText(room.meta.notices.at(-1)!)).toMatch(/attempt 3 failed .* no decision is lost/);
    expect(failResolution(room, 2, 'x', env())).toBeNull();
    const retried = must(room, HOST, { type: 'retry', round: 1 }, env(T0 + 10));
    expect(retried.meta.resolution!.nextAt).toBe(T0 + 10);
  });

  describe('a round the model refuses', () => {
    /** Ana submits, Ana and Cai sign a park, then the host closes round 1 and the resolver refuses it. */
    const refusedRound = () => {
      let room = started({ bots: false });
      room = must(room, player(room, 'Ana'), { type: 'submit', decisions: decisions(1, 0.2) });
      room = must(room, player(room, 'Ana'), { type: 'propose', terms: park() });
      room = must(room, player(room, 'Cai'), { type: 'accept', deal: dealId(1) });
      room = must(room, HOST, { type: 'close-round', round: 1 }, env(T0 + 1000));
      return failResolution(room, 1, 'the resolver answered 400: {"error":{"field":"deals","rule":"x"}}', env(T0 + 2000), true)!;
    };

    it('is not called again: the room waits for the host and says why', () => {
      const room = refusedRound();
      expect(room.meta).toMatchObject({ phase: 'resolving', resolution: { round: 1, attempts: 1, refused: true } });
      expect(noticeText(room.meta.notices.at(-1)!)).toMatch(/^Round 1 cannot be resolved: the model refuses it \(the resolver answered 400.*Play the round again or end the game/);
      // Nothing is due, however late: no retry loop, and no expiry of the frozen round either.
      expect(dueJobs(room, T0 + 10 ** 10, 1000)).toEqual([]);
      // The host may still try once more (the resolver may have been fixed): that clears the refusal.
      const retried = must(room, HOST, { type: 'retry', round: 1 }, env(T0 + 3000));
      expect(retried.meta.resolution).toMatchObject({ refused: false, nextAt: T0 + 3000 });
    });

    it('can be played again: submissions come back as drafts, its deals open again, and nothing else moves', () => {
      const room = refusedRound();
      expect(refused(room, player(room, 'Ana'), { type: 'reopen-round', round: 1 })).toEqual({ field: '(role)', rule: 'only the host can play a round again' });
      expect(refused(room, HOST, { type: 'reopen-round', round: 2 })).toEqual({ field: 'round', rule: 'must be 1, the round the model refused (got 2)' });
      const again = must(room, HOST, { type: 'reopen-round', round: 1 }, env(T0 + 5000));
      expect(again.meta).toMatchObject({ phase: 'playing', round: 1, resolution: null, timer: { round: 1, endsAt: T0 + 65_000 } });
      expect(again.resolving).toBeNull();
      expect(again.submissions).toEqual({});
      expect(again.drafts.hillton!.decisions).toEqual(decisions(1, 0.2));
      expect(again.meta.deals[0]).toMatchObject({ id: dealId(1), status: 'open', accepted: ['hillton'], closedRound: null });
      expect(again.dealLog.at(-1)).toMatchObject({ round: 1, deal: dealId(1), action: 'reopen', by: 'room' });
      expect(again.rounds).toEqual([]);
      expect(again.state).toBe(room.state);
      // A round that was not refused cannot be reopened.
      expect(refused(again, HOST, { type: 'reopen-round', round: 1 })).toEqual({ field: '(phase)', rule: 'only a round the model refused can be played again' });
      // The seats sign again and the round resolves as usual.
      let next = must(again, player(again, 'Cai'), { type: 'accept', deal: dealId(1) });
      next = must(next, HOST, { type: 'close-round', round: 1 });
      expect(next.resolving!.decisions.hillton).toEqual(decisions(1, 0.2));
      expect(next.resolving!.deals.map((d) => d.id)).toEqual([dealId(1)]);
      expect(resolved(next, 1, resolverAnswer(next), env())!.meta).toMatchObject({ phase: 'playing', round: 2 });
    });

    it('ends the game at once on end-game, with the rounds it has and the undone deals in the log', () => {
      const ended = must(refusedRound(), HOST, { type: 'end-game' }, env(T0 + 9000));
      expect(ended.meta).toMatchObject({ phase: 'finished', finishedAt: T0 + 9000, resolution: null, archive: { pending: true } });
      expect(ended.resolving).toBeNull();
      expect(ended.meta.deals[0]!.status).toBe('lapsed');
      expect(ended.dealLog.slice(-2).map((d) => d.action)).toEqual(['reopen', 'lapse']);
      expect(noticeText(ended.meta.notices.at(-1)!)).toMatch(/Round 1 was not played: the model refused it, and the game ended with 0 resolved rounds/);
    });
  });

  it('finishes after the last round, or after the open round when the host ends the game', () => {
    let room = started({ rounds: 1 });
    room = must(room, HOST, { type: 'close-round', round: 1 });
    const done = resolved(room, 1, resolverAnswer(room), env(T0 + 5))!;
    expect(done.meta).toMatchObject({ phase: 'finished', finishedAt: T0 + 5, archive: { pending: true, nextAt: T0 + 5 } });

    let ended = must(started(), HOST, { type: 'end-game' });
    expect(ended.meta).toMatchObject({ phase: 'resolving', endRequested: true });
    ended = resolved(ended, 1, resolverAnswer(ended), env())!;
    expect(ended.meta.phase).toBe('finished');
    expect(ended.rounds).toHaveLength(1);
  });

  it('opens the next round paused, with its full time, when the host paused during the resolution', () => {
    let room = must(started(), HOST, { type: 'close-round', round: 1 });
    room = must(room, HOST, { type: 'pause' });
    room = resolved(room, 1, resolverAnswer(room), env(T0 + 9000))!;
    expect(room.meta).toMatchObject({ phase: 'playing', round: 2, paused: true, timer: { round: 2, endsAt: null, remainingMs: 60_000 } });
    expect(deadline(room, 2, env(T0 + 10 ** 9))).toBeNull();
    room = must(room, HOST, { type: 'resume' }, env(T0 + 20_000));
    expect(room.meta.timer!.endsAt).toBe(T0 + 80_000);
  });

  it('refuses decisions while the round is being resolved, with the reason', () => {
    const room = must(started(), HOST, { type: 'close-round', round: 1 });
    expect(refused(room, player(room, 'Ana'), { type: 'submit', decisions: decisions(1) })).toEqual({
      field: '(phase)',
      rule: 'round 1 is being resolved; it no longer takes decisions',
    });
  });
});
