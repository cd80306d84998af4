/**
 * Scenario events (docs/protocol.md, the host's `event`): the host injects one of the scenario's events into the
 * open round (or, in the lobby, into round 1); it is public news at once and goes to the
 * resolver with that round. The host may take it back until the round closes.
 */
// The resolver takes at most MAX_ROUND_EVENTS events a round: the room holds the same cap.
import { MAX_ROUND_EVENTS } from '../../core/protocol/events';
import type { Room } from '../room';
import { ok, onlyHost, refuse, type Actor, type Outcome, type RuleEnv } from './common';

function changeable(room: Room) {
  const { phase, round } = room.meta;
  if (phase === 'finished') return refuse('(phase)', 'over', {});
  if (phase === 'resolving') return refuse('(phase)', 'resolving-event', { round });
  return null;
}

export function inject(room: Room, actor: Actor, msg: { event: string }, env: RuleEnv): Outcome {
  const denied = onlyHost(actor, 'inject events') ?? changeable(room);
  if (denied) return denied;
  if (!env.scenario.events.some((e) => e.id === msg.event)) {
    return refuse('event', 'unknown-event', { event: msg.event, known: env.scenario.events.map((e) => e.id) });
  }
  const { pending } = room.meta.events;
  if (pending.includes(msg.event)) return refuse('event', 'event-set', { event: msg.event });
  if (pending.length >= MAX_ROUND_EVENTS) return refuse('event', 'event-limit', { max: MAX_ROUND_EVENTS });
  return ok({ ...room, meta: { ...room.meta, events: { ...room.meta.events, pending: [...pending, msg.event] } } });
}

export function cancel(room: Room, actor: Actor, msg: { event: string }): Outcome {
  const denied = onlyHost(actor, 'take back events') ?? changeable(room);
  if (denied) return denied;
  const { pending } = room.meta.events;
  if (!pending.includes(msg.event)) return refuse('event', 'event-not-set', { event: msg.event });
  return ok({ ...room, meta: { ...room.meta, events: { ...room.meta.events, pending: pending.filter((e) => e !== msg.event) } } });
}
