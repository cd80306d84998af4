/**
 * Deals between seats (flow-model.md §3, game.md step 3): propose, counter, accept,
 * reject, withdraw. Every party must accept the same terms (an accept quotes the version
 * it read, so nobody signs terms changed under them); the model checks that the terms are
 * feasible when they are proposed or countered and again when the last party signs.
 * Only the parties see a deal until it is signed; signed deals are public and go to the
 * resolver with the round in which they were signed.
 *
 * Open deals when a round closes: they stay open (negotiations may span rounds), but they
 * cannot be signed while the round is being resolved, and after it every acceptance but
 * the author's is withdrawn, because the numbers the parties agreed on have changed. When
 * the game ends, open deals lapse.
 */
import { partiesOf, type DealTerms } from '../../core/protocol/deals';
import type { Deal, DealLogEntry, Room } from '../room';
import { isRefusal, ok, refuse, roundIsOpen, seated, type Actor, type Outcome, type RuleEnv, type Seated } from './common';

/** Open deals a city may be party to at once, and deals a game may hold in all. */
export const MAX_OPEN_DEALS_PER_CITY = 10;
export const MAX_DEALS = 200;

export const dealParties = (deal: Pick<Deal, 'terms'>) => partiesOf(deal.terms);

function log(room: Room, entry: Omit<DealLogEntry, 'round'>): Room['dealLog'] {
  return [...room.dealLog, { ...entry, round: room.meta.round }];
}

function replaceDeal(room: Room, deal: Deal, entries: Omit<DealLogEntry, 'round'>[]): Room {
  let dealLog = room.dealLog;
  for (const e of entries) dealLog = log({ ...room, dealLog }, e);
  return { ...room, dealLog, meta: { ...room.meta, deals: room.meta.deals.map((d) => (d.id === deal.id ? deal : d)) } };
}

/** Terms the room can take: every party a city of this game, the actor one of them, the model's feasibility. */
function checkTerms(room: Room, city: string, terms: DealTerms, env: RuleEnv) {
  const parties = partiesOf(terms);
  for (const p of parties) {
    if (!room.meta.seats.some((s) => s.city === p)) return refuse('terms', `"${p}" is not a city of this game`);
  }
  if (!parties.includes(city)) return refuse('terms', `${city} must be one of the parties`);
  const infeasible = env.checkDeal(room.state, terms);
  return infeasible ? refuse(`terms.${infeasible.field}`, infeasible.rule) : null;
}

/** The seated actor and an open round for a deal action. */
function dealer(room: Room, actor: Actor, what: string): Seated | { ok: false; error: { field: string; rule: string } } {
  const player = seated(actor, what);
  if (isRefusal(player)) return player;
  return roundIsOpen(room) ?? player;
}

/** The open deal the actor's city is party to; any other deal reads as unknown, so its existence does not leak. */
function ownDeal(room: Room, city: string, id: string) {
  const deal = room.meta.deals.find((d) => d.id === id);
  if (!deal || !dealParties(deal).includes(city)) return refuse('deal', `no deal ${id} involves ${city}`);
  if (deal.status !== 'open') return refuse('deal', `deal ${id} is already ${deal.status}`);
  return deal;
}

export function propose(room: Room, actor: Actor, msg: { terms: DealTerms }, env: RuleEnv): Outcome {
  const player = dealer(room, actor, 'propose deals');
  if (isRefusal(player)) return player;
  const city = player.member.city;
  const bad = checkTerms(room, city, msg.terms, env);
  if (bad) return bad;
  const { meta } = room;
  if (meta.deals.length >= MAX_DEALS) return refuse('(room)', `this game already holds ${MAX_DEALS} deals`);
  for (const p of partiesOf(msg.terms)) {
    const open = meta.deals.filter((d) => d.status === 'open' && dealParties(d).includes(p)).length;
    if (open >= MAX_OPEN_DEALS_PER_CITY) return refuse('terms', `${p} already has ${MAX_OPEN_DEALS_PER_CITY} open deals; close some first`);
  }
  const deal: Deal = {
    id: `d${meta.nextDeal}`,
    terms: msg.terms,
    version: 1,
    author: city,
    accepted: [city],
    status: 'open',
    openedRound: meta.round,
    closedRound: null,
  };
  return ok({
    ...room,
    dealLog: log(room, { at: env.now, deal: deal.id, action: 'propose', by: city, terms: msg.terms }),
    meta: { ...meta, deals: [...meta.deals, deal], nextDeal: meta.nextDeal + 1 },
  });
}

function sameParties(a: DealTerms, b: DealTerms): boolean {
  const x = [...partiesOf(a)].sort();
  const y = [...partiesOf(b)].sort();
  return x.length === y.length && x.every((c, i) => c === y[i]);
}

export function counter(room: Room, actor: Actor, msg: { deal: string; version: number; terms: DealTerms }, env: RuleEnv): Outcome {
  const player = dealer(room, actor, 'counter deals');
  if (isRefusal(player)) return player;
  const city = player.member.city;
  const deal = ownDeal(room, city, msg.deal);
  if (isRefusal(deal)) return deal;
  if (msg.version !== deal.version) return refuse('version', `deal ${deal.id} is at version ${deal.version} now; read it again`);
  if (msg.terms.kind !== deal.terms.kind) return refuse('terms.kind', `must stay "${deal.terms.kind}"; propose a new deal for another kind`);
  if (!sameParties(msg.terms, deal.terms)) return refuse('terms', 'must keep the same parties; withdraw and propose anew to change them');
  const bad = checkTerms(room, city, msg.terms, env);
  if (bad) return bad;
  const next: Deal = { ...deal, terms: msg.terms, version: deal.version + 1, author: city, accepted: [city] };
  return ok(replaceDeal(room, next, [{ at: env.now, deal: deal.id, action: 'counter', by: city, terms: msg.terms }]));
}

export function accept(room: Room, actor: Actor, msg: { deal: string; version: number }, env: RuleEnv): Outcome {
  const player = dealer(room, actor, 'accept deals');
  if (isRefusal(player)) return player;
  const city = player.member.city;
  const deal = ownDeal(room, city, msg.deal);
  if (isRefusal(deal)) return deal;
  if (msg.version !== deal.version) return refuse('version', `deal ${deal.id} is at version ${deal.version} now; read it again`);
  if (deal.accepted.includes(city)) return refuse('deal', `${city} already accepts version ${deal.version} of ${deal.id}`);
  const accepted = [...deal.accepted, city];
  const signed = dealParties(deal).every((p) => accepted.includes(p));
  if (!signed) return ok(replaceDeal(room, { ...deal, accepted }, [{ at: env.now, deal: deal.id, action: 'accept', by: city }]));
  // The state may have moved since the terms were written: the model checks them again.
  const infeasible = env.checkDeal(room.state, deal.terms);
  if (infeasible) return refuse(`terms.${infeasible.field}`, `can no longer be signed: ${infeasible.rule}`);
  const next: Deal = { ...deal, accepted, status: 'signed', closedRound: room.meta.round };
  return ok(
    replaceDeal(room, next, [
      { at: env.now, deal: deal.id, action: 'accept', by: city },
      { at: env.now, deal: deal.id, action: 'sign', by: city, terms: deal.terms },
    ]),
  );
}

export function reject(room: Room, actor: Actor, msg: { deal: string }, env: RuleEnv): Outcome {
  const player = dealer(room, actor, 'reject deals');
  if (isRefusal(player)) return player;
  const city = player.member.city;
  const deal = ownDeal(room, city, msg.deal);
  if (isRefusal(deal)) return deal;
  if (deal.author === city) return refuse('deal', `${city} wrote these terms; withdraw the deal instead`);
  const next: Deal = { ...deal, status: 'rejected', closedRound: room.meta.round };
  return ok(replaceDeal(room, next, [{ at: env.now, deal: deal.id, action: 'reject', by: city }]));
}

export function withdraw(room: Room, actor: Actor, msg: { deal: string }, env: RuleEnv): Outcome {
  const player = dealer(room, actor, 'withdraw deals');
  if (isRefusal(player)) return player;
  const city = player.member.city;
  const deal = ownDeal(room, city, msg.deal);
  if (isRefusal(deal)) return deal;
  if (deal.author !== city) return refuse('deal', `only ${deal.author}, who wrote the current terms, can withdraw ${deal.id}; reject it instead`);
  const next: Deal = { ...deal, status: 'withdrawn', closedRound: room.meta.round };
  return ok(replaceDeal(room, next, [{ at: env.now, deal: deal.id, action: 'withdraw', by: city }]));
}

/** After a resolution the numbers changed: open deals keep only their author's acceptance. */
export function reopenAfterResolution(room: Room): Room {
  const deals = room.meta.deals.map((d) => (d.status === 'open' && d.accepted.length > 1 ? { ...d, accepted: [d.author] } : d));
  return { ...room, meta: { ...room.meta, deals } };
}

/** At the game's end every open deal lapses (logged, so the record shows it). */
export function closeOpenDeals(room: Room, status: 'lapsed', now: number): Room {
  const open = room.meta.deals.filter((d) => d.status === 'open');
  if (open.length === 0) return room;
  let dealLog = room.dealLog;
  for (const d of open) dealLog = log({ ...room, dealLog }, { at: now, deal: d.id, action: 'lapse', by: 'room' });
  const deals = room.meta.deals.map((d) => (d.status === 'open' ? { ...d, status, closedRound: room.meta.round } : d));
  return { ...room, dealLog, meta: { ...room.meta, deals } };
}
