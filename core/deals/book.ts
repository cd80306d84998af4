/**
 * The deal book: every deal of one game, open or closed (§3: the projects several cities
 * must agree on). The room (party/rules/deals.ts) and the simulator (core/bots/negotiate.ts,
 * core/bots/game.ts) keep one each and change it only through this folder's functions, so
 * bots are tuned under the very rules people play.
 *
 * This file: what the book holds, what a seat sees of it, what goes to the resolver, and what
 * happens to open deals between rounds. The actions are in actions.ts; the feasibility of a
 * signature, with the deals already signed this round, in signing.ts.
 */
import { partiesOf, type DealTerms, type DealView, type SignedDeal } from '../protocol/deals';

/** A deal in the book: the seats' DealView (its terms never change), less the parties it derives, plus when it closed. */
export interface BookDeal extends Omit<DealView, 'parties' | 'accepted'> {
  accepted: string[];
  /** Round in which it was signed, rejected, withdrawn, countered or lapsed. */
  closedRound: number | null;
}

export interface DealBook {
  /** Every deal, in the order proposed. Never changed in place: each action returns a new array. */
  deals: BookDeal[];
  /** How many deals have been proposed, plus one: the next deal's place in the book. */
  next: number;
  /** The room's secret for numbering deals (ids.ts); none: d1, d2, ... in order. */
  key?: number;
}

/** What the game record calls each step of a deal (core/protocol/record.ts `dealLog`). */
/** `reopen`: a signature undone because its round was never resolved (party/rules/rounds.ts `reopenRound`). */
export type BookStep = 'propose' | 'counter' | 'accept' | 'reject' | 'withdraw' | 'sign' | 'lapse' | 'reopen';

/** One step for the deal log; the room adds the clock reading. */
export interface BookEntry {
  round: number;
  deal: string;
  action: BookStep;
  /** City that acted, or `GAME` when the game itself closed the deal (a lapse). */
  by: string;
  terms?: DealTerms;
}

/** Who the log names for a lapse: the game itself (the record's word for it is "room"). */
export const GAME = 'room';

export const emptyBook = (): DealBook => ({ deals: [], next: 1 });

export const dealParties = (deal: Pick<BookDeal, 'terms'>): string[] => partiesOf(deal.terms);

/** The seats' view of a deal (what bots read, and the base of what clients read). */
export function dealView(deal: BookDeal): DealView {
  return { ...deal, accepted: [...deal.accepted], parties: dealParties(deal) };
}

/** The deals a city may see: those it is party to, and every signed one (null: nobody's, so only signed ones). */
export function visibleTo(book: DealBook, city: string | null): BookDeal[] {
  return book.deals.filter((d) => d.status === 'signed' || (city !== null && dealParties(d).includes(city)));
}

/**
 * The deals signed during `round`, for its resolution: they take effect there, in id order.
 * Any list of deals will do (a client's view of them, say: signed deals are public).
 */
export function signedIn(book: { deals: readonly Pick<BookDeal, 'id' | 'terms' | 'status' | 'closedRound'>[] }, round: number): SignedDeal[] {
  return book.deals.filter((d) => d.status === 'signed' && d.closedRound === round).map((d) => ({ id: d.id, terms: d.terms, signedRound: round }));
}

/**
 * After a resolution the numbers the parties agreed on have changed: open deals stay open
 * (negotiations may span rounds) but keep only their proposer's acceptance.
 */
export function reopenAfterResolution(book: DealBook): DealBook {
  if (!book.deals.some((d) => d.status === 'open' && d.accepted.length > 1)) return book;
  return { ...book, deals: book.deals.map((d) => (d.status === 'open' && d.accepted.length > 1 ? { ...d, accepted: [d.proposer] } : d)) };
}

/**
 * The model refused the round in which these deals were signed, so they never took effect:
 * they are open again with only their proposer's acceptance (the same terms, for the parties
 * to sign again or drop), logged so the record shows why a signed deal was not applied.
 */
export function unsignRound(book: DealBook, round: number): { book: DealBook; log: BookEntry[] } {
  const undone = book.deals.filter((d) => d.status === 'signed' && d.closedRound === round);
  if (undone.length === 0) return { book, log: [] };
  const deals = book.deals.map((d): BookDeal => (undone.includes(d) ? { ...d, status: 'open', accepted: [d.proposer], closedRound: null } : d));
  return { book: { ...book, deals }, log: undone.map((d) => ({ round, deal: d.id, action: 'reopen', by: GAME })) };
}

/** When the game ends every open deal lapses, logged so the record shows it. `round`: the last round. */
export function lapseOpenDeals(book: DealBook, round: number): { book: DealBook; log: BookEntry[] } {
  const open = book.deals.filter((d) => d.status === 'open');
  if (open.length === 0) return { book, log: [] };
  const deals = book.deals.map((d): BookDeal => (d.status === 'open' ? { ...d, status: 'lapsed', closedRound: round } : d));
  return { book: { ...book, deals }, log: open.map((d) => ({ round, deal: d.id, action: 'lapse', by: GAME })) };
}
