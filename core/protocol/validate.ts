/**
 * One way to check input at every boundary (room messages, worker API, scenario files):
 * parse with a valibot schema and, on failure, report the first problem as
 * `{ field, code, args, rule }` so a person can act on it ("subsidies.talent: must be at
 * least 0"). The schemas' messages are codes (`say`, core/protocol/refusals.ts).
 */
import * as v from 'valibot';
import { heard, isSaid, refusal, say, type Refusal, type RefusalCode } from './refusals';
import { englishOf } from './refusals-english';

/**
 * A refusal: `field` is the dotted path of the offending field, or "(message)" for the whole
 * value; `code` and `args` say which rule was broken (core/protocol/refusals.ts); `rule` says
 * it in English.
 */
export type InputError = Refusal;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: InputError };

export function fieldOf(path: readonly v.IssuePathItem[] | undefined): string {
  if (!path || path.length === 0) return '(message)';
  return path.map((p) => String(p.key)).join('.');
}

/** The deepest, most specific issue: for unions/variants, valibot nests the real cause. */
function specific(issue: v.BaseIssue<unknown>): v.BaseIssue<unknown> {
  let current = issue;
  while (current.issues && current.issues.length > 0 && current.type !== 'union') {
    current = current.issues[0]!;
  }
  return current;
}

/** The words of a valibot `expected` ('("a" | "b")', '"a"', '3'): the values it lists. */
function listed(expected: string | null): string[] {
  return (expected ?? '')
    .replace(/^\((.*)\)$/, '$1')
    .split(' | ')
    .map((x) => {
      try {
        return String(JSON.parse(x));
      } catch {
        return x;
      }
    });
}

/**
 * The code of an issue whose message is valibot's own (a schema that gave none): by the
 * issue's type, never by its words. What no type says is `invalid`, with valibot's sentence.
 */
function coded(issue: v.BaseIssue<unknown>): { code: RefusalCode; args: object } {
  if (isSaid(issue.message)) return heard(issue.message);
  switch (issue.type) {
    case 'object':
    case 'strict_object':
    case 'loose_object':
      if (issue.expected === 'never') return { code: 'extra-field', args: {} };
      return issue.expected === 'Object' ? { code: 'not-an-object', args: {} } : { code: 'required', args: {} };
    case 'record':
      return { code: 'not-an-object', args: {} };
    case 'array':
    case 'tuple':
    case 'strict_tuple':
      return { code: 'not-a-list', args: {} };
    case 'string':
      return { code: 'not-text', args: {} };
    case 'number':
      return { code: 'not-a-number', args: {} };
    case 'boolean':
      return { code: 'not-a-flag', args: {} };
    case 'picklist':
    case 'variant':
    case 'literal':
      return { code: 'one-of', args: { options: listed(issue.expected) } };
    default:
      return heard(issue.message);
  }
}

export function check<S extends v.GenericSchema>(schema: S, input: unknown): Checked<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const issue = specific(result.issues[0]);
  const { code, args } = coded(issue);
  return { ok: false, error: { field: fieldOf(issue.path), code, args, rule: englishOf(code, args as never) } as InputError };
}

/** Parse JSON text first; a syntax error is reported as a rule on the whole message. */
export function checkJson<S extends v.GenericSchema>(schema: S, text: string): Checked<v.InferOutput<S>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: refusal('(message)', 'invalid-json', {}) };
  }
  return check(schema, parsed);
}

export function describe(error: Pick<InputError, 'field' | 'rule'>): string {
  return `${error.field}: ${error.rule}`;
}

// Schema building blocks with messages a player can read.

/** A finite number in [min, max]. */
export function num(min: number, max: number) {
  return v.pipe(
    v.number(say('not-a-number')),
    v.finite(say('not-finite')),
    v.minValue(min, say('at-least', { min })),
    v.maxValue(max, say('at-most', { max })),
  );
}

/** A whole number in [min, max]. */
export function int(min: number, max: number) {
  return v.pipe(num(min, max), v.integer(say('whole-number')));
}

/** A string of printable text, trimmed, with a length limit. */
export function text(min: number, max: number) {
  return v.pipe(
    v.string(say('not-text')),
    v.trim(),
    v.minLength(min, min === 1 ? say('empty') : say('min-chars', { min })),
    v.maxLength(max, say('max-chars', { max })),
    // Control characters have no place in names or chat; they break layouts and logs.
    v.regex(/^[^\u0000-\u001f\u007f]*$/u, say('control-chars')),
  );
}

/**
 * Characters that change how text looks without being seen: bidirectional controls (which can
 * make "Ana" read as something else, or reverse a line), zero-width and joiner characters,
 * the soft hyphen, and C1 controls. Chat keeps the zero-width joiner, which emoji sequences need.
 */
const BIDI = '\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069';
const INVISIBLE = '\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2060-\u2064\u3164\ufe00-\ufe0f\ufeff\uffa0';
const C1 = '\u0080-\u009f';
const NO_BIDI = new RegExp(`^[^${BIDI}${C1}]*$`, 'u');
const NO_INVISIBLE = new RegExp(`^[^${INVISIBLE}]*$`, 'u');

/** Names people would read as the game's own voice (in the three languages of the interface). */
const RESERVED_NAMES = ['host', 'the host', 'facilitator', 'room', 'system', 'bot', 'admin', '主持人', '房间', '系统', 'anfitrión', 'anfitrion', 'sala', 'sistema'];

/** Chat text: plain text, no direction tricks. */
export function chatText(min: number, max: number) {
  return v.pipe(text(min, max), v.regex(NO_BIDI, say('direction-chars')));
}

/**
 * A person's display name: compatibility-normalised (NFKC folds look-alike forms such as
 * fullwidth "Ｈｏｓｔ" or "𝐀𝐧𝐚" into plain letters, so two names that look the same are the
 * same), without invisible or direction characters, and not a name of the game's own voice.
 */
export function displayName(min: number, max: number) {
  return v.pipe(
    v.string(say('not-text')),
    v.transform((s) => s.normalize('NFKC')),
    text(min, max),
    v.regex(NO_BIDI, say('direction-chars')),
    v.regex(NO_INVISIBLE, say('invisible-chars')),
    v.check((s) => !RESERVED_NAMES.includes(s.toLowerCase()), say('reserved-name')),
  );
}

/** A lowercase ASCII id such as a city id ("quzhou") or scenario id ("classroom-4"). */
export const id = v.pipe(
  v.string(say('not-text')),
  v.regex(/^[a-z][a-z0-9-]{0,39}$/, say('not-an-id')),
);
