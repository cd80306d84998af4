/**
 * Scenario events (docs/protocol.md, the host's `event`): the host injects one of the scenario's events into the
 * open round (or, in the lobby, into round 1); it is public news at once and goes to the
 * resolver with that round. The host may take it back until the round closes.
 */
// The resolver takes at most MAX_ROUND_EVENTS events a round: the room holds the same cap.
import { MAX_ROUND_EVENTS } from '../../core/protocol/events';
import { scheduledFor } from '../../core/model/settings';
import type { Meta, Room } from '../room';
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

/**
 * The room's event schedule (settings.schedule, the class treatment "a chosen event
 * schedule"): when `round` opens, the events scheduled for it join those the host has set,
 * as if the host had injected them then (public news at once, taken back only by the host).
 * An event already set stays once; the round's cap holds, scheduled events first.
 */
export function withScheduled(meta: Meta, round: number): Meta {
  const scheduled = scheduledFor(meta.settings, round);
  if (scheduled.length === 0) return meta;
  const pending = [...new Set([...scheduled, ...meta.events.pending])].slice(0, MAX_ROUND_EVENTS);
  return { ...meta, events: { ...meta.events, pending } };
}
