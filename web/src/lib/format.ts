/** Numbers as people read them, in the page's locale. */
const cache = new Map<number, Intl.NumberFormat>();

export function fmt(x: number, digits = 1): string {
  let f = cache.get(digits);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    cache.set(digits, f);
  }
  return f.format(x);
}

export function signed(x: number, digits = 1): string {
  const s = fmt(x, digits);
  return x > 0 ? `+${s}` : s;
}
