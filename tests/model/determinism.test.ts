import { describe, expect, it } from 'vitest';
import { flat, play, scenario } from '../support/model';

const s = scenario();
const policy = (round: number, city: string) => ({ subsidies: flat(city === 'hillton' ? 0.3 : round % 2 ? 0.1 : 0) });

describe('determinism (flow-model.md §5.9)', () => {
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
    const { state, results } = play(s, 10, (round, city) => ({ subsidies: flat(city === 'metropolis' ? 0 : 0.05 * round) }), 9);
    const numbers: number[] = [];
    JSON.stringify({ state, results }, (_k, v: unknown) => {
      if (typeof v === 'number') numbers.push(v);
      return v;
    });
    expect(numbers.length).toBeGreaterThan(1000);
    expect(numbers.every(Number.isFinite)).toBe(true);
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
