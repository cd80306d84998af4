/**
 * A minimal deal table for playing bots against each other without a room (the simulation
 * CLI, the tests, the benchmark). It keeps the room's rules: only parties see a deal until
 * it is signed; the proposer counts as accepting; a deal is signed when every party has
 * accepted and `checkDeal` still finds it feasible; a counter withdraws the deal it answers.
 * Open deals lapse at the end of the round they were proposed in.
 */
import { checkDeal } from '../model';
import { partiesOf, type DealAction, type DealView, type SignedDeal } from '../protocol/deals';
import type { GameState, RoundResult } from '../protocol/state';
import type { InputError } from '../protocol/validate';
import type { Scenario } from '../scenarios/schema';
import { botDealActions, type BotStrategy } from './index';

export interface DealBook {
  /** Number of the next deal id. */
  next: number;
  deals: DealView[];
}

export const emptyBook = (): DealBook => ({ next: 1, deals: [] });

/** What a seat sees of the book. */
export function visibleTo(book: DealBook, city: string): DealView[] {
  return book.deals.filter((d) => d.status === 'signed' || d.parties.includes(city));
}

export type ActionOutcome = { ok: true; book: DealBook; signed: SignedDeal | null } | { ok: false; error: InputError };

export function applyDealAction(scenario: Scenario, state: Pick<GameState, 'params' | 'regions' | 'agreements' | 'policy'>, book: DealBook, city: string, action: DealAction, round: number): ActionOutcome {
  const refuse = (field: string, rule: string): ActionOutcome => ({ ok: false, error: { field, rule } });
  const propose = (terms: DealView['terms'], counters: string | null, deals: DealView[]): ActionOutcome => {
    const parties = partiesOf(terms);
    if (!parties.includes(city)) return refuse('terms', `${city} must be one of the parties`);
    const error = checkDeal(scenario, state, terms);
    if (error) return { ok: false, error };
    const deal: DealView = { id: `d${book.next}`, terms, proposer: city, parties, accepted: [city], status: 'open', round, counters };
    return { ok: true, book: { next: book.next + 1, deals: [...deals, deal] }, signed: null };
  };
  if (action.type === 'propose') return propose(action.terms, null, book.deals);
  const deal = book.deals.find((d) => d.id === action.deal);
  if (!deal || !deal.parties.includes(city)) return refuse('deal', `no deal ${action.deal} for ${city}`);
  if (deal.status !== 'open') return refuse('deal', `deal ${deal.id} is ${deal.status}`);
  const replace = (d: DealView) => book.deals.map((x) => (x.id === d.id ? d : x));
  switch (action.type) {
    case 'withdraw':
      if (deal.proposer !== city) return refuse('deal', 'only the proposer can withdraw a deal');
      return { ok: true, book: { ...book, deals: replace({ ...deal, status: 'withdrawn' }) }, signed: null };
    case 'reject':
      return { ok: true, book: { ...book, deals: replace({ ...deal, status: 'rejected' }) }, signed: null };
    case 'counter':
      return propose(action.terms, deal.id, replace({ ...deal, status: 'withdrawn' }));
    case 'accept': {
      if (deal.accepted.includes(city)) return refuse('deal', `${city} has already accepted ${deal.id}`);
      const accepted = [...deal.accepted, city];
      if (accepted.length < deal.parties.length) return { ok: true, book: { ...book, deals: replace({ ...deal, accepted }) }, signed: null };
      const error = checkDeal(scenario, state, deal.terms);
      if (error) return { ok: true, book: { ...book, deals: replace({ ...deal, accepted, status: 'lapsed' }) }, signed: null };
      return { ok: true, book: { ...book, deals: replace({ ...deal, accepted, status: 'signed' }) }, signed: { id: deal.id, terms: deal.terms, signedRound: round } };
    }
  }
}

/**
 * One round of bot negotiation before decisions: every bot acts on what it sees, in city
 * order, for a few passes (propose, answer, answer the counters). Returns the deals signed.
 */
export function negotiateRound(
  scenario: Scenario,
  state: GameState,
  results: readonly RoundResult[],
  strategies: Readonly<Record<string, BotStrategy>>,
  seed: number,
  book: DealBook,
): { book: DealBook; signed: SignedDeal[] } {
  const round = state.round + 1;
  const { seed: _seed, ...pub } = state;
  const signed: SignedDeal[] = [];
  let current = book;
  for (let pass = 0; pass < 3; pass++) {
    let acted = false;
    for (const r of scenario.regions) {
      const strategy = strategies[r.id];
      if (!strategy) continue;
      // Deals signed this round already bind: later feasibility checks must see them.
      const view = { city: r.id, round, state: pub, results, scenario, deals: visibleTo(current, r.id) };
      for (const action of botDealActions(strategy, view, seed + pass)) {
        const out = applyDealAction(scenario, state, current, r.id, action, round);
        if (!out.ok) continue;
        current = out.book;
        acted = true;
        if (out.signed) signed.push(out.signed);
      }
    }
    if (!acted) break;
  }
  // Whatever is still open lapses with the round.
  current = { ...current, deals: current.deals.map((d) => (d.status === 'open' ? { ...d, status: 'lapsed' } : d)) };
  return { book: current, signed };
}
