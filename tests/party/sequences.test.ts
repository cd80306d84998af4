/**
 * No sequence of client messages can stop a game: random message sequences from the host,
 * four people in three seats and a stranger drive whole games through the room's rules, with
 * the model itself as the resolver and a clock that moves. Every round the room freezes must
 * be one the model accepts, every deal the room signed one the model applies (the room's
 * checks and caps match the resolver's), and after any
 * sequence the host can always bring the game to its end. fast-check with a fixed seed: a
 * failure prints the sequence that caused it, and a run is the same every time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveRound } from '../../core/model';
import type { DealTerms } from '../../core/protocol/deals';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import { act, deadline, failResolution, resolved, type Action, type Actor } from '../../party/logic';
import type { Room } from '../../party/room';
import { HOST, SPECTATOR, T0, env, player, scenario, started } from './fixture';

const CITIES = scenario.regions.map((r) => r.id);
const PEOPLE = ['Ana', 'Ada', 'Ben', 'Cai'] as const;

const city = fc.constantFrom(...CITIES);
const share = fc.constantFrom(0, 0.05, 0.1, 0.3, 0.5, 1, 3);

const decisions: fc.Arbitrary<(round: number) => Decisions> = fc
  .record({ t: share, s: share, c: share, inn: fc.constantFrom(0, 0.5, 2, 50), prod: fc.constantFrom(0, 1, 5, 500), env: share, lag: fc.constantFrom(-1, 0, 0, 1) })
  .map(({ t, s, c, inn, prod, env: e, lag }) => (round: number) => ({
    ...noDecisions(Math.max(1, round + lag)),
    subsidies: { talent: t, startups: s, capital: c },
    land: { innovation: inn, production: prod },
    environment: e,
  }));

const terms: fc.Arbitrary<DealTerms> = fc.oneof(
  fc.record({ kind: fc.constant('park' as const), sponsor: fc.constantFrom('hillton', 'seaport'), host: fc.constantFrom('metropolis', 'rivertown'), landQuota: fc.constantFrom(0.5, 1), space: fc.constantFrom(0.5, 1), mode: fc.constant('mixed' as const), statsShare: fc.constantFrom(0.3, 0.5), taxShare: fc.constantFrom(0.3, 0.5) }),
  fc.record({
    kind: fc.constant('park' as const),
    sponsor: city,
    host: city,
    landQuota: fc.constantFrom(0.5, 1, 3, 40),
    space: fc.constantFrom(0.5, 1, 3),
    mode: fc.constantFrom('government' as const, 'third-party' as const, 'mixed' as const),
    statsShare: fc.constantFrom(0, 0.3, 0.5, 1),
    taxShare: fc.constantFrom(0, 0.3, 0.5, 1),
  }),
  fc.record({ kind: fc.constant('platform' as const), members: fc.uniqueArray(city, { minLength: 2, maxLength: 4 }), subsidyCap: fc.constantFrom(0.1, 0.3), techTrading: fc.boolean() }),
  fc.record({ kind: fc.constant('corridor' as const), members: fc.uniqueArray(city, { minLength: 2, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('cooperation-zone' as const), members: fc.uniqueArray(city, { minLength: 2, maxLength: 4 }) }),
);

/** A deal of the room, mostly an open one (so accepts often land), sometimes one that does not exist. */
const dealId = fc.integer({ min: 0, max: 60 }).map((n) => (room: Room, city: string | null): string => {
  const open = room.meta.deals.filter((d) => d.status === 'open' && (city === null || (d.terms.kind === 'park' ? [d.terms.sponsor, d.terms.host].includes(city) : d.terms.members.includes(city))));
  if (n >= 50 || open.length === 0) return `d${n}`;
  return open[n % open.length]!.id;
});

/** One step: who acts, and with what (given the open round, so some messages fit it and some are stale). */
type Step = { who: number; make: (room: Room, city: string | null) => Action; wait: number };

const message: fc.Arbitrary<(room: Room, city: string | null) => Action> = fc.oneof(
  { weight: 6, arbitrary: decisions.map((d) => (room: Room): Action => ({ type: 'draft', decisions: d(room.meta.round) })) },
  { weight: 6, arbitrary: decisions.map((d) => (room: Room): Action => ({ type: 'submit', decisions: d(room.meta.round) })) },
  { weight: 6, arbitrary: terms.map((t) => (): Action => ({ type: 'propose', terms: t })) },
  { weight: 12, arbitrary: dealId.map((deal) => (room: Room, c: string | null): Action => ({ type: 'accept', deal: deal(room, c) })) },
  { weight: 2, arbitrary: fc.tuple(dealId, terms).map(([deal, t]) => (room: Room, c: string | null): Action => ({ type: 'counter', deal: deal(room, c), terms: t })) },
  { weight: 2, arbitrary: dealId.map((deal) => (room: Room, c: string | null): Action => ({ type: 'reject', deal: deal(room, c) })) },
  { weight: 2, arbitrary: dealId.map((deal) => (room: Room, c: string | null): Action => ({ type: 'withdraw', deal: deal(room, c) })) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.option(city)).map(([text, to]) => (): Action => ({ type: 'chat', text, to })) },
  { weight: 2, arbitrary: fc.constant((room: Room): Action => ({ type: 'close-round', round: room.meta.round })) },
  { weight: 1, arbitrary: fc.constantFrom<(room: Room) => Action>(() => ({ type: 'pause' }), () => ({ type: 'resume' }), () => ({ type: 'save' }), (room) => ({ type: 'retry', round: room.meta.round }), (room) => ({ type: 'reopen-round', round: room.meta.round })) },
  { weight: 2, arbitrary: fc.constant((room: Room): Action => ({ type: 'continue', round: room.meta.round })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 20 }).map((step) => (): Action => ({ type: 'stage', step })) },
  { weight: 1, arbitrary: fc.integer({ min: -600, max: 600 }).filter((s) => s !== 0).map((seconds) => (room: Room): Action => ({ type: 'extend', round: room.meta.round, seconds })) },
  { weight: 1, arbitrary: fc.constantFrom(...scenario.events.map((e) => e.id)).map((event) => (): Action => ({ type: 'event', event })) },
  { weight: 1, arbitrary: fc.tuple(city, fc.option(fc.constantFrom('frugal', 'escalator', 'cooperator', 'best-response'))).map(([c, strategy]) => (): Action => ({ type: 'bot', city: c, strategy })) },
  { weight: 1, arbitrary: fc.tuple(city, fc.boolean()).map(([c, on]) => (): Action => ({ type: 'lock', city: c, locked: on })) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.option(city), fc.boolean()).map(([name, c, team]) => (): Action => ({ type: 'join', name, city: c, team })) },
  // Rare, so seats are mostly held: a person who left comes back with `join` (see below).
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }).map((n) => (): Action => (n === 0 ? { type: 'leave' } : { type: 'pause' })) },
);

/** Who acts: the host (0), a person (1–4), a stranger (5). */
const step: fc.Arbitrary<Step> = fc.record({ who: fc.constantFrom(0, 1, 1, 2, 2, 3, 3, 4, 4, 5), make: message, wait: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 3000 }) }, { weight: 1, arbitrary: fc.integer({ min: 3000, max: 70_000 }) }) });

const HOME: Record<string, string> = { Ana: 'hillton', Ada: 'hillton', Ben: 'seaport', Cai: 'rivertown' };

function actorOf(room: Room, who: number): Actor {
  if (who === 0) return HOST;
  const name = PEOPLE[who - 1];
  if (!name || !room.meta.members.some((m) => m.name === name)) return SPECTATOR;
  return player(room, name);
}

/** The room as the shell leaves it after one step: the action, then whatever the clock and the resolver do. */
class Table {
  room: Room;
  now = T0;
  refusals: string[] = [];
  /** Signed deals the model did not apply. */
  skipped: string[] = [];
  constructor(room: Room) {
    this.room = room;
  }

  act(actor: Actor, msg: Action): void {
    const out = act(this.room, actor, msg, env(this.now), `${(this.now % 1e6).toString(16).padStart(6, '0')}`.padEnd(64, 'e'));
    if (out.ok) this.room = out.room;
    this.settle();
  }

  tick(ms: number): void {
    this.now += ms;
    const { meta } = this.room;
    if (meta.phase === 'playing') {
      const closed = deadline(this.room, meta.round, env(this.now));
      if (closed) this.room = closed;
    }
    this.settle();
  }

  /** The resolver answers at once: the model itself, as the worker's route runs it. */
  private settle(): void {
    for (let guard = 0; guard < 4 && this.room.meta.phase === 'resolving' && this.room.resolving && !this.room.meta.resolution?.refused; guard++) {
      const { round, decisions, deals, events } = this.room.resolving;
      const out = resolveRound(scenario, this.room.state, decisions, { deals, events });
      const e = env(this.now);
      if (out.ok) {
        // Every deal the book signed must fit the model too: it skips (never applies) one that does not.
        for (const d of out.result.deals) if (!d.applied) this.skipped.push(`round ${round}: ${d.deal} ${d.reason ?? ''}`);
        this.room = resolved(this.room, round, { state: out.state, result: out.result }, e) ?? this.room;
      }
      else {
        this.refusals.push(`round ${round}: ${out.error.field}: ${out.error.rule}`);
        this.room = failResolution(this.room, round, out.error.rule, e, true) ?? this.room;
      }
    }
  }
}

describe('random message sequences', () => {
  it('every round the room freezes is one the model accepts and applies whole, and the host can always end the game', () => {
    let games = 0;
    let resolvedRounds = 0;
    let signedDeals = 0;
    const reviews = new Set<number>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 240 }), fc.boolean(), fc.constantFrom(0, 0, 30, null), (steps, bots, reviewSeconds) => {
        const table = new Table(started({ rounds: 4, bots, reviewSeconds }));
        for (const s of steps) {
          const actor = actorOf(table.room, s.who);
          const name = PEOPLE[s.who - 1];
          // A person out of their seat (they left, or were never let back) joins it again.
          if (name && actor.role === 'spectator') table.act(actor, { type: 'join', name, city: HOME[name]!, team: true });
          else table.act(actor, s.make(table.room, actor.role === 'player' ? actor.member.city : null));
          table.tick(s.wait);
          if (table.room.meta.phase === 'review') reviews.add(games);
        }
        expect(table.refusals).toEqual([]);
        // The host ends what is left: close the open round or end the game, a few times at most.
        for (let i = 0; i < 8 && table.room.meta.phase !== 'finished'; i++) {
          const { meta } = table.room;
          if (meta.paused) table.act(HOST, { type: 'resume' });
          table.act(HOST, i % 2 === 0 ? { type: 'end-game' } : { type: 'close-round', round: meta.round });
          table.tick(1000);
        }
        expect(table.room.meta.phase).toBe('finished');
        expect(table.refusals).toEqual([]);
        expect(table.skipped).toEqual([]);
        games++;
        resolvedRounds += table.room.rounds.length;
        signedDeals += table.room.meta.deals.filter((d) => d.status === 'signed').length;
      }),
      { seed: 20261201, numRuns: 150 },
    );
    // The sequences did reach the interesting places: rounds resolved, deals signed.
    expect(games).toBe(150);
    // A review that waits for the host holds its game until a random `continue`: fewer rounds resolve than with none.
    expect(resolvedRounds).toBeGreaterThan(250);
    expect(reviews.size).toBeGreaterThan(30);
    expect(signedDeals).toBeGreaterThan(5);
  }, 120_000);

  it('a storm of deals in one round: everything the book signs, the model applies', () => {
    const dealing = fc.oneof(
      { weight: 4, arbitrary: terms.map((t) => (): Action => ({ type: 'propose', terms: t })) },
      { weight: 6, arbitrary: dealId.map((deal) => (room: Room, c: string | null): Action => ({ type: 'accept', deal: deal(room, c) })) },
      { weight: 1, arbitrary: fc.tuple(dealId, terms).map(([deal, t]) => (room: Room, c: string | null): Action => ({ type: 'counter', deal: deal(room, c), terms: t })) },
      { weight: 1, arbitrary: dealId.map((deal) => (room: Room, c: string | null): Action => ({ type: 'withdraw', deal: deal(room, c) })) },
    );
    let signed = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), dealing), { minLength: 50, maxLength: 300 }), (steps) => {
        const table = new Table(started({ rounds: 2, bots: false, roundSeconds: 3600 }));
        for (const [who, make] of steps) {
          const actor = actorOf(table.room, who);
          table.act(actor, make(table.room, actor.role === 'player' ? actor.member.city : null));
        }
        table.act(HOST, { type: 'close-round', round: 1 });
        expect(table.refusals).toEqual([]);
        expect(table.skipped).toEqual([]);
        expect(table.room.meta).toMatchObject({ phase: 'playing', round: 2 });
        signed += table.room.rounds[0]!.deals.length;
      }),
      { seed: 7, numRuns: 60 },
    );
    expect(signed).toBeGreaterThan(30);
  }, 120_000);
});
