/**
 * Deals between seats (§3): the room's shell over core's deal book (core/deals), the one
 * engine the simulator and the bots play as well. The rules themselves (counters, who may
 * reject or withdraw, the caps, feasibility with the round's signed deals, what happens
 * between rounds) live there; this file adds only what is the room's: a seated player acts
 * for their city, nothing moves unless the round is open, the cities of the game are its
 * seats, and the log entries carry the clock reading.
 *
 * Only the parties see a deal until it is signed; signed deals are public and go to the
 * resolver with the round in which they were signed (rules/rounds.ts). The rules act for a
 * city, so a bot holding a seat (rules/bots.ts) negotiates under the very same rules as the
 * people in a seat.
 */
import * as book from '../../core/deals';
import type { DealAction, SignedDeal } from '../../core/protocol/deals';
import type { Deal, Room } from '../room';
import { isRefusal, ok, refuse, roundIsOpen, seated, type Actor, type Outcome, type RuleEnv } from './common';

export { MAX_DEALS, MAX_OPEN_DEALS_PER_CITY, dealParties, dealView } from '../../core/deals';

/**
 * The room's deal book: its deals and the next deal's place, kept in `meta`, and the key that
 * numbers deals so ids tell no seat how many private deals exist elsewhere (core/deals/ids.ts).
 * The key comes from the host token's hash, which never leaves the room.
 */
export const bookOf = (room: Room): book.DealBook => ({ deals: room.meta.deals, next: room.meta.nextDeal, key: dealKey(room.meta.hostTokenHash) });

export const dealKey = (hostTokenHash: string): number => parseInt(hostTokenHash.slice(-8), 16) >>> 0;

/** The book back into the room, its steps into the deal log with the clock reading `at`. */
export function withBook(room: Room, next: book.DealBook, log: readonly book.BookEntry[], at: number): Room {
  if (next.deals === room.meta.deals && next.next === room.meta.nextDeal && log.length === 0) return room;
  const dealLog = log.length ? [...room.dealLog, ...log.map((e) => ({ at, ...e }))] : room.dealLog;
  return { ...room, dealLog, meta: { ...room.meta, deals: next.deals, nextDeal: next.next } };
}

/** Where the room's book is played: its last resolved state, its open round, its seated cities. */
export function dealTable(room: Room, env: RuleEnv): book.DealTable {
  return { scenario: env.scenario, state: room.state, round: room.meta.round, cities: room.meta.seats.map((s) => s.city) };
}

/** The deals a city may see: those it is party to, and every signed one. */
export function dealsVisibleTo(room: Room, city: string | null): Deal[] {
  return book.visibleTo(bookOf(room), city);
}

/** The deals signed during the open round: what its resolution applies. */
export function signedThisRound(room: Room): SignedDeal[] {
  return book.signedIn(bookOf(room), room.meta.round);
}

/** One deal action by a city: the rules people and bots share. The round must be open. */
export function dealAction(room: Room, city: string, action: DealAction, env: RuleEnv): Outcome {
  const closed = roundIsOpen(room);
  if (closed) return closed;
  const out = book.dealAction(bookOf(room), dealTable(room, env), city, action);
  return out.ok ? ok(withBook(room, out.book, out.log, env.now)) : out;
}

/** A person's deal message: a seated player acts for their city (a seat a bot holds is the bot's). */
export function playerDealAction(room: Room, actor: Actor, action: DealAction, env: RuleEnv): Outcome {
  const player = seated(actor, `${action.type} deals`);
  if (isRefusal(player)) return player;
  const city = player.member.city;
  if (room.meta.seats.find((s) => s.city === city)!.bot !== null) return refuse('(seat)', 'bot-this-round', { city });
  return dealAction(room, city, action, env);
}

/** After a resolution the numbers changed: open deals keep only their proposer's acceptance. */
export function reopenAfterResolution(room: Room): Room {
  return withBook(room, book.reopenAfterResolution(bookOf(room)), [], 0);
}

/** The model refused the open round: its signatures are undone (logged), the deals open again. */
export function unsignRound(room: Room, now: number): Room {
  const out = book.unsignRound(bookOf(room), room.meta.round);
  return withBook(room, out.book, out.log, now);
}

/** At the game's end every open deal lapses (logged, so the record shows it). */
export function lapseOpenDeals(room: Room, now: number): Room {
  const out = book.lapseOpenDeals(bookOf(room), room.meta.round);
  return withBook(room, out.book, out.log, now);
}
