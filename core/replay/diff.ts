/** The first place two JSON-like values differ, as a dotted path, for replay reports. */

export interface Difference {
  path: string;
  archived: unknown;
  replayed: unknown;
}

export function firstDifference(archived: unknown, replayed: unknown, path = ''): Difference | null {
  if (Object.is(archived, replayed)) return null;
  const here = (a: unknown, b: unknown): Difference => ({ path: path || '(value)', archived: a, replayed: b });
  if (typeof archived !== 'object' || typeof replayed !== 'object' || archived === null || replayed === null) {
    return here(archived, replayed);
  }
  if (Array.isArray(archived) !== Array.isArray(replayed)) return here(archived, replayed);
  if (Array.isArray(archived) && Array.isArray(replayed)) {
    const n = Math.max(archived.length, replayed.length);
    for (let i = 0; i < n; i++) {
      if (i >= archived.length || i >= replayed.length) return { path: `${path}.${i}`.replace(/^\./, ''), archived: archived[i], replayed: replayed[i] };
      const d = firstDifference(archived[i], replayed[i], `${path}.${i}`.replace(/^\./, ''));
      if (d) return d;
    }
    return null;
  }
  const a = archived as Record<string, unknown>;
  const b = replayed as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[key], b[key], path ? `${path}.${key}` : key);
    if (d) return d;
  }
  return null;
}
