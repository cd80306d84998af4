/**
 * Who sits where (docs/protocol.md "Client → room"): people join a free city, a team's city or none (the
 * host then assigns one); the host moves, kicks, locks, mutes and hands seats to bots.
 * A member is identified by their seat token, never by a connection (partysocket buffers sends while disconnected).
 */
import { isBotStrategy, BOT_STRATEGIES, STRATEGY_ARGS } from '../../core/bots';
import { mixSeed } from '../../core/model/rng';
import type { Member, Room, Seat } from '../room';
import { membersOf, seatOf } from '../room';
import { cityExists, ok, onlyHost, refuse, type Actor, type Outcome } from './common';

/** People in one seat at most, and in one room at most. */
export const MAX_TEAM = 8;
export const MAX_MEMBERS = 120;

export function join(room: Room, actor: Actor, msg: { name: string; city: string | null; team: boolean }, tokenHash: string): Outcome {
  if (actor.role === 'host') return refuse('(role)', 'host-cannot-join', {});
  if (actor.role === 'player') return refuse('(role)', 'already-seated', {});
  const { meta } = room;
  if (meta.phase === 'finished') return refuse('(phase)', 'over', {});
  if (meta.members.length >= MAX_MEMBERS) return refuse('(room)', 'room-full', { people: MAX_MEMBERS });
  if (msg.city !== null) {
    const seat = seatOf(room, msg.city);
    if (!seat) return refuse('city', 'not-a-city', { city: msg.city });
    const denied = canJoin(room, seat, msg.team);
    if (denied) return denied;
  }
  const member: Member = { id: `m${meta.nextMember}`, name: msg.name, tokenHash, city: msg.city };
  return ok({ ...room, meta: { ...meta, members: [...meta.members, member], nextMember: meta.nextMember + 1 } });
}

export function canJoin(room: Room, seat: Seat, team: boolean) {
  if (seat.bot !== null) return refuse('city', 'bot-seat', { city: seat.city });
  if (seat.locked) return refuse('city', 'seat-locked', { city: seat.city });
  const members = membersOf(room, seat.city).length;
  if (members > 0 && !team) return refuse('city', 'seat-taken', { city: seat.city });
  if (members >= MAX_TEAM) return refuse('city', 'team-full', { city: seat.city, people: MAX_TEAM });
  return null;
}

export function leave(room: Room, actor: Actor): Outcome {
  if (actor.role !== 'player') return refuse('(role)', 'not-a-player', {});
  return ok(removeMember(room, actor.member.id));
}

/**
 * A class moved this person to another room before the start (party/class-room.ts): their
 * seat here goes. They are found by the name and city the class placed them on, or by the
 * name alone when exactly one member has it (they may have taken another seat here).
 */
export function unseatMoved(room: Room, who: { name: string; city: string }): Outcome {
  if (room.meta.phase !== 'lobby') return refuse('(phase)', 'already-started', {});
  const named = room.meta.members.filter((m) => m.name === who.name);
  const placed = named.filter((m) => m.city === who.city);
  const gone = placed.length ? placed : named.length === 1 ? named : [];
  return ok(gone.reduce((r, m) => removeMember(r, m.id), room));
}

function removeMember(room: Room, id: string): Room {
  return { ...room, meta: { ...room.meta, members: room.meta.members.filter((m) => m.id !== id) } };
}

function findMember(room: Room, id: string) {
  return room.meta.members.find((m) => m.id === id);
}

export function assign(room: Room, actor: Actor, msg: { member: string; city: string | null }): Outcome {
  const denied = onlyHost(actor, 'assign seats');
  if (denied) return denied;
  if (room.meta.phase === 'finished') return refuse('(phase)', 'over', {});
  if (!findMember(room, msg.member)) return refuse('member', 'no-member', { member: msg.member });
  if (msg.city !== null) {
    const missing = cityExists(room, msg.city);
    if (missing) return missing;
    // The host may overrule a lock or a full team, not a bot: handing the seat back is its own step.
    if (seatOf(room, msg.city)!.bot !== null) return refuse('city', 'bot-seat-host', { city: msg.city });
  }
  const members = room.meta.members.map((m) => (m.id === msg.member ? { ...m, city: msg.city } : m));
  return ok({ ...room, meta: { ...room.meta, members } });
}

export function kick(room: Room, actor: Actor, msg: { member: string }): Outcome {
  const denied = onlyHost(actor, 'remove people');
  if (denied) return denied;
  const member = findMember(room, msg.member);
  if (!member) return refuse('member', 'no-member', { member: msg.member });
  // The class's pass (rules/doors.ts) does not bring back, from any address, someone the host removed.
  const kicked = [...(room.meta.kicked ?? []).filter((n) => n !== member.name), member.name].slice(-MAX_KICKED);
  return ok(removeMember({ ...room, meta: { ...room.meta, kicked } }, msg.member));
}

/** Names a room remembers as kicked, at most: as many as a class places. */
export const MAX_KICKED = 300;

function updateSeat(room: Room, city: string, change: Partial<Seat>): Room {
  return { ...room, meta: { ...room.meta, seats: room.meta.seats.map((s) => (s.city === city ? { ...s, ...change } : s)) } };
}

export function lock(room: Room, actor: Actor, msg: { city: string; locked: boolean }): Outcome {
  const denied = onlyHost(actor, 'lock seats') ?? cityExists(room, msg.city);
  return denied ?? ok(updateSeat(room, msg.city, { locked: msg.locked }));
}

export function mute(room: Room, actor: Actor, msg: { city: string; muted: boolean }): Outcome {
  const denied = onlyHost(actor, 'mute a seat') ?? cityExists(room, msg.city);
  return denied ?? ok(updateSeat(room, msg.city, { muted: msg.muted }));
}

export function setBot(room: Room, actor: Actor, msg: { city: string; strategy: string | null }): Outcome {
  const denied = onlyHost(actor, 'hand seats to bots') ?? cityExists(room, msg.city);
  if (denied) return denied;
  if (room.meta.phase === 'finished') return refuse('(phase)', 'over', {});
  if (msg.strategy !== null && !isBotStrategy(msg.strategy)) return refuse('strategy', 'strategy', STRATEGY_ARGS);
  // Members stay in a seat handed to a bot: they watch, and get it back when the host says so.
  return ok(updateSeat(room, msg.city, { bot: msg.strategy }));
}

/** The strategy a bot gets in an empty seat: varied across seats, fixed by the game's seed. */
export function defaultStrategy(seed: number, city: string): string {
  return BOT_STRATEGIES[mixSeed(seed, city, 'bot-strategy') % BOT_STRATEGIES.length]!;
}

/**
 * The bots that fill empty seats, in the order they are dealt: the story needs them. A
 * best-response bot is tempted to subsidise when others do not (the dilemma), an escalator
 * starts the race, a cooperator proposes parks and platforms (the way out, §3 and §4.3);
 * the rest come after. Three seats drawn at random were once all frugal, and doing nothing won.
 */
export const BOT_CAST = ['best-response', 'cooperator', 'escalator', 'matcher', 'frugal', 'random'] as const;

/**
 * At the start, with bots on, every seat nobody took goes to a bot: the cast in order, to
 * the empty seats in an order the seed shuffles (so which city races and which cooperates
 * changes from game to game, and replays the same).
 */
export function fillEmptySeats(room: Room): Room {
  if (!room.meta.settings.bots) return room;
  const seed = room.meta.settings.seed;
  const empty = room.meta.seats
    .filter((s) => s.bot === null && membersOf(room, s.city).length === 0)
    .map((s) => s.city)
    .sort((a, b) => mixSeed(seed, a, 'bot-cast') - mixSeed(seed, b, 'bot-cast') || a.localeCompare(b));
  const cast = new Map(empty.map((city, i) => [city, BOT_CAST[i % BOT_CAST.length]!]));
  const seats = room.meta.seats.map((s) => (cast.has(s.city) ? { ...s, bot: cast.get(s.city)! } : s));
  return { ...room, meta: { ...room.meta, seats } };
}
