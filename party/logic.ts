/**
 * The room's rules as pure functions: (record, who, what) → new record or a refusal.
 * The Durable Object shell (game.ts) only parses, persists and broadcasts, so every rule
 * here can be tested without a server and a refused action can never half-apply.
 */
import { checkDecisions, makeContext, resolveParams } from '../core/model';
import { noDecisions, type Decisions } from '../core/protocol/decisions';
import type { ResolveResponse } from '../core/protocol/api';
import type { Role } from '../core/protocol/room';
import type { InputError } from '../core/protocol/validate';
import type { Scenario } from '../core/scenarios';
import type { RoomRecord } from './record';

export type Actor = { role: 'host'; city: null } | { role: 'seat'; city: string } | { role: 'spectator'; city: null };

export type Outcome = { ok: true; record: RoomRecord } | { ok: false; error: InputError };

const refuse = (field: string, rule: string): Outcome => ({ ok: false, error: { field, rule } });

function only(actor: Actor, role: Role, what: string): Outcome | null {
  if (actor.role === role) return null;
  return refuse('(role)', role === 'host' ? `only the host can ${what}` : `only a seated player can ${what}`);
}

export function join(record: RoomRecord, actor: Actor, name: string, city: string, tokenHash: string): Outcome {
  if (actor.role === 'host') return refuse('(role)', 'the host console cannot take a seat; join from another device or tab');
  if (actor.role === 'seat') return refuse('(role)', `this connection already holds ${actor.city}`);
  if (record.phase === 'finished') return refuse('(phase)', 'the game is over');
  const index = record.seats.findIndex((s) => s.city === city);
  if (index < 0) return refuse('city', `"${city}" is not a city of this game`);
  if (record.seats[index]!.player !== null) return refuse('city', `${city} is already taken`);
  const seats = record.seats.map((s, i) => (i === index ? { city, player: name, tokenHash } : s));
  return { ok: true, record: { ...record, seats } };
}

export function start(record: RoomRecord, actor: Actor): Outcome {
  const denied = only(actor, 'host', 'start the game');
  if (denied) return denied;
  if (record.phase !== 'lobby') return refuse('(phase)', 'the game has already started');
  if (!record.seats.some((s) => s.player !== null)) return refuse('(seats)', 'at least one city needs a player');
  return { ok: true, record: { ...record, phase: 'playing', round: 1, notice: null } };
}

export function submit(record: RoomRecord, actor: Actor, decisions: Decisions, scenario: Scenario): Outcome {
  const denied = only(actor, 'seat', 'submit decisions');
  if (denied) return denied;
  if (record.phase === 'resolving') return refuse('(phase)', `round ${record.round} is being resolved; it no longer takes decisions`);
  if (record.phase !== 'playing') return refuse('(phase)', 'no round is open');
  if (decisions.round !== record.round) {
    return refuse('decisions.round', `must be ${record.round}, the open round (got ${decisions.round})`);
  }
  const ctx = makeContext(scenario, resolveParams(record.state.params));
  const error = checkDecisions(ctx, record.state, actor.city!, decisions);
  if (error) return refuse(`decisions.${error.field}`, error.rule);
  return { ok: true, record: { ...record, submissions: { ...record.submissions, [actor.city!]: decisions } } };
}

/** Every city with a player has submitted: the round can close without waiting. */
export function allSubmitted(record: RoomRecord): boolean {
  const seated = record.seats.filter((s) => s.player !== null);
  return seated.length > 0 && seated.every((s) => record.submissions[s.city] !== undefined);
}

export function closeRound(record: RoomRecord, actor: Actor, round: number): Outcome {
  const denied = only(actor, 'host', 'close a round');
  if (denied) return denied;
  if (record.phase !== 'playing') return refuse('(phase)', 'no round is open');
  if (round !== record.round) return refuse('round', `must be ${record.round}, the open round (got ${round})`);
  return { ok: true, record: beginResolution(record) };
}

/** Mark the round as being resolved; persisted before the resolver is called (trap 3). */
export function beginResolution(record: RoomRecord): RoomRecord {
  return { ...record, phase: 'resolving', notice: null };
}

/** Decisions for every city: what was submitted, and no action where nothing was. */
export function decisionsForRound(record: RoomRecord): Record<string, Decisions> {
  return Object.fromEntries(record.seats.map((s) => [s.city, record.submissions[s.city] ?? noDecisions(record.round)]));
}

export function applyResolution(record: RoomRecord, response: ResolveResponse): RoomRecord {
  const finished = record.round >= record.settings.rounds;
  return {
    ...record,
    state: response.state,
    submissions: {},
    phase: finished ? 'finished' : 'playing',
    round: finished ? record.round : record.round + 1,
    notice: null,
  };
}

/** The resolver failed: reopen the round with every submission kept, and tell the host. */
export function failResolution(record: RoomRecord, reason: string): RoomRecord {
  return { ...record, phase: 'playing', notice: `Round ${record.round} could not be resolved (${reason}). Close the round again to retry; no decision was lost.` };
}
