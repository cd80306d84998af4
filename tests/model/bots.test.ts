/** Bots (game.md "Bots"): pure, seeded, within the rules, and only what a seat may see. */
import { describe, expect, it } from 'vitest';
import { BOT_STRATEGIES, botDealActions, botDecisions, type BotStrategy, type BotView } from '../../core/bots';
import { playBotGame } from '../../core/bots/game';
import { simulatorTable } from '../../core/bots/negotiate';
import { dealAction, emptyBook, visibleTo } from '../../core/deals';
import { checkDeal, checkDecisions, initialState, makeContext, resolveParams } from '../../core/model';
import type { DealView, ParkTerms } from '../../core/protocol/deals';
import { SCENARIOS } from '../../core/scenarios';
import { scenario } from '../support/model';

const zj = scenario('zhejiang-mountain-sea');

function view(city: string, over: Partial<BotView> = {}): BotView {
  const { seed: _seed, ...state } = initialState(zj, { seed: 1 });
  return { city, round: 1, state, results: [], scenario: zj, deals: [], ...over };
}

describe('bot decisions', () => {
  it('every strategy plays a whole game in every scenario without a refused decision', () => {
    for (const s of SCENARIOS) {
      for (const strategy of BOT_STRATEGIES) {
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

describe('bot deal actions', () => {
  const terms: ParkTerms = { kind: 'park', sponsor: 'quzhou', host: 'hangzhou', landQuota: 2, space: 1.5, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 };
  const offer: DealView = { id: 'd1', terms, proposer: 'quzhou', parties: ['quzhou', 'hangzhou'], accepted: ['quzhou'], status: 'open', round: 1, counters: null };
  it('matcher and escalator reject offers; the frugal bot ignores them', () => {
    for (const s of ['matcher', 'escalator'] as BotStrategy[]) expect(botDealActions(s, view('hangzhou', { deals: [offer] }), 1)).toEqual([{ type: 'reject', deal: 'd1' }]);
    expect(botDealActions('frugal', view('hangzhou', { deals: [offer] }), 1)).toEqual([]);
  });
  it('the cooperator proposes a park that pays by the model’s projection, and only feasible terms', () => {
    const actions = botDealActions('cooperator', view('quzhou'), 1);
    const proposal = actions.find((a) => a.type === 'propose');
    expect(proposal).toBeDefined();
    if (proposal?.type === 'propose') {
      expect(proposal.terms).toMatchObject({ kind: 'park', sponsor: 'quzhou' });
      expect(checkDeal(zj, view('quzhou').state, proposal.terms)).toBeNull();
    }
  });
  it('cooperators sign enclave deals among themselves; rejecting bots leave none signed', () => {
    const coop = playBotGame(zj, { rounds: 3, seed: 3, strategies: Object.fromEntries(zj.regions.map((r) => [r.id, 'cooperator'])) });
    expect(coop.state.agreements.parks.length).toBeGreaterThan(0);
    const signed = coop.book.deals.filter((d) => d.status === 'signed');
    expect(signed.length).toBe(coop.rounds.reduce((s, r) => s + r.deals.length, 0));
    const rejecting = playBotGame(zj, { rounds: 3, seed: 3, strategies: Object.fromEntries(zj.regions.map((r) => [r.id, r.role === 'core' || r.role === 'second-core' ? 'matcher' : 'cooperator'])) });
    expect(rejecting.state.agreements.parks).toHaveLength(0);
    expect(rejecting.book.deals.some((d) => d.status === 'rejected')).toBe(true);
  });
  it('a seat sees only its own deals until they are signed', () => {
    const table = simulatorTable(zj, initialState(zj, { seed: 1 }));
    let book = emptyBook();
    const out = dealAction(book, table, 'quzhou', { type: 'propose', terms });
    expect(out.ok).toBe(true);
    if (out.ok) book = out.book;
    expect(visibleTo(book, 'hangzhou')).toHaveLength(1);
    expect(visibleTo(book, 'ningbo')).toHaveLength(0);
    const signed = dealAction(book, table, 'hangzhou', { type: 'accept', deal: 'd1' });
    expect(signed.ok && signed.signed?.id).toBe('d1');
    if (signed.ok) expect(visibleTo(signed.book, 'ningbo')).toHaveLength(1);
  });
});
