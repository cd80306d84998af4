/** Deals between seats: every party accepts the same terms, only parties see it until signed. */
import { describe, expect, it } from 'vitest';
import { applyResolution } from '../../party/logic';
import { buildView } from '../../party/views';
import { HOST, SPECTATOR, env, must, park, player, refused, resolverAnswer, started } from './fixture';

const proposed = () => {
  const room = started();
  return must(room, player(room, 'Ana'), { type: 'propose', terms: park() });
};

describe('deals', () => {
  it('signs when every party accepts the current version, and goes to the resolver with its round', () => {
    let room = proposed();
    expect(room.meta.deals[0]).toMatchObject({ id: 'd1', version: 1, author: 'hillton', accepted: ['hillton'], status: 'open' });
    room = must(room, player(room, 'Cai'), { type: 'counter', deal: 'd1', version: 1, terms: park({ taxShare: 0.3 }) });
    expect(room.meta.deals[0]).toMatchObject({ version: 2, author: 'rivertown', accepted: ['rivertown'] });
    expect(refused(room, player(room, 'Ada'), { type: 'accept', deal: 'd1', version: 1 })).toEqual({ field: 'version', rule: 'deal d1 is at version 2 now; read it again' });
    room = must(room, player(room, 'Ada'), { type: 'accept', deal: 'd1', version: 2 });
    expect(room.meta.deals[0]).toMatchObject({ status: 'signed', closedRound: 1 });
    expect(room.dealLog.map((d) => d.action)).toEqual(['propose', 'counter', 'accept', 'sign']);
    room = must(room, HOST, { type: 'close-round', round: 1 });
    expect(room.resolving!.deals).toEqual([{ id: 'd1', terms: park({ taxShare: 0.3 }), signedRound: 1 }]);
  });

  it('shows an open deal to its parties only, and a signed one to everyone', () => {
    let room = proposed();
    const seen = (viewer: Parameters<typeof buildView>[1]) => buildView(room, viewer, new Set()).deals.map((d) => d.id);
    expect(seen({ role: 'player', city: 'rivertown' })).toEqual(['d1']);
    expect(seen({ role: 'player', city: 'seaport' })).toEqual([]);
    expect(seen({ role: 'spectator' })).toEqual([]);
    expect(seen({ role: 'host' })).toEqual([]);
    room = must(room, player(room, 'Cai'), { type: 'accept', deal: 'd1', version: 1 });
    expect(seen({ role: 'spectator' })).toEqual(['d1']);
    expect(seen({ role: 'player', city: 'seaport' })).toEqual(['d1']);
  });

  it('refuses deal actions from outside the deal without revealing that it exists', () => {
    const room = proposed();
    const ben = player(room, 'Ben');
    const unknown = { field: 'deal', rule: 'no deal d1 involves seaport' };
    expect(refused(room, ben, { type: 'accept', deal: 'd1', version: 1 })).toEqual(unknown);
    expect(refused(room, ben, { type: 'reject', deal: 'd1' })).toEqual(unknown);
    expect(refused(room, ben, { type: 'withdraw', deal: 'd1' })).toEqual(unknown);
    expect(refused(room, ben, { type: 'counter', deal: 'd1', version: 1, terms: park() })).toEqual(unknown);
    expect(refused(room, ben, { type: 'accept', deal: 'd9', version: 1 })).toEqual({ field: 'deal', rule: 'no deal d9 involves seaport' });
    expect(refused(room, ben, { type: 'propose', terms: park() })).toEqual({ field: 'terms', rule: 'seaport must be one of the parties' });
    expect(refused(room, SPECTATOR, { type: 'propose', terms: park() }).field).toBe('(role)');
    expect(refused(room, HOST, { type: 'accept', deal: 'd1', version: 1 }).field).toBe('(role)');
  });

  it('lets the author withdraw and another party reject, not the other way round', () => {
    const room = proposed();
    expect(refused(room, player(room, 'Cai'), { type: 'withdraw', deal: 'd1' }).rule).toMatch(/only hillton, who wrote the current terms/);
    expect(refused(room, player(room, 'Ana'), { type: 'reject', deal: 'd1' }).rule).toMatch(/withdraw the deal instead/);
    expect(must(room, player(room, 'Ada'), { type: 'withdraw', deal: 'd1' }).meta.deals[0]!.status).toBe('withdrawn');
    const rejected = must(room, player(room, 'Cai'), { type: 'reject', deal: 'd1' });
    expect(rejected.meta.deals[0]!.status).toBe('rejected');
    expect(refused(rejected, player(rejected, 'Ana'), { type: 'withdraw', deal: 'd1' }).rule).toBe('deal d1 is already rejected');
  });

  it('keeps a counter to the same kind and parties', () => {
    const room = proposed();
    const cai = player(room, 'Cai');
    expect(refused(room, cai, { type: 'counter', deal: 'd1', version: 1, terms: park({ host: 'metropolis' }) }).rule).toMatch(/same parties/);
    expect(refused(room, cai, { type: 'counter', deal: 'd1', version: 1, terms: { kind: 'corridor', members: ['hillton', 'rivertown'] } }).field).toBe('terms.kind');
  });

  it('asks the model whether the terms are feasible when proposed and again when signed', () => {
    const room = started();
    const noLand = env(undefined, { checkDeal: () => ({ field: 'landQuota', rule: 'exceeds the land quota hillton has left' }) });
    expect(refused(room, player(room, 'Ana'), { type: 'propose', terms: park() }, noLand)).toEqual({ field: 'terms.landQuota', rule: 'exceeds the land quota hillton has left' });
    const open = must(room, player(room, 'Ana'), { type: 'propose', terms: park() });
    expect(refused(open, player(open, 'Cai'), { type: 'accept', deal: 'd1', version: 1 }, noLand)).toEqual({
      field: 'terms.landQuota',
      rule: 'can no longer be signed: exceeds the land quota hillton has left',
    });
  });

  it('keeps open deals across a resolution with only the author accepting, and lets them lapse at the end', () => {
    let room = started({ rounds: 2 });
    room = must(room, player(room, 'Ana'), { type: 'propose', terms: { kind: 'platform', members: ['hillton', 'seaport', 'rivertown'], subsidyCap: 0.3, techTrading: true } });
    room = must(room, player(room, 'Ben'), { type: 'accept', deal: 'd1', version: 1 });
    room = must(room, HOST, { type: 'close-round', round: 1 });
    room = applyResolution(room, 1, resolverAnswer(room), env())!;
    expect(room.meta.deals[0]).toMatchObject({ status: 'open', accepted: ['hillton'] });
    room = must(room, HOST, { type: 'close-round', round: 2 });
    room = applyResolution(room, 2, resolverAnswer(room), env())!;
    expect(room.meta.deals[0]).toMatchObject({ status: 'lapsed', closedRound: 2 });
    expect(room.dealLog.at(-1)).toMatchObject({ action: 'lapse', deal: 'd1', by: 'room' });
  });
});
