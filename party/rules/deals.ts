/**
 * Deals between seats (flow-model.md §3, game.md step 3): propose, counter, accept,
 * reject, withdraw, the model's DealAction one for one. A deal's terms never change: a
 * counter closes the deal it answers and proposes the new terms as a new deal, so every
 * party accepts exactly the terms it read. The model checks that terms are feasible when
 * they are proposed or countered and again when the last party signs. Only the parties
 * see a deal until it is signed; signed deals are public and go to the resolver with the
 * round in which they were signed.
 *
 * Open deals when a round closes: they stay open (negotiations may span rounds), but
 * nothing can be signed while the round is being resolved, and after it every acceptance
 * but the proposer's is withdrawn, because the numbers the parties agreed on have changed.
 * When the game ends, open deals lapse.
 *
 * The rules act for a city, so a bot holding a seat (rules/bots.ts) negotiates under the
 * very same rules as the people in a seat.
 */
import { partiesOf, type DealAction, type DealTerms, type DealView } from '../../core/protocol/deals';
import type { InputError } from '../../core/protocol/validate';
import type { Deal, DealLogEntry, Room } from '../room';
import { isRefusal, ok, refuse, roundIsOpen, seated, type Actor, type Outcome, type RuleEnv } from './common';

/** Open deals a city may be party to at once, and deals a game may hold in all. */
export const MAX_OPEN_DEALS_PER_CITY = 10;
export const MAX_DEALS = 200;

export const dealParties = (deal: Pick<Deal, 'terms'>) => partiesOf(deal.terms);

/** The model's view of a deal (what bots read, and the base of what clients read). */
export function dealView(deal: Deal): DealView {
  return { ...deal, accepted: [...deal.accepted], parties: dealParties(deal) };
}

/** The deals a city may see: those it is party to, and every signed one. */
export function dealsVisibleTo(room: Room, city: string | null): Deal[] {
  return room.meta.deals.filter((d) => d.status === 'signed' || (city !== null && dealParties(d).includes(city)));
}

type Refusal = { ok: false; error: InputError };
type LogEntry = Omit<DealLogEntry, 'round'>;

function withDeals(room: Room, deals: Deal[], entries: LogEntry[], nextDeal = room.meta.nextDeal): Room {
  const dealLog = [...room.dealLog, ...entries.map((e) => ({ ...e, round: room.meta.round }))];
  return { ...room, dealLog, meta: { ...room.meta, deals, nextDeal } };
}

function replace(room: Room, deal: Deal, entries: LogEntry[]): Room {
  return withDeals(room, room.meta.deals.map((d) => (d.id === deal.id ? deal : d)), entries);
}

/** Terms the room can take: every party a city of this game, the city one of them, the model's feasibility. */
function checkTerms(room: Room, city: string, terms: DealTerms, env: RuleEnv): Refusal | null {
  const parties = partiesOf(terms);
  for (const p of parties) {
    if (!room.meta.seats.some((s) => s.city === p)) return refuse('terms', `"${p}" is not a city of this game`);
  }
  if (!parties.includes(city)) return refuse('terms', `${city} must be one of the parties`);
  for (const p of parties) {
    const open = room.meta.deals.filter((d) => d.status === 'open' && dealParties(d).includes(p)).length;
    if (open >= MAX_OPEN_DEALS_PER_CITY) return refuse('terms', `${p} already has ${MAX_OPEN_DEALS_PER_CITY} open deals; close some first`);
  }
  if (room.meta.deals.length >= MAX_DEALS) return refuse('(room)', `this game already holds ${MAX_DEALS} deals`);
  const infeasible = env.checkDeal(room.state, terms);
  if (!infeasible) return null;
  // The model names fields from the terms down ("terms.landQuota"); keep that one prefix.
  return refuse(infeasible.field.startsWith('terms') ? infeasible.field : `terms.${infeasible.field}`, infeasible.rule);
}

/** The open deal the city is party to; any other deal reads as unknown, so its existence does not leak. */
function openDeal(room: Room, city: string, id: string): Deal | Refusal {
  const deal = room.meta.deals.find((d) => d.id === id);
  if (!deal || !dealParties(deal).includes(city)) return refuse('deal', `no deal ${id} involves ${city}`);
  if (deal.status !== 'open') return refuse('deal', `deal ${id} is already ${deal.status}`);
  return deal;
}

function newDeal(room: Room, city: string, terms: DealTerms, counters: string | null): Deal {
  return { id: `d${room.meta.nextDeal}`, terms, proposer: city, accepted: [city], status: 'open', round: room.meta.round, counters, closedRound: null };
}

function sameParties(a: DealTerms, b: DealTerms): boolean {
  const x = [...partiesOf(a)].sort();
  const y = [...partiesOf(b)].sort();
  return x.length === y.length && x.every((c, i) => c === y[i]);
}

/** One deal action by a city: the rules people and bots share. The round must be open. */
export function dealAction(room: Room, city: string, action: DealAction, env: RuleEnv): Outcome {
  const closed = roundIsOpen(room);
  if (closed) return closed;
  const round = room.meta.round;
  const at = env.now;
  if (action.type === 'propose') {
    const bad = checkTerms(room, city, action.terms, env);
    if (bad) return bad;
    const deal = newDeal(room, city, action.terms, null);
    return ok(withDeals(room, [...room.meta.deals, deal], [{ at, deal: deal.id, action: 'propose', by: city, terms: action.terms }], room.meta.nextDeal + 1));
  }
  const deal = openDeal(room, city, action.deal);
  if (isRefusal(deal)) return deal;
  switch (action.type) {
    case 'counter': {
      if (action.terms.kind !== deal.terms.kind) return refuse('terms.kind', `must stay "${deal.terms.kind}"; propose a new deal for another kind`);
      if (!sameParties(action.terms, deal.terms)) return refuse('terms', 'must keep the same parties; withdraw and propose anew to change them');
      // The answered deal closes first, so its place among the open deals is free for the counter.
      const without = replace(room, { ...deal, status: 'withdrawn', closedRound: round }, []);
      const bad = checkTerms(without, city, action.terms, env);
      if (bad) return bad;
      const next = newDeal(room, city, action.terms, deal.id);
      return ok(
        withDeals(without, [...without.meta.deals, next], [
          { at, deal: deal.id, action: 'counter', by: city, terms: action.terms },
          { at, deal: next.id, action: 'propose', by: city, terms: action.terms },
        ], room.meta.nextDeal + 1),
      );
    }
    case 'accept': {
      if (deal.accepted.includes(city)) return refuse('deal', `${city} already accepts ${deal.id}`);
      const accepted = [...deal.accepted, city];
      if (!dealParties(deal).every((p) => accepted.includes(p))) return ok(replace(room, { ...deal, accepted }, [{ at, deal: deal.id, action: 'accept', by: city }]));
      // The state may have moved since the terms were written: the model checks them again.
      const infeasible = env.checkDeal(room.state, deal.terms);
      if (infeasible) return refuse(infeasible.field.startsWith('terms') ? infeasible.field : `terms.${infeasible.field}`, `can no longer be signed: ${infeasible.rule}`);
      return ok(
        replace(room, { ...deal, accepted, status: 'signed', closedRound: round }, [
          { at, deal: deal.id, action: 'accept', by: city },
          { at, deal: deal.id, action: 'sign', by: city, terms: deal.terms },
        ]),
      );
    }
    case 'reject':
      if (deal.proposer === city) return refuse('deal', `${city} proposed these terms; withdraw the deal instead`);
      return ok(replace(room, { ...deal, status: 'rejected', closedRound: round }, [{ at, deal: deal.id, action: 'reject', by: city }]));
    case 'withdraw':
      if (deal.proposer !== city) return refuse('deal', `only ${deal.proposer}, who proposed these terms, can withdraw ${deal.id}; reject it instead`);
      return ok(replace(room, { ...deal, status: 'withdrawn', closedRound: round }, [{ at, deal: deal.id, action: 'withdraw', by: city }]));
  }
}

/** A person's deal message: a seated player acts for their city (a seat a bot holds is the bot's). */
export function playerDealAction(room: Room, actor: Actor, action: DealAction, env: RuleEnv): Outcome {
  const player = seated(actor, `${action.type} deals`);
  if (isRefusal(player)) return player;
  const city = player.member.city;
  if (room.meta.seats.find((s) => s.city === city)!.bot !== null) return refuse('(seat)', `${city} is played by a bot this round`);
  return dealAction(room, city, action, env);
}

/** After a resolution the numbers changed: open deals keep only their proposer's acceptance. */
export function reopenAfterResolution(room: Room): Room {
  const deals = room.meta.deals.map((d) => (d.status === 'open' && d.accepted.length > 1 ? { ...d, accepted: [d.proposer] } : d));
  return { ...room, meta: { ...room.meta, deals } };
}

/** At the game's end every open deal lapses (logged, so the record shows it). */
export function lapseOpenDeals(room: Room, now: number): Room {
  const open = room.meta.deals.filter((d) => d.status === 'open');
  if (open.length === 0) return room;
  const deals = room.meta.deals.map((d): Deal => (d.status === 'open' ? { ...d, status: 'lapsed', closedRound: room.meta.round } : d));
  return withDeals(room, deals, open.map((d) => ({ at: now, deal: d.id, action: 'lapse', by: 'room' })));
}
