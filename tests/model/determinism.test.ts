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
