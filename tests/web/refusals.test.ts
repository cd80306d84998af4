/**
 * Refusals are codes (core/protocol/refusals.ts): every code has a sentence in every
 * language, every code the sources emit is in the catalogue, a refusal's English is its
 * code's sentence, and the client says a refusal from its code and arguments, never from
 * its English, falling back to the English for a code it does not know or a server before codes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDecisions, makeContext, resolveParams } from '../../core/model';
import { checkDeal } from '../../core/model/deals';
import { checkOverrides } from '../../core/model/params';
import { invalid } from '../../core/protocol/refusals';
import { initialState } from '../../core/model/init';
import { noDecisions } from '../../core/protocol/decisions';
import { englishOf, isRefusalCode, REFUSAL_CODES } from '../../core/protocol/refusals-english';
import { clientMessageSchema, PROTOCOL_VERSION } from '../../core/protocol/room';
import { check, checkJson, type InputError } from '../../core/protocol/validate';
import { refusalText, type RefusalWords } from '../../web/src/lib/refusals';
import refusalsEn from '../../web/src/i18n/refusals/en';
import refusalsZh from '../../web/src/i18n/refusals/zh';
import refusalsEs from '../../web/src/i18n/refusals/es';
import { HOST, SPECTATOR, env, lobby, player, refused as roomRefused, seated, started } from '../party/fixture';
import { mutations, sample, type Json } from '../support/fuzz';
import { classroom, park } from './fixtures';

const LANGS = [
  ['en', refusalsEn],
  ['zh', refusalsZh],
  ['es', refusalsEs],
] as [string, RefusalWords][];

/** Numbers and names as a reader's language would say them, marked so a test can see which were used. */
const voice = { num: (x: number, digits: number) => `#${x.toFixed(digits)}`, name: (id: string) => `<${id}>`, list: (xs: readonly string[]) => xs.join(' + ') };

describe('the catalogue', () => {
  it.each(LANGS)('%s has one sentence per code, and none for a code that does not exist', (_lang, words) => {
    const missing = REFUSAL_CODES.filter((c) => typeof words[c] !== 'function');
    expect(missing).toEqual([]);
    expect(Object.keys(words).filter((k) => !isRefusalCode(k))).toEqual([]);
  });

  it('holds every code the sources emit (refuse, refusal, say, invalid)', () => {
    const emitted = new Map<string, string>();
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
      });
    const CALL = /(?<!\.)\b(?:refuse|refusal)\(\s*[^,()]+(?:\([^()]*\))?[^,()]*,\s*'([a-z-]+)'|\bsay\('([a-z-]+)'/g;
    for (const file of ['core', 'party', 'worker'].flatMap(files)) {
      for (const m of readFileSync(file, 'utf8').matchAll(CALL)) emitted.set(m[1] ?? m[2]!, file);
    }
    // The scan finds the rules' codes; were it to find none, it would prove nothing.
    expect(emitted.size).toBeGreaterThan(100);
    expect([...emitted].filter(([code]) => !isRefusalCode(code))).toEqual([]);
  });
});

/** Refusals from every source a client hears: the message schema, the room's rules, the model's checks. */
function refusals(): InputError[] {
  const out: InputError[] = [];
  const schema = (x: unknown) => {
    const c = check(clientMessageSchema, x);
    if (!c.ok) out.push(c.error);
  };
  const hello = { type: 'hello', protocol: PROTOCOL_VERSION };
  const submit = { type: 'submit', decisions: noDecisions(1) };
  const join = { type: 'join', name: 'Ana', city: 'hillton', team: false };
  const propose = { type: 'propose', terms: park };
  for (const valid of [hello, submit, join, propose, { type: 'chat', text: 'hi', to: null }, { type: 'extend', round: 1, seconds: 30 }, { type: 'bot', city: 'hillton', strategy: 'frugal' }] as Json[]) {
    for (const m of sample(mutations(valid), 40, 7)) schema(m.value);
  }
  const bad = checkJson(clientMessageSchema, '{');
  if (!bad.ok) out.push(bad.error);
  // The room's rules, from several phases and roles.
  const room = started();
  const ana = player(room, 'Ana');
  out.push(
    roomRefused(lobby(), HOST, { type: 'pause' }),
    roomRefused(seated(), SPECTATOR, { type: 'start' }),
    roomRefused(room, ana, { type: 'submit', decisions: noDecisions(2) }),
    roomRefused(room, ana, { type: 'submit', decisions: { ...noDecisions(1), subsidies: { talent: 5, startups: 5, capital: 5 } } }),
    roomRefused(room, SPECTATOR, { type: 'chat', text: 'hi', to: null }),
    roomRefused(room, HOST, { type: 'event', event: 'nothing-like-it' }),
    roomRefused(room, HOST, { type: 'continue', round: 1 }),
    roomRefused(room, ana, { type: 'accept', deal: 'd1' }),
    roomRefused(room, SPECTATOR, { type: 'join', name: 'Eve', city: 'hillton', team: false }),
    roomRefused(room, HOST, { type: 'kick', member: 'm99' }),
    roomRefused(room, ana, { type: 'propose', terms: { ...park, host: 'seaport' } }),
    roomRefused(room, HOST, { type: 'close-round', round: 3 }, env()),
  );
  // The model's checks run in the browser.
  const state = initialState(classroom, { seed: 7 });
  const ctx = makeContext(classroom, resolveParams({}));
  out.push(checkDecisions(ctx, state, 'metropolis', { ...noDecisions(1), land: { innovation: 3, production: 3 } })!, checkDeal(classroom, state, { ...park, landQuota: 40 })!);
  return out;
}

describe('what the sources emit', () => {
  const all = refusals();
  it('is many different refusals', () => {
    expect(new Set(all.map((r) => r.code)).size).toBeGreaterThan(25);
  });
  it('always a code of the catalogue, with its English sentence as `rule`', () => {
    const wrong = all.filter((r) => !isRefusalCode(r.code) || englishOf(r.code, r.args as never) !== r.rule);
    expect(wrong).toEqual([]);
  });
  it('never valibot’s own words: every schema issue is coded', () => {
    expect(all.filter((r) => r.code === 'invalid')).toEqual([]);
  });
  it.each(LANGS)('and every one can be said in %s, without leftovers', (_lang, words) => {
    for (const r of all) {
      const said = refusalText(r, words, voice);
      expect(said.english, `${r.code} in words`).toBe(false);
      expect(said.text).not.toMatch(/undefined|\[object|NaN/);
    }
  });
});

describe('missing and unknown fields', () => {
  it('a missing required field is named as missing, an unknown one as unknown', () => {
    expect(check(clientMessageSchema, { type: 'submit' })).toEqual({
      ok: false,
      error: { field: 'decisions', code: 'missing-field', args: { type: 'submit' }, rule: 'is required in a "submit" message' },
    });
    expect(check(clientMessageSchema, { type: 'submit', decisions: noDecisions(1), city: 'hillton' })).toEqual({
      ok: false,
      error: { field: 'city', code: 'unknown-field', args: { type: 'submit' }, rule: 'is not a field of a "submit" message' },
    });
    expect(check(clientMessageSchema, { type: 'accept' })).toMatchObject({ error: { field: 'deal', code: 'missing-field', args: { type: 'accept' } } });
    expect(check(clientMessageSchema, { type: 'submit', decisions: { ...noDecisions(1), bribe: 1 } })).toMatchObject({ error: { field: 'decisions.bribe', code: 'extra-field' } });
  });
  it('an unknown type lists the message types from the schema itself', () => {
    const c = check(clientMessageSchema, { type: 'teleport' });
    expect(c).toMatchObject({ error: { field: 'type', code: 'unknown-type' } });
    const types = (c as { error: { args: { types: string[] } } }).error.args.types;
    for (const t of ['hello', 'submit', 'propose', 'continue', 'stage', 'room-size']) expect(types).toContain(t);
  });
  it('a malformed hello token passes the schema: the room treats it as an unknown token', () => {
    expect(check(clientMessageSchema, { type: 'hello', protocol: PROTOCOL_VERSION, token: 'not-a-token' }).ok).toBe(true);
    expect(check(clientMessageSchema, { type: 'hello', protocol: PROTOCOL_VERSION, token: 42 })).toMatchObject({ error: { field: 'token', code: 'not-text' } });
  });
});

describe('the client says a refusal from its code', () => {
  const land = checkDecisions(makeContext(classroom, resolveParams({})), initialState(classroom, { seed: 7 }), 'metropolis', { ...noDecisions(1), land: { innovation: 3, production: 3 } })!;
  it('with numbers in the reader’s format and cities by name', () => {
    expect(refusalText(land, refusalsZh, voice)).toEqual({ text: '释放 #6 平方公里，但只剩 #4 平方公里用地指标', english: false });
    const taken = { field: 'city', code: 'seat-taken', args: { city: 'hillton' }, rule: 'hillton is already taken; join it as a team member instead' };
    expect(refusalText(taken, refusalsEs, voice).text).toBe('<hillton> ya está ocupada; únase a su equipo');
    expect(refusalText({ code: 'corridor-hop', args: { hours: 2.25, from: 'seaport', max: 2 }, rule: '' }, refusalsEn, voice).text).toBe('it is #2.25 h from <seaport>; neighbours along a corridor must be within #2 h');
  });
  it('never from the English: another English sentence with the same code reads the same', () => {
    expect(refusalText({ ...land, rule: 'anything at all' }, refusalsEn, voice)).toEqual(refusalText(land, refusalsEn, voice));
  });
  it('a refusal inside a refusal (terms no longer signable) in the reader’s words', () => {
    const r = { code: 'unsignable', args: { reason: { code: 'park-exists', args: { sponsor: 'hillton', host: 'metropolis' } } }, rule: 'x' };
    expect(refusalText(r, refusalsEn, voice).text).toBe('can no longer be signed: <hillton> already has a park in <metropolis>');
  });
  it('a parameter out of its bounds, in the reader’s words; a check no player can cause, in its English detail, marked', () => {
    const out = checkOverrides({ congestion: 99 })!;
    expect(out).toMatchObject({ field: 'params.congestion', code: 'between' });
    expect(refusalText(out, refusalsZh, voice).text).toMatch(/^必须在 #\S+ 到 #\S+ 之间$/);
    expect(refusalText(invalid('state.regions', 'must list the scenario’s 4 cities'), refusalsEs, voice)).toEqual({ text: 'must list the scenario’s 4 cities', english: true });
  });
  it('in English, marked, for a code this client does not know or a server before codes', () => {
    expect(refusalText({ code: 'from-the-future', args: {}, rule: 'a newer rule' }, refusalsZh, voice)).toEqual({ text: 'a newer rule', english: true });
    expect(refusalText({ rule: 'the game is paused' }, refusalsZh, voice)).toEqual({ text: 'the game is paused', english: true });
    expect(refusalText({ code: 'toString', args: {}, rule: 'r' }, refusalsEn, voice)).toEqual({ text: 'r', english: true });
    const inner = { code: 'unsignable', args: { reason: { code: 'from-the-future', args: {} } }, rule: 'can no longer be signed: a newer rule' };
    expect(refusalText(inner, refusalsEn, voice)).toEqual({ text: inner.rule, english: true });
  });
});
