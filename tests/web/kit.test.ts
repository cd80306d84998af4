/**
 * The facilitator's kit (docs/kit) in its three languages: one structure, so a host can hold
 * the English and the Chinese side by side; both timed plans, each adding up to its length;
 * the score in the very words the players read (web/src/i18n/main); only the paper's own
 * section numbers; and the page the build makes of it (web/kit/pages.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import mainEn from '../../web/src/i18n/main/en';
import mainZh from '../../web/src/i18n/main/zh';
import mainEs from '../../web/src/i18n/main/es';
import { KIT_LANGS, kitHref, kitIndex, renderKit, type KitLang } from '../../web/kit/pages';

const kit = (lang: KitLang) => readFileSync(new URL(`../../docs/kit/${lang}.md`, import.meta.url), 'utf8');
const RULE: Record<KitLang, string> = { en: mainEn.score.rule, zh: mainZh.score.rule, es: mainEs.score.rule };

/** The `##` and `###` headings, in order: level and text. */
const headings = (md: string) => [...md.matchAll(/^(#{2,3}) (.+)$/gm)].map((m) => ({ level: m[1]!.length, text: m[2]! }));

/** The section whose `##` heading matches, up to the next `##`. */
function section(md: string, heading: RegExp): string {
  const parts = md.split(/^(?=## )/m);
  const found = parts.filter((p) => heading.test(p.split('\n')[0]!));
  expect(found, `one "## " heading matching ${heading}`).toHaveLength(1);
  return found[0]!;
}

/** A plan's rows as [from, to] minutes: the first cell of each table row, "0–5". */
const blocks = (plan: string) => [...plan.matchAll(/^\| (\d+)–(\d+) \|/gm)].map((m) => [Number(m[1]), Number(m[2])] as const);

/** Every section the paper has (its text's numbering; docs/model.md cites the same). */
const PAPER_SECTIONS = new Set(['1', '1.1', '1.2', '2', '2.1', '2.2', '2.3', '3', '3.1', '3.2', '3.2.1', '3.3', '4', '4.1', '4.2', '4.3', '5']);

describe('the three kits', () => {
  const en = headings(kit('en'));

  it('have the same sections, at the same levels, in the same order', () => {
    expect(en.length).toBeGreaterThanOrEqual(20);
    for (const lang of ['zh', 'es'] as const) {
      expect(headings(kit(lang)).map((h) => h.level), `${lang} against en`).toEqual(en.map((h) => h.level));
    }
  });

  it.each(KIT_LANGS)('%s: a 45-minute and a 90-minute plan, minute by minute from 0 to the end', (lang) => {
    const md = kit(lang);
    for (const length of [45, 90]) {
      const rows = blocks(section(md, new RegExp(`\\b${length}\\b`)));
      expect(rows.length, `${length}-minute plan in ${lang}`).toBeGreaterThanOrEqual(5);
      expect(rows[0]![0]).toBe(0);
      expect(rows.at(-1)![1]).toBe(length);
      // Each block starts where the one before it ended: no gap, no overlap.
      for (let i = 1; i < rows.length; i++) expect(rows[i]![0], `${lang} ${length}: row ${i + 1}`).toBe(rows[i - 1]![1]);
    }
  });

  it.each(KIT_LANGS)('%s: says the score in the words the players read', (lang) => {
    expect(kit(lang)).toContain(`> ${RULE[lang]}`);
  });

  it.each(KIT_LANGS)('%s: the reveal in four steps, the debrief and the LAN', (lang) => {
    const md = kit(lang);
    const h3 = headings(md).filter((h) => h.level === 3).map((h) => h.text);
    expect(h3.filter((t) => /^[1-4]\. /.test(t))).toHaveLength(4);
    expect(md).toContain('/screen/CODE');
    for (const needed of ['npm install', 'npm start', 'PORT=9000 npm start', 'localhost', '192.168.']) expect(md, `${lang}: ${needed}`).toContain(needed);
    expect(md).toContain('→');
    expect(md).toContain('←');
  });

  it.each(KIT_LANGS)('%s: cites only sections the paper has, and nothing outside the repository', (lang) => {
    const md = kit(lang);
    const cited = [...md.matchAll(/§(\d+(?:\.\d+)*)/g)].map((m) => m[1]!);
    expect(cited.length).toBeGreaterThan(10);
    expect(cited.filter((s) => !PAPER_SECTIONS.has(s))).toEqual([]);
    expect(md).not.toMatch(/\.\.\/shared|\/work\//);
  });
});

describe('the kit pages', () => {
  it.each(KIT_LANGS)('%s: a page with its title, its language and links that work on the site', (lang) => {
    const { title, page } = renderKit(kit(lang), lang);
    expect(title).toBe(/^# (.+)$/m.exec(kit(lang))![1]);
    expect(page).toContain(`<title>${title.replace(/&/g, '&amp;')}</title>`);
    expect(page).toMatch(new RegExp(`<html lang="${lang}-`));
    expect(page).toContain('<link rel="stylesheet" href="/kit/kit.css">');
    expect(page).not.toContain('<script');
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    // The other two kits, as the site serves them; no link to a repository file (a 404 on the site).
    for (const other of KIT_LANGS.filter((l) => l !== lang)) expect(hrefs).toContain(`/kit/${other}`);
    expect(hrefs.filter((h) => /\.md(#|$)/.test(h))).toEqual([]);
  });

  it('rewrites links between kits only', () => {
    expect(kitHref('zh.md')).toBe('/kit/zh');
    expect(kitHref('es.md#antes')).toBe('/kit/es#antes');
    expect(kitHref('../scoring.md')).toBe('../scoring.md');
    expect(kitHref('https://example.org/en.md')).toBe('https://example.org/en.md');
  });

  it('the index lists each kit by its own title', () => {
    const titles = { en: 'A & B', zh: '手册', es: 'Kit' };
    const page = kitIndex(titles);
    expect(page).toContain('<a href="/kit/en" hreflang="en" lang="en-GB">A &amp; B</a>');
    expect(page).toContain('<a href="/kit/zh" hreflang="zh" lang="zh-CN">手册</a>');
  });
});
