/**
 * The fiscal side of a round (core/model/budget.ts, core/model/round/budgets.ts): what a city
 * may spend, what it pays for newcomers (§4.1), the treasury's arithmetic with provincial
 * support, park running costs and the unspent budget that returns to the general budget.
 */
import { describe, expect, it } from 'vitest';
import { checkDeal, checkDecisions, creditLimit, DEFAULT_PARAMS, estimateSpending, initialState, makeContext, resolveParams, resolveRound } from '../../core/model';
import { FACTORS } from '../../core/model/factors';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import type { ParkTerms } from '../../core/protocol/deals';
import type { GameState } from '../../core/protocol/state';
import { SCENARIOS } from '../../core/scenarios';
import { decisionsFor, fiscalEnd, flat, play, region, scenario, step } from '../support/model';

const s = scenario();
const zj = scenario('zhejiang-mountain-sea');
const ctx = makeContext(s, resolveParams());
const state = initialState(s, { seed: 1, rounds: 1 });
const park: ParkTerms = { kind: 'park', sponsor: 'quzhou', host: 'hangzhou', landQuota: 3, space: 1.5, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 };

describe('budget limits (core/model/budget.ts)', () => {
  it('accepts spending within treasury plus credit', () => {
    expect(checkDecisions(ctx, state, 'hillton', { ...noDecisions(1), subsidies: flat(0.2) })).toBeNull();
  });

  it('refuses subsidies that cannot be paid, naming the field and the amounts', () => {
    const error = checkDecisions(ctx, state, 'hillton', { ...noDecisions(1), subsidies: flat(5) });
    expect(error?.field).toBe('subsidies');
    expect(error?.rule).toMatch(/exceeds the [\d.]+ available \(treasury [\d.]+ \+ credit [\d.]+\)/);
  });

  it('refuses land beyond the quota, land beyond funds at the land price, and environment beyond funds', () => {
    const land = checkDecisions(ctx, state, 'metropolis', { ...noDecisions(1), land: { innovation: 3, production: 2 } });
    expect(land).toEqual({ field: 'land', rule: 'releases 5 km² but only 4 km² of land quota is left' });
    // Hillton has 12 + 6.25 credit: 1.5 km² costs 18 at the land price, 1.6 km² 19.2.
    expect(checkDecisions(ctx, state, 'hillton', { ...noDecisions(1), land: { innovation: 0, production: 1.5 } })).toBeNull();
    expect(checkDecisions(ctx, state, 'hillton', { ...noDecisions(1), land: { innovation: 0, production: 1.6 } })?.field).toBe('land');
    const env = checkDecisions(ctx, state, 'hillton', { ...noDecisions(1), environment: 1000 });
    expect(env?.field).toBe('environment');
  });

  it('counts the running costs of the parks a city sponsors in what it spends', () => {
    const { state: st } = play(zj, 1, undefined, 3, { deals: { 1: [park] } });
    const zctx = makeContext(zj, resolveParams());
    const quzhou = st.regions.find((r) => r.id === 'quzhou')!;
    const e = estimateSpending(zctx, st, quzhou, noDecisions(2));
    expect(e.parkCosts).toBe(DEFAULT_PARAMS.parkRunningCost * park.space);
    expect(e.total).toBe(e.parkCosts);
  });

  it('refuses decisions for another round', () => {
    expect(checkDecisions(ctx, state, 'hillton', noDecisions(2))).toEqual({ field: 'round', rule: 'must be 1, the round being decided (got 2)' });
  });

  it('the resolver refuses the whole round when one city is over budget, and changes nothing', () => {
    const decisions = decisionsFor(s, state, (_r, city) => (city === 'seaport' ? { subsidies: flat(5) } : {}));
    const before = JSON.stringify(state);
    const out = resolveRound(s, state, decisions);
    expect(out).toMatchObject({ ok: false, error: { field: 'decisions.seaport.subsidies' } });
    expect(JSON.stringify(state)).toBe(before);
  });
});

describe('subsidies paid to newcomers (§4.1; core/model/subsidies.ts owedUnits)', () => {
  it('the bill is rate × subsidyRounds × newcomers (+ hunters for startups), to the last digit, host and sponsor alike', () => {
    const rates: Record<string, Decisions['subsidies']> = { hangzhou: { talent: 0.1, startups: 0.15, capital: 0.05 }, quzhou: { talent: 0.02, startups: 0.04, capital: 0.01 } };
    const parkRate = { talent: 0.2, startups: 0.3, capital: 0.1 };
    const { state: st1 } = play(zj, 1, undefined, 7, { deals: { 1: [park] } });
    const { state: st2, result } = step(zj, st1, (_t, c) => ({ subsidies: rates[c] ?? flat(0), ...(c === 'quzhou' ? { parkSubsidies: { 'park-quzhou-hangzhou': parkRate } } : {}) }));
    // The round's newcomers, kept in the state for next round's estimate (core/model/round/expectations.ts).
    const R = DEFAULT_PARAMS.subsidyRounds;
    const bill = new Map<string, Record<(typeof FACTORS)[number], number>>();
    const add = (payer: string, rate: Decisions['subsidies'], units: Decisions['subsidies'], hunters: number) => {
      const b = bill.get(payer) ?? flat(0);
      b.talent += rate.talent * (R * units.talent);
      b.startups += rate.startups * (R * (units.startups + hunters));
      b.capital += rate.capital * (R * units.capital);
      bill.set(payer, b);
    };
    for (const loc of st2.locations) {
      // The host's rate on newcomers from another city or outside; a park's sponsor's on all of its newcomers.
      add(loc.host, rates[loc.host] ?? flat(0), loc.arrivals, loc.hunters);
      if (loc.id !== loc.host) add(loc.sponsor, parkRate, loc.newcomers, loc.hunters);
    }
    for (const r of st2.regions) {
      const b = bill.get(r.id)!;
      expect(r.subsidiesPaid).toBe(b.talent + b.startups + b.capital);
    }
    expect(st2.regions.find((r) => r.id === 'quzhou')!.subsidiesPaid).toBeGreaterThan(0);
    // The park's newcomers from Hangzhou itself cost Hangzhou nothing, Quzhou its park rate.
    const loc = st2.locations.find((l) => l.id === 'park-quzhou-hangzhou')!;
    expect(loc.newcomers.talent).toBeGreaterThan(loc.arrivals.talent);
    expect(region(result, 'quzhou').parkSubsidiesPaid).toBeCloseTo(FACTORS.reduce((a, f) => a + parkRate[f] * R * (loc.newcomers[f] + (f === 'startups' ? loc.hunters : 0)), 0), 3);
  });

  it('the estimate is within a factor of 2.5 of the actual bill for a moderate bid (0.2), first bid or kept', () => {
    const ratios: number[] = [];
    for (const sc of SCENARIOS) {
      const sctx = makeContext(sc, resolveParams());
      for (const kept of [false, true]) {
        const { state: st } = play(sc, 3, (t) => ({ subsidies: flat(kept || t < 3 ? 0.2 : 0) }));
        for (const bidder of sc.regions.map((r) => r.id)) {
          const d = { ...noDecisions(st.round + 1), subsidies: flat(0.2) };
          const estimate = estimateSpending(sctx, st, st.regions.find((r) => r.id === bidder)!, d).subsidies;
          const actual = region(step(sc, st, (_t, c) => ({ subsidies: flat(c === bidder || kept ? 0.2 : 0) })).result, bidder).fiscal.subsidies;
          ratios.push(actual / estimate);
        }
      }
    }
    // Measured: 0.42 to 1.47. A first bid in a small city draws more than its last round's newcomers suggest.
    expect(Math.min(...ratios)).toBeGreaterThan(1 / 2.5);
    expect(Math.max(...ratios)).toBeLessThan(2.5);
  });

  it('never lets a treasury fall below its credit limit, even when subsidised newcomers pour in beyond the estimate', () => {
    // Bid every round the most the estimate allows; the newcomers then cost more than estimated.
    const best = (st: GameState, city: string) => {
      const r = st.regions.find((x) => x.id === city)!;
      let lo = 0;
      let hi = 5;
      for (let k = 0; k < 30; k++) {
        const mid = (lo + hi) / 2;
        const e = estimateSpending(ctx, st, r, { ...noDecisions(st.round + 1), subsidies: flat(mid) });
        if (e.total <= e.available) lo = mid;
        else hi = mid;
      }
      return Math.floor(lo * 1000) / 1000;
    };
    let st = initialState(s, { seed: 1, rounds: 8 });
    let cut = 0;
    for (let t = 1; t <= 8; t++) {
      const out = step(s, st, (_r, city, now) => ({ subsidies: flat(best(now, city)) }));
      st = out.state;
      for (const r of st.regions) expect(r.treasury).toBeGreaterThanOrEqual(-creditLimit(ctx, r) - 1e-9);
      // Some cities run into the limit: they pay only part of the bill and end exactly at it.
      cut += st.regions.filter((r) => Math.abs(r.treasury + creditLimit(ctx, r)) < 1e-6).length;
    }
    expect(cut).toBeGreaterThan(0);
  });
});

describe('the treasury (core/model/round/budgets.ts)', () => {
  it('adds up: end = start + tax + support + land sales − subsidies − environment − land − projects − park costs − returned', () => {
    const { results, state: st } = play(zj, 5, (round, city) => ({
      subsidies: flat(city === 'jiaxing' ? 0.1 : 0.02),
      environment: city === 'ningbo' ? 5 : 0,
      land: { innovation: round === 1 && city === 'shaoxing' ? 0.5 : 0, production: city === 'lishui' ? 0.3 : 0 },
      projects: { scienceFacility: city === 'hangzhou' && round <= 2 },
      parkSubsidies: (city === 'quzhou' && round > 1 ? { 'park-quzhou-hangzhou': { talent: 0.05, startups: 0.05, capital: 0 } } : {}) as Decisions['parkSubsidies'],
    }), 7, { deals: { 1: [park] } });
    // Results are rounded to about five significant digits for viewers; the state is exact.
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-3 * Math.max(1, Math.abs(b)));
    const P = DEFAULT_PARAMS;
    results.forEach((round, t) => {
      for (const r of round.regions) {
        const f = r.fiscal;
        close(f.end, fiscalEnd(f));
        close(f.subsidies, r.subsidiesPaid.talent + r.subsidiesPaid.startups + r.subsidiesPaid.capital);
        // What is left unspent returns in part to the general budget (budgetCarryover).
        const unspent = f.end + f.returned;
        close(f.returned, unspent > 0 ? (1 - P.budgetCarryover) * unspent : 0);
        if (t > 0) close(f.start, region(results[t - 1]!, r.id).fiscal.end);
      }
      // The host gets provincial support for the park space it hosts; the sponsor pays to run the park.
      expect(region(round, 'hangzhou').fiscal.support).toBeCloseTo(P.counterpartSupport * park.space, 9);
      expect(region(round, 'quzhou').fiscal.parkCosts).toBeCloseTo(P.parkRunningCost * park.space, 9);
      expect(region(round, 'ningbo').fiscal.support).toBe(0);
      expect(region(round, 'ningbo').fiscal.parkCosts).toBe(0);
    });
    // Land: released and granted as park space, at the land price, up front; innovation space is also built on (spacePrice).
    expect(region(results[0]!, 'hangzhou').fiscal.land).toBeCloseTo(P.landPrice * park.space, 9);
    expect(region(results[0]!, 'shaoxing').fiscal.land).toBeCloseTo((P.landPrice + P.spacePrice) * 0.5, 9);
    expect(region(results[1]!, 'lishui').fiscal.land).toBeCloseTo(P.landPrice * 0.3, 9);
    expect(region(results[0]!, 'hangzhou').fiscal.projects).toBe(P.facilityCost);
    expect(region(results[2]!, 'hangzhou').fiscal.projects).toBe(0);
    expect(results.some((r) => r.regions.some((x) => x.fiscal.returned > 0))).toBe(true);
    for (const r of st.regions) close(r.treasury, region(results[4]!, r.id).fiscal.end);
  });

  it('what returns to the general budget bounds the treasury: a frugal city’s stops growing (30 rounds)', { timeout: 30_000 }, () => {
    const c = DEFAULT_PARAMS.budgetCarryover;
    const bounded = play(s, 30).results;
    const kept = play(s, 30, undefined, 7, { params: { budgetCarryover: 1 } }).results;
    for (const id of s.regions.map((r) => r.id)) {
      const at = (rs: typeof bounded, t: number) => region(rs[t - 1]!, id).fiscal;
      // Income I a round, a share c kept: the treasury tends to c/(1 − c) · I and follows I from there.
      const income = (t: number) => at(bounded, t).tax + at(bounded, t).support + at(bounded, t).landSales;
      expect(at(bounded, 30).end).toBeLessThan((c / (1 - c)) * income(30) * 1.01);
      expect(at(bounded, 30).end).toBeGreaterThan((c / (1 - c)) * income(30) * 0.9);
      // (The treasury lags its income by a round or two: within 2%.)
      expect(Math.abs(at(bounded, 30).end / at(bounded, 20).end / (income(30) / income(20)) - 1)).toBeLessThan(0.02);
      // Without the return, the same city piles up every round's income.
      const sum = kept.reduce((a, r) => a + region(r, id).fiscal.tax, 0);
      expect(at(kept, 30).end).toBeGreaterThan(at(kept, 1).start + 0.99 * sum);
      expect(at(kept, 30).end).toBeGreaterThan(3 * at(bounded, 30).end);
    }
  });
});

describe('a round changes the state it should', () => {
  it('advances the round and leaves the input state untouched', () => {
    const before = JSON.stringify(state);
    const out = resolveRound(s, state, decisionsFor(s, state, () => ({})));
    expect(out.ok && out.state.round).toBe(1);
    expect(JSON.stringify(state)).toBe(before);
  });
});

// A game must never get stuck: once a treasury is at or past −credit with costs it cannot
// avoid, a city must still be able to submit decisions (core/model/budget.ts).
describe('a city always has a decision it may submit', () => {
  // Found at default parameters (classroom-4, seed 3, cooperators and random bots): a park's
  // running cost is committed, paid whatever the city decides, so it does not count against
  // what the city may choose to spend; doing nothing is always allowed.
  it('doing nothing is accepted at the credit limit, parks to run or not', () => {
    const { state: st } = play(zj, 1, undefined, 7, { deals: { 1: [park] } });
    const zctx = makeContext(zj, resolveParams());
    const atLimit: GameState = { ...st, regions: st.regions.map((r) => (r.id === 'quzhou' ? { ...r, treasury: -creditLimit(zctx, r) } : r)) };
    expect(checkDecisions(zctx, atLimit, 'hangzhou', noDecisions(2))).toBeNull();
    expect(checkDecisions(zctx, atLimit, 'quzhou', noDecisions(2))).toBeNull();
  });
  // A host pays for a park's space up front, so a park whose space it cannot afford is refused
  // (checkDeal, and again when the round resolves): in g60-corridor Songjiang has 14.25 to spend
  // and 3 km² would cost 36.
  it('a park whose space its host cannot afford is refused, naming the cost, and the host can still decide', () => {
    const g60 = scenario('g60-corridor');
    const gctx = makeContext(g60, resolveParams());
    const terms: ParkTerms = { kind: 'park', sponsor: 'jinhua', host: 'songjiang', landQuota: 3, space: 3, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 };
    expect(checkDeal(g60, initialState(g60, { seed: 1, rounds: 1 }), terms)).toMatchObject({ field: 'terms.space', rule: expect.stringMatching(/would pay 36 up front/) });
    const { state: st, results } = play(g60, 1, undefined, 1, { deals: { 1: [terms] } });
    expect(results[0]!.deals[0]!.applied).toBe(false);
    const songjiang = st.regions.find((r) => r.id === 'songjiang')!;
    expect(songjiang.treasury).toBeGreaterThanOrEqual(-creditLimit(gctx, songjiang));
    expect(checkDecisions(gctx, st, 'songjiang', noDecisions(2))).toBeNull();
  });
});
