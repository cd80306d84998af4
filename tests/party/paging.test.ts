/** Bounded snapshots and history pages (core/protocol/paging.ts): every round reachable, no page or snapshot over its bound. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstGap, HELLO_RESULTS_CHARS, jsonChars, mergeRounds, PAGE_CHARS, PAGE_ROUNDS, pageEnd, tailFrom } from '../../core/protocol/paging';

const item = (i: number, size: number) => ({ i, pad: 'x'.repeat(size) });
const listChars = (items: unknown[]) => JSON.stringify(items).length;

describe('paging', () => {
  it('a hello tail is the newest items that fit, and fits', () => {
    const items = Array.from({ length: 40 }, (_, i) => item(i, 10_000));
    const from = tailFrom(items, HELLO_RESULTS_CHARS);
    expect(listChars(items.slice(from))).toBeLessThanOrEqual(HELLO_RESULTS_CHARS);
    expect(listChars(items.slice(from - 1))).toBeGreaterThan(HELLO_RESULTS_CHARS);
    expect(from).toBe(34); // 6 items of ~10 KB
    expect(tailFrom(items.slice(0, 3), HELLO_RESULTS_CHARS)).toBe(0); // small games: everything
    expect(tailFrom([item(0, 70_000)], HELLO_RESULTS_CHARS)).toBe(1); // nothing fits: nothing sent
  });

  it('pages walk every item once, each within its bounds (one oversized item still advances)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200_000 }), { maxLength: 60 }), fc.nat(59), (sizes, start) => {
        const items = sizes.map((s, i) => item(i, s));
        const from0 = Math.min(start, items.length);
        const seen: number[] = [];
        for (let from = from0; from < items.length; ) {
          const end = pageEnd(items, from, items.length);
          expect(end).toBeGreaterThan(from);
          const page = items.slice(from, end);
          expect(page.length).toBeLessThanOrEqual(PAGE_ROUNDS);
          if (page.length > 1) expect(listChars(page)).toBeLessThanOrEqual(PAGE_CHARS);
          seen.push(...page.map((p) => p.i));
          from = end;
        }
        expect(seen).toEqual(items.slice(from0).map((p) => p.i));
      }),
      { numRuns: 200 },
    );
  });

  it('a page stops at `to`, and is empty out of range', () => {
    const items = Array.from({ length: 20 }, (_, i) => item(i, 10));
    expect(pageEnd(items, 2, 5)).toBe(5);
    expect(pageEnd(items, 0, 20)).toBe(PAGE_ROUNDS);
    expect(pageEnd(items, 20, 30)).toBe(20);
    expect(pageEnd(items, 5, 5)).toBe(5);
  });

  it('a client merges a hello tail, pages and new rounds into every round, in order', () => {
    const all = Array.from({ length: 20 }, (_, i) => item(i, 5000));
    let held = mergeRounds<(typeof all)[number]>([], 15, all.slice(15), true);
    expect(firstGap(held)).toBe(0);
    held = mergeRounds(held, 20, [item(20, 1)], true); // a round resolved while pages are out
    for (let from = 0; from < 15; ) {
      const end = pageEnd(all, from, 15);
      held = mergeRounds(held, from, all.slice(from, end), false);
      from = end;
    }
    expect(firstGap(held)).toBe(held.length);
    expect(held.map((h) => h!.i)).toEqual([...Array(21).keys()]);
    expect(jsonChars(held)).toBeGreaterThan(0);
  });
});
