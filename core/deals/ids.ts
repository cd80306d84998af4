/**
 * Deal ids that tell nothing. A seat sees only the deals its city is party to; if ids counted
 * up (d1, d2, ...), the gap between two of its own deals would say how many private deals
 * other cities made in between. So the room numbers deals through a keyed permutation of
 * 1..999,999: each deal still gets its own number (a permutation never repeats), in no order
 * anyone without the key can follow. The key is the room's secret (party/rules/deals.ts); a
 * book with no key (the simulator's own games) numbers d1, d2, ... as before.
 *
 * The permutation is a four-round Feistel network on 20 bits, walked until it lands in
 * 1..999,999 (cycle walking keeps it a permutation of that range). It hides counts from
 * players, which is all it is for; it is not a cipher anyone should lean on.
 */
const HALF = 10;
const MASK = (1 << HALF) - 1;
export const MAX_DEAL_NUMBER = 999_999;

/** A 32-bit integer mix (the finaliser of MurmurHash3). */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function feistel(x: number, key: number): number {
  let left = x >>> HALF;
  let right = x & MASK;
  for (let round = 0; round < 4; round++) {
    const next = left ^ (mix(right ^ Math.imul(key ^ round, 0x9e3779b1)) & MASK);
    left = right;
    right = next;
  }
  return (left << HALF) | right;
}

/** The number of the `n`-th deal (1-based) of a book with this key; n itself without one. */
export function dealNumber(n: number, key: number | undefined): number {
  if (key === undefined) return n;
  if (!Number.isInteger(n) || n < 1 || n > MAX_DEAL_NUMBER) throw new RangeError(`deal number ${n} is outside 1..${MAX_DEAL_NUMBER}`);
  let x = n;
  do x = feistel(x, key);
  while (x < 1 || x > MAX_DEAL_NUMBER);
  return x;
}
