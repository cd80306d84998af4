/** Scenario files (core/scenarios) and the parameter table (core/model/params.ts): loaded, checked, refused with the field. */
import { describe, expect, it } from 'vitest';
import { checkOverrides, initialState, PARAMS, PARAM_KEYS, resolveRound } from '../../core/model';
import { SCENARIOS, getScenario } from '../../core/scenarios';
import { checkScenario } from '../../core/scenarios/schema';
import classroom4 from '../../core/scenarios/classroom-4.json';
import { decisionsFor } from '../support/model';

describe('shipped scenarios', () => {
  it('has the six scenarios with their cities', () => {
    const size = Object.fromEntries(SCENARIOS.map((s) => [s.id, s.regions.length]));
    expect(size).toEqual({ 'classroom-4': 4, 'classroom-8': 8, 'zhejiang-mountain-sea': 11, 'g60-corridor': 9, 'greater-bay-area': 9, andalucia: 8 });
    expect(getScenario('zhejiang-mountain-sea')!.regions.map((r) => r.id)).toEqual(
      expect.arrayContaining(['hangzhou', 'ningbo', 'jiaxing', 'huzhou', 'shaoxing', 'jinhua', 'quzhou', 'lishui', 'wenzhou', 'taizhou', 'zhoushan']),
    );
    expect(getScenario('g60-corridor')!.regions.map((r) => r.id)).toEqual(
      expect.arrayContaining(['songjiang', 'jiaxing', 'hangzhou', 'huzhou', 'jinhua', 'suzhou', 'xuancheng', 'wuhu', 'hefei']),
    );
  });
  it('every scenario names its sources, marks its approximations and lists events', () => {
    for (const s of SCENARIOS) {
      expect(s.sources.length).toBeGreaterThan(0);
      expect(s.approximations.length).toBeGreaterThan(40);
      expect(s.events.map((e) => e.event.kind)).toEqual(expect.arrayContaining(['rail-line', 'subsidy-cap', 'downturn']));
    }
    expect(getScenario('zhejiang-mountain-sea')!.sources.join(' ')).toMatch(/cities\.csv/);
    const quzhou = getScenario('zhejiang-mountain-sea')!.regions.find((r) => r.id === 'quzhou')!;
    expect(quzhou.strengths).toEqual(['smart-manufacturing', 'chemicals', 'life-health']);
  });
  it('every scenario plays ten rounds', () => {
    for (const s of SCENARIOS) {
      let state = initialState(s, { seed: 1, rounds: 10 });
      for (let t = 0; t < 10; t++) {
        const out = resolveRound(s, state, decisionsFor(s, state, () => ({})));
        expect(out.ok).toBe(true);
        if (out.ok) state = out.state;
      }
    }
  });
});

describe('a broken scenario is refused, naming the field', () => {
  const base = JSON.parse(JSON.stringify(classroom4)) as Record<string, any>;
  const broken = (change: (s: Record<string, any>) => void) => {
    const s = JSON.parse(JSON.stringify(base));
    change(s);
    return checkScenario(s);
  };
  const cases: [string, (s: Record<string, any>) => void, string, RegExp][] = [
    ['an unknown city in the travel matrix', (s) => (s.travelHours.metropolis.atlantis = 1), 'travelHours.metropolis.atlantis', /not a city/],
    ['a negative population', (s) => (s.regions[1].population = -5), 'regions.1.population', /at least/],
    ['a duplicate city', (s) => (s.regions[2].id = 'metropolis'), 'regions.2.id', /duplicates/],
    ['a strength that is no sector', (s) => (s.regions[0].strengths = ['mining']), 'regions.0.strengths.0', /not one of the scenario's sectors/],
    ['a related pair with an unknown sector', (s) => (s.related = [['mining', 'new-materials']]), 'related.0.0', /not one of/],
    ['a missing travel time with no coordinates', (s) => delete s.travelHours.hillton, 'travelHours.hillton.seaport', /missing/],
    ['an event naming an unknown city', (s) => (s.events[0].event.between = ['metropolis', 'atlantis']), 'events.0.event.between.1', /not a city/],
    ['no sources', (s) => (s.sources = []), 'sources', /at least one source/],
  ];
  for (const [name, change, field, rule] of cases) {
    it(`refuses ${name}`, () => {
      const out = broken(change);
      expect(out).toMatchObject({ ok: false, error: { field, rule: expect.stringMatching(rule) } });
    });
  }
});

describe('the parameter table', () => {
  it('documents every parameter with a default inside its bounds and a paper section', () => {
    for (const key of PARAM_KEYS) {
      const spec = PARAMS[key];
      expect(spec.default).toBeGreaterThanOrEqual(spec.min);
      expect(spec.default).toBeLessThanOrEqual(spec.max);
      expect(spec.meaning.length).toBeGreaterThan(10);
      expect(spec.paper.length).toBeGreaterThan(0);
    }
  });
  it('refuses out-of-bounds, unknown, non-finite and fractional-count overrides with the field', () => {
    expect(checkOverrides({ congestion: 99 })).toMatchObject({ field: 'params.congestion', rule: 'must be between 0 and 5' });
    expect(checkOverrides({ wisdom: 1 })).toMatchObject({ field: 'params.wisdom', rule: 'is not a model parameter' });
    expect(checkOverrides({ hunterRate: Number.NaN })).toMatchObject({ field: 'params.hunterRate', rule: 'must be a finite number' });
    expect(checkOverrides({ facilityRounds: 2.5 })).toMatchObject({ field: 'params.facilityRounds', rule: 'must be a whole number' });
    expect(checkOverrides({ congestion: 1, 'tasteSpread.talent': 0.5 })).toBeNull();
  });
  it('refuses settings a joint rule forbids, naming the parameter and the rule', () => {
    expect(checkOverrides({ 'elasticity.talent': 0.6 })).toMatchObject({
      field: 'params.elasticity.talent',
      rule: 'with elasticity.capital and elasticity.startups must sum to at most 1 (innovation may not have increasing returns to its factors)',
    });
    // Returns to scale with the environment density sustains: 1 + 1 × 0.46 > 1.25, 1 + 0.5 × 0.46 ≤ 1.25.
    expect(checkOverrides({ innovationEnvironment: 1 })?.rule).toMatch(/at most 1\.25/);
    expect(checkOverrides({ innovationEnvironment: 0.5 })).toBeNull();
    expect(checkOverrides({ innovationEnvironment: 1, environmentDensity: 0.25 })).toBeNull();
    expect(checkOverrides({ environmentDensity: 2, innovationEnvironment: 0.1 })).toBeNull();
    expect(checkOverrides({ environmentDensity: 2 })?.field).toBe('params.environmentDensity');
    // Births: 5^(1/(1 − 0.25)) ≈ 8.5 is allowed, 5^(1/(1 − 0.5)) = 25 is not.
    expect(checkOverrides({ startupBirth: 5 })).toBeNull();
    expect(checkOverrides({ startupBirth: 5, 'elasticity.startups': 0.5, 'elasticity.talent': 0.25 })?.rule).toMatch(/at most 10/);
    expect(checkOverrides({ startupBirth: 1, 'elasticity.startups': 1, 'elasticity.talent': 0, 'elasticity.capital': 0 })).toBeNull();
  });
  it('a game with overrides plays by them', () => {
    const s = getScenario('classroom-4')!;
    const state = initialState(s, { seed: 1, rounds: 1, params: { maturation: 0 } });
    const out = resolveRound(s, state, decisionsFor(s, state, () => ({})));
    expect(out.ok && out.result.metrics.matured).toBe(0);
  });
});

describe('docs/model.md', () => {
  it('lists every parameter with its current default', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');
    for (const key of PARAM_KEYS) expect(doc).toContain(`| \`${key}\` | ${PARAMS[key].default} |`);
  });
});
