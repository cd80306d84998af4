/**
 * Bounded snapshots: what a `hello` carries of the resolved rounds and the chat, and how
 * `history` pages are cut. Pure, so the room and the tests cut the same way. Sizes are
 * measured as JSON text (characters), as the room sends it.
 */

/** The resolved rounds a `hello` carries: the newest that fit in this many characters. */
export const HELLO_RESULTS_CHARS = 64 * 1024;
/** The chat lines a `hello` carries: the newest that fit in this many characters. */
export const HELLO_CHAT_CHARS = 64 * 1024;
/** A `history` page holds at most this many rounds… */
export const PAGE_ROUNDS = 8;
/** …and at most this many characters (but always at least one round, so paging advances). */
export const PAGE_CHARS = 128 * 1024;

/** Characters of an item as JSON (the measure of every bound here). */
export const jsonChars = (item: unknown): number => JSON.stringify(item).length;

/**
 * Index from which the newest items fit in `maxChars` (the items from it on are sent, the
 * earlier ones are left to `history`). `items.length` when not even the last one fits.
 */
export function tailFrom<T>(items: readonly T[], maxChars: number, size: (item: T) => number = jsonChars): number {
  let total = 1; // "[]", less the comma the first item does not need
  let from = items.length;
  while (from > 0) {
    const next = total + size(items[from - 1]!) + 1; // + the comma between items
    if (next > maxChars) break;
    total = next;
    from--;
  }
  return from;
}

/**
 * One `history` page: the items from `from` up to `to` (exclusive), no more than `maxItems`
 * and `maxChars`, but at least one item when `from` is in range. Returns the end index
 * (exclusive): the page is `items.slice(from, end)`.
 */
export function pageEnd<T>(items: readonly T[], from: number, to: number, maxItems = PAGE_ROUNDS, maxChars = PAGE_CHARS, size: (item: T) => number = jsonChars): number {
  const stop = Math.min(to, items.length, from + maxItems);
  if (from >= stop) return from;
  let end = from + 1;
  let total = size(items[from]!) + 2; // in "[…]"
  while (end < stop) {
    const next = total + size(items[end]!) + 1;
    if (next > maxChars) break;
    total = next;
    end++;
  }
  return end;
}

/**
 * Merge what a client holds with a `results` or `history` message: `held` may have holes
 * (undefined) where pages have not come yet. Returns a new array.
 */
export function mergeRounds<T>(held: readonly (T | undefined)[], from: number, items: readonly T[], replaceTail: boolean): (T | undefined)[] {
  const next = held.slice(0, replaceTail ? from : Math.max(held.length, from + items.length));
  while (next.length < from) next.push(undefined);
  items.forEach((item, i) => (next[from + i] = item));
  return next;
}

/** The first hole in what a client holds (its length when there is none). */
export function firstGap<T>(held: readonly (T | undefined)[]): number {
  const i = held.findIndex((x) => x === undefined);
  return i < 0 ? held.length : i;
}
