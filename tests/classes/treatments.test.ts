/**
 * Treatments (core/classes/treatments.ts) and the room rules they set: each preset gives valid
 * settings that differ from the common ones by its rule alone; each rule does what it says
 * (the platform's cap binds in public, parks are refused with their code, the schedule puts
 * its events in at their rounds); and a game without them is the game of before, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { simulatorTable } from '../../core/bots/negotiate';
import { playBotGame } from '../../core/bots/game';
import { applyTreatment, DEFAULT_PLATFORM_CAP, TREATMENT_KINDS, type TreatmentChoiceInput } from '../../core/classes/treatments';
import { dealAction, emptyBook } from '../../core/deals';
import { checkSettings, gameOptions, initialState, resolveRound } from '../../core/model';
import { FOUNDING_DEAL } from '../../core/protocol/deals';
import { gameSettingsSchema } from '../../core/protocol/settings';
import { checkReplay, whatIf } from '../../core/replay/replay';
import { decisionsFor, flat, scenario } from '../support/model';
import { makeRecord } from '../support/record';
import { park, platform } from '../deals/fixture';
import { BASE, playRoom } from './fixture';

const s = scenario('classroom-4');
const json = (x: unknown) => JSON.stringify(x);

const PRESETS: Record<(typeof TREATMENT_KINDS)[number], TreatmentChoiceInput> = {
  baseline: { kind: 'baseline' },
  'platform-cap': { kind: 'platform-cap', cap: 0.25 },
  'no-parks': { kind: 'no-parks' },
  regional: { kind: 'regional' },
  events: { kind: 'events', schedule: [{ round: 2, event: 'downturn' }] },
  custom: { kind: 'custom', settings: { sealed: false, params: { taxRate: 0.1 } }, label: 'Open bids' },
};

describe('presets', () => {
  const base = v.parse(gameSettingsSchema, BASE);

  it('each gives settings the schema accepts, differing from the common ones by its own rule only', () => {
    const changed: Record<string, unknown> = {};
    for (const kind of TREATMENT_KINDS) {
      const out = applyTreatment(BASE, PRESETS[kind]);
      if (!out.ok) throw new Error(`${kind}: ${out.error.field}: ${out.error.rule}`);
      expect(v.safeParse(gameSettingsSchema, out.settings).success).toBe(true);
      expect(checkSettings(s, out.settings)).toBeNull();
      changed[kind] = Object.fromEntries(Object.entries(out.settings).filter(([k, x]) => json(x) !== json((base as Record<string, unknown>)[k])));
    }
    expect(changed).toEqual({
      baseline: {},
      'platform-cap': { platform: { cap: 0.25, trading: false } },
      'no-parks': { parks: false },
      regional: { scoring: 'regional' },
      events: { schedule: [{ round: 2, event: 'downturn' }] },
      custom: { sealed: false, params: { taxRate: 0.1 } },
    });
  });

  it('labels each treatment; a platform without a cap named gets the default one', () => {
    const tag = (c: TreatmentChoiceInput) => {
      const out = applyTreatment(BASE, c);
      if (!out.ok) throw new Error(out.error.rule);
      return out.tag;
    };
    expect(tag({ kind: 'baseline' })).toEqual({ id: 'baseline', label: 'No rule change' });
    expect(tag({ kind: 'platform-cap' })).toEqual({ id: 'platform-cap', label: `Coordination platform with a subsidy cap of ${DEFAULT_PLATFORM_CAP}` });
    expect(tag(PRESETS.custom)).toEqual({ id: 'custom:Open bids', label: 'Open bids' });
  });

  it('refuses a bad choice naming the field and the rule', () => {
    const refusal = (c: unknown) => {
      const out = applyTreatment(BASE, c as TreatmentChoiceInput);
      if (out.ok) throw new Error('accepted');
      return out.error;
    };
    expect(refusal({ kind: 'platform-cap', cap: 9 })).toMatchObject({ field: 'treatment.cap', code: 'at-most' });
    expect(refusal({ kind: 'events', schedule: [] })).toMatchObject({ field: 'treatment.schedule', code: 'min-items' });
    expect(refusal({ kind: 'lottery' })).toMatchObject({ field: 'treatment.kind', code: 'one-of' });
    expect(refusal({ kind: 'custom', settings: { rounds: 99 } })).toMatchObject({ field: 'settings.rounds', code: 'at-most' });
    expect(refusal({ kind: 'custom', settings: { platform: { cap: -1 } } })).toMatchObject({ field: 'settings.platform.cap', code: 'at-least' });
    // What needs the scenario: its events, within the game's rounds.
    const withSchedule = (schedule: { round: number; event: string }[]) => v.parse(gameSettingsSchema, { ...BASE, schedule });
    expect(checkSettings(s, withSchedule([{ round: 1, event: 'meteor' }]))).toMatchObject({ field: 'settings.schedule.0.event', code: 'unknown-event' });
    expect(checkSettings(s, withSchedule([{ round: 5, event: 'downturn' }]))).toMatchObject({ field: 'settings.schedule.0.round', code: 'at-most', args: { max: 4 } });
    expect(v.safeParse(gameSettingsSchema, { ...BASE, schedule: [{ round: 1, event: 'downturn' }, { round: 1, event: 'downturn' }] }).success).toBe(false);
  });
});

describe('defaults change nothing', () => {
  it('settings of before parse without the new rules, and give the very same first state', () => {
    const old = v.parse(gameSettingsSchema, { scenario: 'classroom-4', rounds: 3, seed: 5 });
    expect(Object.keys(old)).not.toContain('platform');
    expect(Object.keys(old)).not.toContain('parks');
    expect(Object.keys(old)).not.toContain('schedule');
    const before = json(initialState(s, { seed: 5, rounds: 3, params: {}, scoring: 'scorecard' }));
    expect(json(initialState(s, gameOptions({ ...old, seed: 5 })))).toBe(before);
    // The defaults written out are the same game.
    const written = { ...old, seed: 5, platform: null, parks: true, schedule: [] };
    expect(json(initialState(s, gameOptions(written)))).toBe(before);
  });

  it('a record of before replays byte for byte, and a what-if with no change plays it again exactly', () => {
    const record = makeRecord({ rounds: 4 });
    expect(checkReplay(s, JSON.parse(JSON.stringify(record)))).toEqual({ match: true, rounds: 4 });
    const again = whatIf(s, record, { params: {} });
    if (!again.ok) throw new Error(again.error.rule);
    expect(json(again.run.results)).toBe(json(record.rounds.map((r) => r.result)));
  });
});

describe('platform with a cap', () => {
  const state = initialState(s, { seed: 3, rounds: 2, platform: { cap: 0.3 } });

  it('puts every city on one platform from round 1, under the founding deal id', () => {
    expect(state.agreements.platforms).toEqual([{ deal: FOUNDING_DEAL, members: s.regions.map((r) => r.id), subsidyCap: 0.3, techTrading: false }]);
  });

  it('makes a bid above the cap a public breach: paid as bid, not cut', () => {
    const out = resolveRound(s, state, decisionsFor(s, state, (_, city) => ({ subsidies: flat(city === 'metropolis' ? 0.5 : city === 'hillton' ? 0.3 : 0) })));
    if (!out.ok) throw new Error(out.error.rule);
    const breaches = out.result.metrics.capBreaches;
    expect(new Set(breaches.map((b) => b.city))).toEqual(new Set(['metropolis']));
    expect(breaches).toHaveLength(3);
    for (const b of breaches) expect(b).toMatchObject({ cap: FOUNDING_DEAL, park: null, announced: 0.5, limit: 0.3, enforced: false });
    expect(out.result.regions.find((r) => r.id === 'metropolis')!.subsidies).toEqual(flat(0.5));
    // Without the platform the same bids break nothing.
    const free = initialState(s, { seed: 3, rounds: 2 });
    const plain = resolveRound(s, free, decisionsFor(s, free, (_, city) => ({ subsidies: flat(city === 'metropolis' ? 0.5 : 0) })));
    expect(plain.ok && plain.result.metrics.capBreaches).toEqual([]);
  });

  it('replays from its record, and a what-if rebuilds it from the settings', () => {
    const room = playRoom('PLAT01', { kind: 'platform-cap', cap: 0.3 }, 21);
    expect(room.record.initialState.agreements.platforms[0]!.deal).toBe(FOUNDING_DEAL);
    expect(room.record.rounds.some((r) => r.result.metrics.capBreaches.some((b) => b.cap === FOUNDING_DEAL && !b.enforced))).toBe(true);
    expect(checkReplay(s, JSON.parse(JSON.stringify(room.record)))).toEqual({ match: true, rounds: 4 });
    const again = whatIf(s, room.record, { params: {} });
    if (!again.ok) throw new Error(again.error.rule);
    expect(json(again.run.results)).toBe(json(room.record.rounds.map((r) => r.result)));
  });

  it('keeps its members out of another platform: the book names the founding one', () => {
    const out = dealAction(emptyBook(), simulatorTable(s, state), 'metropolis', { type: 'propose', terms: platform(['metropolis', 'rivertown']) });
    expect(out).toMatchObject({ ok: false, error: { field: 'terms.members.0', code: 'member-of', args: { deal: FOUNDING_DEAL } } });
  });
});

describe('parks not allowed', () => {
  const barred = initialState(s, { seed: 3, rounds: 2, parks: false });

  it('the deal book refuses a park with its code, where the same park is welcome otherwise', () => {
    const propose = { type: 'propose' as const, terms: park() };
    expect(dealAction(emptyBook(), simulatorTable(s, barred), 'hillton', propose)).toMatchObject({
      ok: false,
      error: { field: 'terms.kind', code: 'parks-barred', rule: 'parks are not allowed in this game (its settings: parks false)' },
    });
    expect(dealAction(emptyBook(), simulatorTable(s, initialState(s, { seed: 3, rounds: 2 })), 'hillton', propose).ok).toBe(true);
  });

  it('the resolver refuses a park signed anyway, and the rule outlives events', () => {
    const out = resolveRound(s, barred, decisionsFor(s, barred, () => ({})), { deals: [{ id: 'd1', terms: park(), signedRound: 1 }] });
    expect(out.ok && out.result.deals).toEqual([{ deal: 'd1', applied: false, reason: expect.stringContaining('parks are not allowed') }]);
    const after = resolveRound(s, barred, decisionsFor(s, barred, () => ({})), { events: [{ kind: 'subsidy-cap', cap: 0.3 }] });
    expect(after.ok && after.state.policy).toEqual({ subsidyCap: 0.3, travel: [], parks: false });
  });

  it('bots propose parks when they may, and none when they may not', () => {
    const strategies = { metropolis: 'cooperator', rivertown: 'escalator', hillton: 'cooperator', seaport: 'cooperator' } as const;
    const proposed = (parks: boolean) => playBotGame(s, { rounds: 4, seed: 11, strategies, parks }).log.filter((e) => e.action === 'propose' && e.terms?.kind === 'park').length;
    expect(proposed(true)).toBeGreaterThan(0);
    expect(proposed(false)).toBe(0);
  });
});

describe('regional scoring and the event schedule', () => {
  it('regional scoring counts the region in every score', () => {
    const room = playRoom('REGI01', { kind: 'regional' }, 21);
    expect(room.record.initialState.scoring).toEqual({ mode: 'regional', weights: { innovation: 1, output: 10, budget: 1, region: 1 } });
  });

  it('the schedule puts its events in at their rounds, and they replay', () => {
    const room = playRoom('EVNT01', { kind: 'events', schedule: [{ round: 2, event: 'downturn' }, { round: 3, event: 'unified-market' }] }, 21);
    expect(room.record.rounds.map((r) => r.events.map((e) => e.kind))).toEqual([[], ['downturn'], ['subsidy-cap'], []]);
    expect(room.record.finalState.policy.subsidyCap).toBe(0.3);
    expect(checkReplay(s, room.record)).toEqual({ match: true, rounds: 4 });
  });
});
