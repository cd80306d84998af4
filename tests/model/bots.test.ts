/** Bots (docs/model.md "Bots", core/bots/index.ts): pure, seeded, within the rules, and only what a seat may see. */
import { describe, expect, it } from 'vitest';
import { BOT_STRATEGIES, botDealActions, botDecisions, fixedRate, isBotStrategy, type BotStrategy, type BotView } from '../../core/bots';
import { BR_STEP } from '../../core/bots/best-response';
import { playBotGame } from '../../core/bots/game';
import { simulatorTable } from '../../core/bots/negotiate';
import { dealAction, emptyBook, visibleTo } from '../../core/deals';
import { checkDeal, checkDecisions, defaultLand, initialState, makeContext, resolveParams } from '../../core/model';
import { MAX_SUBSIDY } from '../../core/protocol/decisions';
import { partiesOf, type DealView, type ParkTerms } from '../../core/protocol/deals';
import { SCENARIOS } from '../../core/scenarios';
import { region, scenario } from '../support/model';

const zj = scenario('zhejiang-mountain-sea');

function view(city: string, over: Partial<BotView> = {}): BotView {
  const { seed: _seed, ...state } = initialState(zj, { seed: 1, rounds: 8 });
  return { city, round: 1, state, results: [], scenario: zj, deals: [], ...over };
}

describe('bot decisions', () => {
  it('every strategy plays a whole game in every scenario without a refused decision', { timeout: 60_000 }, () => {
    for (const s of SCENARIOS) {
      for (const strategy of [...BOT_STRATEGIES, 'fixed:0.25'] as BotStrategy[]) {
        const strategies = Object.fromEntries(s.regions.map((r) => [r.id, strategy]));
        // playBotGame resolves every round and throws on any refusal.
        const game = playBotGame(s, { rounds: 2, seed: 3, strategies });
        expect(game.rounds).toHaveLength(2);
      }
    }
  });
  it('the escalator outbids last round’s top subsidy; the frugal bot pays nothing', () => {
    const game = playBotGame(zj, { rounds: 3, seed: 3, strategies: Object.fromEntries(zj.regions.map((r) => [r.id, r.id === 'ningbo' ? 'escalator' : 'matcher'])) });
    const bid = (t: number, id: string) => game.rounds[t]!.decisions[id]!.subsidies.talent;
    expect(bid(2, 'ningbo')).toBeGreaterThan(bid(1, 'ningbo'));
    expect(bid(2, 'ningbo')).toBeGreaterThan(Math.max(...zj.regions.filter((r) => r.id !== 'ningbo').map((r) => bid(1, r.id))));
    expect(botDecisions('frugal', view('quzhou'), 1).subsidies).toEqual({ talent: 0, startups: 0, capital: 0 });
  });
  it('keeps its bids within a national cap the host has announced for the round', () => {
    const v = view('hangzhou', { events: [{ kind: 'subsidy-cap', cap: 0.05 }], results: [] });
    const ctx = makeContext(zj, resolveParams());
    const d = botDecisions('escalator', v, 1);
    expect(d.subsidies.talent).toBeLessThanOrEqual(0.05);
    expect(checkDecisions(ctx, v.state, 'hangzhou', d, { events: v.events })).toBeNull();
  });
  it('is a pure function of the view and the seed', () => {
    const v = view('quzhou');
    expect(botDecisions('random', v, 5)).toEqual(botDecisions('random', v, 5));
    expect(botDecisions('random', v, 5)).not.toEqual(botDecisions('random', v, 6));
  });
  it('scales its wishes down to the budget rather than submit something refused', () => {
    const v = view('zhoushan', { state: { ...view('zhoushan').state, regions: view('zhoushan').state.regions.map((r) => (r.id === 'zhoushan' ? { ...r, treasury: -4 } : r)) } });
    const ctx = makeContext(zj, resolveParams());
    for (const strategy of BOT_STRATEGIES) expect(checkDecisions(ctx, v.state, 'zhoushan', botDecisions(strategy, v, 1))).toBeNull();
  });
});

describe('fixed:RATE and best-response (core/bots/index.ts, core/bots/best-response.ts)', () => {
  it('names: fixed:RATE for RATE from 0 to MAX_SUBSIDY, nothing else', () => {
    expect(isBotStrategy('fixed:0.25')).toBe(true);
    expect(isBotStrategy('fixed:0')).toBe(true);
    expect(isBotStrategy(`fixed:${MAX_SUBSIDY}`)).toBe(true);
    expect(isBotStrategy('fixed:9')).toBe(false);
    expect(isBotStrategy('fixed:-1')).toBe(false);
    expect(isBotStrategy('fixed:')).toBe(false);
    expect(isBotStrategy('fixed:0.2x')).toBe(false);
    expect(isBotStrategy('generous')).toBe(false);
    for (const s of BOT_STRATEGIES) expect(isBotStrategy(s)).toBe(true);
    expect(fixedRate('fixed:0.25')).toBe(0.25);
  });
  it('fixed:RATE bids exactly RATE on every factor, with the default land policy, while the budget allows', () => {
    const ctx = makeContext(zj, resolveParams());
    const game = playBotGame(zj, { rounds: 3, seed: 3, strategies: Object.fromEntries(zj.regions.map((r) => [r.id, r.id === 'hangzhou' ? 'fixed:0.25' : 'frugal'])) });
    for (const round of game.rounds) {
      const d = round.decisions.hangzhou!;
      expect(d.subsidies).toEqual({ talent: 0.25, startups: 0.25, capital: 0.25 });
      expect(d.parkSubsidies).toEqual({});
      expect(region(round.result, 'hangzhou').subsidies).toEqual({ talent: 0.25, startups: 0.25, capital: 0.25 });
    }
    // Land as the default policy has it, the first round from the start.
    const hz = game.initial.regions.find((r) => r.id === 'hangzhou')!;
    expect(game.rounds[0]!.decisions.hangzhou!.land).toEqual(defaultLand(ctx, hz, undefined));
    // Beyond the budget it scales down rather than be refused.
    const poor = view('zhoushan', { state: { ...view('zhoushan').state, regions: view('zhoushan').state.regions.map((r) => (r.id === 'zhoushan' ? { ...r, treasury: -3 } : r)) } });
    const d = botDecisions('fixed:5', poor, 1);
    expect(d.subsidies.talent).toBeLessThan(5);
    expect(checkDecisions(ctx, poor.state, 'zhoushan', d)).toBeNull();
  });
  it('best-response is a pure function of the view and the seed, and bids within [0, cap], one step from its last bid', { timeout: 30_000 }, () => {
    const game = playBotGame(zj, { rounds: 4, seed: 3, strategies: Object.fromEntries(zj.regions.map((r, i) => [r.id, i % 2 ? 'best-response' : 'escalator'])) });
    const ctx = makeContext(zj, resolveParams());
    for (const [t, round] of game.rounds.entries()) {
      const results = game.rounds.slice(0, t).map((r) => r.result);
      for (const [i, r] of zj.regions.entries()) {
        if (i % 2 === 0) continue;
        // Two rates: one for talent and capital, one for startups; each moves at most one step a round.
        const d = round.decisions[r.id]!;
        expect(d.subsidies.capital).toBe(d.subsidies.talent);
        const before = t === 0 ? { talent: 0, startups: 0, capital: 0 } : results.at(-1)!.regions[i]!.subsidies;
        for (const f of ['talent', 'startups'] as const) {
          expect(d.subsidies[f]).toBeGreaterThanOrEqual(0);
          expect(d.subsidies[f]).toBeLessThanOrEqual(MAX_SUBSIDY);
          expect(Math.abs(d.subsidies[f] - before[f])).toBeLessThanOrEqual(BR_STEP + 1e-9);
        }
      }
    }
    // Same view, same seed: the same bid; under a national cap it stays below the cap.
    const capped = view('quzhou', { events: [{ kind: 'subsidy-cap', cap: 0.05 }] });
    const bid = botDecisions('best-response', capped, 4);
    expect(botDecisions('best-response', capped, 4)).toEqual(bid);
    expect(bid.subsidies.talent).toBeGreaterThanOrEqual(0);
    expect(bid.subsidies.talent).toBeLessThanOrEqual(0.05);
    expect(checkDecisions(ctx, capped.state, 'quzhou', bid, { events: capped.events })).toBeNull();
    // A best responder that bid last round, capped now below that bid, bids no more than the cap.
    const strategies = Object.fromEntries(zj.regions.map((r) => [r.id, 'best-response' as BotStrategy]));
    const first = playBotGame(zj, { rounds: 2, seed: 3, strategies, params: { landPrice: 0 } });
    const { seed: _seed, ...afterOne } = first.state;
    const cap = 0.03;
    expect(region(first.rounds[1]!.result, 'quzhou').subsidies.talent).toBeGreaterThan(cap + BR_STEP);
    const after = { city: 'quzhou', round: 3, state: afterOne, results: first.rounds.map((r) => r.result), scenario: zj, deals: [], events: [{ kind: 'subsidy-cap' as const, cap }] };
    expect(botDecisions('best-response', after, 4).subsidies.talent).toBeLessThanOrEqual(cap);
  });
});

describe('bot deal actions', () => {
  const terms: ParkTerms = { kind: 'park', sponsor: 'quzhou', host: 'hangzhou', landQuota: 2, space: 1.5, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 };
  const offer: DealView = { id: 'd1', terms, proposer: 'quzhou', parties: ['quzhou', 'hangzhou'], accepted: ['quzhou'], status: 'open', round: 1, counters: null };
  it('frugal, fixed, matcher, escalator and best-response bots decline what they are offered, and propose nothing', () => {
    for (const s of ['frugal', 'fixed:0.25', 'matcher', 'escalator', 'best-response'] as BotStrategy[]) {
      expect(botDealActions(s, view('hangzhou', { deals: [offer] }), 1)).toEqual([{ type: 'reject', deal: 'd1' }]);
      expect(botDealActions(s, view('quzhou'), 1)).toEqual([]);
    }
  });
  it('the cooperator proposes a park or a platform that pays by the model’s projection, and only feasible terms', () => {
    const actions = botDealActions('cooperator', view('quzhou'), 1);
    const proposal = actions.find((a) => a.type === 'propose');
    expect(proposal).toBeDefined();
    if (proposal?.type === 'propose') {
      if (proposal.terms.kind === 'park') expect(proposal.terms.sponsor).toBe('quzhou');
      else expect(proposal.terms).toMatchObject({ kind: 'platform', subsidyCap: 0, techTrading: true });
      expect(partiesOf(proposal.terms)).toContain('quzhou');
      expect(checkDeal(zj, view('quzhou').state, proposal.terms)).toBeNull();
    }
  });
  it('cooperators sign a park when it pays the host by the projection, and decline it when it does not; rejecting bots leave none signed', { timeout: 30_000 }, () => {
    const all = (strategy: (role: string) => BotStrategy) => Object.fromEntries(zj.regions.map((r) => [r.id, strategy(r.role)]));
    // Without an up-front land price, hosting a park pays: provincial support, tax, innovation.
    const free = playBotGame(zj, { rounds: 3, seed: 3, params: { landPrice: 0 }, strategies: all(() => 'cooperator') });
    expect(free.state.agreements.parks.length).toBeGreaterThan(0);
    const signed = free.book.deals.filter((d) => d.status === 'signed');
    expect(signed.length).toBe(free.rounds.reduce((s, r) => s + r.deals.length, 0));
    // At the highest land price (50/km², paid up front by the host) no host's projection finds a park worth it.
    const priced = playBotGame(zj, { rounds: 3, seed: 3, params: { landPrice: 50 }, strategies: all(() => 'cooperator') });
    expect(priced.book.deals.length).toBeGreaterThan(0);
    expect(priced.state.agreements.parks).toHaveLength(0);
    const rejecting = playBotGame(zj, { rounds: 3, seed: 3, params: { landPrice: 0 }, strategies: all((role) => (role === 'core' || role === 'second-core' ? 'matcher' : 'cooperator')) });
    expect(rejecting.state.agreements.parks).toHaveLength(0);
    expect(rejecting.book.deals.some((d) => d.status === 'rejected')).toBe(true);
  });
  it('a seat sees only its own deals until they are signed', () => {
    const table = simulatorTable(zj, initialState(zj, { seed: 1 }));
    let book = emptyBook();
    const out = dealAction(book, table, 'quzhou', { type: 'propose', terms });
    if (!out.ok) throw new Error(`the proposal was refused: ${out.error.rule}`);
    book = out.book;
    expect(visibleTo(book, 'hangzhou')).toHaveLength(1);
    expect(visibleTo(book, 'ningbo')).toHaveLength(0);
    const signed = dealAction(book, table, 'hangzhou', { type: 'accept', deal: 'd1' });
    if (!signed.ok) throw new Error(`the acceptance was refused: ${signed.error.rule}`);
    expect(signed.signed?.id).toBe('d1');
    expect(visibleTo(signed.book, 'ningbo')).toHaveLength(1);
  });
});
