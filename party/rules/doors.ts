/**
 * The doors (docs/protocol.md "Doors"): who gets into the room. The host sets a room size
 * and can lock joins; a join to a seat that already has people becomes a pending request
 * that the seat's members or the host approve or refuse, and lapses after REQUEST_MS.
 * Pending requests are bounded per room and per address, so nobody can queue the room full.
 * Pure: the shell (game.ts) tells the joiner what became of the request.
 */
import { MAX_ROOM_PLAYERS } from '../../core/protocol/room';
import { membersOf, seatOf, type JoinRequest, type Room, type Vouch } from '../room';
import { sameHash } from '../../core/protocol/tokens';
import { ok, onlyHost, refuse, type Actor, type Outcome, type RuleEnv } from './common';
import * as seats from './seats';

/** How long a join request waits for an answer. */
export const REQUEST_MS = 120_000;
/** Pending requests at most, in a room and from one address. */
export const MAX_REQUESTS = 20;
export const MAX_REQUESTS_PER_IP = 3;

type Join = { name: string; city: string | null; team: boolean };

/** A join: refused at a locked or full room; to a taken seat (with `team`) a pending request; else the seat rules. */
export function join(room: Room, actor: Actor, msg: Join, env: RuleEnv, tokenHash: string): Outcome {
  if (actor.role !== 'spectator') return seats.join(room, actor, msg, tokenHash);
  const { meta } = room;
  if (meta.joins.locked) return refuse('(room)', 'joins-locked', {});
  const people = meta.members.length + meta.requests.length;
  if (people >= meta.joins.size) return refuse('(room)', 'room-full', { people: meta.joins.size });
  const seat = msg.city === null ? undefined : seatOf(room, msg.city);
  if (msg.city !== null && !seat) return seats.join(room, actor, msg, tokenHash);
  const taken = seat !== undefined && msg.team && membersOf(room, seat.city).length > 0;
  // A join after a kick from the same address asks the host whatever the seat (party/persons.ts).
  if ((!taken && !env.mustAsk) || meta.phase === 'finished') return seats.join(room, actor, msg, tokenHash);
  // The class placed this person on this team and vouched for them: no wait for the team's yes
  // (used once; not for a name the host kicked, from whatever address it comes back).
  if (taken && env.vouched && !env.mustAsk && !(meta.kicked ?? []).includes(msg.name)) {
    const joined = seats.join(room, actor, msg, tokenHash);
    return joined.ok ? ok({ ...joined.room, meta: { ...joined.room.meta, vouched: (meta.vouched ?? []).filter((v) => v.person !== env.vouched) } }) : joined;
  }
  if (seat) {
    const denied = seats.canJoin(room, seat, msg.team || membersOf(room, seat.city).length === 0);
    if (denied) return denied;
  }
  if (meta.requests.length >= MAX_REQUESTS) return refuse('(room)', 'requests-full', { count: MAX_REQUESTS });
  if (env.ip && meta.requests.filter((r) => r.ip === env.ip).length >= MAX_REQUESTS_PER_IP) {
    return refuse('(room)', 'requests-network', { count: MAX_REQUESTS_PER_IP });
  }
  const request: JoinRequest = { id: `r${meta.nextRequest}`, name: msg.name, city: seat?.city ?? null, tokenHash, ip: env.ip ?? null, expiresAt: env.now + REQUEST_MS };
  return ok({ ...room, meta: { ...meta, requests: [...meta.requests, request], nextRequest: meta.nextRequest + 1 } });
}

/** The host or a member of the seat asked lets the joiner in (as a team member) or refuses. */
export function approve(room: Room, actor: Actor, msg: { request: string; accept: boolean }, env: RuleEnv): Outcome {
  const request = room.meta.requests.find((r) => r.id === msg.request && r.expiresAt > env.now);
  const mine = actor.role === 'host' || (actor.role === 'player' && actor.member.city !== null && actor.member.city === request?.city);
  // A request for another seat reads as unknown: who asks where is that seat's business.
  if (!request || !mine) return refuse('request', 'no-request', { request: msg.request });
  const rest = { ...room, meta: { ...room.meta, requests: room.meta.requests.filter((r) => r !== request) } };
  if (!msg.accept) return ok(rest);
  if (room.meta.phase === 'finished') return refuse('(phase)', 'over', {});
  const seat = request.city === null ? undefined : seatOf(room, request.city);
  // The host may overrule a lock, as with `assign`; a seat's members may not.
  const denied = seat && seats.canJoin(rest, actor.role === 'host' ? { ...seat, locked: false } : seat, true);
  if (denied) return denied;
  const { meta } = rest;
  const member = { id: `m${meta.nextMember}`, name: request.name, tokenHash: request.tokenHash, city: request.city };
  return ok({ ...rest, meta: { ...meta, members: [...meta.members, member], nextMember: meta.nextMember + 1 } });
}

/** Requests whose time ran out are dropped (the joiner is told); null when none did. */
export function expire(room: Room, now: number): Room | null {
  const requests = room.meta.requests.filter((r) => r.expiresAt > now);
  return requests.length === room.meta.requests.length ? null : { ...room, meta: { ...room.meta, requests } };
}

/** The joiner went away before an answer: the request goes too. */
export function withdraw(room: Room, id: string): Room | null {
  const requests = room.meta.requests.filter((r) => r.id !== id);
  return requests.length === room.meta.requests.length ? null : { ...room, meta: { ...room.meta, requests } };
}

export function setJoins(room: Room, actor: Actor, msg: { locked: boolean }): Outcome {
  const denied = onlyHost(actor, 'lock joins');
  return denied ?? ok({ ...room, meta: { ...room.meta, joins: { ...room.meta.joins, locked: msg.locked } } });
}

/** The room size bounds new joins and requests; people already in stay (the host kicks if need be). */
export function setRoomSize(room: Room, actor: Actor, msg: { players: number }): Outcome {
  const denied = onlyHost(actor, 'set the room size');
  if (denied) return denied;
  const players = Math.min(msg.players, MAX_ROOM_PLAYERS);
  return ok({ ...room, meta: { ...room.meta, joins: { ...room.meta.joins, size: players } } });
}

/** Most vouches a room keeps: a class holds at most 300 people. */
export const MAX_VOUCHED = 300;

/**
 * The class person a join's pass stands for: the pass's hash matches one the class vouched for,
 * for the city and the name the join asks (a pass handed to someone else is no pass); or null.
 */
export function passHolder(room: Room, join: { city: string | null; name: string }, passHash: string): string | null {
  return (room.meta.vouched ?? []).find((v) => v.city === join.city && (v.name === undefined || v.name === join.name) && sameHash(passHash, v.passHash))?.person ?? null;
}

/**
 * The class vouches for a person it placed on a team here (party/class-room.ts): their pass's
 * hash, city and name, replacing an earlier word for the same person (a new pass, a move).
 */
export function vouch(room: Room, v: Vouch): Room {
  const rest = (room.meta.vouched ?? []).filter((x) => x.person !== v.person);
  return { ...room, meta: { ...room.meta, vouched: [...rest, v].slice(-MAX_VOUCHED) } };
}
