/**
 * The room's rules as pure functions: (room, who, what, env) → the next room or a refusal
 * naming the field and the rule. The Durable Object shell (game.ts) only parses, persists,
 * sends views and makes outbound calls, so every rule can be tested without a server and
 * a refused action can never half-apply. The rules live in rules/*.ts by subject.
 */
import type { ClientMessage } from '../core/protocol/room';
import { touch, type Room } from './room';
import type { ResolveResponse } from '../core/protocol/api';
import * as archive from './rules/archive';
import * as bots from './rules/bots';
import type { Actor, Outcome, RuleEnv } from './rules/common';
import * as deals from './rules/deals';
import * as doors from './rules/doors';
import * as quota from './rules/quota';
import * as events from './rules/events';
import * as rounds from './rules/rounds';
import * as seats from './rules/seats';
import * as talk from './rules/talk';

export type { Actor, Outcome, RuleEnv } from './rules/common';
export { deadline, failResolution, remainingMs, retryDelay } from './rules/rounds';
export { archived, archiveFailed, archiveIsCurrent, requestArchive, worthKeeping } from './rules/archive';
export { canRead } from './rules/talk';

/** Every message but `hello`, which is about the connection, not the game. */
export type Action = Exclude<ClientMessage, { type: 'hello' | 'ack' | 'history' }>;

/**
 * Apply one client action. `tokenHash` is the hash of a fresh seat token, used only by `join`
 * (the shell makes the token, the rule decides whether it becomes a member's).
 */
export function act(room: Room, actor: Actor, msg: Action, env: RuleEnv, tokenHash: string): Outcome {
  // Chat lines and deal proposals are counted per person (rules/quota.ts), across every connection.
  const kind = msg.type === 'chat' ? 'chat' : msg.type === 'propose' || msg.type === 'counter' ? 'deals' : null;
  const spender = kind && quota.spenderOf(actor);
  const over = kind && spender ? quota.check(room, spender, kind) : null;
  if (over) return over;
  const outcome = dispatch(room, actor, msg, env, tokenHash);
  if (!outcome.ok) return outcome;
  const charged = kind && spender ? quota.charge(outcome.room, spender, kind) : outcome.room;
  return { ok: true, room: touch(settle(room, charged, env), env.now) };
}

/** The resolver's answer for `round`, applied, and what follows from the new round (bots may propose). */
export function resolved(room: Room, round: number, response: ResolveResponse, env: RuleEnv): Room | null {
  const next = rounds.applyResolution(room, round, response, env);
  return next && touch(settle(room, next, env), env.now);
}

/**
 * What follows by itself from a change: bots answer the deals they see (when deals, seats
 * or the round changed), and when every seat people hold has submitted, the round closes
 * without waiting for the timer.
 */
function settle(prev: Room, room: Room, env: RuleEnv): Room {
  const { meta } = room;
  // A new round, a resume or a seat handed to a bot: every bot looks; a deal change: those who see it.
  const fresh = meta.round !== prev.meta.round || meta.phase !== prev.meta.phase || meta.paused !== prev.meta.paused || meta.seats !== prev.meta.seats;
  const next = fresh || meta.deals !== prev.meta.deals ? bots.botsNegotiate(room, env, fresh ? null : prev) : room;
  return rounds.allSubmitted(next) ? rounds.beginResolution(next, env) : next;
}

function dispatch(room: Room, actor: Actor, msg: Action, env: RuleEnv, tokenHash: string): Outcome {
  switch (msg.type) {
    case 'join':
      return doors.join(room, actor, msg, env, tokenHash);
    case 'approve':
      return doors.approve(room, actor, msg, env);
    case 'joins':
      return doors.setJoins(room, actor, msg);
    case 'room-size':
      return doors.setRoomSize(room, actor, msg);
    case 'leave':
      return seats.leave(room, actor);
    case 'assign':
      return seats.assign(room, actor, msg);
    case 'kick':
      return seats.kick(room, actor, msg);
    case 'lock':
      return seats.lock(room, actor, msg);
    case 'mute':
      return seats.mute(room, actor, msg);
    case 'bot':
      return seats.setBot(room, actor, msg);
    case 'start':
      return rounds.start(room, actor, env);
    case 'draft':
      return rounds.draft(room, actor, msg.decisions, env);
    case 'submit':
      return rounds.submit(room, actor, msg.decisions, env);
    case 'pause':
      return rounds.pause(room, actor, env);
    case 'resume':
      return rounds.resume(room, actor, env);
    case 'extend':
      return rounds.extend(room, actor, msg, env);
    case 'close-round':
      return rounds.closeRound(room, actor, msg, env);
    case 'continue':
      return rounds.continueGame(room, actor, msg, env);
    case 'stage':
      return rounds.stage(room, actor, msg);
    case 'end-game':
      return rounds.endGame(room, actor, env);
    case 'retry':
      return rounds.retry(room, actor, msg, env);
    case 'reopen-round':
      return rounds.reopenRound(room, actor, msg, env);
    case 'propose':
    case 'counter':
    case 'accept':
    case 'reject':
    case 'withdraw':
      return deals.playerDealAction(room, actor, msg, env);
    case 'chat':
      return talk.chat(room, actor, msg, env);
    case 'event':
      return events.inject(room, actor, msg, env);
    case 'cancel-event':
      return events.cancel(room, actor, msg);
    case 'save':
      return archive.requestSave(room, actor, env);
  }
}
