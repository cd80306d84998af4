/**
 * Negotiation chat (docs/protocol.md "Client → room", `chat`): room-wide or to one city, length-limited
 * by the protocol, mutable per seat by the host, and kept for the record. Spectators read
 * nothing and say nothing: the projector is a public screen.
 */
import { seatOf } from '../room';
import type { Room } from '../room';
import { cityExists, ok, refuse, type Actor, type Outcome, type RuleEnv } from './common';

/** Chat lines a game keeps at most; past it the room says so instead of growing forever. */
export const MAX_CHAT_LINES = 5000;

export function chat(room: Room, actor: Actor, msg: { text: string; to: string | null }, env: RuleEnv): Outcome {
  let from: string;
  let name: string;
  if (actor.role === 'host') {
    from = 'host';
    name = 'Host';
  } else if (actor.role === 'player' && actor.member.city !== null) {
    from = actor.member.city;
    name = actor.member.name;
    if (seatOf(room, from)!.muted) return refuse('(seat)', 'muted', { city: from });
  } else {
    return actor.role === 'player' ? refuse('(role)', 'chat-no-city', {}) : refuse('(role)', 'chat-role', {});
  }
  if (msg.to !== null) {
    const missing = cityExists(room, msg.to, 'to');
    if (missing) return missing;
  }
  // The host is never silenced by the room's cap (its own allowance bounds it: rules/quota.ts).
  if (actor.role !== 'host' && room.chat.length >= MAX_CHAT_LINES) return refuse('(room)', 'chat-full', { lines: MAX_CHAT_LINES });
  const line = { seq: room.chat.length + 1, at: env.now, round: room.meta.round, from, name, to: msg.to, text: msg.text };
  return ok({ ...room, chat: [...room.chat, line] });
}

/**
 * Who may read a line: a city's members room-wide lines and those to or from their city; the
 * host room-wide lines and its own. A line between two seats is theirs: the facilitator does
 * not read over the shoulders of a negotiation (the game record keeps every line, for the
 * debrief and research, as docs/security.md says).
 */
export function canRead(line: { from: string; to: string | null }, viewer: { role: 'host' } | { role: 'player'; city: string } | { role: 'spectator' }): boolean {
  if (viewer.role === 'host') return line.to === null || line.from === 'host';
  if (viewer.role === 'spectator') return false;
  return line.to === null || line.to === viewer.city || line.from === viewer.city;
}
