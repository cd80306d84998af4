/**
 * The host's notices in the reader's language: every code has a message in every language,
 * cities are said by their names (never their ids) and listed the language's way, the
 * system's error stays apart in English, and a notice with no code (a room stored before
 * codes) or an unknown code is its English sentence.
 */
import { describe, expect, it } from 'vitest';
import { NOTICE_CODES, notice, noticeView, type Notice, type NoticeView } from '../../core/protocol/notices';
import { getScenario } from '../../core/scenarios';
import hostEn from '../../web/src/i18n/host/en';
import hostEs from '../../web/src/i18n/host/es';
import hostZh from '../../web/src/i18n/host/zh';
import { noticeWords } from '../../web/src/lib/notices';

const LANGS = [
  ['en', 'en-GB', hostEn],
  ['zh', 'zh-CN', hostZh],
  ['es', 'es-ES', hostEs],
] as const;

const classroom = getScenario('classroom-4')!;
const ids = classroom.regions.map((r) => r.id);

/** One notice of each code, naming cities and numbers a reader must find. */
const SAMPLES: Record<(typeof NOTICE_CODES)[number], Notice> = {
  'drafts-taken': notice('drafts-taken', { round: 3, cities: ['hillton', 'seaport'] }),
  'drafts-unusable': notice('drafts-unusable', { round: 3, cities: ['rivertown', 'hillton', 'metropolis'] }),
  'round-refused': notice('round-refused', { round: 3, error: 'the resolver answered 400' }),
  'round-retry': notice('round-retry', { round: 3, attempt: 4, error: 'the resolver answered 500', seconds: 8 }),
  'round-reopened': notice('round-reopened', { round: 3 }),
  'round-dropped': notice('round-dropped', { round: 3, resolved: 2 }),
  'archive-retry': notice('archive-retry', { error: 'D1 is down', seconds: 16 }),
};

describe.each(LANGS)('notices in %s', (lang, locale, messages) => {
  const name = (id: string) => classroom.regions.find((r) => r.id === id)!.name[lang];
  const list = (items: readonly string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
  const say = (n: NoticeView) => noticeWords(n, messages.notice, name, list);

  it('has a message for every code', () => {
    for (const code of NOTICE_CODES) expect(typeof messages.notice[code], code).toBe('function');
    expect(Object.keys(messages.notice).sort()).toEqual([...NOTICE_CODES].sort());
  });

  it.each(NOTICE_CODES)('says %s in the language, with names and numbers, never an id', (code) => {
    const n = SAMPLES[code];
    const w = say(n);
    expect(w.english).toBe(false);
    if (lang === 'zh') expect(w.text).toMatch(/[\u3400-\u9fff]/);
    if (lang !== 'en') expect(w.text).not.toBe(n.text);
    for (const id of ids) expect(w.text).not.toContain(id);
    if ('cities' in n.args) expect(w.text).toContain(list(n.args.cities.map(name)));
    for (const x of Object.values(n.args)) if (typeof x === 'number') expect(w.text).toContain(String(x));
    expect(w.error).toBe('error' in n.args ? n.args.error : null);
    if (w.error) expect(w.text).not.toContain(w.error);
  });

  it('lists cities the language’s way', () => {
    const text = say(SAMPLES['drafts-unusable']).text;
    const joined = { en: 'Rivertown, Hillton and Metropolis', zh: '河城、山镇和大都市', es: 'Villarrío, Villacerro y Metrópolis' }[lang];
    expect(text).toContain(joined);
  });

  it('shows a plain sentence (a room stored before codes) and an unknown code as English', () => {
    const old = 'Round 1: drafts taken as submitted for rivertown.';
    expect(say(noticeView(old))).toEqual({ text: old, english: true, error: null });
    const newer = { code: 'review-late', args: { round: 2 }, text: 'Round 2: the review was late.' } as unknown as NoticeView;
    expect(say(newer)).toEqual({ text: 'Round 2: the review was late.', english: true, error: null });
  });
});
