/**
 * The host's notices are codes with arguments (city ids as arguments, never in words), each
 * with its English sentence for a client that cannot say the code; a room stored before
 * codes holds plain sentences, which the host's view still shows.
 */
import { describe, expect, it } from 'vitest';
import { NOTICE_CODES, notice, type Notice, type StoredNotice } from '../../core/protocol/notices';
import { archiveFailed, deadline, failResolution } from '../../party/logic';
import type { Room } from '../../party/room';
import { loadRoom, persist } from '../../party/store';
import { buildView } from '../../party/views';
import { FakeStorage, HOST, T0, decisions, env, must, player, started } from './fixture';

const last = (room: Room): StoredNotice => room.meta.notices.at(-1)!;


describe('notices the rules give', () => {
  it('drafts taken and drafts unusable name the cities by id, as arguments', () => {
    let room = started();
    room = must(room, player(room, 'Ana'), { type: 'draft', decisions: decisions(1, 0.2) });
    room = must(room, player(room, 'Ben'), { type: 'draft', decisions: decisions(1, 5) }); // over budget
    const closed = deadline(room, 1, env(T0 + 60_000))!;
    expect(closed.meta.notices.slice(-2)).toEqual([
      { code: 'drafts-taken', args: { round: 1, cities: ['hillton'] }, text: 'Round 1: drafts taken as submitted for hillton.' },
      {
        code: 'drafts-unusable',
        args: { round: 1, cities: ['seaport'] },
        text: 'Round 1: the drafts of seaport broke a budget or land rule, so they take no action.',
      },
    ]);
  });

  it('a failed resolver call says the attempt, the wait and the error', () => {
    let room = must(started(), HOST, { type: 'close-round', round: 1 });
    room = failResolution(room, 1, 'the resolver answered 500', env(T0))!;
    room = failResolution(room, 1, 'the resolver answered 500', env(T0 + 1))!;
    expect(last(room)).toEqual({
      code: 'round-retry',
      args: { round: 1, attempt: 2, error: 'the resolver answered 500', seconds: 2 },
      text: 'Round 1: resolution attempt 2 failed (the resolver answered 500). Retrying in 2 s; no decision is lost.',
    });
  });

  it('a refused round: refused, open again, and dropped at the end', () => {
    const closed = must(started({ bots: false }), HOST, { type: 'close-round', round: 1 });
    const refused = failResolution(closed, 1, 'the resolver answered 400', env(T0 + 1), true)!;
    expect(last(refused)).toMatchObject({ code: 'round-refused', args: { round: 1, error: 'the resolver answered 400' } });
    const again = must(refused, HOST, { type: 'reopen-round', round: 1 });
    expect(last(again)).toMatchObject({ code: 'round-reopened', args: { round: 1 }, text: expect.stringMatching(/^Round 1 is open again/) });
    const ended = must(refused, HOST, { type: 'end-game' });
    expect(last(ended)).toEqual({
      code: 'round-dropped',
      args: { round: 1, resolved: 0 },
      text: 'Round 1 was not played: the model refused it, and the game ended with 0 resolved rounds.',
    });
  });

  it('the archive retrying says the error and the wait', () => {
    const room = archiveFailed(started(), 'D1 is down', T0);
    expect(last(room)).toMatchObject({ code: 'archive-retry', args: { error: 'D1 is down', seconds: 2 } });
    expect((last(room) as Notice).text).toMatch(/^The archive did not take the game record \(D1 is down\)\. The room keeps it and tries again in 2 s\.$/);
  });

  it('every code has an English sentence that names its cities', () => {
    const samples: Notice[] = [
      notice('drafts-taken', { round: 2, cities: ['hillton', 'seaport'] }),
      notice('drafts-unusable', { round: 2, cities: ['rivertown'] }),
      notice('round-refused', { round: 2, error: 'e' }),
      notice('round-retry', { round: 2, attempt: 1, error: 'e', seconds: 1 }),
      notice('round-reopened', { round: 2 }),
      notice('round-dropped', { round: 2, resolved: 1 }),
      notice('archive-retry', { error: 'e', seconds: 4 }),
    ];
    expect(samples.map((n) => n.code)).toEqual([...NOTICE_CODES]);
    for (const n of samples) expect(n.text).toMatch(/^[A-Z].*\.$/);
    expect(samples[0]!.text).toContain('hillton, seaport');
    expect(samples[5]!.text).toContain('1 resolved round.');
  });
});

describe('the host’s view of the notices', () => {
  it('carries each notice coded, and its English sentence where clients from before codes read it', () => {
    const room = archiveFailed(started(), 'D1 is down', T0);
    const view = buildView(room, { role: 'host' }, new Set());
    expect(view.hostNotices).toEqual([last(room)]);
    expect(view.notices).toEqual([(last(room) as Notice).text]);
  });

  it('shows a room stored before codes: its plain sentences are notices with no code', async () => {
    const storage = new FakeStorage();
    const old = started();
    const sentence = 'Round 1: drafts taken as submitted for rivertown.';
    // As a room stored before codes holds them: plain strings.
    await persist(storage, null, { ...old, meta: { ...old.meta, notices: [sentence] } });
    let room = (await loadRoom(storage))!;
    room = archiveFailed(room, 'D1 is down', T0 + 5);
    const view = buildView(room, { role: 'host' }, new Set());
    expect(view.hostNotices).toEqual([{ code: null, args: null, text: sentence }, expect.objectContaining({ code: 'archive-retry' })]);
    expect(view.notices).toEqual([sentence, expect.stringMatching(/^The archive did not take/)]);
  });
});
