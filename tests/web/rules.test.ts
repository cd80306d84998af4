/**
 * Refusals the client translates are recognised from the model's own sentences (so a
 * changed sentence in the model fails here, not silently in a classroom), drafts compare and
 * clean as the room expects, and the countdown follows the server's clock.
 */
import { describe, expect, it } from 'vitest';
import { MAX_OPEN_DEALS_PER_CITY } from '../../core/deals';
import { checkDecisions, makeContext, resolveParams } from '../../core/model';
import { checkDeal } from '../../core/model/deals';
import { initialState } from '../../core/model/init';
import { noDecisions } from '../../core/protocol/decisions';
import { clock, remainingMs } from '../../web/src/lib/countdown';
import { clean, formProblem, sameDecisions, sponsoredParks, startingDecisions } from '../../web/src/lib/drafts';
import { explain } from '../../web/src/lib/refusals';
import { fullRound, must, park as dealPark, platform, refused, start } from '../deals/fixture';
import { classroom, park } from './fixtures';

const state = initialState(classroom, { seed: 7 });
const ctx = makeContext(classroom, resolveParams({}));

describe('refusals in the reader’s language', () => {
  it('recognises the budget rule with its numbers', () => {
    const over = { ...noDecisions(1), subsidies: { talent: 5, startups: 5, capital: 5 } };
    const problem = checkDecisions(ctx, state, 'hillton', over)!;
    const e = explain(problem.rule)!;
    expect(e.key).toBe('budget');
    expect(problem.rule).toContain(e.args[0]!);
    expect(problem.rule).toContain(e.args[1]!);
  });
  it('recognises the land rule', () => {
    const problem = checkDecisions(ctx, state, 'metropolis', { ...noDecisions(1), land: { innovation: 3, production: 3 } })!;
    expect(explain(problem.rule)).toEqual({ key: 'land', args: ['6', '4'] });
  });
  it("recognises the model's deal rules with the cities they name", () => {
    const notCore = checkDeal(classroom, state, { ...park, host: 'seaport' })!;
    expect(explain(notCore.rule)).toEqual({ key: 'parkHost', args: ['seaport'] });
    const notLagging = checkDeal(classroom, state, { ...park, sponsor: 'metropolis', host: 'rivertown' })!;
    expect(explain(notLagging.rule)).toEqual({ key: 'parkSponsor', args: ['metropolis'] });
    const land = checkDeal(classroom, state, { ...park, landQuota: 40 })!;
    expect(explain(land.rule)?.key).toBe('landQuota');
    expect(explain(land.rule)?.args[0]).toBe('hillton');
  });
  it("recognises the deal book's refusals (core/deals)", () => {
    const p = must(start(fullRound()), 'hillton', { type: 'propose', terms: dealPark() });
    expect(explain(refused(p, 'rivertown', { type: 'accept', deal: 'd65' }).rule)).toEqual({ key: 'roundFull', args: ['1', '64', 'd65'] });
    let q = must(start(), 'hillton', { type: 'propose', terms: platform(['hillton', 'seaport']) });
    for (let i = 0; i < MAX_OPEN_DEALS_PER_CITY - 1; i++) q = must(q, 'hillton', { type: 'propose', terms: platform(['hillton', 'seaport'], { subsidyCap: i / 100 }) });
    expect(explain(refused(q, 'hillton', { type: 'propose', terms: dealPark() }).rule)).toEqual({ key: 'tooManyDeals', args: ['hillton', '10'] });
    expect(explain(refused(q, 'hillton', { type: 'accept', deal: 'd1' }).rule)).toEqual({ key: 'alreadyAccepted', args: ['hillton', 'd1'] });
    q = must(q, 'hillton', { type: 'withdraw', deal: 'd1' });
    expect(explain(refused(q, 'seaport', { type: 'accept', deal: 'd1' }).rule)).toEqual({ key: 'dealClosed', args: ['d1', 'withdrawn'] });
    expect(explain(refused(q, 'seaport', { type: 'propose', terms: dealPark() }).rule)).toEqual({ key: 'notParty', args: ['seaport'] });
  });
  it("recognises the room's phase and seat refusals", () => {
    expect(explain('the game is paused')?.key).toBe('paused');
    expect(explain('round 3 is being resolved; it no longer takes decisions')).toEqual({ key: 'resolving', args: ['3'] });
    expect(explain('must be 3, the open round (got 2)')).toEqual({ key: 'staleRound', args: ['3', '2'] });
    expect(explain('hillton is already taken; join it as a team member instead')).toEqual({ key: 'taken', args: ['hillton'] });
  });
  it('leaves an unknown sentence to be shown as the server wrote it', () => {
    expect(explain('something nobody has seen before')).toBeNull();
  });
});

describe('drafts', () => {
  const d = { ...noDecisions(2), subsidies: { talent: 0.3, startups: 0, capital: 0.1 } };
  it('are the same whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify({ projects: d.projects, environment: d.environment, land: d.land, parkSubsidies: d.parkSubsidies, subsidies: { capital: 0.1, startups: 0, talent: 0.3 }, round: 2 }));
    expect(sameDecisions(d, reordered)).toBe(true);
    expect(sameDecisions(d, { ...d, environment: 1 })).toBe(false);
    expect(sameDecisions(null, null)).toBe(true);
    expect(sameDecisions(d, null)).toBe(false);
  });
  it('clean what a form holds into decisions: blanks are 0, a negative is kept and named, never sent as 0', () => {
    const messy = { ...d, subsidies: { talent: null, startups: '0.5', capital: -5 }, parkSubsidies: { 'park-old-gone': { talent: 1, startups: 1, capital: 1 } } } as unknown as typeof d;
    const out = clean(messy, 2, ['park-hillton-metropolis']);
    expect(out.subsidies).toEqual({ talent: 0, startups: 0.5, capital: -5 });
    expect(formProblem(out)).toEqual({ field: 'subsidies.capital', rule: 'must be at least 0' });
    expect(explain(formProblem(out)!.rule)).toEqual({ key: 'atLeast', args: ['0'] });
    expect(formProblem(clean({ ...messy, subsidies: { talent: '', startups: 'abc', capital: 0.2 } } as unknown as typeof d, 2, []))).toBeNull();
    expect(out.parkSubsidies).toEqual({ 'park-hillton-metropolis': { talent: 0, startups: 0, capital: 0 } });
    expect(out.round).toBe(2);
  });
  it("start a new round from last round's subsidies but no one-off spending", () => {
    const last = { ...d, environment: 5, land: { innovation: 1, production: 1 } };
    const start = startingDecisions(3, [], null, last);
    expect(start.subsidies).toEqual(d.subsidies);
    expect(start.environment).toBe(0);
    expect(start.land).toEqual({ innovation: 0, production: 0 });
    expect(start.round).toBe(3);
    expect(startingDecisions(3, [], { ...d, round: 3, environment: 2 }, last).environment).toBe(2);
  });
  it('know which parks a city sponsors', () => {
    const withPark = { agreements: { ...state.agreements, parks: [{ id: 'park-hillton-metropolis', deal: 'd1', sponsor: 'hillton', host: 'metropolis', mode: 'mixed' as const, space: 2, statsShare: 0.5, taxShare: 0.5, since: 1 }] } };
    expect(sponsoredParks(withPark, 'hillton')).toEqual(['park-hillton-metropolis']);
    expect(sponsoredParks(withPark, 'metropolis')).toEqual([]);
  });
});

describe('countdown', () => {
  it("counts on the server's clock, and stands still while paused", () => {
    // The device runs 2 s behind the server: 10 s left by the server's clock are 8 s here.
    expect(remainingMs({ endsAt: 100_000, remainingMs: 0 }, 90_000, 2_000)).toBe(8_000);
    expect(remainingMs({ endsAt: null, remainingMs: 42_000 }, 90_000, 2_000)).toBe(42_000);
    expect(remainingMs({ endsAt: 100_000, remainingMs: 0 }, 200_000, 0)).toBe(0);
    expect(remainingMs(null, 0, 0)).toBeNull();
  });
  it('reads as m:ss, or h:mm:ss past an hour', () => {
    expect(clock(61_000)).toBe('1:01');
    expect(clock(500)).toBe('0:01');
    expect(clock(3_723_000)).toBe('1:02:03');
  });
});
