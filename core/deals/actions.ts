/**
 * The deal actions (§3: cities agree on a project before it exists): propose, counter,
 * accept, reject, withdraw, the protocol's DealAction one for one. One pure function for
 * the room and the simulator alike: (book, table, city, action) → the next book and its log
 * steps, or a refusal `{ field, rule }` that changes nothing.
 *
 * - A deal's terms never change. A counter closes the deal it answers (withdrawn) and
 *   proposes the new terms as a new deal of the same kind between the same parties, so
 *   every party accepts exactly the terms it read.
 * - The proposer counts as accepting. The deal is signed when the last party accepts; the
 *   terms are checked again then, and if they no longer fit, that acceptance is refused and
 *   the deal stays open (a party may withdraw or reject it, or wait for the numbers to move).
 * - Feasibility (proposal, counter, signature) sees the deals already signed this round
 *   (signing.ts), and a round signs at most what the resolver takes (limits.ts).
 * - Only a party other than the proposer rejects; only the proposer withdraws.
 * - A deal is unknown to a city that is not a party, so its existence does not leak.
 */
import { partiesOf, type DealAction, type DealTerms, type SignedDeal } from '../protocol/deals';
import type { InputError } from '../protocol/validate';
import type { Scenario } from '../scenarios/schema';
import { dealParties, signedIn, type BookDeal, type BookEntry, type DealBook } from './book';
import { dealNumber } from './ids';
import { MAX_DEALS, MAX_OPEN_DEALS_PER_CITY, MAX_SIGNED_PER_ROUND } from './limits';
import { checkSigning, type BookState } from './signing';
import { moved, refusal, type RefusalArgs, type RefusalCode } from '../protocol/refusals';

/** Where the book is played: everything an action reads besides the book itself. */
export interface DealTable {
  scenario: Scenario;
  /** The state after the last resolved round: what the resolver starts this round from. */
  state: BookState;
  /** The round being played: deals signed now take effect in its resolution. */
  round: number;
  /** Cities that may be parties: the room's seats; every city of the scenario in the simulator. */
  cities: readonly string[];
}

export type Refusal = { ok: false; error: InputError };
export type BookOutcome = { ok: true; book: DealBook; log: BookEntry[]; signed: SignedDeal | null } | Refusal;

const refuse = <C extends RefusalCode>(field: string, code: C, args: RefusalArgs[C]): Refusal => ({ ok: false, error: refusal(field, code, args) });

const done = (book: DealBook, log: BookEntry[], signed: SignedDeal | null = null): BookOutcome => ({ ok: true, book, log, signed });

const replace = (book: DealBook, deal: BookDeal): DealBook => ({ ...book, deals: book.deals.map((d) => (d.id === deal.id ? deal : d)) });

/** The model names fields from the terms down ("terms.landQuota"); keep that one prefix. */
const termsField = (field: string) => (field.startsWith('terms') ? field : `terms.${field}`);

/** Terms the book can take from `city`: parties of this game, the city among them, within the caps, feasible now. */
function checkTerms(book: DealBook, table: DealTable, city: string, terms: DealTerms): Refusal | null {
  const parties = partiesOf(terms);
  for (const p of parties) {
    if (!table.cities.includes(p)) return refuse('terms', 'not-a-city', { city: p });
  }
  if (!parties.includes(city)) return refuse('terms', 'not-party', { city });
  for (const p of parties) {
    const open = book.deals.filter((d) => d.status === 'open' && dealParties(d).includes(p)).length;
    if (open >= MAX_OPEN_DEALS_PER_CITY) return refuse('terms', 'open-deals', { city: p, max: MAX_OPEN_DEALS_PER_CITY });
  }
  if (book.deals.length >= MAX_DEALS) return refuse('(room)', 'deals-full', { max: MAX_DEALS });
  const infeasible = checkSigning(table.scenario, table.state, signedIn(book, table.round), table.round, terms);
  return infeasible ? { ok: false, error: moved(infeasible, termsField(infeasible.field)) } : null;
}

/** The open deal the city is party to; any other deal reads as unknown. */
function openDeal(book: DealBook, city: string, id: string): BookDeal | Refusal {
  const deal = book.deals.find((d) => d.id === id);
  if (!deal || !dealParties(deal).includes(city)) return refuse('deal', 'no-deal', { deal: id, city });
  if (deal.status !== 'open') return refuse('deal', 'deal-closed', { deal: id, status: deal.status });
  return deal;
}

function sameParties(a: DealTerms, b: DealTerms): boolean {
  const x = [...partiesOf(a)].sort();
  const y = [...partiesOf(b)].sort();
  return x.length === y.length && x.every((c, i) => c === y[i]);
}

/** Add a deal the city proposes (the terms already checked). */
function propose(book: DealBook, table: DealTable, city: string, terms: DealTerms, counters: string | null): { book: DealBook; deal: BookDeal } {
  // A book that ran sequential ids before it had a key could hold this number already: skip it.
  let next = book.next;
  while (book.deals.some((d) => d.id === `d${dealNumber(next, book.key)}`)) next++;
  const deal: BookDeal = { id: `d${dealNumber(next, book.key)}`, terms, proposer: city, accepted: [city], status: 'open', round: table.round, counters, closedRound: null };
  return { book: { ...book, deals: [...book.deals, deal], next: next + 1 }, deal };
}

/** One deal action by a city. Whether the city may act now (an open round, a seat it holds) is the caller's. */
export function dealAction(book: DealBook, table: DealTable, city: string, action: DealAction): BookOutcome {
  const { round } = table;
  if (action.type === 'propose') {
    const bad = checkTerms(book, table, city, action.terms);
    if (bad) return bad;
    const next = propose(book, table, city, action.terms, null);
    return done(next.book, [{ round, deal: next.deal.id, action: 'propose', by: city, terms: action.terms }]);
  }
  const deal = openDeal(book, city, action.deal);
  if ('ok' in deal) return deal;
  switch (action.type) {
    case 'counter': {
      if (action.terms.kind !== deal.terms.kind) return refuse('terms.kind', 'kind-fixed', { kind: deal.terms.kind });
      if (!sameParties(action.terms, deal.terms)) return refuse('terms', 'same-parties', {});
      // The answered deal closes first, so its place among the open deals is free for the counter.
      const without = replace(book, { ...deal, status: 'withdrawn', closedRound: round });
      const bad = checkTerms(without, table, city, action.terms);
      if (bad) return bad;
      const next = propose(without, table, city, action.terms, deal.id);
      return done(next.book, [
        { round, deal: deal.id, action: 'counter', by: city, terms: action.terms },
        { round, deal: next.deal.id, action: 'propose', by: city, terms: action.terms },
      ]);
    }
    case 'accept': {
      if (deal.accepted.includes(city)) return refuse('deal', 'already-accepts', { city, deal: deal.id });
      const accepted = [...deal.accepted, city];
      if (!dealParties(deal).every((p) => accepted.includes(p))) return done(replace(book, { ...deal, accepted }), [{ round, deal: deal.id, action: 'accept', by: city }]);
      const signed = signedIn(book, round);
      if (signed.length >= MAX_SIGNED_PER_ROUND) {
        return refuse('deal', 'round-full', { round, max: MAX_SIGNED_PER_ROUND, deal: deal.id });
      }
      // The state may have moved since the terms were written, this round's signatures included.
      const infeasible = checkSigning(table.scenario, table.state, signed, round, deal.terms);
      if (infeasible) return refuse(termsField(infeasible.field), 'unsignable', { reason: { code: infeasible.code, args: infeasible.args } });
      return done(
        replace(book, { ...deal, accepted, status: 'signed', closedRound: round }),
        [
          { round, deal: deal.id, action: 'accept', by: city },
          { round, deal: deal.id, action: 'sign', by: city, terms: deal.terms },
        ],
        { id: deal.id, terms: deal.terms, signedRound: round },
      );
    }
    case 'reject':
      if (deal.proposer === city) return refuse('deal', 'proposer', { city });
      return done(replace(book, { ...deal, status: 'rejected', closedRound: round }), [{ round, deal: deal.id, action: 'reject', by: city }]);
    case 'withdraw':
      if (deal.proposer !== city) return refuse('deal', 'not-proposer', { proposer: deal.proposer, deal: deal.id });
      return done(replace(book, { ...deal, status: 'withdrawn', closedRound: round }), [{ round, deal: deal.id, action: 'withdraw', by: city }]);
  }
}
