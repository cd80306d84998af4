/**
 * Printed briefings and the host's notices, in a real browser on a real `wrangler dev`:
 *
 * - /briefings/SCENARIO?lang=… printed by Chromium (page.pdf) has exactly one page per city,
 *   and each page's heading (read from the PDF's outline, which Chromium writes from the
 *   headings with the page each sits on) is that city's name in the language; every section
 *   of a city's card is on its page. The host setup and the host console link to it.
 * - The host console says a notice in the host's language with the city's name, not its id.
 */
import { describe, expect, it } from 'vitest';
import { noDecisions } from '../../core/protocol/decisions';
import { getScenario } from '../../core/scenarios';
import { useServerAndBrowser } from '../support/browser';
import { readPdf } from '../support/pdf';
import { createGame, RoomClient } from '../support/room-client';
import { axe, remember, untranslated, type Lang } from './web';

const env = useServerAndBrowser();
const HOST = 'b7b7b7b7c8c8c8c8d9d9d9d9e0e0e0e0';

/** Print a briefings page as Chromium does; what the PDF holds. */
async function printed(path: string, lang: Lang, device: Lang = 'en') {
  const { context, page } = await env.tb.person({ width: 1280, height: 900 });
  // The device's own language differs from the address's: the address wins for this page.
  await remember(context, { 'enclave:lang': device });
  await page.goto(`${env.server.url}${path}`);
  await page.getByTestId('brief-page').first().waitFor({ timeout: 30_000 });
  const pdf = await page.pdf({ format: 'A4', outline: true, tagged: true });
  // On paper four times as tall every card would fit with room to spare: one page per city
  // there too means each card breaks the page after it, not merely that a card fills A4.
  const tall = await page.pdf({ width: '210mm', height: '1188mm', outline: true, tagged: true });
  return { context, page, pdf: readPdf(pdf), tall: readPdf(tall) };
}

describe.each([
  ['en', 'classroom-8', 'zh'],
  ['zh', 'classroom-8', 'es'],
  ['es', 'classroom-8', 'en'],
  ['zh', 'zhejiang-mountain-sea', 'en'],
  ['es', 'andalucia', 'zh'],
  ['zh', 'greater-bay-area', 'es'],
] as const)('briefings in %s for %s', (lang, id, device) => {
  it('print one page per city, each headed by that city’s name, with all its card on it', async () => {
    const scenario = getScenario(id)!;
    const { context, page, pdf, tall } = await printed(`/briefings/${id}?lang=${lang}`, lang, device);
    const names = scenario.regions.map((r) => r.name[lang]);
    expect(pdf.pages).toBe(names.length);
    expect(tall.pages).toBe(names.length);
    expect(tall.outline.map((e) => e.page)).toEqual(names.map((_, i) => i));
    expect(pdf.outline.map((e) => e.title)).toEqual(names);
    for (const [i, city] of pdf.outline.entries()) {
      expect(city.page, `${city.title} on page ${i + 1}`).toBe(i);
      // Situation, goal, score, first move: all four on the city's own page.
      expect(city.children.map((c) => c.page)).toEqual([i, i, i, i]);
    }
    // On screen: nothing left in another language, and no accessibility violation.
    expect(await untranslated(page, lang)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await env.tb.shot(page, `briefings-${id}-${lang}`);
    await context.close();
  });
});

it('an unknown scenario says so', async () => {
  const { context, page } = await env.tb.person();
  await remember(context, { 'enclave:lang': 'es' });
  await page.goto(`${env.server.url}/briefings/atlantis`);
  await page.getByText('No existe ese escenario.').waitFor({ timeout: 30_000 });
  await context.close();
});

it('the host setup and console link to the briefings in the room’s language and weights; the console says notices in the host’s language', async () => {
  const { context, page } = await env.tb.person();
  await remember(context, { 'enclave:lang': 'zh', 'enclave:host-token': HOST });
  await page.goto(`${env.server.url}/host`);
  const setupLink = page.getByTestId('print-briefings');
  await setupLink.waitFor({ timeout: 30_000 });
  expect(await setupLink.textContent()).toBe('打印城市简报');
  // The setup starts in the host's language, classroom-4, the scorecard (the default: no weights in the address).
  expect(await setupLink.getAttribute('href')).toBe('/briefings/classroom-4?lang=zh');

  const { code } = await createGame(env.server.url, { scenario: 'classroom-4', rounds: 3, roundSeconds: 600, bots: false, scoring: 'regional', language: 'es' }, HOST);
  const host = await RoomClient.open(env.server.host, code, HOST);
  const ana = await RoomClient.join(env.server.host, code, 'Ana', 'hillton');
  host.send({ type: 'start' });
  await host.view((v) => v.phase === 'playing', 30_000);

  await page.goto(`${env.server.url}/host/${code}#k=${HOST}`);
  const link = page.getByTestId('print-briefings');
  await link.waitFor({ timeout: 30_000 });
  expect(await link.getAttribute('href')).toBe('/briefings/classroom-4?lang=es&w=1%2C10%2C1%2C1');
  const [opened] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await opened.getByTestId('brief-page').first().waitFor({ timeout: 30_000 });
  expect(await opened.getByTestId('brief-page').count()).toBe(4);
  expect(await opened.locator('h2').first().textContent()).toBe('Metrópolis');
  // The game's weights: the regional preset counts the region's gain too.
  expect(await opened.getByTestId('score-rule').first().textContent()).toContain('1 punto de ganancia de toda la región = 1 punto');
  await opened.close();

  // Ana leaves a draft and does not submit; the host closes the round: hillton's draft is taken.
  ana.client.send({ type: 'draft', decisions: { ...noDecisions(1), subsidies: { talent: 0.1, startups: 0, capital: 0 } } });
  await ana.client.view((v) => v.draft !== null);
  host.send({ type: 'close-round', round: 1 });
  await host.view((v) => (v.hostNotices ?? []).some((n) => n.code === 'drafts-taken'), 30_000);
  const notices = page.getByTestId('notices');
  await notices.waitFor();
  await notices.locator('summary').click();
  const said = await notices.locator('li').first().textContent();
  expect(said).toBe('第 1 轮：山镇的草稿已按提交处理。');
  expect(await untranslated(page, 'zh')).toEqual([]);

  for (const c of [host, ana.client]) c.close();
  await context.close();
});
