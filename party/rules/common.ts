/**
 * What every rule shares: who is acting, what a rule returns, and the refusals that read
 * the same everywhere. A rule is a pure function of (room, actor, message, env) where env
 * carries the clock reading and the scenario: no clock, no I/O inside.
 */
import { refusal, type RefusalArgs, type RefusalCode } from '../../core/protocol/refusals';
import type { InputError } from '../../core/protocol/validate';
import type { Scenario } from '../../core/scenarios';
import type { Member, Room } from '../room';

export type Actor = { role: 'host' } | { role: 'player'; member: Member } | { role: 'spectator' };

/** A player who holds a city. */
export type Seated = { role: 'player'; member: Member & { city: string } };

export type Outcome = { ok: true; room: Room } | { ok: false; error: InputError };

export interface RuleEnv {
  /** The clock reading for this action, epoch ms (passed in: the rules read no clock). */
  now: number;
  scenario: Scenario;
  /** Whether a city has a member online (a seat with nobody online is abandoned); asked only when a round closes. */
  online: (city: string) => boolean;
  /** The acting connection's address (the Worker's x-enclave-ip), null when unknown (local mode); used by the doors only. */
  ip?: string | null;
  /** The joiner must ask the host even for a free seat (its address saw a kick a moment ago: party/persons.ts). */
  mustAsk?: boolean;
  /** The class person whose pass this join showed, for the city it asks (the shell checked the hash), if any. */
  vouched?: string | null;
  /** The action comes from the room's class (party/game.ts `classCommand`), not from a connection. */
  byClass?: boolean;
}

/** A refusal of `field` with its code (core/protocol/refusals.ts). */
export const refuse = <C extends RefusalCode>(field: string, code: C, args: RefusalArgs[C]): { ok: false; error: InputError } => ({
  ok: false,
  error: refusal(field, code, args),
});

export const ok = (room: Room): Outcome => ({ ok: true, room });

export function onlyHost(actor: Actor, what: string): { ok: false; error: InputError } | null {
  return actor.role === 'host' ? null : refuse('(role)', 'host-only', { what });
}

/** The actor as a seated player, or the refusal that explains why not. */
export function seated(actor: Actor, what: string): Seated | { ok: false; error: InputError } {
  if (actor.role !== 'player') return refuse('(role)', 'seated-only', { what });
  if (actor.member.city === null) return refuse('(seat)', 'no-city', { what });
  return actor as Seated;
}

export function isRefusal(x: unknown): x is { ok: false; error: InputError } {
  return typeof x === 'object' && x !== null && 'ok' in x && (x as { ok: unknown }).ok === false;
}

/** Game actions (decisions, deals) need an open round that is not paused. */
export function roundIsOpen(room: Room): { ok: false; error: InputError } | null {
  const { phase, paused, round } = room.meta;
  if (phase === 'lobby') return refuse('(phase)', 'not-started', {});
  if (phase === 'finished') return refuse('(phase)', 'over', {});
  if (phase === 'resolving') return refuse('(phase)', 'resolving', { round });
  if (phase === 'review') return refuse('(phase)', 'reviewing', { round, next: round + 1 });
  if (paused) return refuse('(phase)', 'paused', {});
  return null;
}

export function cityExists(room: Room, city: string, field = 'city'): { ok: false; error: InputError } | null {
  return room.meta.seats.some((s) => s.city === city) ? null : refuse(field, 'not-a-city', { city });
}
