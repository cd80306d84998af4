/**
 * The model's refusals carry their codes and arguments (the client says them from these,
 * tests/web/refusals.test.ts), drafts compare and clean as the room expects, and the
 * countdown follows the server's clock.
 */
import { describe, expect, it } from 'vitest';
import { MAX_OPEN_DEALS_PER_CITY } from '../../core/deals';
import { checkDecisions, makeContext, resolveParams } from '../../core/model';
import { checkDeal } from '../../core/model/deals';
import { initialState } from '../../core/model/init';
import { noDecisions } from '../../core/protocol/decisions';
import type { RefusalArgs } from '../../core/protocol/refusals';
import { clock, remainingMs } from '../../web/src/lib/countdown';
import { clean, formProblem, sameDecisions, sponsoredParks, startingDecisions } from '../../web/src/lib/drafts';
import { fullRound, must, park as dealPark, platform, refused, start } from '../deals/fixture';
import { classroom, park } from './fixtures';

const state = initialState(classroom, { seed: 7 });
const ctx = makeContext(classroom, resolveParams({}));

describe('refusals come as codes with their arguments', () => {
  it('the budget rule, with its numbers', () => {
    const over = { ...noDecisions(1), subsidies: { talent: 5, startups: 5, capital: 5 } };
    const problem = checkDecisions(ctx, state, 'hillton', over)!;
    expect(problem.code).toBe('budget');
    const args = problem.args as RefusalArgs['budget'];
    expect(problem.rule).toContain(`spending ${args.chosen} `);
    expect(problem.rule).toContain(`exceeds the ${args.available} available`);
  });
  it('the land rule', () => {
    const problem = checkDecisions(ctx, state, 'metropolis', { ...noDecisions(1), land: { innovation: 3, production: 3 } })!;
    expect(problem).toMatchObject({ code: 'land', args: { released: 6, left: 4 } });
  });
  it("the model's deal rules, with the cities they name", () => {
    expect(checkDeal(classroom, state, { ...park, host: 'seaport' })).toMatchObject({ code: 'park-host', args: { host: 'seaport' } });
    expect(checkDeal(classroom, state, { ...park, sponsor: 'metropolis', host: 'rivertown' })).toMatchObject({ code: 'park-sponsor', args: { sponsor: 'metropolis' } });
    expect(checkDeal(classroom, state, { ...park, landQuota: 40 })).toMatchObject({ code: 'land-quota', args: { city: 'hillton', asked: 40 } });
  });
  it("the deal book's refusals (core/deals)", () => {
    const p = must(start(fullRound()), 'hillton', { type: 'propose', terms: dealPark() });
    expect(refused(p, 'rivertown', { type: 'accept', deal: 'd65' })).toMatchObject({ code: 'round-full', args: { round: 1, max: 64, deal: 'd65' } });
    let q = must(start(), 'hillton', { type: 'propose', terms: platform(['hillton', 'seaport']) });
    for (let i = 0; i < MAX_OPEN_DEALS_PER_CITY - 1; i++) q = must(q, 'hillton', { type: 'propose', terms: platform(['hillton', 'seaport'], { subsidyCap: i / 100 }) });
    expect(refused(q, 'hillton', { type: 'propose', terms: dealPark() })).toMatchObject({ code: 'open-deals', args: { city: 'hillton', max: 10 } });
    expect(refused(q, 'hillton', { type: 'accept', deal: 'd1' })).toMatchObject({ code: 'already-accepts', args: { city: 'hillton', deal: 'd1' } });
    q = must(q, 'hillton', { type: 'withdraw', deal: 'd1' });
    expect(refused(q, 'seaport', { type: 'accept', deal: 'd1' })).toMatchObject({ code: 'deal-closed', args: { deal: 'd1', status: 'withdrawn' } });
    expect(refused(q, 'seaport', { type: 'propose', terms: dealPark() })).toMatchObject({ code: 'not-party', args: { city: 'seaport' } });
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
    expect(formProblem(out)).toMatchObject({ field: 'subsidies.capital', rule: 'must be at least 0' });
    expect(formProblem(out)).toMatchObject({ code: 'at-least', args: { min: 0 } });
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
