/**
 * The facilitator's kit in the running game (a real `wrangler dev` serving the built client):
 * each language's page answers at /kit/<lang> with its title and the score rule, and the host
 * setup and the host console link the kit in the reader's language, a link a host can follow.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/browser';
import { createGame } from '../support/room-client';
import { remember } from './web';
import mainEn from '../../web/src/i18n/main/en';
import mainZh from '../../web/src/i18n/main/zh';
import mainEs from '../../web/src/i18n/main/es';
import hostEn from '../../web/src/i18n/host/en';
import hostZh from '../../web/src/i18n/host/zh';
import hostEs from '../../web/src/i18n/host/es';

const env = useServerAndBrowser();
const HOST = 'fac11e00fac11e00fac11e00fac11e00';
const LANGS = ['en', 'zh', 'es'] as const;
type Lang = (typeof LANGS)[number];

/** Each kit's title: its first heading, as written in docs/kit. */
const title = (lang: Lang) => /^# (.+)$/m.exec(readFileSync(new URL(`../../docs/kit/${lang}.md`, import.meta.url), 'utf8'))![1]!;
const RULE: Record<Lang, string> = { en: mainEn.score.rule, zh: mainZh.score.rule, es: mainEs.score.rule };
const LINK: Record<Lang, string> = { en: hostEn.kit, zh: hostZh.kit, es: hostEs.kit };
const HTML_LANG: Record<Lang, string> = { en: 'en-GB', zh: 'zh-CN', es: 'es-ES' };
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

describe('the kit pages', () => {
  it.each(LANGS)('/kit/%s answers 200 with an HTML page: its title, its language, the score rule', async (lang) => {
    const res = await fetch(`${env.server.url}/kit/${lang}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain(`<title>${title(lang)}</title>`);
    expect(page).toContain(`<html lang="${HTML_LANG[lang]}">`);
    expect(page).toContain(`<h1>${html(title(lang))}</h1>`);
    expect(page).toContain(RULE[lang]);
    // Not the client's single-page fallback.
    expect(page).not.toContain('<div id="app">');
  });

  it('the stylesheet and the index of the three', async () => {
    const css = await fetch(`${env.server.url}/kit/kit.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('@media print');
    const index = await (await fetch(`${env.server.url}/kit`)).text();
    for (const lang of LANGS) expect(index).toContain(`<a href="/kit/${lang}"`);
  });
});

describe('the host finds the kit', () => {
  it.each(LANGS)('in %s: on the host setup and the host console, a link that opens the kit in that language', async (lang) => {
    const game = await createGame(env.server.url, { scenario: 'classroom-4', rounds: 2, roundSeconds: 120, language: lang }, HOST);
    const { context, page } = await env.tb.person();
    await remember(context, { 'enclave:lang': lang, 'enclave:host-token': HOST });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      for (const path of ['/host', `/host/${game.code}#k=${game.hostToken}`]) {
        await page.goto(`${env.server.url}${path}`);
        const link = page.getByTestId('kit-link');
        await link.waitFor({ timeout: 30_000 });
        expect(await link.getAttribute('href'), path).toBe(`/kit/${lang}`);
        expect((await link.textContent())?.trim(), path).toBe(LINK[lang]);
        // Followed as a host would: it opens in a new tab, the console stays.
        const [kit] = await Promise.all([context.waitForEvent('page'), link.click()]);
        await kit.waitForLoadState();
        expect(await kit.title(), path).toBe(title(lang));
        expect(await kit.locator('h1').textContent()).toBe(title(lang));
        if (lang === 'en' && path === '/host') await env.tb.shot(kit, 'kit-en');
        await kit.close();
        expect(new URL(page.url()).pathname).toBe(path.split('#')[0]);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
