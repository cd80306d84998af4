/**
 * Alerts on a phone (issue 11), in a real game in Chromium at 390×844: an offer from another
 * city shows at the top, however far down the player has scrolled, and takes them to the
 * offer; a national cap the host announces makes the draft invalid, and the alert says why
 * in the player's language and fixes it in one tap (the room gets the draft at the cap), and
 * the budget check shows the model's projection of the fixed draft; in the last 30 s an
 * unsubmitted city gets "Submit now".
 */
import { moneyDigits } from '../../web/src/lib/money';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { makeContext, resolveParams } from '../../core/model';
import { spendingRange } from '../../core/model/spending';
import { getScenario } from '../../core/scenarios';
import { SHOTS, useServerAndBrowser } from '../support/browser';
import { createGame, RoomClient } from '../support/room-client';
import { axe, remember, untranslated } from './web';

const env = useServerAndBrowser();
const HOST = 'a1e27a1e27a1e27a1e27a1e27a1e27a1';
const PHONE = { width: 390, height: 844 };

/** Wholly inside the phone's screen as it stands (not below the fold, not scrolled away). */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox({ timeout: 2_000 }).catch(() => null);
  return !!box && box.y >= 0 && box.y + box.height <= PHONE.height && box.x >= 0 && box.x + box.width <= PHONE.width;
}
const scrollToEnd = (page: Page) => page.evaluate('window.scrollTo(0, document.body.scrollHeight)');

it('an offer from another city shows on top of the phone and leads to the offer; put away, it stays away', async () => {
  const { code } = await createGame(env.server.url, { scenario: 'classroom-4', rounds: 2, roundSeconds: 600, seed: 3 }, HOST);
  const host = await RoomClient.open(env.server.host, code, HOST);
  const ana = await RoomClient.join(env.server.host, code, 'Ana', 'hillton');
  const bo = await RoomClient.join(env.server.host, code, 'Bo', 'metropolis');
  host.send({ type: 'start' });
  await host.view((v) => v.phase === 'playing', 30_000);

  const { context, page } = await env.tb.person(PHONE);
  await remember(context, { 'enclave:lang': 'es', [`enclave:seat:${code}`]: ana.token });
  await page.goto(`${env.server.url}/play/${code}`);
  await page.locator('input#sub-talent').waitFor({ timeout: 30_000 });
  expect(await page.locator('[data-alert]').count()).toBe(0);
  // The player is reading the bottom of the page when the offer comes.
  await scrollToEnd(page);

  bo.client.send({ type: 'propose', terms: { kind: 'platform', members: ['metropolis', 'hillton'], subsidyCap: null, techTrading: true } });
  const offer = page.locator('[data-alert="offer"]');
  await offer.waitFor({ timeout: 15_000 });
  const id = (await bo.client.view((v) => v.deals.some((d) => d.status === 'open'))).deals.find((d) => d.status === 'open')!.id;
  expect(await offer.count()).toBe(1);
  expect(await offer.textContent()).toContain('le ofrece un acuerdo: Plataforma de coordinación');
  expect(await onScreen(page, '[data-alert="offer"]')).toBe(true);
  expect(await untranslated(page, 'es')).toEqual([]);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}alerts-offer-es-390px.png` });

  await offer.getByRole('button', { name: 'Ver la oferta' }).click();
  // The offer's own buttons (accept, reject, counter) are in view: the answer is a tap away.
  await expect.poll(() => onScreen(page, `[data-testid="deals-incoming"] [data-deal="${id}"] button`), { timeout: 5_000 }).toBe(true);
  // …and not under the alerts on top: a tap would reach it (a trial click fails on a covered button).
  await page.locator(`[data-testid="deals-incoming"] [data-deal="${id}"]`).getByRole('button', { name: 'Aceptar' }).click({ trial: true, timeout: 3_000 });

  await offer.getByRole('button', { name: 'Descartar' }).click();
  await expect.poll(() => offer.count(), { timeout: 5_000 }).toBe(0);
  // A chat line makes a new view: the offer it put away does not come back.
  bo.client.send({ type: 'chat', text: 'hola', to: null });
  await page.getByText('hola').waitFor({ timeout: 10_000 });
  expect(await offer.count()).toBe(0);
  // Nor after a reload: put away on this phone stays put away.
  await page.reload();
  await page.locator('input#sub-talent').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="deals-incoming"] [data-deal]').first().waitFor({ timeout: 15_000 });
  // An event announced now shows its alert: the alerts are there, and the offer is not among them.
  host.send({ type: 'event', event: 'downturn' });
  await page.locator('[data-alert="event"]').waitFor({ timeout: 15_000 });
  expect(await offer.count()).toBe(0);
  await context.close();
  for (const c of [host, ana.client, bo.client]) c.close();
});

it('a cap announced by the host makes the draft invalid: the alert says why and its one tap puts the draft at the cap', async () => {
  const { code } = await createGame(env.server.url, { scenario: 'classroom-4', rounds: 2, roundSeconds: 600, seed: 4 }, HOST);
  const host = await RoomClient.open(env.server.host, code, HOST);
  const ana = await RoomClient.join(env.server.host, code, 'Ana', 'hillton');
  host.send({ type: 'start' });
  await host.view((v) => v.phase === 'playing', 30_000);

  const { context, page } = await env.tb.person(PHONE);
  await remember(context, { 'enclave:lang': 'en', [`enclave:seat:${code}`]: ana.token });
  await page.goto(`${env.server.url}/play/${code}`);
  const talent = page.locator('input[type="number"]#sub-talent');
  await talent.waitFor({ timeout: 30_000 });
  await talent.fill('0.8');
  await ana.client.view((v) => v.draft?.decisions.subsidies.talent === 0.8, 15_000);
  expect(await page.locator('[data-alert="invalid"]').count()).toBe(0);
  await scrollToEnd(page);

  host.send({ type: 'event', event: 'unified-market' });
  const invalid = page.locator('[data-alert="invalid"]');
  await invalid.waitFor({ timeout: 15_000 });
  const text = (await invalid.textContent()) ?? '';
  expect(text).toContain('at the deadline it would take no action');
  expect(text).toContain('must be at most 0.3, the national subsidy cap');
  expect(await onScreen(page, '[data-alert="invalid"]')).toBe(true);
  // The event itself is news on top too, once.
  expect(await page.locator('[data-alert="event"]').count()).toBe(1);
  expect(await page.locator('[data-alert="event"]').textContent()).toContain('National unified market');
  // Not something to put away: no dismiss button.
  expect(await invalid.getByRole('button', { name: 'Dismiss' }).count()).toBe(0);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}alerts-cap-en-390px.png` });

  const fix = invalid.getByTestId('alert-fix');
  expect(await fix.textContent()).toContain('Lower subsidies to the cap (0.30)');
  await fix.click();
  const fixed = await ana.client.view((v) => v.draft?.decisions.subsidies.talent === 0.3, 15_000);
  expect(fixed.draft!.decisions.subsidies.talent).toBe(0.3);
  await expect.poll(() => invalid.count(), { timeout: 10_000 }).toBe(0);
  expect(await talent.inputValue()).toBe('0.3');

  // The budget check under the form is the model's projection of this draft, the cap included.
  const s = getScenario('classroom-4')!;
  const cap = s.events.find((e) => e.id === 'unified-market')!.event;
  const range = spendingRange(makeContext(s, resolveParams(fixed.state.params)), fixed.state, 'hillton', fixed.draft!.decisions, { results: [], open: fixed.open, deals: [], events: [cap] });
  expect(range.expected.subsidies).toBeGreaterThan(0);
  // Money as the page shows it: one decimal, two significant digits below 1 (web/src/lib/money.ts).
  const money = (x: number) => x.toFixed(moneyDigits(x));
  const line = `Expected spending ${money(range.expected.total)}, up to ${money(range.most.total)} if the other cities cut or undercut their subsidies, of ${money(range.expected.available)} available (budget plus credit)`;
  await expect.poll(() => page.getByTestId('budget-line').textContent(), { timeout: 10_000 }).toBe(line);
  await context.close();
  for (const c of [host, ana.client]) c.close();
});

it('in the last 30 s an unsubmitted city is told on top, in its language, and one tap submits what the form holds', async () => {
  const { code } = await createGame(env.server.url, { scenario: 'classroom-4', rounds: 2, roundSeconds: 600, seed: 5 }, HOST);
  const host = await RoomClient.open(env.server.host, code, HOST);
  const ana = await RoomClient.join(env.server.host, code, 'Ana', 'hillton');
  host.send({ type: 'start' });
  await host.view((v) => v.phase === 'playing', 30_000);

  const { context, page } = await env.tb.person(PHONE);
  await remember(context, { 'enclave:lang': 'zh', [`enclave:seat:${code}`]: ana.token });
  await page.goto(`${env.server.url}/play/${code}`);
  const talent = page.locator('input[type="number"]#sub-talent');
  await talent.waitFor({ timeout: 30_000 });
  await talent.fill('0.2');
  await ana.client.view((v) => v.draft?.decisions.subsidies.talent === 0.2, 15_000);
  expect(await page.locator('[data-alert="closing"]').count()).toBe(0);
  await scrollToEnd(page);

  // The host takes the round down to its last 25 s.
  host.send({ type: 'extend', round: 1, seconds: -575 });
  const closing = page.locator('[data-alert="closing"]');
  await closing.waitFor({ timeout: 15_000 });
  expect(await closing.textContent()).toContain('本轮剩余不到 30 秒，你的城市还没有提交。');
  expect(await onScreen(page, '[data-alert="closing"]')).toBe(true);
  expect(await untranslated(page, 'zh')).toEqual([]);
  await closing.getByRole('button', { name: '立即提交' }).click();
  const sent = await ana.client.view((v) => v.submission !== null, 10_000);
  expect(sent.submission!.decisions.subsidies.talent).toBe(0.2);
  await expect.poll(() => closing.count(), { timeout: 10_000 }).toBe(0);
  await context.close();
  for (const c of [host, ana.client]) c.close();
});
