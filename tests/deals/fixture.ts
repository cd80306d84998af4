/** The deal book in memory for its tests: classroom-4, the simulator's table, actions that must pass or be refused. */
import { expect } from 'vitest';
import { simulatorTable } from '../../core/bots/negotiate';
import { MAX_SIGNED_PER_ROUND, dealAction, emptyBook, type BookDeal, type BookEntry, type DealBook, type DealTable } from '../../core/deals';
import { initialState } from '../../core/model';
import type { DealAction, DealTerms, ParkTerms, PlatformTerms, SignedDeal } from '../../core/protocol/deals';
import type { InputError } from '../../core/protocol/validate';
import { scenario } from '../support/model';

export const classroom = scenario('classroom-4');
export const state0 = initialState(classroom, { seed: 42 });
/** Round 1 of a fresh game: every city of classroom-4 may be a party. */
export const table1: DealTable = simulatorTable(classroom, state0);

/** hillton (periphery) sponsors a park in rivertown (second core): feasible at the start. */
export const park = (over: Partial<ParkTerms> = {}): ParkTerms => ({
  kind: 'park',
  sponsor: 'hillton',
  host: 'rivertown',
  landQuota: 1,
  space: 1,
  mode: 'mixed',
  statsShare: 0.5,
  taxShare: 0.5,
  ...over,
});

export const platform = (members: string[], over: Partial<PlatformTerms> = {}): DealTerms => ({ kind: 'platform', members, subsidyCap: 0.3, techTrading: true, ...over });

/** `n` signed deals of round 1 (the same platform: only the count matters to the per-round limit). */
export const signedDeals = (n: number): SignedDeal[] => Array.from({ length: n }, (_, i) => ({ id: `d${i + 1}`, terms: platform(['metropolis', 'rivertown']), signedRound: 1 }));

/** A book whose round 1 already carries as many signed deals as the resolver takes. */
export function fullRound(): DealBook {
  const deals: BookDeal[] = signedDeals(MAX_SIGNED_PER_ROUND).map((d) => ({ id: d.id, terms: d.terms, proposer: 'metropolis', accepted: ['metropolis', 'rivertown'], status: 'signed', round: 1, counters: null, closedRound: 1 }));
  return { deals, next: MAX_SIGNED_PER_ROUND + 1 };
}

/** A book and the log it has written so far. */
export interface Played {
  book: DealBook;
  log: BookEntry[];
}

export const start = (book = emptyBook()): Played => ({ book, log: [] });

/** Apply an action that must succeed. */
export function must(p: Played, city: string, action: DealAction, table = table1): Played {
  const out = dealAction(p.book, table, city, action);
  if (!out.ok) throw new Error(`${city} ${action.type} refused: ${out.error.field}: ${out.error.rule}`);
  return { book: out.book, log: [...p.log, ...out.log] };
}

/** Apply an action that must be refused; the refusal. The book must come out untouched. */
export function refused(p: Played, city: string, action: DealAction, table = table1): InputError {
  const before = JSON.stringify(p.book);
  const out = dealAction(deepFreeze(p.book), table, city, action);
  if (out.ok) throw new Error(`${city} ${action.type} was accepted`);
  expect(JSON.stringify(p.book)).toBe(before);
  return out.error;
}

export const deal = (p: Played, id: string): BookDeal => {
  const d = p.book.deals.find((x) => x.id === id);
  if (!d) throw new Error(`no deal ${id}`);
  return d;
};

export const statuses = (book: DealBook) => book.deals.map((d) => `${d.id}:${d.status}:${d.accepted.join('+')}:${d.closedRound ?? '-'}`);

/** A refused action may not change anything, down to the last array: frozen, a write would throw. */
function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}
