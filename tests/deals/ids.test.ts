/**
 * Deal ids tell a seat nothing about deals it cannot see (issue 12): the room numbers deals
 * through a keyed permutation (core/deals/ids.ts), so ids never repeat, stay short, and
 * neither their order nor their gaps count the private deals proposed in between.
 */
import { describe, expect, it } from 'vitest';
import { dealNumber, MAX_DEAL_NUMBER } from '../../core/deals';
import { dealKey } from '../../party/rules/deals';

const keys = [dealKey('a'.repeat(64)), dealKey('0123456789abcdef'.repeat(4)), 0, 0xffffffff];

describe('deal numbers', () => {
  it('count up without a key (the simulator’s own games)', () => {
    expect([1, 2, 3, 200].map((n) => dealNumber(n, undefined))).toEqual([1, 2, 3, 200]);
  });

  it.each(keys)('with key %i are distinct numbers in 1..999,999 for the first 20,000 deals', (key) => {
    const seen = new Set<number>();
    for (let n = 1; n <= 20_000; n++) {
      const x = dealNumber(n, key);
      expect(x >= 1 && x <= MAX_DEAL_NUMBER).toBe(true);
      seen.add(x);
    }
    expect(seen.size).toBe(20_000);
  });

  it.each(keys)('with key %i neither order nor gaps count the deals in between', (key) => {
    const ids = Array.from({ length: 200 }, (_, i) => dealNumber(i + 1, key));
    // Sequential ids would rise 199 times in 199 steps, each by exactly one.
    const rises = ids.slice(1).filter((x, i) => x > ids[i]!).length;
    expect(rises).toBeGreaterThan(60);
    expect(rises).toBeLessThan(140);
    const unitSteps = ids.slice(1).filter((x, i) => Math.abs(x - ids[i]!) === 1).length;
    expect(unitSteps).toBeLessThan(3);
  });

  it('differ between rooms', () => {
    const a = Array.from({ length: 50 }, (_, i) => dealNumber(i + 1, keys[0]));
    const b = Array.from({ length: 50 }, (_, i) => dealNumber(i + 1, keys[1]));
    expect(a.filter((x, i) => x === b[i]).length).toBeLessThan(2);
  });

  it('refuse a place outside the range', () => {
    expect(() => dealNumber(0, 1)).toThrow(RangeError);
    expect(() => dealNumber(MAX_DEAL_NUMBER + 1, 1)).toThrow(RangeError);
  });
});
