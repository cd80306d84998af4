/** Views, chat and events: each viewer sees only what its role may. */
import { describe, expect, it } from 'vitest';
import { recordSchema } from '../../core/protocol/record';
import { check } from '../../core/protocol/validate';
import { resolved } from '../../party/logic';
import { gameRecord } from '../../party/record';
import { publicState } from '../../party/room';
import { buildView, chatFor, viewKey, type Viewer } from '../../party/views';
import { HOST, SPECTATOR, dealId, decisions, env, must, park, player, refused, resolverAnswer, started } from './fixture';

const viewers: Viewer[] = [{ role: 'host' }, { role: 'spectator' }, { role: 'player', city: 'hillton' }, { role: 'player', city: 'seaport' }, { role: 'player', city: null }];

describe('views', () => {
  it('never carry a token hash or the seed, for any viewer, nor does the public state sent beside them', () => {
    const room = started();
    expect(room.state.seed).toEqual(expect.any(Number));
    const state = JSON.stringify(publicState(room));
    expect(state).not.toContain('"seed"');
    expect(state).toContain('"regions"');
    for (const viewer of viewers) {
      const text = JSON.stringify(buildView(room, viewer, new Set()));
      expect(text).not.toContain('a'.repeat(64)); // host token hash
      expect(text).not.toContain('b'.repeat(64)); // seat token hashes
      expect(text).not.toContain('tokenHash');
      expect(text).not.toContain('"seed"');
    }
  });

  it('keep sealed bids sealed from other seats, the host and the projector; open bids show submissions only', () => {
    let room = started();
    room = must(room, player(room, 'Ana'), { type: 'submit', decisions: decisions(1, 0.37) });
    room = must(room, player(room, 'Ben'), { type: 'draft', decisions: decisions(1, 0.41) });
    const own = buildView(room, { role: 'player', city: 'hillton' }, new Set());
    expect(own.submission).toMatchObject({ by: 'Ana', decisions: { subsidies: { talent: 0.37 } } });
    for (const viewer of [{ role: 'player', city: 'seaport' }, { role: 'host' }, { role: 'spectator' }] as Viewer[]) {
      const view = buildView(room, viewer, new Set());
      expect(JSON.stringify(view)).not.toContain('0.37');
      expect(view.seats.find((s) => s.city === 'hillton')!.submitted).toBe(true);
    }
    expect(JSON.stringify(buildView(room, { role: 'player', city: 'hillton' }, new Set()))).not.toContain('0.41');

    let open = started({ sealed: false });
    open = must(open, player(open, 'Ana'), { type: 'submit', decisions: decisions(1, 0.37) });
    open = must(open, player(open, 'Ben'), { type: 'draft', decisions: decisions(1, 0.41) });
    const projector = buildView(open, { role: 'spectator' }, new Set());
    expect(projector.open!.hillton!.subsidies.talent).toBe(0.37);
    expect(JSON.stringify(projector)).not.toContain('0.41'); // drafts stay private even with open bids
  });

  it('give the host the members, the resolution and the archive; nobody else', () => {
    const room = started();
    expect(buildView(room, { role: 'host' }, new Set(['m1'])).members).toContainEqual({ id: 'm1', name: 'Ana', city: 'hillton', connected: true });
    for (const viewer of viewers.slice(1)) {
      const view = buildView(room, viewer, new Set());
      expect([view.members, view.resolution, view.archive, view.notices, view.hostNotices]).toEqual([null, null, null, null, null]);
    }
  });

  it('share one key among viewers who see the same thing', () => {
    expect(viewKey({ role: 'spectator' })).toBe(viewKey({ role: 'spectator' }));
    expect(viewKey({ role: 'player', city: 'hillton' })).not.toBe(viewKey({ role: 'player', city: 'seaport' }));
  });
});

describe('chat', () => {
  it('sends room-wide lines to players and host, seat-to-seat lines to those two seats only, the host’s own to their city; spectators read none', () => {
    let room = started();
    room = must(room, player(room, 'Ana'), { type: 'chat', text: 'hello all', to: null });
    room = must(room, player(room, 'Ben'), { type: 'chat', text: 'psst rivertown', to: 'rivertown' });
    room = must(room, HOST, { type: 'chat', text: 'two minutes left', to: null });
    room = must(room, HOST, { type: 'chat', text: 'hillton, your draft?', to: 'hillton' });
    const texts = (viewer: Viewer) => chatFor(room, viewer).map((l) => l.text);
    // The host does not read a private line between two seats.
    expect(texts({ role: 'host' })).toEqual(['hello all', 'two minutes left', 'hillton, your draft?']);
    expect(texts({ role: 'player', city: 'rivertown' })).toEqual(['hello all', 'psst rivertown', 'two minutes left']);
    expect(texts({ role: 'player', city: 'seaport' })).toEqual(['hello all', 'psst rivertown', 'two minutes left']);
    expect(texts({ role: 'player', city: 'hillton' })).toEqual(['hello all', 'two minutes left', 'hillton, your draft?']);
    expect(texts({ role: 'spectator' })).toEqual([]);
    expect(room.chat[1]).toMatchObject({ seq: 2, from: 'seaport', name: 'Ben', to: 'rivertown', round: 1 });
  });

  it('refuses a muted seat, spectators and unknown addressees', () => {
    let room = must(started(), HOST, { type: 'mute', city: 'seaport', muted: true });
    expect(refused(room, player(room, 'Ben'), { type: 'chat', text: 'hey', to: null })).toEqual({ field: '(seat)', rule: 'the host has muted seaport' });
    expect(refused(room, SPECTATOR, { type: 'chat', text: 'hey', to: null }).field).toBe('(role)');
    expect(refused(room, player(room, 'Ana'), { type: 'chat', text: 'hey', to: 'atlantis' }).field).toBe('to');
    room = must(room, HOST, { type: 'mute', city: 'seaport', muted: false });
    expect(must(room, player(room, 'Ben'), { type: 'chat', text: 'hey', to: null }).chat).toHaveLength(1);
  });
});

describe('events', () => {
  it('go to the resolver with the round they were injected into, and can be taken back before it closes', () => {
    let room = started();
    expect(refused(room, HOST, { type: 'event', event: 'meteor' }).rule).toMatch(/not an event of this scenario \(rail-seaport, unified-market, downturn\)/);
    expect(refused(room, player(room, 'Ana'), { type: 'event', event: 'downturn' }).field).toBe('(role)');
    room = must(room, HOST, { type: 'event', event: 'downturn' });
    room = must(room, HOST, { type: 'event', event: 'unified-market' });
    expect(refused(room, HOST, { type: 'event', event: 'downturn' }).rule).toMatch(/already set/);
    room = must(room, HOST, { type: 'cancel-event', event: 'unified-market' });
    room = must(room, HOST, { type: 'close-round', round: 1 });
    expect(room.resolving!.events).toEqual([{ kind: 'downturn', severity: 0.15 }]);
    expect(refused(room, HOST, { type: 'event', event: 'rail-seaport' }).rule).toMatch(/being resolved/);
    room = resolved(room, 1, resolverAnswer(room), env())!;
    expect(room.meta.events).toEqual({ pending: [], applied: [{ round: 1, event: 'downturn' }] });
  });
});

describe('a national cap announced for the round', () => {
  it('binds submissions at once, and bots keep within it', () => {
    let room = started();
    expect(refused(must(room, HOST, { type: 'event', event: 'unified-market' }), player(room, 'Ana'), { type: 'submit', decisions: decisions(1, 0.4) })).toEqual({
      field: 'decisions.subsidies.talent',
      rule: 'must be at most 0.3, the national subsidy cap',
    });
    // Round 1: Ana bids 0.3, so in round 2 the escalator in seaport wants to outbid her.
    room = must(room, player(room, 'Ana'), { type: 'submit', decisions: decisions(1, 0.3) });
    room = must(room, HOST, { type: 'bot', city: 'seaport', strategy: 'escalator' });
    room = must(room, HOST, { type: 'close-round', round: 1 });
    room = resolved(room, 1, resolverAnswer(room), env())!;
    const escalator = (r: typeof room) => Math.max(...Object.values(must(r, HOST, { type: 'close-round', round: 2 }).resolving!.decisions.seaport!.subsidies));
    expect(escalator(room)).toBeGreaterThan(0.3);
    expect(escalator(must(room, HOST, { type: 'event', event: 'unified-market' }))).toBeLessThanOrEqual(0.3);
  });
});

describe('the game record', () => {
  it('holds every decision, deal action, chat line and event, and passes the record schema', () => {
    let room = started({ rounds: 2 });
    room = must(room, player(room, 'Ana'), { type: 'propose', terms: park() });
    room = must(room, player(room, 'Cai'), { type: 'accept', deal: dealId(1) });
    room = must(room, player(room, 'Ben'), { type: 'chat', text: 'deal?', to: 'hillton' });
    room = must(room, HOST, { type: 'event', event: 'downturn' });
    room = must(room, player(room, 'Ana'), { type: 'submit', decisions: decisions(1, 0.2) });
    for (const round of [1, 2]) {
      room = must(room, HOST, { type: 'close-round', round });
      room = resolved(room, round, resolverAnswer(room), env())!;
    }
    const record = gameRecord(room);
    const checked = check(recordSchema, record);
    expect(checked.ok ? null : checked.error).toBeNull();
    expect(record.rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(record.rounds[0]!.source.hillton).toBe('player');
    expect(record.rounds[0]!.deals.map((d) => d.id)).toEqual([dealId(1)]);
    expect(record.rounds[0]!.events).toEqual([{ kind: 'downturn', severity: 0.15 }]);
    expect(record.dealLog.map((d) => d.action)).toEqual(['propose', 'accept', 'sign']);
    expect(record.chat).toEqual([expect.objectContaining({ from: 'seaport', to: 'hillton', text: 'deal?' })]);
    expect(record.finalState.round).toBe(2);
    expect(record.finishedAt).not.toBeNull();
    expect(record.seats.find((s) => s.city === 'hillton')!.players).toEqual(['Ana', 'Ada']);
  });
});
