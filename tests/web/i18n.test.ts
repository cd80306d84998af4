/**
 * Every message in every language: the same keys as English (TypeScript already refuses a
 * catalogue that misses one; this also catches the open-ended tables), no empty value, and
 * nothing left in English: a Chinese message has Chinese in it, a Spanish one differs from
 * the English one (but for a few words that are the same in both), and every number or
 * name a message is given reaches the reader in every language.
 */
import { describe, expect, it } from 'vitest';
import { BOT_STRATEGIES } from '../../core/bots';
import { OPERATION_MODES } from '../../core/protocol/deals';
import { ROLES } from '../../core/scenarios/schema';
import { SCENARIOS } from '../../core/scenarios';
import { PARAM_GROUPS, PARAMS, PARAM_KEYS } from '../../core/model/params';
import { REFUSAL_CODES } from '../../core/protocol/refusals-english';
import mainEn from '../../web/src/i18n/main/en';
import mainZh from '../../web/src/i18n/main/zh';
import mainEs from '../../web/src/i18n/main/es';
import hostEn from '../../web/src/i18n/host/en';
import hostZh from '../../web/src/i18n/host/zh';
import hostEs from '../../web/src/i18n/host/es';
import debriefEn from '../../web/src/i18n/debrief/en';
import debriefZh from '../../web/src/i18n/debrief/zh';
import debriefEs from '../../web/src/i18n/debrief/es';
import playerEn from '../../web/src/i18n/player/en';
import playerZh from '../../web/src/i18n/player/zh';
import playerEs from '../../web/src/i18n/player/es';
import klassEn from '../../web/src/i18n/klass/en';
import klassZh from '../../web/src/i18n/klass/zh';
import klassEs from '../../web/src/i18n/klass/es';
import refusalsEn from '../../web/src/i18n/refusals/en';
import refusalsZh from '../../web/src/i18n/refusals/zh';
import refusalsEs from '../../web/src/i18n/refusals/es';

type Tree = { [k: string]: Tree | string | ((...a: unknown[]) => string) };
const parts: [string, Tree, Tree, Tree][] = [
  ['main', mainEn as unknown as Tree, mainZh as unknown as Tree, mainEs as unknown as Tree],
  ['host', hostEn as unknown as Tree, hostZh as unknown as Tree, hostEs as unknown as Tree],
  ['debrief', debriefEn as unknown as Tree, debriefZh as unknown as Tree, debriefEs as unknown as Tree],
  ['player', playerEn as unknown as Tree, playerZh as unknown as Tree, playerEs as unknown as Tree],
  ['klass', klassEn as unknown as Tree, klassZh as unknown as Tree, klassEs as unknown as Tree],
  ['refusals', refusalsEn as unknown as Tree, refusalsZh as unknown as Tree, refusalsEs as unknown as Tree],
];

/** Every leaf: its dotted key and value. */
function leaves(t: Tree, prefix = ''): [string, Tree[string]][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, Tree[string]]]));
}

// Distinct arguments, so each can be found in the output: numbers and a name-like string.
const ARGS = [7301, 'Xq', 7303, 7304, 7305, 7306, 7307];
/** A refusal's sentence takes one object of said arguments (web/src/lib/refusals.ts): each gets a number of its own, from its name. */
const said = new Proxy({} as Record<string, string>, { get: (_, k) => String(7400 + [...String(k)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 500, 0)) });
const SAID = (t: string) => t.match(/\b7[4-8]\d\d\b/g) ?? [];
const render = (v: Tree[string], part = '') =>
  typeof v === 'function' ? (part === 'refusals' ? (v as (a: unknown) => string)(said) : v(...ARGS.slice(0, v.length))) : (v as string);

const CJK = /[\u3400-\u9fff]/;
/** Spanish words that are the same in English, and technical names that are the same everywhere. */
const SAME_IN_ES = new Set(['Enclave', 'Capital', 'Chat', 'Gini', 'Startups', 'Talento', 'km²', 'h', 'Rondas', '+1 min', '+30 s', '−30 s']);
/** Keys whose English and Spanish values may coincide because they are symbols, units or names. */
const SAME_IN_ES_KEYS = /(^|\.)(brand|km2|hours|plus60|plus30|minus30|gini|factor)$|^seats\.bot$|^setup\.seat$|^refusals:invalid$/;
/** Keys whose Chinese value may hold no Chinese: symbols and units. */
const NO_CJK_KEYS = /(^|\.)(km2|'×'|×)$/;

describe.each(parts)('%s messages', (name, en, zh, es) => {
  const enLeaves = leaves(en);
  it('have the same keys in every language', () => {
    const keys = (t: Tree) => leaves(t).map(([k]) => k).sort();
    expect(keys(zh)).toEqual(keys(en));
    expect(keys(es)).toEqual(keys(en));
  });
  it.each(enLeaves.map(([k]) => k))('%s is translated', (key) => {
    const get = (t: Tree) => leaves(t).find(([k]) => k === key)?.[1];
    const [e, z, s] = [get(en)!, get(zh)!, get(es)!];
    expect(typeof z).toBe(typeof e);
    expect(typeof s).toBe(typeof e);
    if (typeof e === 'function') {
      expect((z as () => string).length, 'same parameters in Chinese').toBe(e.length);
      expect((s as () => string).length, 'same parameters in Spanish').toBe(e.length);
    }
    const [te, tz, ts] = [render(e, name), render(z, name), render(s, name)];
    expect(tz.trim()).not.toBe('');
    expect(ts.trim()).not.toBe('');
    if (!NO_CJK_KEYS.test(key) && /[A-Za-z]{2}/.test(te.replace(/Xq/g, ''))) expect(tz, `Chinese for ${key}`).toMatch(CJK);
    if (!SAME_IN_ES.has(te) && !SAME_IN_ES_KEYS.test(key) && !SAME_IN_ES_KEYS.test(`${name}:${key}`)) expect(ts, `Spanish for ${key}`).not.toBe(te);
    // Whatever the English message shows of its arguments, the others show too.
    for (const a of SAID(te)) {
      expect(tz, `${key} keeps ${a} in Chinese`).toContain(a);
      expect(ts, `${key} keeps ${a} in Spanish`).toContain(a);
    }
    for (const a of ARGS) {
      if (te.includes(String(a))) {
        expect(tz, `${key} keeps ${a} in Chinese`).toContain(String(a));
        expect(ts, `${key} keeps ${a} in Spanish`).toContain(String(a));
      }
    }
  });
});

describe('open-ended tables cover everything the game can show', () => {
  it.each([
    ['en', mainEn],
    ['zh', mainZh],
    ['es', mainEs],
  ] as const)('%s: every sector, role, bot strategy and park mode', (_l, m) => {
    for (const s of SCENARIOS) for (const sector of s.sectors) expect(m.sectors, sector).toHaveProperty([sector]);
    for (const r of ROLES) expect(m.roles, r).toHaveProperty([r]);
    for (const b of BOT_STRATEGIES) expect(m.strategies, b).toHaveProperty([b]);
    for (const mode of OPERATION_MODES) expect(m.modes, mode).toHaveProperty([mode]);

  });
  it.each([
    ['en', refusalsEn],
    ['zh', refusalsZh],
    ['es', refusalsEs],
  ] as const)('%s: one sentence per refusal code, and none for a code that does not exist', (_l, r) => {
    for (const k of REFUSAL_CODES) expect(typeof r[k], k).toBe('function');
    expect(Object.keys(r).sort()).toEqual([...REFUSAL_CODES].sort());
  });
  it.each([
    ['en', hostEn],
    ['zh', hostZh],
    ['es', hostEs],
  ] as const)('%s: every model parameter, group and unit', (_l, h) => {
    for (const k of PARAM_KEYS) expect(h.params[k], k).toBeTruthy();
    for (const g of PARAM_GROUPS) expect(h.paramGroups, g).toHaveProperty([g]);
    for (const k of PARAM_KEYS) expect(h.units, PARAMS[k].unit).toHaveProperty([PARAMS[k].unit]);
  });
  it('the scenarios name every city and event in the three languages', () => {
    for (const s of SCENARIOS) {
      for (const r of s.regions) for (const l of ['en', 'zh', 'es'] as const) expect(r.name[l]).toBeTruthy();
      for (const e of s.events) expect(CJK.test(e.title.zh)).toBe(true);
    }
  });
});

describe('words a newcomer reads right', () => {
  it('one firm is a firm, in English and Spanish', () => {
    expect(debriefEn.story.parkHome('Quzhou', 'Hangzhou', '1', 1)).toContain(' 1 firm home');
    expect(debriefEn.story.parkHome('Quzhou', 'Hangzhou', '3', 3)).toContain(' 3 firms home');
    expect(debriefEs.story.parkHome('Quzhou', 'Hangzhou', '1', 1)).toContain(' 1 empresa a');
  });
  it('a change of share is in percentage points, not “% points”', () => {
    for (const s of [debriefEn.story.magnet('Quzhou', '14.4'), debriefEs.story.magnet('Quzhou', '14,4')]) {
      expect(s).toMatch(/14[.,]4 (percentage points|puntos porcentuales)/);
      expect(s).not.toContain('%');
    }
  });
});
