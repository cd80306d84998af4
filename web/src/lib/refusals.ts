/**
 * A refusal in the reader's language (core/protocol/refusals.ts): its code's sentence from the
 * catalogue (web/src/i18n/refusals/*.ts, one entry per code), with the arguments said
 * the reader's way: numbers in the language's format, city ids as the cities' names, lists
 * joined the language's way. A refusal with no code (a server from before codes), or with a
 * code this client does not know yet, is its English sentence.
 */
import type { RefusalArgs, RefusalCode } from '../../../core/protocol/refusals';

/** The arguments as the catalogue gets them: each one already said (a number formatted, an id named). */
export type Said<T> = { readonly [K in keyof T]: string };

/** What each language writes: one sentence per code. */
export type RefusalWords = { [C in RefusalCode]: (a: Said<RefusalArgs[C]>) => string };

/** A refusal as it arrives: from the room, the API, or the model's checks run in the browser. */
export interface Heard {
  code?: string | null;
  args?: unknown;
  /** The English sentence, always there. */
  rule: string;
}

/** How the reader's language says numbers, cities and lists. */
export interface Voice {
  num: (x: number, digits: number) => string;
  name: (city: string) => string;
  list: (items: readonly string[]) => string;
}

/** Arguments that hold a city id: said as the city's name. Other ids (deals, events, members) stay as they are. */
const CITY_ARGS = new Set(['city', 'host', 'sponsor', 'from', 'proposer']);

/** As many decimals as the value has, at most two (the model rounds what it shows to one or two). */
const digitsOf = (x: number) => (Number.isInteger(x) ? 0 : Number.isInteger(Math.round(x * 1000) / 100) ? 1 : 2);

const known = (words: RefusalWords, code: unknown): code is RefusalCode => typeof code === 'string' && Object.hasOwn(words, code);

/** One argument said, or null when it holds a refusal this client cannot say. */
function sayArg(key: string, value: unknown, words: RefusalWords, voice: Voice): string | null {
  if (typeof value === 'number') return voice.num(value, digitsOf(value));
  if (typeof value === 'string') return CITY_ARGS.has(key) ? voice.name(value) : value;
  if (Array.isArray(value)) return voice.list(value.map((x) => (typeof x === 'string' && key === 'cities' ? voice.name(x) : String(x))));
  if (value !== null && typeof value === 'object' && 'code' in value) return sayCode((value as { code: unknown }).code, (value as { args?: unknown }).args, words, voice);
  return value === undefined || value === null ? '' : String(value);
}

function sayCode(code: unknown, args: unknown, words: RefusalWords, voice: Voice): string | null {
  if (!known(words, code)) return null;
  const said: Record<string, string> = {};
  for (const [key, value] of Object.entries(args !== null && typeof args === 'object' ? args : {})) {
    const s = sayArg(key, value, words, voice);
    if (s === null) return null;
    said[key] = s;
  }
  return (words[code] as (a: Record<string, string>) => string)(said);
}

/** The refusal in the reader's words, or its English sentence (`english`: mark it lang="en"). */
export function refusalText(r: Heard, words: RefusalWords, voice: Voice): { text: string; english: boolean } {
  // `invalid` says only what its English detail says (a check no player can cause from the game).
  if (r.code === 'invalid') return { text: String((r.args as { detail?: unknown } | null)?.detail ?? r.rule), english: true };
  const text = sayCode(r.code, r.args, words, voice);
  return text === null ? { text: r.rule, english: true } : { text, english: false };
}
