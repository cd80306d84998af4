/**
 * The room and the simulator play deals through one engine: the same actions, through the
 * room's rules (party/logic.ts, seats and all) and through core's book as the simulator
 * drives it (core/bots/negotiate.ts, core/bots/game.ts), give the same statuses, the same
 * refusals, the same log and, after the resolutions, the same state.
 */
import { describe, expect, it } from 'vitest';
import { negotiateRound, simulatorTable } from '../../core/bots/negotiate';
import { dealAction, emptyBook, lapseOpenDeals, reopenAfterResolution, signedIn, type BookEntry, type DealBook } from '../../core/deals';
import { resolveRound } from '../../core/model';
import type { DealAction } from '../../core/protocol/deals';
import { noDecisions } from '../../core/protocol/decisions';
import type { GameState } from '../../core/protocol/state';
import type { InputError } from '../../core/protocol/validate';
import { act, resolved } from '../../party/logic';
import { dealKey } from '../../party/rules/deals';
import type { Room } from '../../party/room';
import { HOST, HOST_TOKEN_HASH, SPECTATOR, dealId, env, must, player, resolverAnswer, seated } from '../party/fixture';
import { classroom, park, platform, state0, statuses } from './fixture';

type Step = [city: string, action: DealAction];

/** Round by round: each step's city and action. Some are refused on purpose. */
const ROUNDS: Step[][] = [
  [
    ['hillton', { type: 'propose', terms: park() }],
    ['rivertown', { type: 'counter', deal: dealId(1), terms: platform(['hillton', 'rivertown']) }],
    ['rivertown', { type: 'counter', deal: dealId(1), terms: park({ taxShare: 0.3 }) }],
    ['rivertown', { type: 'reject', deal: dealId(2) }],
    ['metropolis', { type: 'propose', terms: platform(['metropolis', 'rivertown', 'hillton']) }],
    ['rivertown', { type: 'accept', deal: dealId(3) }],
    ['hillton', { type: 'propose', terms: platform(['hillton', 'seaport']) }],
    ['hillton', { type: 'propose', terms: platform(['hillton', 'seaport']) }],
    ['seaport', { type: 'accept', deal: dealId(4) }],
    ['seaport', { type: 'accept', deal: dealId(5) }],
    ['hillton', { type: 'accept', deal: dealId(3) }],
    ['seaport', { type: 'withdraw', deal: dealId(5) }],
    ['hillton', { type: 'accept', deal: dealId(1) }],
  ],
  [
    ['rivertown', { type: 'accept', deal: dealId(3) }],
    ['hillton', { type: 'accept', deal: dealId(3) }],
    ['hillton', { type: 'accept', deal: dealId(2) }],
    ['hillton', { type: 'withdraw', deal: dealId(5) }],
    ['seaport', { type: 'propose', terms: platform(['seaport', 'metropolis']) }],
  ],
];

type Outcome = { statuses: string[] } | { refused: InputError };

/** The room: four seated players, one per city; the host closes each round; the resolver is the model in-process. */
function playRoom(): { outcomes: Outcome[]; room: Room } {
  let room = must(seated({ bots: false, rounds: ROUNDS.length }), SPECTATOR, { type: 'join', name: 'Dee', city: 'metropolis', team: false });
  room = must(room, HOST, { type: 'start' });
  const names: Record<string, string> = { hillton: 'Ana', seaport: 'Ben', rivertown: 'Cai', metropolis: 'Dee' };
  const outcomes: Outcome[] = [];
  ROUNDS.forEach((steps, i) => {
    for (const [city, action] of steps) {
      const out = act(room, player(room, names[city]!), action, env(), 'c'.repeat(64));
      if (out.ok) room = out.room;
      outcomes.push(out.ok ? { statuses: statuses({ deals: room.meta.deals, next: room.meta.nextDeal }) } : { refused: out.error });
    }
    room = must(room, HOST, { type: 'close-round', round: i + 1 });
    room = resolved(room, i + 1, resolverAnswer(room), env())!;
  });
  return { outcomes, room };
}

/** The simulator's way: core's book, the model's resolution, then what playBotGame does after it. */
function playSimulator(): { outcomes: Outcome[]; book: DealBook; log: BookEntry[]; state: GameState } {
  // The room's key, so both engines number deals alike.
  let book: DealBook = { ...emptyBook(), key: dealKey(HOST_TOKEN_HASH) };
  let state: GameState = state0;
  const log: BookEntry[] = [];
  const outcomes: Outcome[] = [];
  ROUNDS.forEach((steps, i) => {
    const table = simulatorTable(classroom, state);
    for (const [city, action] of steps) {
      const out = dealAction(book, table, city, action);
      if (out.ok) {
        book = out.book;
        log.push(...out.log);
      }
      outcomes.push(out.ok ? { statuses: statuses(book) } : { refused: out.error });
    }
    const round = i + 1;
    const decisions = Object.fromEntries(classroom.regions.map((r) => [r.id, noDecisions(round)]));
    const out = resolveRound(classroom, state, decisions, { deals: signedIn(book, round) });
    if (!out.ok) throw new Error(out.error.rule);
    state = out.state;
    if (round < ROUNDS.length) book = reopenAfterResolution(book);
    else {
      const end = lapseOpenDeals(book, round);
      book = end.book;
      log.push(...end.log);
    }
  });
  return { outcomes, book, log, state };
}

describe('one deal engine for the room and the simulator', () => {
  it('the same actions give the same statuses, refusals, log and state', () => {
    const room = playRoom();
    const sim = playSimulator();
    expect(room.outcomes).toEqual(sim.outcomes);
    expect(statuses({ deals: room.room.meta.deals, next: room.room.meta.nextDeal })).toEqual(statuses(sim.book));
    expect(room.room.dealLog.map(({ at: _at, ...e }) => e)).toEqual(sim.log);
    expect(JSON.stringify(room.room.state)).toBe(JSON.stringify(sim.state));
    // The script covers what it claims: refusals of several rules, signatures, a reset and lapses.
    const refusals = sim.outcomes.flatMap((o) => ('refused' in o ? [o.refused.rule] : []));
    expect(refusals).toEqual([
      'must stay "park"; propose a new deal for another kind',
      'rivertown proposed these terms; withdraw the deal instead',
      `can no longer be signed: hillton already belongs to platform ${dealId(4)}`,
      `can no longer be signed: hillton already belongs to platform ${dealId(4)}`,
      `only hillton, who proposed these terms, can withdraw ${dealId(5)}; reject it instead`,
      `deal ${dealId(1)} is already withdrawn`,
      `can no longer be signed: hillton already belongs to platform ${dealId(4)}`,
      `seaport already belongs to platform ${dealId(4)}`,
    ]);
    expect(statuses(sim.book)).toEqual([
      `${dealId(1)}:withdrawn:hillton:1`,
      `${dealId(2)}:signed:rivertown+hillton:2`,
      `${dealId(3)}:lapsed:metropolis+rivertown:2`,
      `${dealId(4)}:signed:hillton+seaport:1`,
      `${dealId(5)}:withdrawn:hillton:2`,
    ]);
  });

  it('bot seats in the room negotiate exactly as the simulator’s bots do', () => {
    const strategies = { metropolis: 'cooperator', rivertown: 'random', hillton: 'cooperator', seaport: 'matcher' } as const;
    for (const seed of [42, 7]) {
      let room = seated({ bots: false, seed });
      for (const [city, strategy] of Object.entries(strategies)) room = must(room, HOST, { type: 'bot', city, strategy });
      room = must(room, HOST, { type: 'start' });
      const sim = negotiateRound(classroom, room.state, [], strategies, seed, { ...emptyBook(), key: dealKey(HOST_TOKEN_HASH) });
      expect(room.meta.deals.length).toBeGreaterThan(0);
      expect(statuses({ deals: room.meta.deals, next: room.meta.nextDeal })).toEqual(statuses(sim.book));
      expect(room.meta.deals.map((d) => d.terms)).toEqual(sim.book.deals.map((d) => d.terms));
    }
  });
});
