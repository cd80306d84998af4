/**
 * What one person may spend (docs/protocol.md "Per person"): chat lines and deal proposals
 * (counters included) per round and per game, counted per member (all of a member's
 * connections together) and for the host, so one seat cannot fill the room's chat or deal
 * caps for everyone. The host's chat has its own allowance and is never refused by the
 * room's chat cap (rules/talk.ts). Bots act through rules/deals.ts directly and spend nothing.
 */
import type { Room, Spent } from '../room';
import { refuse, type Actor } from './common';

export type Kind = 'chat' | 'deals';

export const QUOTA = {
  chat: { round: 60, game: 600 },
  hostChat: { round: 200, game: Infinity },
  deals: { round: 12, game: 60 },
} as const;

const none = (round: number): Spent => ({ round, chat: 0, deals: 0, chatGame: 0, dealsGame: 0 });

/** Whose allowance an actor spends: the host's, a member's; null for nobody (spectators are refused elsewhere). */
export function spenderOf(actor: Actor): string | null {
  return actor.role === 'host' ? 'host' : actor.role === 'player' ? actor.member.id : null;
}

/** What `who` has spent, this round's counts zeroed when the round moved on. */
export function spent(room: Room, who: string): Spent {
  const s = room.meta.quota[who];
  if (!s) return none(room.meta.round);
  return s.round === room.meta.round ? s : { ...s, round: room.meta.round, chat: 0, deals: 0 };
}

/** The refusal if `who` has used up their allowance of `kind`, else null. */
export function check(room: Room, who: string, kind: Kind) {
  const s = spent(room, who);
  const limit = kind === 'chat' ? (who === 'host' ? QUOTA.hostChat : QUOTA.chat) : QUOTA.deals;
  const [round, game] = kind === 'chat' ? [s.chat, s.chatGame] : [s.deals, s.dealsGame];
  if (game >= limit.game) return refuse('(quota)', 'quota-game', { count: limit.game, kind: kind === 'chat' ? 'chat' : 'deals' });
  if (round >= limit.round) return refuse('(quota)', 'quota-round', { count: limit.round, kind: kind === 'chat' ? 'chat' : 'deals' });
  return null;
}

/** `room` with one `kind` spent by `who`. */
export function charge(room: Room, who: string, kind: Kind): Room {
  const s = spent(room, who);
  const next = kind === 'chat' ? { ...s, chat: s.chat + 1, chatGame: s.chatGame + 1 } : { ...s, deals: s.deals + 1, dealsGame: s.dealsGame + 1 };
  return { ...room, meta: { ...room.meta, quota: { ...room.meta.quota, [who]: next } } };
}
