/** Which alerts a player's phone shows (web/src/lib/alerts.ts), on a real classroom state. */
import { describe, expect, it } from 'vitest';
import { checkDecisions, initialState, makeContext, resolveParams } from '../../core/model';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import type { RoomDeal, RoomView } from '../../core/protocol/room';
import { alertsFor, CLOSING_MS, fixFor, type Alert, type AlertInputs } from '../../web/src/lib/alerts';
import { flat, scenario } from '../support/model';

const s = scenario('classroom-4');
const ctx = makeContext(s, resolveParams());
const { seed: _seed, ...state } = initialState(s, { seed: 7, rounds: 4 });
const CAP = s.events.find((e) => e.id === 'unified-market')!;
if (CAP.event.kind !== 'subsidy-cap') throw new Error('classroom-4 lost its cap event');
const cap = CAP.event.cap;

const authored = (decisions: Decisions) => ({ decisions, by: 'Ana', at: 0 });
const deal = (over: Partial<RoomDeal>): RoomDeal => ({
  id: 'd1',
  round: 1,
  proposer: 'metropolis',
  parties: ['metropolis', 'hillton'],
  accepted: ['metropolis'],
  status: 'open',
  counters: null,
  terms: { kind: 'platform', members: ['metropolis', 'hillton'], subsidyCap: null, techTrading: false },
  closedRound: null,
  ...over,
});

function inputs(view: Partial<AlertInputs['view']> = {}, more: Partial<AlertInputs> = {}): AlertInputs {
  return {
    view: { phase: 'playing', paused: false, round: 1, practice: false, draft: null, submission: null, deals: [], events: { pending: [], applied: [] }, state, requests: null, ...view },
    city: 'hillton',
    events: s.events,
    ctx,
    remainingMs: 120_000,
    dismissed: new Set(),
    ...more,
  };
}
const kinds = (xs: Alert[]) => xs.map((x) => x.kind);

describe('alerts', () => {
  it('shows nothing when nothing needs the player', () => {
    expect(alertsFor(inputs({ draft: authored({ ...noDecisions(1), subsidies: flat(0.2) }) }))).toEqual([]);
  });

  it('an offer to this city, once, until it answers or puts it away', () => {
    const offer = deal({});
    const open = alertsFor(inputs({ deals: [offer, { ...offer }] }));
    expect(open).toEqual([{ kind: 'offer', key: 'offer:d1', deal: 'd1', from: 'metropolis', dealKind: 'platform' }]);
    // Its own offers, offers it accepted, closed ones and other cities' deals are not news to it.
    const quiet = [
      deal({ id: 'd2', proposer: 'hillton', accepted: ['hillton'] }),
      deal({ id: 'd3', accepted: ['metropolis', 'hillton'] }),
      deal({ id: 'd4', status: 'rejected' }),
      deal({ id: 'd5', parties: ['metropolis', 'seaport'] }),
    ];
    expect(alertsFor(inputs({ deals: quiet }))).toEqual([]);
    expect(alertsFor(inputs({ deals: [offer] }, { dismissed: new Set(['offer:d1']) }))).toEqual([]);
    // A counter is a new deal: a new alert, even after the first was put away.
    expect(kinds(alertsFor(inputs({ deals: [deal({ status: 'withdrawn' }), deal({ id: 'd6', counters: 'd1' })] }, { dismissed: new Set(['offer:d1']) })))).toEqual(['offer']);
  });

  it('someone asking to join the seat, until the request is answered or lapses (it leaves the view)', () => {
    const requests = [{ id: 'r2', name: 'Chen', city: 'hillton', expiresAt: 0 }];
    expect(alertsFor(inputs({ requests, deals: [deal({})] }))).toEqual([
      { kind: 'request', key: 'request:r2', request: 'r2', name: 'Chen', city: 'hillton' },
      { kind: 'offer', key: 'offer:d1', deal: 'd1', from: 'metropolis', dealKind: 'platform' },
    ]);
    // It needs an answer: it cannot be put away.
    expect(alertsFor(inputs({ requests }, { dismissed: new Set(['request:r2']) }))).toHaveLength(1);
    expect(alertsFor(inputs({ requests: [] }))).toEqual([]);
  });

  it("an event announced for the round, by id, for the lobby's round 1 too", () => {
    expect(alertsFor(inputs({ events: { pending: ['downturn', 'downturn'], applied: [] } }))).toEqual([{ kind: 'event', key: 'event:1:downturn', event: 'downturn' }]);
    expect(alertsFor(inputs({ phase: 'lobby', round: 0, events: { pending: ['downturn'], applied: [] } }))[0]!.key).toBe('event:1:downturn');
    expect(alertsFor(inputs({ events: { pending: ['downturn'], applied: [] } }, { dismissed: new Set(['event:1:downturn']) }))).toEqual([]);
    // Put away in the practice round, the same event is news again in the round 1 that counts.
    expect(alertsFor(inputs({ practice: true, events: { pending: ['downturn'], applied: [] } }))[0]!.key).toBe('event:practice:downturn');
    expect(alertsFor(inputs({ phase: 'finished', events: { pending: ['downturn'], applied: [] }, deals: [deal({})] }))).toEqual([]);
  });

  it('the closing round, only in its last 30 s, running, and while the city has not submitted', () => {
    const closing = alertsFor(inputs({}, { remainingMs: 12_300 }));
    expect(closing).toEqual([{ kind: 'closing', key: 'closing:1' }]);
    expect(alertsFor(inputs({}, { remainingMs: CLOSING_MS + 1 }))).toEqual([]);
    expect(alertsFor(inputs({}, { remainingMs: null }))).toEqual([]);
    expect(alertsFor(inputs({ paused: true }, { remainingMs: 5_000 }))).toEqual([]);
    const sent = { ...noDecisions(1), subsidies: flat(0.1) };
    expect(alertsFor(inputs({ submission: authored(sent), draft: authored(sent) }, { remainingMs: 5_000 }))).toEqual([]);
    // Not something to put away.
    expect(alertsFor(inputs({}, { remainingMs: 5_000, dismissed: new Set(['closing:1']) }))).toHaveLength(1);
  });

  it('a draft a cap makes invalid: the reason, and a fix that lowers every subsidy to the cap and is valid', () => {
    const d: Decisions = { ...noDecisions(1), subsidies: { talent: 0.8, startups: 0.2, capital: 0.5 } };
    // Before the event the draft is fine.
    expect(alertsFor(inputs({ draft: authored(d) }))).toEqual([]);
    const out = alertsFor(inputs({ draft: authored(d), events: { pending: [CAP.id], applied: [] } }, { remainingMs: 10_000 }));
    expect(kinds(out)).toEqual(['invalid', 'closing', 'event']);
    const invalid = out[0]!;
    if (invalid.kind !== 'invalid') throw new Error('not invalid');
    expect(invalid.problem).toEqual({ field: 'subsidies.talent', code: 'cap', args: { cap }, rule: `must be at most ${cap}, the national subsidy cap` });
    expect(invalid.fix?.kind).toBe('cap');
    expect(invalid.fix?.cap).toBe(cap);
    expect(invalid.fix!.decisions.subsidies).toEqual({ talent: cap, startups: 0.2, capital: cap });
    expect(checkDecisions(ctx, state, 'hillton', invalid.fix!.decisions, { events: [CAP.event] })).toBeNull();
    // Put away, it would come back: a draft the room would not take always shows.
    expect(kinds(alertsFor(inputs({ draft: authored(d), events: { pending: [CAP.id], applied: [] } }, { dismissed: new Set([invalid.key]) })))).toContain('invalid');
  });

  it("a submission over a cap announced after it (the form's draft is the submission)", () => {
    const d: Decisions = { ...noDecisions(1), subsidies: flat(0.6) };
    const out = alertsFor(inputs({ submission: authored(d), events: { pending: [CAP.id], applied: [] } }));
    expect(kinds(out)).toEqual(['invalid', 'event']);
  });

  it('land beyond the quota: cut to what is left, innovation space first, in the form’s 0.1 km² steps', () => {
    const hillton = state.regions.find((r) => r.id === 'hillton')!;
    const d: Decisions = { ...noDecisions(1), land: { innovation: hillton.landQuota - 0.05, production: 2 } };
    const [invalid] = alertsFor(inputs({ draft: authored(d) }));
    if (invalid?.kind !== 'invalid') throw new Error('no invalid alert');
    expect(invalid.problem.field).toBe('land');
    expect(invalid.fix?.kind).toBe('land');
    const { innovation, production } = invalid.fix!.decisions.land;
    expect(innovation + production).toBeLessThanOrEqual(hillton.landQuota + 1e-9);
    expect(innovation).toBeCloseTo(Math.floor((hillton.landQuota - 0.05) * 10) / 10, 9);
    // The quota is kept; what the land costs is the budget's business (the next problem, if any).
    expect(checkDecisions(ctx, state, 'hillton', invalid.fix!.decisions)?.rule ?? '').not.toMatch(/land quota is left/);
  });

  it('a budget overrun has no one-tap fix (the player chooses what to cut), and a stale round or no model shows nothing', () => {
    const d: Decisions = { ...noDecisions(1), environment: 1e6 };
    const [invalid] = alertsFor(inputs({ draft: authored(d) }));
    if (invalid?.kind !== 'invalid') throw new Error('no invalid alert');
    expect(invalid.problem.field).toBe('environment');
    expect(invalid.fix).toBeNull();
    expect(fixFor(state, 'nowhere', d, invalid.problem, {})).toBeNull();
    expect(alertsFor(inputs({ draft: authored({ ...d, round: 0 }) }))).toEqual([]);
    expect(alertsFor(inputs({ draft: authored(d) }, { ctx: null }))).toEqual([]);
  });
});
