/** Deals between seats: every party accepts the same terms, only parties see it until signed. */
import { describe, expect, it } from 'vitest';
import { resolved } from '../../party/logic';
import { buildView } from '../../party/views';
import { HOST, SPECTATOR, dealId, env, must, park, player, refused, resolverAnswer, started } from './fixture';

const proposed = () => {
  const room = started({ bots: false });
  return must(room, player(room, 'Ana'), { type: 'propose', terms: park() });
};

describe('deals', () => {
  it('signs when every party accepts the same terms; a counter replaces the deal it answers', () => {
    let room = proposed();
    expect(room.meta.deals[0]).toMatchObject({ id: dealId(1), proposer: 'hillton', accepted: ['hillton'], status: 'open', counters: null, round: 1 });
    room = must(room, player(room, 'Cai'), { type: 'counter', deal: dealId(1), terms: park({ taxShare: 0.3 }) });
    expect(room.meta.deals.map((d) => [d.id, d.status, d.proposer, d.counters])).toEqual([
      [dealId(1), 'withdrawn', 'hillton', null],
      [dealId(2), 'open', 'rivertown', dealId(1)],
    ]);
    // An accept of the answered terms comes too late: nobody signs terms changed under them.
    expect(refused(room, player(room, 'Ada'), { type: 'accept', deal: dealId(1) })).toMatchObject({ field: 'deal', rule: `deal ${dealId(1)} is already withdrawn` });
    room = must(room, player(room, 'Ada'), { type: 'accept', deal: dealId(2) });
    expect(room.meta.deals[1]).toMatchObject({ status: 'signed', closedRound: 1, accepted: ['rivertown', 'hillton'] });
    expect(room.dealLog.map((d) => `${d.deal} ${d.action} ${d.by}`)).toEqual([`${dealId(1)} propose hillton`, `${dealId(1)} counter rivertown`, `${dealId(2)} propose rivertown`, `${dealId(2)} accept hillton`, `${dealId(2)} sign hillton`]);
    room = must(room, HOST, { type: 'close-round', round: 1 });
    expect(room.resolving!.deals).toEqual([{ id: dealId(2), terms: park({ taxShare: 0.3 }), signedRound: 1 }]);
  });

  it('shows an open deal to its parties only, and a signed one to everyone', () => {
    let room = proposed();
    const seen = (viewer: Parameters<typeof buildView>[1]) => buildView(room, viewer, new Set()).deals.map((d) => d.id);
    expect(seen({ role: 'player', city: 'rivertown' })).toEqual([dealId(1)]);
    expect(seen({ role: 'player', city: 'seaport' })).toEqual([]);
    expect(seen({ role: 'spectator' })).toEqual([]);
    expect(seen({ role: 'host' })).toEqual([]);
    room = must(room, player(room, 'Cai'), { type: 'accept', deal: dealId(1) });
    expect(seen({ role: 'spectator' })).toEqual([dealId(1)]);
    expect(buildView(room, { role: 'player', city: 'seaport' }, new Set()).deals[0]).toMatchObject({ id: dealId(1), status: 'signed', parties: ['hillton', 'rivertown'], closedRound: 1 });
  });

  it('refuses deal actions from outside the deal without revealing that it exists', () => {
    const room = proposed();
    const ben = player(room, 'Ben');
    const unknown = { field: 'deal', code: 'no-deal', args: { deal: dealId(1), city: 'seaport' }, rule: `no deal ${dealId(1)} involves seaport` };
    expect(refused(room, ben, { type: 'accept', deal: dealId(1) })).toEqual(unknown);
    expect(refused(room, ben, { type: 'reject', deal: dealId(1) })).toEqual(unknown);
    expect(refused(room, ben, { type: 'withdraw', deal: dealId(1) })).toEqual(unknown);
    expect(refused(room, ben, { type: 'counter', deal: dealId(1), terms: park() })).toEqual(unknown);
    expect(refused(room, ben, { type: 'accept', deal: dealId(9) })).toMatchObject({ field: 'deal', rule: `no deal ${dealId(9)} involves seaport` });
    expect(refused(room, ben, { type: 'propose', terms: park() })).toMatchObject({ field: 'terms', rule: 'seaport must be one of the parties' });
    expect(refused(room, SPECTATOR, { type: 'propose', terms: park() }).field).toBe('(role)');
    expect(refused(room, HOST, { type: 'accept', deal: dealId(1) }).field).toBe('(role)');
  });

  it('lets the proposer withdraw and another party reject, not the other way round', () => {
    const room = proposed();
    expect(refused(room, player(room, 'Cai'), { type: 'withdraw', deal: dealId(1) }).rule).toMatch(/only hillton, who proposed these terms/);
    expect(refused(room, player(room, 'Ana'), { type: 'reject', deal: dealId(1) }).rule).toMatch(/withdraw the deal instead/);
    expect(refused(room, player(room, 'Ana'), { type: 'accept', deal: dealId(1) }).rule).toBe(`hillton already accepts ${dealId(1)}`);
    expect(must(room, player(room, 'Ada'), { type: 'withdraw', deal: dealId(1) }).meta.deals[0]!.status).toBe('withdrawn');
    const rejected = must(room, player(room, 'Cai'), { type: 'reject', deal: dealId(1) });
    expect(rejected.meta.deals[0]!.status).toBe('rejected');
    expect(refused(rejected, player(rejected, 'Ana'), { type: 'withdraw', deal: dealId(1) }).rule).toBe(`deal ${dealId(1)} is already rejected`);
  });

  it('keeps a counter to the same kind and parties', () => {
    const room = proposed();
    const cai = player(room, 'Cai');
    expect(refused(room, cai, { type: 'counter', deal: dealId(1), terms: park({ host: 'metropolis' }) }).rule).toMatch(/same parties/);
    expect(refused(room, cai, { type: 'counter', deal: dealId(1), terms: { kind: 'corridor', members: ['hillton', 'rivertown'] } }).field).toBe('terms.kind');
  });

  it('asks the model whether the terms are feasible when proposed and again when signed', () => {
    const room = started({ bots: false });
    // A park needs a core host and a less developed sponsor (§3, §4.1), and the sponsor's land quota.
    expect(refused(room, player(room, 'Cai'), { type: 'propose', terms: park({ sponsor: 'rivertown', host: 'hillton' }) }).field).toBe('terms.host');
    expect(refused(room, player(room, 'Ana'), { type: 'propose', terms: park({ landQuota: 99 }) }).field).toBe('terms.landQuota');
    // Two parks that each take all of hillton's land quota: once one is signed, the other no longer fits.
    const all = room.state.regions.find((r) => r.id === 'hillton')!.landQuota;
    let open = must(room, player(room, 'Ana'), { type: 'propose', terms: park({ landQuota: all }) });
    open = must(open, player(open, 'Ana'), { type: 'propose', terms: park({ host: 'metropolis', landQuota: all }) });
    open = must(open, player(open, 'Cai'), { type: 'accept', deal: dealId(1) });
    expect(refused(open, player(open, 'Ana'), { type: 'propose', terms: park({ host: 'metropolis', landQuota: all, taxShare: 0.4 }) }).rule).toMatch(/^hillton has only 0 km² of land quota left/);
    open = must(open, HOST, { type: 'assign', member: open.meta.members.find((m) => m.name === 'Ben')!.id, city: 'metropolis' });
    expect(refused(open, player(open, 'Ben'), { type: 'accept', deal: dealId(2) })).toMatchObject({ field: 'terms.landQuota', rule: `can no longer be signed: hillton has only 0 km² of land quota left (asked ${all})` });
    expect(open.meta.deals[1]).toMatchObject({ id: dealId(2), status: 'open', accepted: ['hillton'] });
  });

  it('keeps open deals across a resolution with only the proposer accepting, and lets them lapse at the end', () => {
    let room = started({ rounds: 2, bots: false });
    room = must(room, player(room, 'Ana'), { type: 'propose', terms: { kind: 'platform', members: ['hillton', 'seaport', 'rivertown'], subsidyCap: 0.3, techTrading: true } });
    room = must(room, player(room, 'Ben'), { type: 'accept', deal: dealId(1) });
    room = must(room, HOST, { type: 'close-round', round: 1 });
    expect(room.resolving!.deals).toEqual([]); // not signed: not for the resolver
    room = resolved(room, 1, resolverAnswer(room), env())!;
    expect(room.meta.deals[0]).toMatchObject({ status: 'open', accepted: ['hillton'] });
    room = must(room, HOST, { type: 'close-round', round: 2 });
    room = resolved(room, 2, resolverAnswer(room), env())!;
    expect(room.meta.deals[0]).toMatchObject({ status: 'lapsed', closedRound: 2 });
    expect(room.dealLog.at(-1)).toMatchObject({ action: 'lapse', deal: dealId(1), by: 'room' });
  });
});

describe('bots and deals', () => {
  it('a bot seat answers a deal under the same rules: the matcher rejects, the cooperator weighs it with the model', () => {
    let room = must(started({ bots: false }), HOST, { type: 'bot', city: 'rivertown', strategy: 'matcher' });
    room = must(room, player(room, 'Ana'), { type: 'propose', terms: park() });
    expect(room.meta.deals[0]).toMatchObject({ status: 'rejected' });
    expect(room.dealLog.at(-1)).toMatchObject({ action: 'reject', by: 'rivertown' });

    let coop = must(started({ bots: false }), HOST, { type: 'bot', city: 'rivertown', strategy: 'cooperator' });
    coop = must(coop, player(coop, 'Ana'), { type: 'propose', terms: park() });
    const answer = coop.dealLog.filter((d) => d.by === 'rivertown').map((d) => d.action);
    expect(answer.length).toBeGreaterThan(0); // it accepted, countered or rejected: it did not ignore the offer
    expect(coop.meta.deals.filter((d) => d.status === 'open' && d.proposer === 'hillton' && !d.accepted.includes('rivertown'))).toEqual([]);
  });

  it('people cannot act for a seat a bot holds', () => {
    let room = started({ bots: false });
    room = must(room, HOST, { type: 'bot', city: 'hillton', strategy: 'frugal' });
    expect(refused(room, player(room, 'Ana'), { type: 'propose', terms: park() })).toMatchObject({ field: '(seat)', rule: 'hillton is played by a bot this round' });
  });
});
