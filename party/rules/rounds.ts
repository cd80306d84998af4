/**
 * The round cycle (docs/protocol.md "Rounds"): start, drafts and submissions, the
 * timer (pause, resume, extend), closing a round, its resolution and its retries. A round
 * closes by the host, by everyone having submitted, or by its deadline; what each seat
 * then plays is frozen (`Resolving`) before the resolver is called, so a retry sends the
 * very same decisions and a round is never resolved twice.
 */
import { checkDecisions, makeContext, resolveParams } from '../../core/model';
import type { SignedDeal } from '../../core/protocol/deals';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import type { GameEvent } from '../../core/protocol/events';
import { notice } from '../../core/protocol/notices';
import type { ResolveResponse } from '../../core/protocol/api';
import type { InputError } from '../../core/protocol/validate';
import { membersOf, withNotice, type DecisionSource, type Meta, type Resolving, type Room, type Timer } from '../room';
import { worthKeeping } from './archive';
import { botDecide, pendingEvents } from './bots';
import { lapseOpenDeals, reopenAfterResolution, signedThisRound, unsignRound } from './deals';
import { ok, onlyHost, refuse, roundIsOpen, seated, isRefusal, type Actor, type Outcome, type RuleEnv } from './common';
import { defaultStrategy, fillEmptySeats } from './seats';
import { withScheduled } from './events';
import { moved } from '../../core/protocol/refusals';

/** A round never runs shorter than this once the host cuts it. */
export const MIN_REMAINING_MS = 5_000;
/** Resolver retries back off 1 s, 2 s, 4 s... up to a minute. */
export const MAX_RETRY_MS = 60_000;

export function retryDelay(attempts: number): number {
  return Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.max(0, attempts - 1));
}

// The timer

export function remainingMs(timer: Timer, now: number): number {
  return timer.endsAt === null ? timer.remainingMs : Math.max(0, timer.endsAt - now);
}

function newTimer(meta: Meta, round: number, now: number, seconds = meta.settings.roundSeconds): Timer {
  const ms = seconds * 1000;
  return { round, endsAt: meta.paused ? null : now + ms, remainingMs: ms };
}

export function pause(room: Room, actor: Actor, env: RuleEnv): Outcome {
  const denied = onlyHost(actor, 'pause the game');
  if (denied) return denied;
  const { meta } = room;
  if (meta.phase === 'lobby' || meta.phase === 'finished') return refuse('(phase)', 'not-running', {});
  if (meta.paused) return refuse('(phase)', 'already-paused', {});
  const timer = meta.timer && { ...meta.timer, endsAt: null, remainingMs: remainingMs(meta.timer, env.now) };
  return ok({ ...room, meta: { ...meta, paused: true, timer } });
}

export function resume(room: Room, actor: Actor, env: RuleEnv): Outcome {
  const denied = onlyHost(actor, 'resume the game');
  if (denied) return denied;
  const { meta } = room;
  if (!meta.paused) return refuse('(phase)', 'not-paused', {});
  const timer = meta.timer && { ...meta.timer, endsAt: env.now + meta.timer.remainingMs };
  return ok({ ...room, meta: { ...meta, paused: false, timer } });
}

export function extend(room: Room, actor: Actor, msg: { round: number; seconds: number }, env: RuleEnv): Outcome {
  const denied = onlyHost(actor, 'change the time left');
  if (denied) return denied;
  const { meta } = room;
  if (meta.phase !== 'playing' || !meta.timer) return refuse('(phase)', 'no-round', {});
  if (msg.round !== meta.round) return refuse('round', 'stale-round', { expected: meta.round, got: msg.round, which: 'open' });
  const left = Math.max(MIN_REMAINING_MS, remainingMs(meta.timer, env.now) + msg.seconds * 1000);
  const timer: Timer = meta.paused ? { ...meta.timer, remainingMs: left } : { ...meta.timer, endsAt: env.now + left, remainingMs: left };
  return ok({ ...room, meta: { ...meta, timer } });
}

// Playing a round

export function start(room: Room, actor: Actor, env: RuleEnv): Outcome {
  const denied = onlyHost(actor, 'start the game');
  if (denied) return denied;
  if (room.meta.phase !== 'lobby') return refuse('(phase)', 'already-started', {});
  if (!room.meta.members.some((m) => m.city !== null)) return refuse('(seats)', 'no-players', {});
  const filled = fillEmptySeats(room);
  const meta: Meta = withScheduled({ ...filled.meta, phase: 'playing', round: 1, practice: filled.meta.settings.practice }, 1);
  return ok({ ...filled, meta: { ...meta, timer: newTimer(meta, 1, env.now) } });
}

/** Shared checks for a seat's draft and submission. */
function decide(room: Room, actor: Actor, decisions: Decisions, what: string) {
  const player = seated(actor, what);
  if (isRefusal(player)) return player;
  const closed = roundIsOpen(room);
  if (closed) return closed;
  const city = player.member.city;
  if (room.meta.seats.find((s) => s.city === city)!.bot !== null) return refuse('(seat)', 'bot-this-round', { city });
  // partysocket may deliver a message queued before a reconnect: it carries its round (partysocket buffers sends while disconnected).
  if (decisions.round !== room.meta.round) {
    return refuse('decisions.round', 'stale-round', { expected: room.meta.round, got: decisions.round, which: 'open' });
  }
  return player;
}

export function draft(room: Room, actor: Actor, decisions: Decisions, env: RuleEnv): Outcome {
  const player = decide(room, actor, decisions, 'edit a draft');
  if (isRefusal(player)) return player;
  // A draft may be unfinished (over budget, say): it is checked when it is taken as submitted.
  const entry = { decisions, by: player.member.id, at: env.now };
  return ok({ ...room, drafts: { ...room.drafts, [player.member.city]: entry } });
}

export function submit(room: Room, actor: Actor, decisions: Decisions, env: RuleEnv): Outcome {
  const player = decide(room, actor, decisions, 'submit decisions');
  if (isRefusal(player)) return player;
  const city = player.member.city;
  const error = feasibility(room, env, city, decisions);
  if (error) return { ok: false, error: moved(error, `decisions.${error.field}`) };
  // The submission also becomes the team's draft, so every member works from what was sent.
  const entry = { decisions, by: player.member.id, at: env.now };
  return ok({ ...room, drafts: { ...room.drafts, [city]: entry }, submissions: { ...room.submissions, [city]: entry } });
}

/** The model's budget, land and cap rules, with the events announced for this round (a national cap binds at once). */
function feasibility(room: Room, env: RuleEnv, city: string, decisions: Decisions): InputError | null {
  const { state } = room;
  return checkDecisions(makeContext(env.scenario, resolveParams(state.params)), state, city, decisions, { events: pendingEvents(room, env) });
}

/** Seats held by people (not bots) that have someone in them. */
function humanSeats(room: Room): string[] {
  return room.meta.seats.filter((s) => s.bot === null && membersOf(room, s.city).length > 0).map((s) => s.city);
}

/** Every seat people hold has submitted: the round can close without waiting. */
export function allSubmitted(room: Room): boolean {
  const human = humanSeats(room);
  return room.meta.phase === 'playing' && !room.meta.paused && human.length > 0 && human.every((c) => room.submissions[c] !== undefined);
}

export function closeRound(room: Room, actor: Actor, msg: { round: number }, env: RuleEnv): Outcome {
  const denied = onlyHost(actor, 'close a round');
  if (denied) return denied;
  if (room.meta.phase !== 'playing') return refuse('(phase)', 'no-round', {});
  if (msg.round !== room.meta.round) return refuse('round', 'stale-round', { expected: room.meta.round, got: msg.round, which: 'open' });
  return ok(beginResolution(room, env));
}

/**
 * The deadline alarm: closes the round it was set for, or ends the review of the round it was
 * set for, and nothing else (an alarm may fire late).
 */
export function deadline(room: Room, round: number, env: RuleEnv): Room | null {
  const { meta } = room;
  if ((meta.phase !== 'playing' && meta.phase !== 'review') || meta.paused || meta.round !== round || meta.timer?.round !== round) return null;
  if (meta.timer.endsAt === null || meta.timer.endsAt > env.now) return null;
  return meta.phase === 'review' ? nextRound(room, env) : beginResolution(room, env);
}

export function endGame(room: Room, actor: Actor, env: RuleEnv): Outcome {
  const denied = onlyHost(actor, 'end the game');
  if (denied) return denied;
  const { meta } = room;
  switch (meta.phase) {
    case 'finished':
      return refuse('(phase)', 'already-over', {});
    case 'lobby':
      return ok(finish(room, env.now));
    case 'review':
      // A game ended after its practice round has played no round that counts.
      return ok(finish(meta.practice ? afterPractice(room, env) : room, env.now));
    case 'resolving':
      // A round the model refused will never resolve: the game ends with the rounds it has.
      if (meta.resolution?.refused) return ok(finish(abandonRefusedRound(room, env), env.now));
      if (meta.endRequested) return refuse('(phase)', 'ends-after-round', {});
      return ok({ ...room, meta: { ...meta, endRequested: true } });
    case 'playing':
      // The open round is played out with what is in: nothing anyone decided is thrown away.
      return ok(beginResolution({ ...room, meta: { ...meta, endRequested: true } }, env));
  }
}

/**
 * What each seat plays this round, and why (the record's `source`): a bot's decisions if a
 * bot holds the seat; else its submission; else its draft if the draft keeps the budget and
 * land rules; else, with bots on, a bot's if nobody is in the seat or nobody of it is
 * online (abandoned); else no action. A bot that fails plays no action for that round.
 */
export function decisionsAtClose(room: Room, env: RuleEnv): Pick<Resolving, 'decisions' | 'source'> {
  const { meta } = room;
  const decisions: Record<string, Decisions> = {};
  const source: Record<string, DecisionSource> = {};
  const play = (city: string, d: Decisions | null, from: DecisionSource) => {
    decisions[city] = d ?? noDecisions(meta.round);
    source[city] = d ? from : 'none';
  };
  for (const seat of meta.seats) {
    const city = seat.city;
    const submitted = room.submissions[city];
    const draft = room.drafts[city];
    const abandoned = meta.settings.bots && (membersOf(room, city).length === 0 || !env.online(city));
    if (seat.bot !== null) play(city, botDecide(room, city, seat.bot, env), 'bot');
    else if (submitted) play(city, submitted.decisions, 'player');
    else if (draft && !feasibility(room, env, city, draft.decisions)) play(city, draft.decisions, 'draft');
    else if (abandoned) play(city, botDecide(room, city, defaultStrategy(meta.settings.seed, city), env), 'bot');
    else play(city, null, 'none');
  }
  return { decisions, source };
}

/** Freeze the round: its decisions, signed deals and events; "resolving" is persisted before the call, so a restart resumes it (party/game.ts). */
export function beginResolution(room: Room, env: RuleEnv): Room {
  const { meta } = room;
  const round = meta.round;
  const deals: SignedDeal[] = signedThisRound(room);
  const events: GameEvent[] = pendingEvents(room, env);
  const { decisions, source } = decisionsAtClose(room, env);
  let next: Meta = { ...meta, phase: 'resolving', timer: null, resolution: { round, attempts: 0, nextAt: env.now, lastError: null, refused: false } };
  const drafted = Object.entries(source).filter(([, s]) => s === 'draft').map(([c]) => c);
  if (drafted.length) next = withNotice(next, notice('drafts-taken', { round, cities: drafted }));
  const unusable = meta.seats.filter((s) => source[s.city] === 'none' && room.drafts[s.city]).map((s) => s.city);
  if (unusable.length) next = withNotice(next, notice('drafts-unusable', { round, cities: unusable }));
  return { ...room, meta: next, resolving: { round, decisions, source, deals, events } };
}

/** The resolver answered: keep the round, open the next one (or finish). Null if that round is no longer being resolved. */
export function applyResolution(room: Room, round: number, response: ResolveResponse, env: RuleEnv): Room | null {
  const { meta, resolving } = room;
  if (meta.phase !== 'resolving' || !resolving || resolving.round !== round) return null;
  const record = { ...resolving, result: response.result };
  const applied = [...meta.events.applied, ...meta.events.pending.map((event) => ({ round, event }))];
  const resolved: Room = {
    ...room,
    state: response.state,
    rounds: [...room.rounds, record],
    drafts: {},
    submissions: {},
    resolving: null,
    meta: { ...meta, resolution: null, events: { pending: [], applied } },
  };
  if (meta.practice && meta.endRequested) return finish(afterPractice(resolved, env), env.now);
  if ((round >= meta.settings.rounds && !meta.practice) || meta.endRequested) return finish(resolved, env.now);
  const review = meta.settings.reviewSeconds;
  if (review === 0) return nextRound(resolved, env);
  // The reveal: the room holds on the resolved round while the stage tells its story.
  const held: Meta = { ...resolved.meta, phase: 'review', stage: 0 };
  return { ...resolved, meta: { ...held, timer: review === null ? null : newTimer(held, round, env.now, review) } };
}

/** After a review (or a resolution without one): the round after, or, after the practice round, round 1 from the start. */
function nextRound(room: Room, env: RuleEnv): Room {
  return room.meta.practice ? openRound(afterPractice(room, env), 1, env) : openRound(room, room.meta.round + 1, env);
}

/**
 * The practice round does not count: the game goes back to the scenario's first state with
 * no round played, its deals void (open ones lapse, as the log shows; signed ones never took
 * effect in any round that counts) and no event applied. Per-round quotas start again; what
 * each person spent over the game is kept (rules/quota.ts).
 */
function afterPractice(room: Room, env: RuleEnv): Room {
  const lapsed = lapseOpenDeals(room, env.now);
  const quota = Object.fromEntries(Object.entries(lapsed.meta.quota).map(([who, spent]) => [who, { ...spent, round: 0, chat: 0, deals: 0 }]));
  const meta: Meta = { ...lapsed.meta, practice: false, round: 0, deals: [], events: { pending: [], applied: [] }, quota };
  return { ...lapsed, meta, state: lapsed.initialState, rounds: [], drafts: {}, submissions: {} };
}

/** Open `round` for decisions, with a fresh timer; deals of the last round reopen (rules/deals.ts). */
function openRound(room: Room, round: number, env: RuleEnv): Room {
  const opened: Meta = withScheduled({ ...room.meta, phase: 'playing', round, stage: 0 }, round);
  return reopenAfterResolution({ ...room, meta: { ...opened, timer: newTimer(opened, round, env.now) } });
}

/** The host ends the review of `round` (the round the room holds on): the next round opens. */
export function continueGame(room: Room, actor: Actor, msg: { round: number }, env: RuleEnv): Outcome {
  const denied = onlyHost(actor, 'continue the game');
  if (denied) return denied;
  const { meta } = room;
  if (meta.phase !== 'review') return refuse('(phase)', 'no-review', {});
  if (msg.round !== meta.round) return refuse('round', 'stale-round', { expected: meta.round, got: msg.round, which: 'review' });
  // In lock-step the rooms of a class move on together, from the class console only.
  if (meta.classLock && !env.byClass) return refuse('(class)', 'class-lock-step', {});
  // A paused review continues unpaused: continuing is the host's explicit go.
  return ok(nextRound({ ...room, meta: { ...meta, paused: false } }, env));
}

/** The host shows another panel of the reveal or the debrief on the stage. */
export function stage(room: Room, actor: Actor, msg: { step: number }): Outcome {
  const denied = onlyHost(actor, 'drive the stage');
  if (denied) return denied;
  const { meta } = room;
  if (meta.phase !== 'review' && meta.phase !== 'finished') return refuse('(phase)', 'stage-between', {});
  return ok({ ...room, meta: { ...meta, stage: msg.step } });
}

/**
 * A resolver call failed: keep everything and tell the host. A failure that may pass (the
 * resolver down, slow, or busy) is retried with backoff. A refusal (`refused`: the model
 * answered that these inputs break one of its rules) would be refused again on every
 * retry, so the room stops calling and waits for the host to play the round again
 * (`reopenRound`) or end the game: a refused round never holds a game forever.
 */
export function failResolution(room: Room, round: number, error: string, env: RuleEnv, refused = false): Room | null {
  const { meta } = room;
  if (meta.phase !== 'resolving' || meta.resolution?.round !== round) return null;
  const attempts = meta.resolution.attempts + 1;
  if (refused) {
    const resolution = { round, attempts, nextAt: env.now, lastError: error, refused: true };
    return { ...room, meta: withNotice({ ...meta, resolution }, notice('round-refused', { round, error })) };
  }
  const wait = retryDelay(attempts);
  const resolution = { round, attempts, nextAt: env.now + wait, lastError: error, refused: false };
  return { ...room, meta: withNotice({ ...meta, resolution }, notice('round-retry', { round, attempt: attempts, error, seconds: Math.round(wait / 1000) })) };
}

/**
 * The host plays a refused round again: it opens anew with a fresh timer, each seat's
 * submission back as its draft (nothing anyone decided is lost; they may change it and
 * submit again), and the deals signed in it open again for their parties to sign or drop.
 */
export function reopenRound(room: Room, actor: Actor, msg: { round: number }, env: RuleEnv): Outcome {
  const denied = onlyHost(actor, 'play a round again');
  if (denied) return denied;
  const { meta } = room;
  if (meta.phase !== 'resolving' || !meta.resolution?.refused) return refuse('(phase)', 'not-refused', {});
  if (msg.round !== meta.resolution.round) return refuse('round', 'stale-round', { expected: meta.resolution.round, got: msg.round, which: 'refused' });
  const reopened = unsignRound(room, env.now);
  const opened: Meta = withNotice(
    { ...reopened.meta, phase: 'playing', resolution: null, timer: newTimer(reopened.meta, meta.round, env.now) },
    notice('round-reopened', { round: meta.round }),
  );
  return ok({ ...reopened, meta: opened, resolving: null, drafts: { ...room.drafts, ...room.submissions }, submissions: {} });
}

/** A refused round ends the game unplayed: its signatures are undone (the record says so), its inputs dropped. */
function abandonRefusedRound(room: Room, env: RuleEnv): Room {
  const undone = unsignRound(room, env.now);
  const dropped = notice('round-dropped', { round: room.meta.round, resolved: room.rounds.length });
  return { ...undone, resolving: null, meta: withNotice({ ...undone.meta, resolution: null }, dropped) };
}

/** The host asks for the next attempt now. */
export function retry(room: Room, actor: Actor, msg: { round: number }, env: RuleEnv): Outcome {
  const denied = onlyHost(actor, 'retry a resolution');
  if (denied) return denied;
  const { meta } = room;
  if (meta.phase !== 'resolving' || !meta.resolution) return refuse('(phase)', 'not-resolving', {});
  if (msg.round !== meta.resolution.round) return refuse('round', 'stale-round', { expected: meta.resolution.round, got: msg.round, which: 'resolving' });
  // A refused round may be tried once more (the resolver may have been fixed since); a new refusal stops it again.
  return ok({ ...room, meta: { ...meta, resolution: { ...meta.resolution, nextAt: env.now, refused: false } } });
}

/** The game ends: open deals lapse, the record waits for the archive (a game never played has nothing to keep). */
export function finish(room: Room, now: number): Room {
  const closed = lapseOpenDeals(room, now);
  const archive = worthKeeping(room) ? { ...closed.meta.archive, pending: true, nextAt: now, attempts: 0, lastError: null } : closed.meta.archive;
  return { ...closed, meta: { ...closed.meta, phase: 'finished', timer: null, paused: false, stage: 0, finishedAt: now, archive } };
}
