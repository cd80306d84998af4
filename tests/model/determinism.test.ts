import { describe, expect, it } from 'vitest';
import { initialState } from '../../core/model';
import { flat, numbersIn, play, scenario } from '../support/model';

const s = scenario();
const policy = (round: number, city: string) => ({ subsidies: flat(city === 'hillton' ? 0.3 : round % 2 ? 0.1 : 0) });

describe('determinism (core/model/rng.ts, core/model/math.ts)', () => {
  it('gives byte-identical results for the same scenario, decisions and seed', () => {
    const a = play(s, 6, policy, 42);
    const b = play(s, 6, policy, 42);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('depends on the seed (the productivity shock is seeded)', () => {
    const a = play(s, 3, policy, 1);
    const b = play(s, 3, policy, 2);
    expect(a.results[2]!.metrics.totalInnovation).not.toBe(b.results[2]!.metrics.totalInnovation);
  });

  it('never produces NaN or Infinity anywhere in state or results', () => {
    const { state, results } = play(s, 10, (round, city) => ({ subsidies: flat(city === 'metropolis' ? 0 : 0.03 * round) }), 9);
    // Read before JSON, which would turn NaN and Infinity into null.
    const numbers = numbersIn({ state, results });
    expect(numbers.length).toBeGreaterThan(1000);
    expect(numbers.every(Number.isFinite)).toBe(true);
  });

  it('computes the baseline the same way every time, and its row t whatever the rows after it', () => {
    const zj = scenario('zhejiang-mountain-sea');
    const long = initialState(zj, { seed: 4, rounds: 12 });
    expect(JSON.stringify(initialState(zj, { seed: 4, rounds: 12 }))).toBe(JSON.stringify(long));
    const short = initialState(zj, { seed: 4, rounds: 5 });
    expect(long.baseline).toHaveLength(12);
    expect(JSON.stringify(short.baseline)).toBe(JSON.stringify(long.baseline.slice(0, 5)));
    // The start's estimate of a round's newcomers comes from the baseline's first round, the same either way.
    expect(JSON.stringify(short.locations)).toBe(JSON.stringify(long.locations));
    // Another seed, another course (the productivity shock is seeded).
    expect(JSON.stringify(initialState(zj, { seed: 5, rounds: 5 }).baseline)).not.toBe(JSON.stringify(short.baseline));
  });
});

describe('results are rounded for viewers, the state is not', () => {
  it('keeps full precision in the state while the result has about five significant digits', () => {
    const zj = scenario('zhejiang-mountain-sea');
    const park = { kind: 'park' as const, sponsor: 'quzhou', host: 'hangzhou', landQuota: 2, space: 1, mode: 'mixed' as const, statsShare: 0.5, taxShare: 0.5 };
    const { state, results } = play(zj, 2, undefined, 3, { deals: { 1: [park] } });
    const loc = state.locations.find((l) => l.id === 'park-quzhou-hangzhou')!;
    // Significant digits of the shortest decimal that prints the number.
    const digits = (x: number) => String(Math.abs(x)).replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length;
    expect(digits(loc.stock.talent)).toBeGreaterThan(8);
    expect(digits(state.regions[0]!.industrialBase['digital-economy']!)).toBeGreaterThan(8);
    expect(digits(results[1]!.parks[0]!.stock.talent)).toBeLessThanOrEqual(6);
    expect(digits(results[1]!.regions[0]!.industrialBase['digital-economy']!)).toBeLessThanOrEqual(6);
  });
});

describe('replay from an archived record', () => {
  it('resolving the stored state, decisions, deals and events again gives the stored result byte for byte', async () => {
    const { playBotGame } = await import('../../core/bots/game');
    const { resolveRound } = await import('../../core/model');
    const zj = scenario('zhejiang-mountain-sea');
    const strategies = Object.fromEntries(zj.regions.map((r, i) => [r.id, (['cooperator', 'escalator', 'matcher', 'random'] as const)[i % 4]!]));
    const game = playBotGame(zj, { rounds: 4, seed: 17, strategies, events: { 3: [{ kind: 'downturn', severity: 0.1 }] } });
    // What the archive keeps goes through JSON; replay starts from the JSON copy.
    let state = JSON.parse(JSON.stringify(game.initial));
    for (const round of JSON.parse(JSON.stringify(game.rounds)) as typeof game.rounds) {
      const out = resolveRound(zj, state, round.decisions, { deals: round.deals, events: round.events });
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      expect(JSON.stringify(out.result)).toBe(JSON.stringify(round.result));
      state = out.state;
    }
    expect(JSON.stringify(state)).toBe(JSON.stringify(game.state));
  });
});

describe('engine independence', () => {
  it('the model and bots build powers from exp and log (core/model/math.ts), never Math.pow or **', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const offenders: string[] = [];
    for (const dir of ['core/model', 'core/bots', 'core/deals', 'core/replay']) {
      for (const file of readdirSync(dir)) {
        if (!file.endsWith('.ts') || file === 'math.ts') continue;
        const code = readFileSync(`${dir}/${file}`, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        if (/Math\.pow\b|\*\*/.test(code)) offenders.push(`${dir}/${file}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
