/**
 * Generated bad input for the fuzz suites (the room's messages, the worker's request
 * bodies): valid values bent at one place, and junk. Built on fast-check and sampled with a
 * fixed seed, so a run is the same every time and a failure names an input that can be
 * replayed.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Text an attacker would put in a name or a chat line, and text that breaks layouts and logs. */
export const HOSTILE_TEXT = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=window.__pwned=1>',
  "';alert(1);//",
  '{{constructor.constructor("window.__pwned=1")()}}',
  '\u202eevil',
  '=HYPERLINK("http://evil.example")',
  '../../etc/passwd',
  '\u0000\u0007\u001b[31m',
  '𝕬𝖓𝖆 🎉',
];

/** Values of every JSON type at their edges: what a field gets when it is given the wrong thing. */
export const weird: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -0, -1, 0.5, -0.001, 1.5, 1e308, -1e308, 2 ** 53 + 1, 1e-300, 4294967296, '', ' ', '0', 'NaN', 'Infinity', 'null', [], {}, [null], { type: 'hello' }),
  fc.constantFrom<Json>(...HOSTILE_TEXT),
  fc.integer().map((n): Json => n),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n): Json => n),
  fc.string({ maxLength: 30 }).map((s): Json => s),
  fc.integer({ min: 41, max: 3000 }).map((n): Json => 'x'.repeat(n)),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 4 }).map((a): Json => a),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }).map((o): Json => o),
);

type Path = (string | number)[];

function paths(value: Json, at: Path = []): Path[] {
  const out: Path[] = at.length ? [at] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

function objects(value: Json, at: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...objects(v, [...at, i])));
  else if (value && typeof value === 'object') {
    out.push(at);
    for (const [k, v] of Object.entries(value)) out.push(...objects(v, [...at, k]));
  }
  return out;
}

function edit(value: Json, path: Path, change: (parent: Json[] | Record<string, Json>, key: string | number) => void): Json {
  const copy = structuredClone(value);
  let parent = copy as Json[] | Record<string, Json>;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string, Json>)[key as string] as Json[] | Record<string, Json>;
  change(parent, path.at(-1)!);
  return copy;
}

export interface Mutation {
  value: Json;
  /** Where the change is, dotted as the protocol names fields ("decisions.subsidies.talent"). */
  path: string;
  how: 'replace' | 'remove' | 'add';
}

/** One change to a valid value: a field replaced by something weird, a field removed, or a field added. */
export function mutations(valid: Json): fc.Arbitrary<Mutation> {
  const leaves = paths(valid);
  const holders = objects(valid);
  const replace = fc.tuple(fc.constantFrom(...leaves), weird).map(([p, w]): Mutation => ({
    value: edit(valid, p, (parent, key) => ((parent as Record<string, Json>)[key as string] = w)),
    path: p.join('.'),
    how: 'replace',
  }));
  const remove = fc.constantFrom(...leaves).map((p): Mutation => ({
    value: edit(valid, p, (parent, key) => (Array.isArray(parent) ? parent.splice(key as number, 1) : delete parent[key as string])),
    path: p.join('.'),
    how: 'remove',
  }));
  const add = fc.tuple(fc.constantFrom(...holders), fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'token', 'city', 'admin', 'role')), weird).map(
    ([p, key, w]): Mutation => {
      const value = structuredClone(valid);
      let target = value as Record<string, Json>;
      for (const k of p) target = target[k as string] as Record<string, Json>;
      // defineProperty: "__proto__" as an own key, as JSON.parse would make it.
      Object.defineProperty(target, key, { value: w, enumerable: true, configurable: true, writable: true });
      return { value, path: [...p, key].join('.'), how: 'add' };
    },
  );
  return leaves.length ? fc.oneof(replace, remove, add) : add;
}

/** Text that is not a JSON value at all, or JSON that is not an object. */
export const junk: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-Infinity', 'undefined', '{', '}', '[', '{"type":', '{"type":"submit","decisions":NaN}', '{"type":"extend","round":1,"seconds":Infinity}', '1e999', "{'type':'hello'}", '\u0000', '<script>window.__pwned=1</script>'),
  fc.string({ maxLength: 120 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }).map((v) => JSON.stringify(v)),
);

/** `count` values of `arb`, the same ones for the same seed. */
export function sample<T>(arb: fc.Arbitrary<T>, count: number, seed: number): T[] {
  return fc.sample(arb, { numRuns: count, seed });
}

/** Whether an error's field names the place a mutation changed (or the whole message, or the type). */
export function namesThePlace(field: string, path: string): boolean {
  if (field.startsWith('(')) return true;
  return path === field || path.startsWith(`${field}.`) || field.startsWith(`${path}.`) || field === 'type' || field === 'kind' || field.endsWith('.kind');
}
