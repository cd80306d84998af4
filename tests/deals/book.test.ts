/**
 * The deal book (core/deals), the one engine the room and the simulator play, as plain
 * functions: every rule with the refusal it gives, and a refusal never changes the book.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  GAME,
  MAX_DEALS,
  MAX_OPEN_DEALS_PER_CITY,
  MAX_SIGNED_PER_ROUND,
  dealView,
  lapseOpenDeals,
  reopenAfterResolution,
  signedIn,
  visibleTo,
} from '../../core/deals';
import { resolveRound } from '../../core/model';
import { resolveRequestSchema } from '../../core/protocol/api';
import { noDecisions } from '../../core/protocol/decisions';
import { classroom, deal, fullRound, must, park, platform, refused, signedDeals, start, state0, statuses, table1 } from './fixture';

const proposed = () => must(start(), 'hillton', { type: 'propose', terms: park() });

describe('proposing and signing', () => {
  it('signs when every party accepts the same terms; the proposer counts as accepting', () => {
    let p = proposed();
    expect(deal(p, 'd1')).toMatchObject({ proposer: 'hillton', accepted: ['hillton'], status: 'open', round: 1, counters: null, closedRound: null });
    p = must(p, 'rivertown', { type: 'accept', deal: 'd1' });
    expect(deal(p, 'd1')).toMatchObject({ accepted: ['hillton', 'rivertown'], status: 'signed', closedRound: 1 });
    expect(p.log.map((e) => `${e.round} ${e.deal} ${e.action} ${e.by}`)).toEqual(['1 d1 propose hillton', '1 d1 accept rivertown', '1 d1 sign rivertown']);
    expect(signedIn(p.book, 1)).toEqual([{ id: 'd1', terms: park(), signedRound: 1 }]);
    expect(signedIn(p.book, 2)).toEqual([]);
  });

  it('waits for every party of a deal among three', () => {
    let p = must(start(), 'hillton', { type: 'propose', terms: platform(['hillton', 'seaport', 'rivertown']) });
    p = must(p, 'seaport', { type: 'accept', deal: 'd1' });
    expect(deal(p, 'd1').status).toBe('open');
    expect(refused(p, 'seaport', { type: 'accept', deal: 'd1' })).toMatchObject({ field: 'deal', rule: 'seaport already accepts d1' });
    p = must(p, 'rivertown', { type: 'accept', deal: 'd1' });
    expect(deal(p, 'd1').status).toBe('signed');
  });

  it('takes terms only from a party, between cities of the game, and feasible (the model’s rules, §3, §4.1)', () => {
    expect(refused(start(), 'seaport', { type: 'propose', terms: park() })).toMatchObject({ field: 'terms', rule: 'seaport must be one of the parties' });
    expect(refused(start(), 'hillton', { type: 'propose', terms: park({ host: 'atlantis' }) })).toMatchObject({ field: 'terms', rule: '"atlantis" is not a city of this game' });
    // The room's cities are its seats: a table may hold fewer than the scenario.
    expect(refused(start(), 'hillton', { type: 'propose', terms: park() }, { ...table1, cities: ['hillton', 'seaport'] })).toMatchObject({ field: 'terms', rule: '"rivertown" is not a city of this game' });
    expect(refused(start(), 'rivertown', { type: 'propose', terms: park({ sponsor: 'rivertown', host: 'hillton' }) }).field).toBe('terms.host');
    expect(refused(start(), 'hillton', { type: 'propose', terms: park({ landQuota: 99 }) }).rule).toMatch(/^hillton has only .* km² of land quota left \(asked 99\)$/);
  });

  it('shows an open deal to its parties only, a signed one to everyone', () => {
    let p = proposed();
    expect(visibleTo(p.book, 'rivertown').map((d) => d.id)).toEqual(['d1']);
    expect(visibleTo(p.book, 'seaport')).toEqual([]);
    expect(visibleTo(p.book, null)).toEqual([]);
    p = must(p, 'rivertown', { type: 'accept', deal: 'd1' });
    expect(visibleTo(p.book, null).map((d) => d.id)).toEqual(['d1']);
    expect(dealView(deal(p, 'd1'))).toMatchObject({ parties: ['hillton', 'rivertown'], accepted: ['hillton', 'rivertown'] });
  });

  it('reads a deal the city is not party to as unknown, so its existence does not leak', () => {
    const p = proposed();
    for (const type of ['accept', 'reject', 'withdraw'] as const) expect(refused(p, 'seaport', { type, deal: 'd1' })).toMatchObject({ field: 'deal', rule: 'no deal d1 involves seaport' });
    expect(refused(p, 'seaport', { type: 'counter', deal: 'd1', terms: park() })).toMatchObject({ field: 'deal', rule: 'no deal d1 involves seaport' });
    expect(refused(p, 'seaport', { type: 'accept', deal: 'd9' })).toMatchObject({ field: 'deal', rule: 'no deal d9 involves seaport' });
  });
});

describe('counters, rejections, withdrawals', () => {
  it('a counter keeps the kind and the parties, and replaces the deal it answers', () => {
    let p = proposed();
    expect(refused(p, 'rivertown', { type: 'counter', deal: 'd1', terms: platform(['hillton', 'rivertown']) })).toMatchObject({
      field: 'terms.kind',
      rule: 'must stay "park"; propose a new deal for another kind',
    });
    expect(refused(p, 'rivertown', { type: 'counter', deal: 'd1', terms: park({ host: 'metropolis' }) })).toMatchObject({
      field: 'terms',
      rule: 'must keep the same parties; withdraw and propose anew to change them',
    });
    // A counter's terms are checked like a proposal's; the answered deal stays open when they fail.
    expect(refused(p, 'rivertown', { type: 'counter', deal: 'd1', terms: park({ landQuota: 99 }) }).field).toBe('terms.landQuota');
    p = must(p, 'rivertown', { type: 'counter', deal: 'd1', terms: park({ taxShare: 0.3 }) });
    expect(statuses(p.book)).toEqual(['d1:withdrawn:hillton:1', 'd2:open:rivertown:-']);
    expect(deal(p, 'd2')).toMatchObject({ proposer: 'rivertown', counters: 'd1' });
    expect(p.log.slice(1).map((e) => `${e.deal} ${e.action} ${e.by}`)).toEqual(['d1 counter rivertown', 'd2 propose rivertown']);
    // Nobody signs terms changed under them: the answered deal is closed.
    expect(refused(p, 'hillton', { type: 'accept', deal: 'd1' })).toMatchObject({ field: 'deal', rule: 'deal d1 is already withdrawn' });
    p = must(p, 'hillton', { type: 'accept', deal: 'd2' });
    expect(deal(p, 'd2').status).toBe('signed');
  });

  it('the proposer cannot reject its own deal: it withdraws', () => {
    const p = proposed();
    expect(refused(p, 'hillton', { type: 'reject', deal: 'd1' })).toMatchObject({ field: 'deal', rule: 'hillton proposed these terms; withdraw the deal instead' });
    const withdrawn = must(p, 'hillton', { type: 'withdraw', deal: 'd1' });
    expect(statuses(withdrawn.book)).toEqual(['d1:withdrawn:hillton:1']);
  });

  it('only the proposer withdraws; another party rejects', () => {
    const p = proposed();
    expect(refused(p, 'rivertown', { type: 'withdraw', deal: 'd1' })).toMatchObject({ field: 'deal', rule: 'only hillton, who proposed these terms, can withdraw d1; reject it instead' });
    const rejected = must(p, 'rivertown', { type: 'reject', deal: 'd1' });
    expect(statuses(rejected.book)).toEqual(['d1:rejected:hillton:1']);
    // A closed deal takes no further action from anyone.
    for (const [city, type] of [['hillton', 'withdraw'], ['rivertown', 'accept'], ['rivertown', 'reject']] as const) {
      expect(refused(rejected, city, { type, deal: 'd1' })).toMatchObject({ field: 'deal', rule: 'deal d1 is already rejected' });
    }
  });
});

describe('caps', () => {
  it(`a city is party to at most ${MAX_OPEN_DEALS_PER_CITY} open deals; a counter takes the place of the deal it answers`, () => {
    let p = start();
    for (let i = 0; i < MAX_OPEN_DEALS_PER_CITY; i++) p = must(p, 'hillton', { type: 'propose', terms: platform(['hillton', 'seaport'], { subsidyCap: i / 100 }) });
    const rule = `hillton already has ${MAX_OPEN_DEALS_PER_CITY} open deals; close some first`;
    expect(refused(p, 'hillton', { type: 'propose', terms: platform(['hillton', 'metropolis']) })).toMatchObject({ field: 'terms', rule });
    // The other party's count binds too.
    expect(refused(p, 'rivertown', { type: 'propose', terms: platform(['rivertown', 'seaport']) })).toMatchObject({ field: 'terms', rule: `seaport already has ${MAX_OPEN_DEALS_PER_CITY} open deals; close some first` });
    p = must(p, 'seaport', { type: 'counter', deal: 'd1', terms: platform(['hillton', 'seaport'], { subsidyCap: 0.5 }) });
    p = must(p, 'hillton', { type: 'withdraw', deal: 'd2' });
    p = must(p, 'hillton', { type: 'propose', terms: platform(['hillton', 'metropolis']) });
    expect(p.book.deals.filter((d) => d.status === 'open')).toHaveLength(MAX_OPEN_DEALS_PER_CITY);
  });

  it(`a game holds at most ${MAX_DEALS} deals, open and closed`, () => {
    let p = start();
    for (let i = 1; i <= MAX_DEALS; i++) {
      p = must(p, 'hillton', { type: 'propose', terms: park({ taxShare: (i % 100) / 100 }) });
      p = must(p, 'hillton', { type: 'withdraw', deal: `d${i}` });
    }
    expect(refused(p, 'hillton', { type: 'propose', terms: park() })).toMatchObject({ field: '(room)', rule: `this game already holds ${MAX_DEALS} deals` });
  });
});

describe('feasibility at signing sees the deals already signed this round', () => {
  it('refuses an acceptance whose terms no longer fit, and the deal stays open', () => {
    // Two parks that each take all of hillton's land quota: once one is signed, the other cannot be.
    const all = state0.regions.find((r) => r.id === 'hillton')!.landQuota;
    let p = must(start(), 'hillton', { type: 'propose', terms: park({ landQuota: all }) });
    p = must(p, 'hillton', { type: 'propose', terms: park({ host: 'metropolis', landQuota: all }) });
    p = must(p, 'rivertown', { type: 'accept', deal: 'd1' });
    expect(refused(p, 'metropolis', { type: 'accept', deal: 'd2' })).toMatchObject({
      field: 'terms.landQuota',
      rule: `can no longer be signed: hillton has only 0 km² of land quota left (asked ${all})`,
    });
    expect(deal(p, 'd2')).toMatchObject({ status: 'open', accepted: ['hillton'], closedRound: null });
    // The proposer may still withdraw it, or the host reject it.
    expect(deal(must(p, 'metropolis', { type: 'reject', deal: 'd2' }), 'd2').status).toBe('rejected');
  });

  it('a second identical platform in the same round is refused: the first already binds (§4.3, one platform per city)', () => {
    const terms = platform(['hillton', 'seaport']);
    let p = must(start(), 'hillton', { type: 'propose', terms });
    p = must(p, 'hillton', { type: 'propose', terms });
    p = must(p, 'seaport', { type: 'accept', deal: 'd1' });
    expect(refused(p, 'seaport', { type: 'accept', deal: 'd2' })).toMatchObject({ field: 'terms.members.0', rule: 'can no longer be signed: hillton already belongs to platform d1' });
    expect(refused(p, 'seaport', { type: 'propose', terms })).toMatchObject({ field: 'terms.members.0', rule: 'hillton already belongs to platform d1' });
    expect(refused(p, 'hillton', { type: 'counter', deal: 'd2', terms: platform(['hillton', 'seaport'], { subsidyCap: null }) }).rule).toBe('hillton already belongs to platform d1');
    // What goes to the resolver is exactly what it can apply.
    const signed = signedIn(p.book, 1);
    const out = resolveRound(classroom, state0, Object.fromEntries(classroom.regions.map((r) => [r.id, noDecisions(1)])), { deals: signed });
    expect(out.ok && out.result.deals).toEqual([{ deal: 'd1', applied: true, reason: null }]);
  });

  it(`a round signs at most ${MAX_SIGNED_PER_ROUND} deals, the most the resolver takes with a round`, () => {
    // The resolver's own limit: the resolve request refuses one deal more.
    expect(v.safeParse(resolveRequestSchema.entries.deals, signedDeals(MAX_SIGNED_PER_ROUND)).success).toBe(true);
    expect(v.safeParse(resolveRequestSchema.entries.deals, signedDeals(MAX_SIGNED_PER_ROUND + 1)).success).toBe(false);
    // A book whose round 1 already carries that many, and one more deal waiting for its last party.
    let p = must(start(fullRound()), 'hillton', { type: 'propose', terms: park() });
    const id = `d${MAX_SIGNED_PER_ROUND + 1}`;
    expect(refused(p, 'rivertown', { type: 'accept', deal: id })).toMatchObject({
      field: 'deal',
      rule: `round 1 already has ${MAX_SIGNED_PER_ROUND} signed deals, the most one round can take; accept ${id} again next round`,
    });
    expect(signedIn(p.book, 1)).toHaveLength(MAX_SIGNED_PER_ROUND);
    // Next round the deal is still open and can be signed.
    p = must(p, 'rivertown', { type: 'accept', deal: id }, { ...table1, round: 2 });
    expect(signedIn(p.book, 2).map((d) => d.id)).toEqual([id]);
  });
});

describe('between rounds and at the end', () => {
  it('open deals stay open after a resolution with only their proposer accepting', () => {
    let p = must(start(), 'hillton', { type: 'propose', terms: platform(['hillton', 'seaport', 'rivertown']) });
    p = must(p, 'seaport', { type: 'accept', deal: 'd1' });
    p = must(p, 'hillton', { type: 'propose', terms: park() });
    p = must(p, 'rivertown', { type: 'reject', deal: 'd2' });
    const reopened = reopenAfterResolution(p.book);
    expect(statuses(reopened)).toEqual(['d1:open:hillton:-', 'd2:rejected:hillton:1']);
    // Nothing to reset: the very same book.
    expect(reopenAfterResolution(reopened)).toBe(reopened);
    // The parties accept again, now in round 2.
    const table2 = { ...table1, round: 2 };
    p = must({ book: reopened, log: [] }, 'seaport', { type: 'accept', deal: 'd1' }, table2);
    p = must(p, 'rivertown', { type: 'accept', deal: 'd1' }, table2);
    expect(deal(p, 'd1')).toMatchObject({ status: 'signed', round: 1, closedRound: 2 });
  });

  it('open deals lapse when the game ends, logged; closed deals stay as they were', () => {
    let p = proposed();
    p = must(p, 'hillton', { type: 'propose', terms: platform(['hillton', 'seaport']) });
    p = must(p, 'seaport', { type: 'accept', deal: 'd2' });
    p = must(p, 'metropolis', { type: 'propose', terms: platform(['metropolis', 'rivertown']) });
    const end = lapseOpenDeals(p.book, 3);
    expect(statuses(end.book)).toEqual(['d1:lapsed:hillton:3', 'd2:signed:hillton+seaport:1', 'd3:lapsed:metropolis:3']);
    expect(end.log).toEqual([
      { round: 3, deal: 'd1', action: 'lapse', by: GAME },
      { round: 3, deal: 'd3', action: 'lapse', by: GAME },
    ]);
    expect(lapseOpenDeals(end.book, 3)).toEqual({ book: end.book, log: [] });
  });
});
